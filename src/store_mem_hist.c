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
    HIST_SWEEP_STEP = 2 /* slots looked at per record() */
};

static tzm_hist *hist_at(const tousu_memstore *s, uint32_t i)
{
    return (tzm_hist *)s->hist.slots + i;
}

/* 7 low bits of the hash (the home takes the high ones), never 0 (empty). */
static uint8_t tag_of(uint64_t hash)
{
    return (uint8_t)(0x80u | (hash & 0x7Fu));
}

/* The slot of (customer, mkey), or the empty slot where it would go. */
static uint32_t hist_find(tousu_memstore *s, uint64_t customer, uint64_t mkey, bool *found)
{
    tzm_table *t = &s->hist;
    const uint32_t slot = t->memo.slot; /* (TZM_NONE is never below cap) */
    if (slot < t->cap) {
        /* A found slot still holding the pair is the pair's (pairs are
         * unique), whatever the memo's key; an empty one holds while the
         * table has not changed. */
        const tzm_hist *h = hist_at(s, slot);
        if (t->memo.found ? t->tags[slot] && h->customer == customer && h->matter == mkey
                          : t->memo.a == customer && t->memo.b == mkey && t->memo.gen == t->gen) {
            *found = t->memo.found;
            return slot;
        }
    }
    uint64_t hash = tzm_pair_hash(mkey, customer);
    uint8_t tag = tag_of(hash);
    uint32_t mask = t->cap - 1;
    for (uint32_t i = tzm_hist_home(hash, t->cap);; i = (i + 1) & mask) {
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

/*
 * Opening a complaint writes a slot that is usually a cold line (a pair
 * that had no history), and a store to a missing line stalls the rest of
 * the triage once the store buffer fills behind it (the result is 1.2 KB
 * of stores). So record() only notes the opening, and the next operation
 * on the table writes it first: its line is then fetched while that
 * operation's own lookup misses, instead of after it. The noted opening is
 * in the table as far as anything can tell: it counts in `used` (room was
 * reserved) and every operation writes it before it looks.
 */
static void hist_flush(tousu_memstore *s)
{
    if (!s->hist_pending.on)
        return;
    s->hist_pending.on = false;
    const uint64_t customer = s->hist_pending.customer, mkey = s->hist_pending.matter;
    bool found;
    uint32_t i = hist_find(s, customer, mkey, &found);
    tzm_hist *h = hist_at(s, i);
    if (found) {
        s->hist.used--; /* counted as new when it was noted */
    } else {
        memset(h, 0, sizeof *h);
        h->customer = customer;
        h->matter = mkey;
        s->hist.tags[i] = tag_of(tzm_pair_hash(mkey, customer));
        s->hist.gen++;
        tzm_memo_set(&s->hist, customer, mkey, i, true);
    }
    h->open_id = s->hist_pending.open_id;
    h->open_ms = s->hist_pending.open_ms;
}

void tzm_hist_open(tousu_memstore *s, uint64_t customer, uint64_t mkey, uint64_t id, int64_t ms)
{
    hist_flush(s);
    s->hist_pending.on = true;
    s->hist_pending.customer = customer;
    s->hist_pending.matter = mkey;
    s->hist_pending.open_id = id;
    s->hist_pending.open_ms = ms;
    s->hist.used++;
}

tzm_hist *tzm_hist_get(tousu_memstore *s, uint64_t customer, uint64_t mkey)
{
    hist_flush(s);
    /* Customer 0 is never stored (the engine requires a customer id). */
    if (!s->hist.cap || !customer)
        return NULL;
    bool found;
    uint32_t i = hist_find(s, customer, mkey, &found);
    if (found)
        return hist_at(s, i);
    TZM_PREFETCH_W(hist_at(s, i)); /* a complaint asking opens the pair next: its line */
    return NULL;
}

/* Archives older than this can no longer make a repeat (R-REP-2): the
 * store's newest intake minus the repeat period and one month more (the
 * retention the header promises), taken from the start of that local day
 * so it is computed once a day and errs on the side of keeping. */
static bool hist_cutoff(tousu_memstore *s, int64_t *cutoff)
{
    if (s->newest < TZ_TIME_MIN_MS || s->newest >= TZ_TIME_MAX_MS)
        return false; /* only direct store users can record such times */
    (void)tz_minus_months_memo(&s->hist_since, s->newest, s->repeat_months + 1,
                               s->utc_offset_min);
    *cutoff = s->hist_since.base; /* at the start of newest's local day */
    return true;
}

void tzm_hist_archived(tousu_memstore *s, int64_t ms)
{
    if (ms < s->hist_floor) {
        s->hist_floor = ms;
        s->hist_idle_until = INT64_MIN; /* something may expire sooner */
    }
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

static bool hist_expired(const tousu_memstore *s, uint32_t i, int64_t cutoff)
{
    return hist_droppable(s, i) && hist_at(s, i)->archived_ms < cutoff;
}

/* Move the entries into a table of nc slots, leaving out those archived
 * before cutoff (INT64_MIN: none); no change on failure. A full pass, so
 * it also renews the sweep's floor exactly. */
static int hist_rehash(tousu_memstore *s, uint32_t nc, int64_t cutoff)
{
    tzm_table *t = &s->hist, fresh;
    if (!nc || tzm_table_make(&s->alloc, &fresh, nc, sizeof(tzm_hist), true) != TOUSU_OK)
        return TOUSU_ENOMEM;
    uint32_t mask = nc - 1;
    int64_t floor = INT64_MAX;
    for (uint32_t i = 0; i < t->cap; i++) {
        if (!t->tags[i])
            continue;
        if (hist_expired(s, i, cutoff)) {
            t->used--;
            continue;
        }
        const tzm_hist *h = hist_at(s, i);
        if (hist_droppable(s, i) && h->archived_ms < floor)
            floor = h->archived_ms;
        uint32_t j = tzm_hist_home(tzm_pair_hash(h->matter, h->customer), nc);
        while (fresh.tags[j])
            j = (j + 1) & mask;
        ((tzm_hist *)fresh.slots)[j] = *h;
        fresh.tags[j] = t->tags[i];
    }
    tzm_table_swap(s, t, &fresh, sizeof(tzm_hist));
    s->hist_floor = floor;
    s->hist_idle_until = INT64_MIN;
    s->hist_pass_floor = INT64_MAX; /* the sweep starts a new pass */
    return TOUSU_OK;
}

/* The cutoff below which entries may go now, or INT64_MIN. */
static int64_t hist_drop_cutoff(tousu_memstore *s)
{
    int64_t cutoff;
    return s->hist.used && hist_cutoff(s, &cutoff) && cutoff > s->hist_floor ? cutoff : INT64_MIN;
}

int tzm_hist_grow(tousu_memstore *s)
{
    tzm_table *t = &s->hist;
    uint32_t nc = tzm_table_grown_cap(t, 1, HIST_MIN_CAP, TZM_HIST_MAX_LOAD_PCT);
    if (nc == t->cap)
        return TOUSU_OK;
    /* Full. Before doubling, see what the retention lets go: the expired
     * entries are left out of the new table, which need not be larger
     * when they make the room. (Dropping them changes no answer within
     * the retention, so doing it before the write is safe.) */
    hist_flush(s); /* (it has its room) */
    int64_t cutoff = hist_drop_cutoff(s);
    if (cutoff != INT64_MIN) {
        tzm_table survivors = *t;
        for (uint32_t i = 0; i < t->cap; i++)
            survivors.used -= hist_expired(s, i, cutoff);
        nc = tzm_table_grown_cap(&survivors, 1, HIST_MIN_CAP, TZM_HIST_MAX_LOAD_PCT);
    }
    return hist_rehash(s, nc, cutoff);
}

static void hist_delete(tousu_memstore *s, uint32_t i)
{
    tzm_table *t = &s->hist;
    uint32_t mask = t->cap - 1;
    for (uint32_t j = (i + 1) & mask; t->tags[j]; j = (j + 1) & mask) {
        const tzm_hist *h = hist_at(s, j);
        uint32_t home = tzm_hist_home(tzm_pair_hash(h->matter, h->customer), t->cap);
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

/* Look at a few slots; the floor (a lower bound on the archive time of
 * every droppable entry, renewed by each full pass) lets the sweep rest
 * until something can have expired. */
void tzm_hist_sweep(tousu_memstore *s)
{
    tzm_table *t = &s->hist;
    int64_t cutoff = hist_drop_cutoff(s);
    if (cutoff == INT64_MIN) { /* nothing can have expired */
        if (t->used && s->newest >= s->hist_since.lo && s->newest < s->hist_since.hi)
            s->hist_idle_until = s->hist_since.hi; /* the cutoff holds all day */
        return;
    }
    hist_flush(s);
    for (int k = 0; k < HIST_SWEEP_STEP; k++) {
        uint32_t i = t->sweep;
        if (hist_expired(s, i, cutoff)) {
            hist_delete(s, i); /* another entry may shift into i: look again */
            continue;
        }
        if (hist_droppable(s, i) && hist_at(s, i)->archived_ms < s->hist_pass_floor)
            s->hist_pass_floor = hist_at(s, i)->archived_ms;
        if (++t->sweep == t->cap) { /* a full pass: what it saw bounds all */
            t->sweep = 0;
            s->hist_floor = s->hist_pass_floor;
            s->hist_pass_floor = INT64_MAX;
            if (t->cap > HIST_MIN_CAP && (uint64_t)t->used * 8 <= t->cap)
                (void)hist_rehash(s, t->cap / 2, INT64_MIN); /* after a wave */
            return;
        }
    }
}

void tzm_hist_free(tousu_memstore *s)
{
    tz_free(&s->alloc, s->hist.raw);
}
