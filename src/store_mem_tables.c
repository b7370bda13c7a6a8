/*
 * store_mem_tables.c - the in-memory store's table storage and its matter
 * table; window counts are in store_mem_counts.c, history in
 * store_mem_hist.c (layout: store_mem.h). Linear probing, backward-shift
 * deletion, a one-entry lookup memo per table, and an incremental sweep:
 * a matter whose newest event is older than the store's newest intake minus
 * (window + late allowance) can hold nothing a window within the late
 * allowance needs, so it is dropped with its events and counts.
 * Growth allocates the new table before touching the old one, so a failed
 * reservation leaves everything as it was (R-HOST-3).
 */
#include "store_mem.h"

#include <string.h>

enum {
    MATTER_MIN_CAP = 64,
    MATTER_TRIM_MIN_LOG = 4 /* smaller event arrays are not worth a search */
};

_Static_assert(sizeof(tzm_matter) == 64, "a matter is one cache line");

/* ---------- generic table storage ---------- */

/* A zeroed, 64-byte aligned array of cap slots, so that a 64-byte slot is
 * exactly one cache line. */
int tzm_table_make(const tz_alloc *a, tzm_table *t, uint32_t cap, size_t slot_size, bool tags)
{
    memset(t, 0, sizeof *t);
    size_t per_slot = slot_size + (tags ? 1 : 0);
    if ((size_t)cap > (SIZE_MAX - 64) / per_slot)
        return TOUSU_ENOMEM;
    size_t n = (size_t)cap * per_slot;
    unsigned char *raw = tz_calloc(a, 1, n + 63); /* (a large one comes zero from the OS) */
    if (!raw)
        return TOUSU_ENOMEM;
    unsigned char *slots = raw + ((64 - (uintptr_t)raw % 64) % 64);
    t->raw = raw;
    t->slots = slots;
    t->tags = tags ? slots + (size_t)cap * slot_size : NULL;
    t->cap = cap;
    t->memo.slot = TZM_NONE;
    return TOUSU_OK;
}

void tzm_table_swap(tousu_memstore *s, tzm_table *old, tzm_table *fresh, size_t slot_size)
{
    size_t per_slot = slot_size + (fresh->tags ? 1 : 0);
    s->bytes += (size_t)fresh->cap * per_slot;
    s->bytes -= (size_t)old->cap * per_slot;
    tz_free(&s->alloc, old->raw);
    old->raw = fresh->raw;
    old->slots = fresh->slots;
    old->tags = fresh->tags;
    old->cap = fresh->cap;
    old->sweep = 0;
    old->gen++;
    old->memo.slot = TZM_NONE;
}

uint32_t tzm_table_grown_cap(const tzm_table *t, uint32_t extra, uint32_t min_cap,
                             uint32_t max_load_pct)
{
    uint64_t want = (uint64_t)t->used + extra;
    if (want * 100 <= (uint64_t)t->cap * max_load_pct)
        return t->cap;
    uint64_t nc = t->cap ? (uint64_t)t->cap * 2 : min_cap;
    while (want * 100 > nc * max_load_pct)
        nc *= 2;
    return nc > (UINT64_C(1) << 31) ? 0 : (uint32_t)nc;
}

/* ---------- matters ---------- */

uint32_t tzm_matter_probe(tousu_memstore *s, uint64_t key)
{
    tzm_table *t = &s->matters;
    if (!t->cap)
        return TZM_NONE;
    uint32_t mask = t->cap - 1;
    for (uint32_t i = tzm_matter_home(key, t->cap);; i = (i + 1) & mask) {
        const tzm_matter *m = tzm_matter_at(s, i);
        if (!m->evs) {
            tzm_memo_set(t, key, 0, i, false);
            return TZM_NONE;
        }
        if (m->key == key) {
            tzm_memo_set(t, key, 0, i, true);
            return i;
        }
    }
}

static uint32_t matter_empty_slot(const tzm_table *t, uint64_t key)
{
    uint32_t mask = t->cap - 1;
    uint32_t i = tzm_matter_home(key, t->cap);
    while (((const tzm_matter *)t->slots)[i].evs)
        i = (i + 1) & mask;
    return i;
}

static void matter_free_arrays(tousu_memstore *s, tzm_matter *m)
{
    tzm_count_drop_table(s, m);
    tzm_evs_free(s, m->evs, m->ev_log);
    m->evs = NULL;
}

/* Move the matters into a table of nc slots, leaving out (and freeing)
 * the expired ones; no change on failure. */
static int matter_rehash(tousu_memstore *s, uint32_t nc)
{
    tzm_table *t = &s->matters, fresh;
    if (!nc || tzm_table_make(&s->alloc, &fresh, nc, sizeof(tzm_matter), false) != TOUSU_OK)
        return TOUSU_ENOMEM;
    for (uint32_t i = 0; i < t->cap; i++) {
        tzm_matter *m = tzm_matter_at(s, i);
        if (m->evs && tzm_matter_expired(s, m)) {
            matter_free_arrays(s, m);
            t->used--;
        } else if (m->evs) {
            ((tzm_matter *)fresh.slots)[matter_empty_slot(&fresh, m->key)] = *m;
        }
    }
    tzm_table_swap(s, t, &fresh, sizeof(tzm_matter));
    return TOUSU_OK;
}

int tzm_matter_reserve(tousu_memstore *s)
{
    tzm_table *t = &s->matters;
    uint32_t nc = tzm_table_grown_cap(t, 1, MATTER_MIN_CAP, 75);
    if (nc == t->cap)
        return TOUSU_OK;
    /* Full. Before doubling, count the expired matters (logically gone):
     * they are left out, and the table need not grow when they make the
     * room. */
    tzm_table survivors = *t;
    for (uint32_t i = 0; i < t->cap; i++) {
        const tzm_matter *m = tzm_matter_at(s, i);
        survivors.used -= m->evs && tzm_matter_expired(s, m);
    }
    nc = tzm_table_grown_cap(&survivors, 1, MATTER_MIN_CAP, 75);
    return matter_rehash(s, nc);
}

uint32_t tzm_matter_insert(tousu_memstore *s, uint64_t key, tzm_ev *evs, uint8_t ev_log)
{
    tzm_table *t = &s->matters;
    bool found;
    uint32_t i = tzm_memo_hit(t, key, 0, &found) && !found ? t->memo.slot
                                                        : matter_empty_slot(t, key);
    tzm_matter *m = tzm_matter_at(s, i);
    memset(m, 0, sizeof *m);
    m->key = key;
    m->evs = evs;
    m->ev_log = ev_log;
    m->left = INT64_MIN;
    m->newest = INT64_MIN;
    t->used++;
    t->gen++;
    tzm_memo_set(t, key, 0, i, true);
    return i;
}

void tzm_matter_clear(tousu_memstore *s, tzm_matter *m)
{
    tzm_count_drop_table(s, m);
    m->start = m->len = m->lpos = 0;
    m->left = INT64_MIN;
    m->newest = INT64_MIN;
    m->n_ord = m->n_vip = 0;
}

/* Remove the matter at slot i: its counts, its events, its slot. */
static void matter_drop(tousu_memstore *s, uint32_t i)
{
    tzm_table *t = &s->matters;
    matter_free_arrays(s, tzm_matter_at(s, i));
    uint32_t mask = t->cap - 1;
    for (uint32_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        tzm_matter *c = tzm_matter_at(s, j);
        if (!c->evs)
            break;
        if (tzm_may_fill(tzm_matter_home(c->key, t->cap), i, j)) {
            *tzm_matter_at(s, i) = *c;
            i = j;
        }
    }
    memset(tzm_matter_at(s, i), 0, sizeof(tzm_matter));
    t->used--;
    t->gen++;
}

/* Every TZM_SWEEP_EVERY records, look at TZM_SWEEP_SLOTS slots in a row (a
 * run of adjacent lines is cheaper than one cold line per record): drop
 * the matters that expired, trim the large arrays of the others. Half a
 * slot per record: a pass over the table takes twice its size in records,
 * so an expired matter's arrays are freed within that many records (a
 * growing table leaves expired matters out anyway, tzm_matter_reserve).
 * Looking at a slot per record cost about 2% more throughput for memory
 * that is returned a pass sooner. */
void tzm_matter_sweep(tousu_memstore *s)
{
    tzm_table *t = &s->matters;
    if (!t->used)
        return;
    for (int k = 0; k < TZM_SWEEP_SLOTS && t->used; k++) {
        uint32_t i = t->sweep;
        tzm_matter *m = tzm_matter_at(s, i);
        if (m->evs && tzm_matter_expired(s, m)) {
            matter_drop(s, i); /* another matter may shift into i: look again */
            continue;
        }
        if (m->evs && (m->ev_log > MATTER_TRIM_MIN_LOG || m->ctab))
            tzm_matter_trim(s, m);
        t->sweep = (i + 1) & (t->cap - 1);
        if (t->sweep == 0 && t->cap > MATTER_MIN_CAP && (uint64_t)t->used * 8 <= t->cap) {
            (void)matter_rehash(s, t->cap / 2); /* after a wave of matters */
            return;
        }
    }
}

tzm_ev *tzm_evs_new(tousu_memstore *s)
{
    if (s->n_spare)
        return s->spare[--s->n_spare];
    tzm_ev *evs = tz_malloc(&s->alloc, ((size_t)1 << TZM_EV_MIN_LOG) * sizeof(tzm_ev));
    if (evs)
        s->bytes += ((size_t)1 << TZM_EV_MIN_LOG) * sizeof(tzm_ev);
    return evs;
}

void tzm_evs_free(tousu_memstore *s, tzm_ev *evs, uint8_t ev_log)
{
    if (!evs)
        return;
    if (ev_log == TZM_EV_MIN_LOG && s->n_spare < TZM_SPARE_MAX) {
        s->spare[s->n_spare++] = evs;
        return;
    }
    s->bytes -= ((size_t)1 << ev_log) * sizeof(tzm_ev);
    tz_free(&s->alloc, evs);
}

void tzm_tables_free(tousu_memstore *s)
{
    for (uint32_t i = 0; i < s->n_spare; i++)
        tz_free(&s->alloc, s->spare[i]);
    for (uint32_t i = 0; i < s->matters.cap; i++) {
        tz_free(&s->alloc, tzm_matter_at(s, i)->evs);
        tz_free(&s->alloc, tzm_matter_at(s, i)->ctab);
    }
    tz_free(&s->alloc, s->matters.raw);
}
