/*
 * store_mem_hist.c - the in-memory store's complaint history (R-REP): per
 * (customer, matter) the open complaint and the latest archived one.
 *
 * The table is the store's largest (one entry per pair that ever had a
 * complaint within the retention), so a probe into it is a TLB walk plus a
 * DRAM miss. Beside the 64-byte slots sits one tag byte per slot (0 =
 * empty, else 7 bits of the hash): a probe scans the small, cache-resident
 * tags and reads a slot only when its tag matches, so asking about a pair
 * with no history (most contacts) never touches the slots, and the table
 * can run at a higher load than plain linear probing would bear.
 *
 * Retention (include/tousu.h): an entry with no open complaint whose
 * archive is older than the store's newest intake minus the repeat period
 * and one month more is dropped by an incremental sweep; an open complaint
 * is kept however old (R-REP-3 follow-ups).
 */
#include "store_mem.h"

#include <string.h>

enum {
    HIST_MIN_CAP = 1024,
    HIST_MAX_LOAD_PCT = 85, /* probes scan tags, so a high load stays cheap */
    HIST_SWEEP_STEP = 2     /* slots looked at per record() */
};

#define DAY_MS INT64_C(86400000)

static tzm_hist *hist_at(const tousu_memstore *s, uint32_t i)
{
    return (tzm_hist *)s->hist.slots + i;
}

static uint8_t tag_of(uint64_t hash)
{
    return (uint8_t)(0x80u | (hash >> 57)); /* never 0 (empty) */
}

/* The slot of (customer, mkey), or the empty slot where it would go. */
static uint32_t hist_find(tousu_memstore *s, uint64_t customer, uint64_t mkey, bool *found)
{
    tzm_table *t = &s->hist;
    if (tzm_memo_hit(t, customer, mkey, found)) {
        const tzm_hist *h = hist_at(s, t->memo.slot);
        if (!*found || (t->tags[t->memo.slot] && h->customer == customer && h->matter == mkey))
            return t->memo.slot;
    }
    uint64_t hash = tzm_pair_hash(mkey, customer);
    uint8_t tag = tag_of(hash);
    uint32_t mask = t->cap - 1;
    for (uint32_t i = (uint32_t)hash & mask;; i = (i + 1) & mask) {
        uint8_t x = t->tags[i];
        if (!x) {
            *found = false;
            tzm_memo_set(t, customer, mkey, i, false);
            return i;
        }
        const tzm_hist *h = hist_at(s, i);
        if (x == tag && h->customer == customer && h->matter == mkey) {
            *found = true;
            tzm_memo_set(t, customer, mkey, i, true);
            return i;
        }
    }
}

tzm_hist *tzm_hist_get(tousu_memstore *s, uint64_t customer, uint64_t mkey)
{
    /* Customer 0 is never stored (the engine requires a customer id). */
    if (!s->hist.cap || !customer)
        return NULL;
    bool found;
    uint32_t i = hist_find(s, customer, mkey, &found);
    return found ? hist_at(s, i) : NULL;
}

int tzm_hist_reserve(tousu_memstore *s)
{
    tzm_table *t = &s->hist;
    uint32_t nc = tzm_table_grown_cap(t, 1, HIST_MIN_CAP, HIST_MAX_LOAD_PCT);
    if (nc == t->cap)
        return TOUSU_OK;
    tzm_table fresh;
    if (!nc || tzm_table_make(&s->alloc, &fresh, nc, sizeof(tzm_hist), true) != TOUSU_OK)
        return TOUSU_ENOMEM;
    uint32_t mask = nc - 1;
    for (uint32_t i = 0; i < t->cap; i++) {
        if (!t->tags[i])
            continue;
        const tzm_hist *h = hist_at(s, i);
        uint32_t j = (uint32_t)tzm_pair_hash(h->matter, h->customer) & mask;
        while (fresh.tags[j])
            j = (j + 1) & mask;
        ((tzm_hist *)fresh.slots)[j] = *h;
        fresh.tags[j] = t->tags[i];
    }
    tzm_table_swap(s, t, &fresh, sizeof(tzm_hist));
    s->hist_pass_floor = s->hist_floor; /* the sweep starts a new pass */
    return TOUSU_OK;
}

tzm_hist *tzm_hist_upsert(tousu_memstore *s, uint64_t customer, uint64_t mkey)
{
    bool found;
    uint32_t i = hist_find(s, customer, mkey, &found);
    tzm_hist *h = hist_at(s, i);
    if (!found) {
        memset(h, 0, sizeof *h);
        h->customer = customer;
        h->matter = mkey;
        s->hist.tags[i] = tag_of(tzm_pair_hash(mkey, customer));
        s->hist.used++;
        s->hist.gen++;
        tzm_memo_set(&s->hist, customer, mkey, i, true);
    }
    return h;
}

static void hist_delete(tousu_memstore *s, uint32_t i)
{
    tzm_table *t = &s->hist;
    uint32_t mask = t->cap - 1;
    for (uint32_t j = (i + 1) & mask; t->tags[j]; j = (j + 1) & mask) {
        const tzm_hist *h = hist_at(s, j);
        uint32_t home = (uint32_t)tzm_pair_hash(h->matter, h->customer) & mask;
        if (tzm_may_fill(home, i, j)) {
            *hist_at(s, i) = *h;
            t->tags[i] = t->tags[j];
            i = j;
        }
    }
    t->tags[i] = 0;
    t->used--;
    t->gen++;
}

/* Archives older than this can no longer make a repeat (R-REP-2): the
 * store's newest intake minus the repeat period and one month more (the
 * retention the header promises), taken from the start of that local day
 * so it is computed once a day and errs on the side of keeping. */
static bool hist_cutoff(tousu_memstore *s, int64_t *cutoff)
{
    if (s->newest < TZ_TIME_MIN_MS || s->newest >= TZ_TIME_MAX_MS)
        return false; /* only direct store users can record such times */
    const int64_t offset_ms = s->utc_offset_min * TZ_MINUTE_MS;
    int64_t day = tz_floor_div(s->newest + offset_ms, DAY_MS);
    if (day != s->hist_day) {
        s->hist_day = day;
        s->hist_cutoff = tz_minus_months(day * DAY_MS - offset_ms, s->repeat_months + 1,
                                         s->utc_offset_min);
    }
    *cutoff = s->hist_cutoff;
    return true;
}

void tzm_hist_archived(tousu_memstore *s, int64_t ms)
{
    if (ms < s->hist_floor)
        s->hist_floor = ms;
    if (ms < s->hist_pass_floor)
        s->hist_pass_floor = ms;
}

/* Only an archive with no open complaint can be dropped: an open complaint
 * is kept however old; reopening keeps the old archive until the next
 * archive replaces it (and lowers the floor). */
static bool hist_droppable(const tousu_memstore *s, uint32_t i)
{
    const tzm_hist *h = hist_at(s, i);
    return s->hist.tags[i] && !h->open_id && h->archived_id;
}

/* Look at a few slots; the floor (a lower bound on the archive time of
 * every droppable entry, renewed by each full pass) lets the sweep rest
 * until something can have expired. */
void tzm_hist_sweep(tousu_memstore *s)
{
    tzm_table *t = &s->hist;
    int64_t cutoff;
    if (!t->used || !hist_cutoff(s, &cutoff) || cutoff <= s->hist_floor)
        return;
    for (int k = 0; k < HIST_SWEEP_STEP; k++) {
        uint32_t i = t->sweep;
        if (hist_droppable(s, i) && hist_at(s, i)->archived_ms < cutoff) {
            hist_delete(s, i); /* another entry may shift into i: look again */
            continue;
        }
        if (hist_droppable(s, i) && hist_at(s, i)->archived_ms < s->hist_pass_floor)
            s->hist_pass_floor = hist_at(s, i)->archived_ms;
        if (++t->sweep == t->cap) { /* a full pass: what it saw bounds all */
            t->sweep = 0;
            s->hist_floor = s->hist_pass_floor;
            s->hist_pass_floor = INT64_MAX;
        }
    }
}

void tzm_hist_free(tousu_memstore *s)
{
    tz_free(&s->alloc, s->hist.raw);
}
