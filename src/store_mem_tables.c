/*
 * store_mem_tables.c - the in-memory store's three hash tables (see
 * store_mem.h): matters, (matter, customer) window counts (R-BAT-2), and
 * complaint history (R-REP). Linear probing, backward-shift deletion, a
 * one-entry lookup memo per table, and incremental sweeps that keep memory
 * bounded by what the rules can still ask for:
 *  - a matter whose newest event is older than the store's newest intake
 *    minus (window + late allowance) can hold nothing a window within the
 *    late allowance needs: it is dropped with its counts;
 *  - a history entry with no open complaint whose archive is older than the
 *    repeat period + 1 month (R-REP-2) is dropped.
 * Growth allocates the new table before touching the old one, so a failed
 * reservation leaves everything as it was (R-HOST-3).
 */
#include "store_mem.h"

#include <string.h>

enum {
    MATTER_MIN_CAP = 64,
    COUNT_MIN_CAP = 1024,
    HIST_MIN_CAP = 1024,
    /* Slots each record() looks at: more than one per insertion, so a
     * sweep passes the whole table before it needs to double. */
    MATTER_SWEEP_STEP = 2,
    HIST_SWEEP_STEP = 2
};

#define DAY_MS INT64_C(86400000)

/* ---------- generic table storage ---------- */

/* A zeroed, 64-byte aligned array of cap slots, so that a 64-byte slot is
 * exactly one cache line. */
static int table_make(const tz_alloc *a, tzm_table *t, uint32_t cap, size_t slot_size)
{
    memset(t, 0, sizeof *t);
    if ((size_t)cap > (SIZE_MAX - 64) / slot_size)
        return TOUSU_ENOMEM;
    size_t n = (size_t)cap * slot_size;
    unsigned char *raw = tz_malloc(a, n + 63);
    if (!raw)
        return TOUSU_ENOMEM;
    unsigned char *slots = raw + ((64 - (uintptr_t)raw % 64) % 64);
    memset(slots, 0, n);
    t->raw = raw;
    t->slots = slots;
    t->cap = cap;
    t->memo.slot = TZM_NONE;
    return TOUSU_OK;
}

/* Replace old's storage by fresh's (already filled), keeping the counters. */
static void table_swap(tousu_memstore *s, tzm_table *old, tzm_table *fresh, size_t slot_size)
{
    s->bytes += ((size_t)fresh->cap - old->cap) * slot_size;
    tz_free(&s->alloc, old->raw);
    old->raw = fresh->raw;
    old->slots = fresh->slots;
    old->cap = fresh->cap;
    old->sweep = 0;
    old->gen++;
    old->memo.slot = TZM_NONE;
}

/* The capacity that holds used + extra at a load of at most 3/4. */
static uint32_t table_grown_cap(const tzm_table *t, uint32_t extra, uint32_t min_cap)
{
    uint64_t want = (uint64_t)t->used + extra;
    if (want * 4 <= (uint64_t)t->cap * 3)
        return t->cap;
    uint64_t nc = t->cap ? (uint64_t)t->cap * 2 : min_cap;
    while (want * 4 > nc * 3)
        nc *= 2;
    return nc > (UINT64_C(1) << 31) ? 0 : (uint32_t)nc;
}

/* Is the entry whose home is `home` misplaced in the hole at i once the
 * slot at j moves? (Backward-shift deletion: move it when its home is not
 * cyclically in (i, j].) */
static bool may_fill(uint32_t home, uint32_t i, uint32_t j)
{
    bool between = (i <= j) ? (home > i && home <= j) : (home > i || home <= j);
    return !between;
}

/* A remembered lookup of key (a, b): the found slot, still holding the
 * key, or the empty slot where it would go, while nothing changed. */
static bool memo_hit(const tzm_table *t, uint64_t a, uint64_t b, bool *found)
{
    const tzm_memo *mo = &t->memo;
    if (mo->slot == TZM_NONE || mo->a != a || mo->b != b || mo->slot >= t->cap)
        return false;
    if (!mo->found && mo->gen != t->gen)
        return false;
    *found = mo->found;
    return true;
}

static void memo_set(tzm_table *t, uint64_t a, uint64_t b, uint32_t slot, bool found)
{
    t->memo.a = a;
    t->memo.b = b;
    t->memo.slot = slot;
    t->memo.gen = t->gen;
    t->memo.found = found;
}

/* ---------- matters ---------- */

static uint32_t matter_home(uint64_t key, uint32_t cap)
{
    return (uint32_t)tzm_mix64(key) & (cap - 1);
}

void tzm_prefetch_matter(const tousu_memstore *s, uint64_t key)
{
    if (s->matters.cap)
        TZM_PREFETCH(tzm_matter_at(s, matter_home(key, s->matters.cap)));
}

uint32_t tzm_matter_find(tousu_memstore *s, uint64_t key)
{
    tzm_table *t = &s->matters;
    if (!t->cap)
        return TZM_NONE;
    bool found;
    if (memo_hit(t, key, 0, &found)) {
        if (!found)
            return TZM_NONE;
        if (tzm_matter_at(s, t->memo.slot)->evs && tzm_matter_at(s, t->memo.slot)->key == key)
            return t->memo.slot;
    }
    uint32_t mask = t->cap - 1;
    for (uint32_t i = matter_home(key, t->cap);; i = (i + 1) & mask) {
        const tzm_matter *m = tzm_matter_at(s, i);
        if (!m->evs) {
            memo_set(t, key, 0, i, false);
            return TZM_NONE;
        }
        if (m->key == key) {
            memo_set(t, key, 0, i, true);
            return i;
        }
    }
}

static uint32_t matter_empty_slot(const tzm_table *t, uint64_t key)
{
    uint32_t mask = t->cap - 1;
    uint32_t i = matter_home(key, t->cap);
    while (((const tzm_matter *)t->slots)[i].evs)
        i = (i + 1) & mask;
    return i;
}

int tzm_matter_reserve(tousu_memstore *s)
{
    tzm_table *t = &s->matters;
    uint32_t nc = table_grown_cap(t, 1, MATTER_MIN_CAP);
    if (nc == t->cap)
        return TOUSU_OK;
    tzm_table fresh;
    if (!nc || table_make(&s->alloc, &fresh, nc, sizeof(tzm_matter)) != TOUSU_OK)
        return TOUSU_ENOMEM;
    for (uint32_t i = 0; i < t->cap; i++) {
        const tzm_matter *m = tzm_matter_at(s, i);
        if (m->evs)
            ((tzm_matter *)fresh.slots)[matter_empty_slot(&fresh, m->key)] = *m;
    }
    table_swap(s, t, &fresh, sizeof(tzm_matter));
    return TOUSU_OK;
}

uint32_t tzm_matter_insert(tousu_memstore *s, uint64_t key, tzm_ev *evs, uint32_t cap)
{
    tzm_table *t = &s->matters;
    bool found;
    uint32_t i = memo_hit(t, key, 0, &found) && !found ? t->memo.slot
                                                        : matter_empty_slot(t, key);
    tzm_matter *m = tzm_matter_at(s, i);
    memset(m, 0, sizeof *m);
    m->key = key;
    m->evs = evs;
    m->cap = cap;
    m->left = INT64_MIN;
    m->newest = INT64_MIN;
    m->oldest = INT64_MIN;
    s->bytes += (size_t)cap * sizeof(tzm_ev);
    t->used++;
    t->gen++;
    memo_set(t, key, 0, i, true);
    return i;
}

bool tzm_matter_expired(const tousu_memstore *s, const tzm_matter *m)
{
    if (s->newest == INT64_MIN || m->newest == INT64_MIN)
        return false;
    /* newest + retention < store newest, without overflow (m->newest <=
     * s->newest, so the unsigned difference is exact). */
    return (uint64_t)s->newest - (uint64_t)m->newest > (uint64_t)s->retention_ms;
}

void tzm_matter_clear(tousu_memstore *s, tzm_matter *m)
{
    for (uint32_t i = m->lpos; i < m->len; i++)
        tzm_count_remove(s, m, &m->evs[m->start + i]);
    m->start = m->len = m->lpos = 0;
    m->left = INT64_MIN;
    m->newest = INT64_MIN;
    m->oldest = INT64_MIN;
    m->n_ord = m->n_vip = 0;
}

/* Remove the matter at slot i: its counts, its events, its slot. */
static void matter_drop(tousu_memstore *s, uint32_t i)
{
    tzm_table *t = &s->matters;
    tzm_matter *m = tzm_matter_at(s, i);
    tzm_matter_clear(s, m);
    tz_free(&s->alloc, m->evs);
    s->bytes -= (size_t)m->cap * sizeof(tzm_ev);
    uint32_t mask = t->cap - 1;
    for (uint32_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        tzm_matter *c = tzm_matter_at(s, j);
        if (!c->evs)
            break;
        if (may_fill(matter_home(c->key, t->cap), i, j)) {
            *tzm_matter_at(s, i) = *c;
            i = j;
        }
    }
    memset(tzm_matter_at(s, i), 0, sizeof(tzm_matter));
    t->used--;
    t->gen++;
}

void tzm_matter_sweep(tousu_memstore *s)
{
    tzm_table *t = &s->matters;
    for (int k = 0; k < MATTER_SWEEP_STEP && t->used; k++) {
        uint32_t i = t->sweep;
        const tzm_matter *m = tzm_matter_at(s, i);
        TZM_PREFETCH(tzm_matter_at(s, (i + 4) & (t->cap - 1)));
        if (m->evs && tzm_matter_expired(s, m))
            matter_drop(s, i); /* another matter may shift into i: look again */
        else
            t->sweep = (i + 1) & (t->cap - 1);
    }
}

/* ---------- (matter, customer) counts, R-BAT-2 ---------- */

static tzm_count *count_at(const tousu_memstore *s, uint32_t i)
{
    return (tzm_count *)s->counts.slots + i;
}

static bool count_empty(const tzm_count *c)
{
    return !c->n_vip && !c->n_ord;
}

void tzm_prefetch_count(const tousu_memstore *s, uint64_t mkey, uint64_t customer)
{
    if (s->counts.cap)
        TZM_PREFETCH(count_at(s, (uint32_t)tzm_pair_hash(mkey, customer) & (s->counts.cap - 1)));
}

/* The slot of (mkey, customer), or the empty slot where it would go. */
static uint32_t count_find(tousu_memstore *s, uint64_t mkey, uint64_t customer, bool *found)
{
    tzm_table *t = &s->counts;
    if (memo_hit(t, mkey, customer, found)) {
        const tzm_count *c = count_at(s, t->memo.slot);
        if (!*found || (!count_empty(c) && c->matter == mkey && c->customer == customer))
            return t->memo.slot;
    }
    uint32_t mask = t->cap - 1;
    for (uint32_t i = (uint32_t)tzm_pair_hash(mkey, customer) & mask;; i = (i + 1) & mask) {
        const tzm_count *c = count_at(s, i);
        if (count_empty(c) || (c->matter == mkey && c->customer == customer)) {
            *found = !count_empty(c);
            memo_set(t, mkey, customer, i, *found);
            return i;
        }
    }
}

const tzm_count *tzm_count_get(tousu_memstore *s, uint64_t mkey, uint64_t customer)
{
    if (!s->counts.cap)
        return NULL;
    bool found;
    uint32_t i = count_find(s, mkey, customer, &found);
    return found ? count_at(s, i) : NULL;
}

int tzm_count_reserve(tousu_memstore *s, uint32_t extra)
{
    tzm_table *t = &s->counts;
    uint32_t nc = table_grown_cap(t, extra, COUNT_MIN_CAP);
    if (nc == t->cap)
        return TOUSU_OK;
    tzm_table fresh;
    if (!nc || table_make(&s->alloc, &fresh, nc, sizeof(tzm_count)) != TOUSU_OK)
        return TOUSU_ENOMEM;
    uint32_t mask = nc - 1;
    for (uint32_t i = 0; i < t->cap; i++) {
        const tzm_count *c = count_at(s, i);
        if (count_empty(c))
            continue;
        uint32_t j = (uint32_t)tzm_pair_hash(c->matter, c->customer) & mask;
        while (!count_empty((tzm_count *)fresh.slots + j))
            j = (j + 1) & mask;
        ((tzm_count *)fresh.slots)[j] = *c;
    }
    table_swap(s, t, &fresh, sizeof(tzm_count));
    return TOUSU_OK;
}

static void count_delete(tousu_memstore *s, uint32_t i)
{
    tzm_table *t = &s->counts;
    uint32_t mask = t->cap - 1;
    for (uint32_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        tzm_count *c = count_at(s, j);
        if (count_empty(c))
            break;
        if (may_fill((uint32_t)tzm_pair_hash(c->matter, c->customer) & mask, i, j)) {
            *count_at(s, i) = *c;
            i = j;
        }
    }
    memset(count_at(s, i), 0, sizeof(tzm_count));
    t->used--;
    t->gen++;
}

/* Count an event in its matter's distinct customers (R-BAT-2); room was
 * reserved. */
void tzm_count_add(tousu_memstore *s, tzm_matter *m, const tzm_ev *e)
{
    bool found;
    uint32_t i = count_find(s, m->key, e->customer, &found);
    tzm_count *c = count_at(s, i);
    if (!found) {
        c->matter = m->key;
        c->customer = e->customer;
        s->counts.used++;
        s->counts.gen++;
        memo_set(&s->counts, m->key, e->customer, i, true);
    }
    bool was_vip = c->n_vip > 0;
    if (e->vip)
        c->n_vip++;
    else
        c->n_ord++;
    /* A customer counts as VIP when any of its events in the window is. */
    if (!found) {
        if (e->vip)
            m->n_vip++;
        else
            m->n_ord++;
    } else if (e->vip && !was_vip) {
        m->n_vip++;
        m->n_ord--;
    }
}

void tzm_count_remove(tousu_memstore *s, tzm_matter *m, const tzm_ev *e)
{
    bool found;
    uint32_t i = count_find(s, m->key, e->customer, &found);
    if (!found)
        return; /* cannot happen: counted events are in the table */
    tzm_count *c = count_at(s, i);
    if (e->vip)
        c->n_vip--;
    else
        c->n_ord--;
    if (count_empty(c)) {
        if (e->vip)
            m->n_vip--;
        else
            m->n_ord--;
        count_delete(s, i);
    } else if (e->vip && !c->n_vip) {
        m->n_vip--;
        m->n_ord++;
    }
}

/* ---------- complaint history, R-REP ---------- */

static tzm_hist *hist_at(const tousu_memstore *s, uint32_t i)
{
    return (tzm_hist *)s->hist.slots + i;
}

static uint32_t hist_home(uint64_t customer, uint64_t mkey, uint32_t cap)
{
    return (uint32_t)tzm_pair_hash(mkey, customer) & (cap - 1);
}

/* The slot of (customer, mkey), or the empty slot where it would go. */
static uint32_t hist_find(tousu_memstore *s, uint64_t customer, uint64_t mkey, bool *found)
{
    tzm_table *t = &s->hist;
    if (memo_hit(t, customer, mkey, found)) {
        const tzm_hist *h = hist_at(s, t->memo.slot);
        if (!*found || (h->customer == customer && h->matter == mkey))
            return t->memo.slot;
    }
    uint32_t mask = t->cap - 1;
    for (uint32_t i = hist_home(customer, mkey, t->cap);; i = (i + 1) & mask) {
        const tzm_hist *h = hist_at(s, i);
        if (!h->customer || (h->customer == customer && h->matter == mkey)) {
            *found = h->customer != 0;
            memo_set(t, customer, mkey, i, *found);
            return i;
        }
    }
}

void tzm_prefetch_hist(const tousu_memstore *s, uint64_t customer, uint64_t mkey)
{
    if (s->hist.cap)
        TZM_PREFETCH(hist_at(s, hist_home(customer, mkey, s->hist.cap)));
}

tzm_hist *tzm_hist_get(tousu_memstore *s, uint64_t customer, uint64_t mkey)
{
    if (!s->hist.cap || !customer)
        return NULL;
    bool found;
    uint32_t i = hist_find(s, customer, mkey, &found);
    return found ? hist_at(s, i) : NULL;
}

int tzm_hist_reserve(tousu_memstore *s)
{
    tzm_table *t = &s->hist;
    uint32_t nc = table_grown_cap(t, 1, HIST_MIN_CAP);
    if (nc == t->cap)
        return TOUSU_OK;
    tzm_table fresh;
    if (!nc || table_make(&s->alloc, &fresh, nc, sizeof(tzm_hist)) != TOUSU_OK)
        return TOUSU_ENOMEM;
    uint32_t mask = nc - 1;
    for (uint32_t i = 0; i < t->cap; i++) {
        const tzm_hist *h = hist_at(s, i);
        if (!h->customer)
            continue;
        uint32_t j = hist_home(h->customer, h->matter, nc);
        while (((tzm_hist *)fresh.slots)[j].customer)
            j = (j + 1) & mask;
        ((tzm_hist *)fresh.slots)[j] = *h;
    }
    table_swap(s, t, &fresh, sizeof(tzm_hist));
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
        s->hist.used++;
        s->hist.gen++;
        memo_set(&s->hist, customer, mkey, i, true);
    }
    return h;
}

static void hist_delete(tousu_memstore *s, uint32_t i)
{
    tzm_table *t = &s->hist;
    uint32_t mask = t->cap - 1;
    for (uint32_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        tzm_hist *h = hist_at(s, j);
        if (!h->customer)
            break;
        if (may_fill(hist_home(h->customer, h->matter, t->cap), i, j)) {
            *hist_at(s, i) = *h;
            i = j;
        }
    }
    memset(hist_at(s, i), 0, sizeof(tzm_hist));
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

/* Only archived entries with no open complaint can be dropped: an open
 * complaint is kept however old (R-REP-3 follow-ups); reopening keeps the
 * old archive until the next archive replaces it. */
static bool hist_droppable(const tzm_hist *h)
{
    return h->customer && !h->open_id && h->archived_id;
}

void tzm_hist_sweep(tousu_memstore *s)
{
    tzm_table *t = &s->hist;
    int64_t cutoff;
    if (!t->used || !hist_cutoff(s, &cutoff) || cutoff <= s->hist_floor)
        return; /* nothing can have expired */
    for (int k = 0; k < HIST_SWEEP_STEP; k++) {
        uint32_t i = t->sweep;
        const tzm_hist *h = hist_at(s, i);
        TZM_PREFETCH(hist_at(s, (i + 4) & (t->cap - 1)));
        if (hist_droppable(h) && h->archived_ms < cutoff) {
            hist_delete(s, i); /* another entry may shift into i: look again */
            continue;
        }
        if (hist_droppable(h) && h->archived_ms < s->hist_pass_floor)
            s->hist_pass_floor = h->archived_ms;
        if (++t->sweep == t->cap) { /* a pass is complete: what it saw bounds all */
            t->sweep = 0;
            s->hist_floor = s->hist_pass_floor;
            s->hist_pass_floor = INT64_MAX;
        }
    }
}

void tzm_tables_free(tousu_memstore *s)
{
    for (uint32_t i = 0; i < s->matters.cap; i++)
        tz_free(&s->alloc, tzm_matter_at(s, i)->evs);
    tz_free(&s->alloc, s->matters.raw);
    tz_free(&s->alloc, s->counts.raw);
    tz_free(&s->alloc, s->hist.raw);
}
