/*
 * error.c - status strings, the per-engine last-error message, the
 * struct_size copy rules of the ABI, and UTF-8 validation.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *tousu_strerror(int32_t code)
{
    switch (code) {
    case TOUSU_OK: return "ok";
    case TOUSU_EINVAL: return "invalid argument";
    case TOUSU_ERANGE: return "value out of range";
    case TOUSU_ESTRUCT: return "struct size mismatch";
    case TOUSU_EUTF8: return "malformed UTF-8";
    case TOUSU_ETOOBIG: return "input too large";
    case TOUSU_ENOMEM: return "out of memory";
    case TOUSU_ECALLBACK: return "host callback failed";
    case TOUSU_ENOTFOUND: return "not found";
    case TOUSU_ESTATE: return "wrong state for this call";
    case TOUSU_ENOSPACE: return "buffer too small";
    case TOUSU_ECORRUPT: return "corrupt data";
    case TOUSU_EVERSION: return "unsupported newer version";
    case TOUSU_EPARSE: return "parse error";
    case TOUSU_ENODATA: return "no data for this";
    case TOUSU_EDUPLICATE: return "duplicate key";
    default: return "unknown error";
    }
}

int tz_fail(tz_error *e, int code, const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        e->msg[0] = '\0';
    return code;
}

void tz_ok(tz_error *e)
{
    e->code = TOUSU_OK;
    e->msg[0] = '\0';
}

int tz_copy_in_sized(void *dst, size_t ours, const void *src, size_t their, size_t min_size)
{
    if (their < min_size || their > TZ_STRUCT_SIZE_MAX)
        return TOUSU_ESTRUCT;
    if (their > ours) {
        /* A newer caller: accept only when the fields we do not know are 0. */
        const unsigned char *tail = (const unsigned char *)src + ours;
        for (size_t i = 0; i < their - ours; i++)
            if (tail[i])
                return TOUSU_ESTRUCT;
        their = ours;
    }
    memcpy(dst, src, their);
    memset((char *)dst + their, 0, ours - their);
    ((size_t *)dst)[0] = ours;
    return TOUSU_OK;
}

void tz_memzero(void *p, size_t n)
{
    memset(p, 0, n);
}

bool tz_out_size_ok(const void *out)
{
    size_t n;
    memcpy(&n, out, sizeof n);
    return n >= sizeof(size_t);
}

void tz_copy_out(void *dst, size_t their, const void *src, size_t ours)
{
    size_t n = their < ours ? their : ours;
    memcpy(dst, src, n);
    if (n >= sizeof(size_t))
        memcpy(dst, &their, sizeof(size_t)); /* keep the caller's size */
}

/* Length of the sequence starting at s[i], or 0 when malformed. */
static size_t utf8_seq(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlongs */
        if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F; /* <= U+10FFFF */
    } else
        return 0;
    if (len - i < n)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return n;
}

size_t tz_utf8_check(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_seq(s, i, len);
        if (!n)
            return i;
        i += n;
    }
    return len;
}
