/*
 * alloc.c - the allocator seam: the host's alloc/free pair (R-HOST-2) or
 * libc's. The host pair has no realloc, so growth copies.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void *libc_alloc(void *user, size_t n)
{
    (void)user;
    return malloc(n);
}

static void libc_free(void *user, void *p)
{
    (void)user;
    free(p);
}

void tz_alloc_default(tz_alloc *a)
{
    a->user = NULL;
    a->alloc = libc_alloc;
    a->free = libc_free;
}

void *tz_malloc(const tz_alloc *a, size_t n)
{
    return a->alloc(a->user, n ? n : 1);
}

void *tz_calloc(const tz_alloc *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    if (a->alloc == libc_alloc) /* libc knows when the memory is zero already */
        return calloc(count ? count : 1, size ? size : 1);
    void *p = tz_malloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void tz_free(const tz_alloc *a, void *p)
{
    if (p)
        a->free(a->user, p);
}

void *tz_realloc(const tz_alloc *a, void *p, size_t old_n, size_t new_n)
{
    if (a->alloc == libc_alloc)
        return realloc(p, new_n ? new_n : 1);
    void *q = tz_malloc(a, new_n);
    if (!q)
        return NULL;
    if (p) {
        memcpy(q, p, old_n < new_n ? old_n : new_n);
        tz_free(a, p);
    }
    return q;
}
