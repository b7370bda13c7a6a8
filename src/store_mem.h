/*
 * store_mem.h - private to the built-in in-memory store: store_mem.c (the
 * store operations and the per-matter event lists), store_mem_tables.c
 * (table storage, the matter table), store_mem_counts.c (per-matter window
 * counts), store_mem_hist.c (history).
 *
 * Layout, chosen for a stream that is bound by memory latency (a random
 * access to a large table costs a TLB walk and a DRAM miss):
 *  - matters live inline in an open-addressing table (one 64-byte line per
 *    lookup, no index indirection);
 *  - each matter counts the distinct customers of its window in its own
 *    small table, so the count of an event leaving the window sits near
 *    the others of its matter (warm for a busy matter, one line for a
 *    quiet one) instead of anywhere in a store-wide table; its slots never
 *    move, and each counted event notes its customer's slot, so an event
 *    leaving needs no lookup (store_mem_counts.c);
 *  - complaint history per (customer, matter) in 64-byte slots with a
 *    one-byte tag per slot beside them, so a lookup of a pair with no
 *    history (most of them) reads only the small tag array.
 * All use linear probing; the matter and history tables delete by
 * backward shift (no tombstones), the count tables by rebuilding.
 * history() prefetches what window() will touch, and one-entry memos
 * remember the last matter, history slot and count slot found, so
 * record() finds them without probing again.
 */
#ifndef TOUSU_STORE_MEM_H
#define TOUSU_STORE_MEM_H

#include "internal.h"

#if defined(__GNUC__)
#define TZM_PREFETCH(p) __builtin_prefetch(p)
#define TZM_PREFETCH_W(p) __builtin_prefetch(p, 1) /* a line about to be written */
#else
#define TZM_PREFETCH(p) ((void)(p))
#define TZM_PREFETCH_W(p) ((void)(p))
#endif

#define TZM_NONE UINT32_MAX /* "no slot" */

enum {
    TZM_SWEEP_SLOTS = 8,  /* matter slots one sweep looks at, in a row */
    TZM_SWEEP_EVERY = 16, /* records per matter sweep: half a slot each */
    TZM_EV_MIN_LOG = 3, /* a new matter's event array: 8 events */
    TZM_SPARE_MAX = 32  /* spare arrays of that size kept for reuse */
};

/* One intake in a matter's window. */
typedef struct tzm_ev {
    int64_t t;
    uint64_t contact;
    uint64_t customer;
    uint32_t vip;   /* 0/1 */
    uint32_t cslot; /* while counted in a table: its customer's slot there */
} tzm_ev;

/* One customer of a matter's window: how many counted events, VIP and not
 * (R-BAT-2). A slot, once taken, keeps its customer until the table is
 * rebuilt, even when both counts fall to 0 (store_mem_counts.c). */
typedef struct tzm_cslot {
    uint64_t customer;
    uint32_t n_vip;
    uint32_t n_ord; /* the count, and TZM_CS_TAKEN once the slot is taken */
} tzm_cslot;

#define TZM_CS_TAKEN UINT32_C(0x80000000)

/* A matter, its events sorted by t, and the distinct customers of its
 * counted events. 64 bytes: one line per lookup. Both arrays have a power
 * of two size, kept as its logarithm so the line holds everything a
 * window() needs to find the slot of a customer. */
typedef struct tzm_matter {
    uint64_t key;
    tzm_ev *evs;     /* NULL = an empty slot; evs[start .. start+len) */
    tzm_cslot *ctab; /* the counted customers, 1 << ct_log slots; NULL
                        while at most TZM_SMALL_MAX events are counted */
    uint32_t start, len;
    uint32_t lpos;   /* index (from start) of the first counted event */
    uint8_t ev_log;  /* evs holds 1 << ev_log events */
    uint8_t ct_log;
    uint16_t ct_room; /* free ctab slots new customers may still take
                         before a rebuild (at most 0xFFFF: then counted) */
    int64_t left;    /* counted events are those with t >= left */
    int64_t newest;
    uint32_t n_ord, n_vip; /* with ctab: distinct customers among counted
                              events (= ctab slots in use) */
} tzm_matter;

/* A customer seen by the scan of a late window (gen: the scan's stamp). */
typedef struct tzm_seen {
    uint64_t customer;
    uint32_t gen;
    uint32_t vip;
} tzm_seen;

/* The complaint history of one (customer, matter): 64 bytes (whether a
 * slot is in use is its tag's business, store_mem_hist.c). */
typedef struct tzm_hist {
    uint64_t customer, matter;
    uint64_t open_id;
    int64_t open_ms;
    uint64_t archived_id;
    int64_t archived_ms;
    uint64_t archived_by;
    int32_t archived_level;
    int32_t pad_;
} tzm_hist;

/* The slot a lookup found, or where its key would go, valid while the
 * table's generation is unchanged (any insertion, deletion or rehash bumps
 * it). A found slot is also re-validated by its key, so it survives
 * unrelated changes when the entry did not move. */
typedef struct tzm_memo {
    uint64_t a, b;  /* the key */
    uint32_t slot;  /* TZM_NONE = nothing remembered */
    uint32_t gen;
    bool found;
} tzm_memo;

/* An open-addressing table of fixed-size slots, 64-byte aligned. */
typedef struct tzm_table {
    void *slots;
    uint8_t *tags;  /* one per slot (0 = empty), or NULL: see store_mem_hist.c */
    void *raw;      /* the allocation (slots and tags are inside it) */
    uint32_t cap;   /* a power of two, or 0 */
    uint32_t used;
    uint32_t gen;   /* bumped by every structural change */
    uint32_t sweep; /* the incremental sweep's next slot */
    uint32_t tick;  /* records since the last sweep */
    tzm_memo memo;
} tzm_table;

struct tousu_memstore {
    tz_alloc alloc;
    int64_t retention_ms;   /* window + late allowance */
    int64_t repeat_months;  /* R-REP-2, for the history retention */
    int64_t utc_offset_min;
    size_t bytes;
    int64_t newest;         /* newest intake recorded; INT64_MIN = none */
    tzm_table matters;      /* tzm_matter */
    tzm_table hist;         /* tzm_hist */
    /* Archives older than the start of the repeat period and one month
     * more, from the start of the newest intake's local day, may be
     * dropped (the day's value is computed once). */
    tz_months_memo hist_since;
    /* A lower bound on the archive time of every entry the sweep could
     * drop, so it sweeps only when something may have expired; and the
     * bound being gathered by the current pass. */
    int64_t hist_floor, hist_pass_floor;
    /* While newest is below this, the history sweep has nothing to do:
     * its cutoff is fixed for the local day and the floor is not below it. */
    int64_t hist_idle_until;
    /* The last record's complaint opening, not yet in its slot (see
     * store_mem_hist.c). */
    struct {
        bool on;
        uint64_t customer, matter, open_id;
        int64_t open_ms;
    } hist_pending;
    /* event arrays of the smallest size, kept from dropped matters for
     * new ones (matters come and go all the time) */
    tzm_ev *spare[TZM_SPARE_MAX];
    uint32_t n_spare;
    /* The count slot window() found for its customer, which record()
     * counts next (store_mem_counts.c), and the generation of the count
     * tables: bumped whenever a slot is freed or a table made, rebuilt or
     * dropped. */
    struct {
        uintptr_t tab; /* (an address, not a pointer: the table may be freed) */
        uint64_t customer;
        uint32_t slot, gen;
        bool found;
    } ct_memo;
    uint32_t ct_gen;
    /* scratch set for scanning late windows */
    tzm_seen *scan;
    uint32_t scan_cap;
    uint32_t scan_gen;
};

/* ---------- hashing ---------- */

static inline uint64_t tzm_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

/* The slot hash of one key in a table of at most 2^32 slots (mask + 1): a
 * fold and one multiply, the high half kept. Cheaper than tzm_mix64 and
 * as good for ids that count up or share their low bits; used for the
 * matter table and the per-matter customer tables, which probe several
 * times per contact. */
static inline uint32_t tzm_home(uint64_t key, uint32_t mask)
{
    return (uint32_t)(((key ^ (key >> 32)) * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & mask;
}

/* The home slot of a matter key in the matter table of cap slots. */
static inline uint32_t tzm_matter_home(uint64_t key, uint32_t cap)
{
    return tzm_home(key, cap - 1);
}

/* The hash of a (matter, customer) pair (the history table's key). */
static inline uint64_t tzm_pair_hash(uint64_t matter, uint64_t customer)
{
    return tzm_mix64(matter * UINT64_C(0x9E3779B97F4A7C15) ^ customer);
}

/* The home slot of a pair's hash in the history table of cap slots (a
 * power of two): the hash's top bits, so doubling the table sends slot i
 * to 2i or 2i + 1 and a rehash in slot order writes the new table nearly
 * in order (store_mem_hist.c). Its tag takes the low bits. */
static inline uint32_t tzm_hist_home(uint64_t hash, uint32_t cap)
{
    return (uint32_t)(((hash >> 32) * cap) >> 32);
}

static inline tzm_matter *tzm_matter_at(const tousu_memstore *s, uint32_t slot)
{
    return (tzm_matter *)s->matters.slots + slot;
}

static inline tzm_ev *tzm_ev_at(const tzm_matter *m, uint32_t i)
{
    return &m->evs[m->start + i];
}

/* ---------- the hot path, inline (several calls per contact) ---------- */

/* The remembered lookup of key (a, b): the found slot, still holding the
 * key, or the empty slot where it would go, while nothing changed. */
static inline bool tzm_memo_hit(const tzm_table *t, uint64_t a, uint64_t b, bool *found)
{
    const tzm_memo *mo = &t->memo;
    if (mo->slot == TZM_NONE || mo->a != a || mo->b != b || mo->slot >= t->cap)
        return false;
    if (!mo->found && mo->gen != t->gen)
        return false;
    *found = mo->found;
    return true;
}

static inline void tzm_memo_set(tzm_table *t, uint64_t a, uint64_t b, uint32_t slot, bool found)
{
    t->memo.a = a;
    t->memo.b = b;
    t->memo.slot = slot;
    t->memo.gen = t->gen;
    t->memo.found = found;
}

/* The matter's slot by probing (tzm_matter_find when the memo misses). */
uint32_t tzm_matter_probe(tousu_memstore *s, uint64_t key);

/* The slot of matter key, or TZM_NONE. One triage asks up to four times
 * about the same matter: all but the first are answered by the memo. */
static inline uint32_t tzm_matter_find(tousu_memstore *s, uint64_t key)
{
    const tzm_table *t = &s->matters;
    const uint32_t slot = t->memo.slot; /* (TZM_NONE is never below cap) */
    if (slot < t->cap) {
        /* A found slot holding the key is the matter's (keys are unique),
         * whatever the memo's key. "Absent" stays true until the matter is
         * inserted, which sets the memo (or a rehash clears it); the slot
         * where it would go may move, but tzm_matter_insert checks that by
         * the table's generation itself. */
        const tzm_matter *m = tzm_matter_at(s, slot);
        if (t->memo.found ? m->evs && m->key == key : t->memo.a == key)
            return t->memo.found ? slot : TZM_NONE;
    }
    return tzm_matter_probe(s, key);
}

/* Has every event of m aged out of the store (newest + retention < the
 * store's newest intake)? Such a matter is treated as absent. */
static inline bool tzm_matter_expired(const tousu_memstore *s, const tzm_matter *m)
{
    if (s->newest == INT64_MIN || m->newest == INT64_MIN)
        return false;
    /* newest + retention < store newest, without overflow (m->newest <=
     * s->newest, so the unsigned difference is exact). */
    return (uint64_t)s->newest - (uint64_t)m->newest > (uint64_t)s->retention_ms;
}

/* Distinct customers of m's counted events (with a table). */
static inline uint32_t tzm_count_used(const tzm_matter *m)
{
    return m->n_ord + m->n_vip;
}

static inline bool tzm_cslot_taken(const tzm_cslot *c)
{
    return (c->n_ord & TZM_CS_TAKEN) != 0;
}

/* Has the customer at c any counted event? */
static inline bool tzm_cslot_present(const tzm_cslot *c)
{
    return (c->n_vip | (c->n_ord & ~TZM_CS_TAKEN)) != 0;
}

/* The slot of customer in m's table (m->ctab set), or the free slot
 * where it would go. */
static inline tzm_cslot *tzm_cslot_find(const tzm_matter *m, uint64_t customer, bool *found)
{
    uint32_t mask = (1u << m->ct_log) - 1;
    for (uint32_t i = tzm_home(customer, mask);; i = (i + 1) & mask) {
        tzm_cslot *c = &m->ctab[i];
        if (!tzm_cslot_taken(c) || c->customer == customer) {
            *found = tzm_cslot_taken(c);
            return c;
        }
    }
}

/* ---------- store_mem.c ---------- */

/* Drop m's dead events and halve its array when mostly empty. */
void tzm_matter_trim(tousu_memstore *s, tzm_matter *m);

/* ---------- store_mem_tables.c ---------- */

/* Table storage: cap zeroed slots (and tags), 64-byte aligned. */
int tzm_table_make(const tz_alloc *a, tzm_table *t, uint32_t cap, size_t slot_size, bool tags);
/* Replace old's storage by fresh's (already filled), keeping the counters. */
void tzm_table_swap(tousu_memstore *s, tzm_table *old, tzm_table *fresh, size_t slot_size);
/* The capacity that holds used + extra at a load of at most max_load_pct
 * (t->cap when it already does; 0 when too large). */
uint32_t tzm_table_grown_cap(const tzm_table *t, uint32_t extra, uint32_t min_cap,
                             uint32_t max_load_pct);
/* Backward-shift deletion: may the entry at j, whose home is `home`, move
 * into the hole at i? Yes when its home is not cyclically in (i, j]. */
static inline bool tzm_may_fill(uint32_t home, uint32_t i, uint32_t j)
{
    bool between = (i <= j) ? (home > i && home <= j) : (home > i || home <= j);
    return !between;
}

/* Matters. */
int tzm_matter_reserve(tousu_memstore *s);
/* Insert key (absent; room reserved) with its event array of 1 << ev_log
 * events; returns its slot. */
uint32_t tzm_matter_insert(tousu_memstore *s, uint64_t key, tzm_ev *evs, uint8_t ev_log);
/* Forget m's events and counts (the slot stays). */
void tzm_matter_clear(tousu_memstore *s, tzm_matter *m);
/* Look at TZM_SWEEP_SLOTS slots: drop the matters that expired, trim the
 * arrays of the others. Called once every TZM_SWEEP_EVERY records. */
void tzm_matter_sweep(tousu_memstore *s);
void tzm_tables_free(tousu_memstore *s);
/* An event array of 1 << TZM_EV_MIN_LOG events (a spare one if any), and
 * its return (kept as a spare while there is room). */
tzm_ev *tzm_evs_new(tousu_memstore *s);
void tzm_evs_free(tousu_memstore *s, tzm_ev *evs, uint8_t ev_log);

/* ---------- store_mem_counts.c: distinct customers, R-BAT-2 ---------- */

enum {
    TZM_SMALL_MAX = 8, /* counted events a matter reads instead of a table */
    TZM_CT_MIN_LOG = 4 /* a table's first size: 16 slots */
};

/* tzm_count_reserve when the room is not there already: a table for a
 * quiet matter, a recount of a saturated room, or a rebuild. */
int tzm_count_make_room(tousu_memstore *s, tzm_matter *m, uint32_t extra);

/* Room for `extra` more counted events (no visible change on failure);
 * may give a quiet matter its table, or rebuild a table whose free slots
 * ran out. */
static inline int tzm_count_reserve(tousu_memstore *s, tzm_matter *m, uint32_t extra)
{
    bool room = m->ctab ? m->ct_room >= extra
                        : (uint64_t)(m->len - m->lpos) + extra <= TZM_SMALL_MAX;
    return room ? TOUSU_OK : tzm_count_make_room(s, m, extra);
}

/* Move a matter's distinct counts (*n_vip, *n_ord) after one event of a
 * customer (VIP or not) enters or leaves: `before` and `after` are the
 * customer's counts on either side. Arithmetic, not branches: whether a
 * customer is new, or leaves, or turns VIP is random from call to call. */
static inline void tzm_count_shift(uint32_t *n_vip, uint32_t *n_ord, const tzm_cslot *before,
                                   const tzm_cslot *after)
{
    const uint32_t was = tzm_cslot_present(before), was_vip = before->n_vip != 0;
    const uint32_t now = tzm_cslot_present(after), now_vip = after->n_vip != 0;
    *n_vip += now_vip - was_vip;
    *n_ord += (now & !now_vip) - (was & !was_vip); /* VIP once any event is */
}

/* Count the event e (stored in m's array) at c, its customer's slot in
 * m's table (found: taken by it; else the free slot where it goes), and
 * note the slot in e (room reserved). */
static inline void tzm_count_add_at(tzm_matter *m, tzm_ev *e, tzm_cslot *c, bool found)
{
    if (!found) { /* takes a free slot */
        c->customer = e->customer;
        c->n_vip = 0;
        c->n_ord = TZM_CS_TAKEN;
        m->ct_room--;
    }
    const tzm_cslot before = *c;
    c->n_vip += e->vip;
    c->n_ord += 1u - e->vip;
    e->cslot = (uint32_t)(c - m->ctab);
    tzm_count_shift(&m->n_vip, &m->n_ord, &before, c);
}

/* tzm_count_add_at after a lookup (no-op for a matter without a table). */
static inline void tzm_count_add(tzm_matter *m, tzm_ev *e)
{
    if (!m->ctab)
        return;
    bool found;
    tzm_cslot *c = tzm_cslot_find(m, e->customer, &found);
    tzm_count_add_at(m, e, c, found);
}

/* Remember the slot a lookup of customer found in m's table (c) or the
 * free one where it would go. */
static inline void tzm_count_memo_set(tousu_memstore *s, const tzm_matter *m,
                                      uint64_t customer, const tzm_cslot *c, bool found)
{
    s->ct_memo.tab = (uintptr_t)m->ctab;
    s->ct_memo.customer = customer;
    s->ct_memo.slot = (uint32_t)(c - m->ctab);
    s->ct_memo.gen = s->ct_gen;
    s->ct_memo.found = found;
}

/* The slot of customer in m's table (m->ctab set), as tzm_cslot_find
 * answers it, from the memo when it still holds: a found slot while it
 * still holds the customer (slots do not move, and a customer has one
 * slot at most), a free one while it is free and no slot was freed since
 * (a freed slot before it would end the probe sooner). Between a window()
 * and the record() of the same contact neither can change; the checks are
 * for a store user who calls them otherwise (a record() much later than
 * its window() may drop events and free slots). */
static inline tzm_cslot *tzm_count_slot(const tousu_memstore *s, const tzm_matter *m,
                                        uint64_t customer, bool *found)
{
    const uint32_t slot = s->ct_memo.slot;
    if (s->ct_memo.tab == (uintptr_t)m->ctab && s->ct_memo.customer == customer &&
        slot < (1u << m->ct_log)) {
        tzm_cslot *c = &m->ctab[slot];
        bool ok = s->ct_memo.found ? tzm_cslot_taken(c) && c->customer == customer
                                   : s->ct_memo.gen == s->ct_gen && !tzm_cslot_taken(c);
        if (ok) {
            *found = s->ct_memo.found;
            return c;
        }
    }
    return tzm_cslot_find(m, customer, found);
}

/* Slide m's counted events forward past those before x, uncounting each
 * (m->lpos and the distinct counts move; `left` is the caller's); returns
 * how many slots it freed.
 *
 * An event's slot was noted when it was counted and slots never move while
 * a table lives, so this needs no lookup. A customer whose last event
 * leaves keeps the slot (with counts 0), so nothing is shifted either,
 * unless the next slot is free: then no probe passes through this one, and
 * it is freed too. The counts are kept in locals: m's fields could alias
 * the slots' for the compiler. */
static inline uint32_t tzm_uncount_before(tzm_matter *m, int64_t x)
{
    const tzm_ev *base = tzm_ev_at(m, 0);
    uint32_t lpos = m->lpos;
    const uint32_t len = m->len;
    if (!m->ctab) {
        while (lpos < len && base[lpos].t < x)
            lpos++;
        m->lpos = lpos;
        return 0;
    }
    tzm_cslot *tab = m->ctab;
    const uint32_t mask = (1u << m->ct_log) - 1;
    uint32_t n_vip = m->n_vip, n_ord = m->n_ord, freed = 0;
    while (lpos < len && base[lpos].t < x) {
        const tzm_ev *e = &base[lpos++];
        tzm_cslot *c = &tab[e->cslot];
        const tzm_cslot before = *c;
        c->n_vip -= e->vip;
        c->n_ord -= 1u - e->vip;
        tzm_count_shift(&n_vip, &n_ord, &before, c);
        const uint32_t gone = !tzm_cslot_present(c);
        const uint32_t next_free = !tzm_cslot_taken(&tab[(e->cslot + 1) & mask]);
        const uint32_t release = gone & next_free;
        c->n_ord &= ~(release * TZM_CS_TAKEN); /* (the count is 0) */
        freed += release;
    }
    m->lpos = lpos;
    m->n_vip = n_vip;
    m->n_ord = n_ord;
    const uint32_t room = m->ct_room + freed;
    m->ct_room = (uint16_t)(room > 0xFFFF ? 0xFFFF : room);
    return freed;
}

/* With a table: the counts of customer in m's window, or NULL; the slot
 * is remembered for the record() that usually follows. */
static inline const tzm_cslot *tzm_count_get(tousu_memstore *s, const tzm_matter *m,
                                             uint64_t customer)
{
    if (!m->ctab)
        return NULL;
    bool found;
    const tzm_cslot *c = tzm_cslot_find(m, customer, &found);
    tzm_count_memo_set(s, m, customer, c, found);
    return found && tzm_cslot_present(c) ? c : NULL;
}
/* Without a table: add m's distinct customers to *out by reading its at
 * most TZM_SMALL_MAX counted events. */
void tzm_count_small(const tzm_matter *m, uint64_t customer, tousu_window *out);
/* Start fetching the slot where a lookup of customer starts. */
static inline void tzm_prefetch_count(const tzm_matter *m, uint64_t customer)
{
    if (m->ctab)
        TZM_PREFETCH(&m->ctab[tzm_home(customer, (1u << m->ct_log) - 1)]);
}
/* Rebuild m's table smaller when mostly empty, drop it when m is quiet
 * again (a failure keeps it). */
void tzm_count_trim(tousu_memstore *s, tzm_matter *m);
void tzm_count_drop_table(tousu_memstore *s, tzm_matter *m);
size_t tzm_count_bytes(uint8_t ct_log);

/* ---------- store_mem_hist.c: history (R-REP) ---------- */

tzm_hist *tzm_hist_get(tousu_memstore *s, uint64_t customer, uint64_t mkey);
/* Start fetching the tags a lookup of (customer, mkey) reads first. */
static inline void tzm_hist_prefetch(const tousu_memstore *s, uint64_t customer, uint64_t mkey)
{
    if (s->hist.cap)
        TZM_PREFETCH(&s->hist.tags[tzm_hist_home(tzm_pair_hash(mkey, customer), s->hist.cap)]);
}
enum { TZM_HIST_MAX_LOAD_PCT = 85 }; /* probes scan tags, so a high load stays cheap */
/* Room for one more entry, growing the table (or dropping what expired)
 * when it is full; tzm_hist_reserve calls it only then. */
int tzm_hist_grow(tousu_memstore *s);
static inline int tzm_hist_reserve(tousu_memstore *s)
{
    const tzm_table *t = &s->hist;
    if (((uint64_t)t->used + 1) * 100 <= (uint64_t)t->cap * TZM_HIST_MAX_LOAD_PCT)
        return TOUSU_OK;
    return tzm_hist_grow(s);
}
/* Record an open complaint of (customer, mkey) (room reserved). */
void tzm_hist_open(tousu_memstore *s, uint64_t customer, uint64_t mkey, uint64_t id,
                   int64_t ms);
/* Look at a few slots and drop entries past the repeat period (record()
 * calls it while newest >= hist_idle_until). */
void tzm_hist_sweep(tousu_memstore *s);
/* Note an archive at ms (keeps the sweep's lower bound). */
void tzm_hist_archived(tousu_memstore *s, int64_t ms);
void tzm_hist_free(tousu_memstore *s);

#endif
