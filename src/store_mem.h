/*
 * store_mem.h - private to the built-in in-memory store (store_mem.c: the
 * store operations and the per-matter event lists; store_mem_tables.c: its
 * three hash tables and their incremental sweeps).
 *
 * Layout, chosen for a stream that is bound by memory latency:
 *  - matters live inline in an open-addressing table (one 64-byte line per
 *    lookup, no index indirection);
 *  - (matter, customer) counts of the batch windows in a small table, so it
 *    stays in cache;
 *  - complaint history per (customer, matter) in a 64-byte-slot table.
 * All three use linear probing with backward-shift deletion (no tombstones).
 * history() prefetches what window() and record() of the same triage will
 * touch, and a one-entry cache per table remembers the last slot found, so
 * record() finds its slots without probing again.
 */
#ifndef TOUSU_STORE_MEM_H
#define TOUSU_STORE_MEM_H

#include "internal.h"

#if defined(__GNUC__)
#define TZM_PREFETCH(p) __builtin_prefetch(p)
#else
#define TZM_PREFETCH(p) ((void)(p))
#endif

#define TZM_NONE UINT32_MAX /* "no slot" */

/* One intake in a matter's window. */
typedef struct tzm_ev {
    int64_t t;
    uint64_t contact;
    uint64_t customer;
    uint64_t vip; /* 0/1; 64-bit keeps the record 32 bytes and aligned */
} tzm_ev;

/* A matter and its events, sorted by t. 64 bytes: one line per lookup. */
typedef struct tzm_matter {
    uint64_t key;
    tzm_ev *evs;     /* NULL = an empty slot; evs[start .. start+len) */
    uint32_t start, len, cap;
    uint32_t lpos;   /* index (from start) of the first counted event */
    int64_t left;    /* counted events are those with t >= left */
    int64_t newest;
    uint32_t n_ord, n_vip; /* distinct customers among counted events */
    int64_t oldest;  /* t of the first event: prune without touching evs */
} tzm_matter;

/* (matter, customer) -> how many counted events, VIP and not. */
typedef struct tzm_count {
    uint64_t matter, customer;
    uint32_t n_vip, n_ord; /* both 0 = empty slot */
} tzm_count;

/* The complaint history of one (customer, matter): 64 bytes. */
typedef struct tzm_hist {
    uint64_t customer, matter; /* customer 0 = empty slot */
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
    void *raw;      /* the allocation (slots is aligned inside it) */
    uint32_t cap;   /* a power of two, or 0 */
    uint32_t used;
    uint32_t gen;   /* bumped by every structural change */
    uint32_t sweep; /* the incremental sweep's next slot */
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
    tzm_table counts;       /* tzm_count */
    tzm_table hist;         /* tzm_hist */
    int64_t hist_day;       /* local day the cached cutoff belongs to */
    int64_t hist_cutoff;    /* archives older than this may be dropped */
    /* A lower bound on the archive time of every entry the sweep could
     * drop, so it sweeps only when something may have expired; and the
     * bound being gathered by the current pass. */
    int64_t hist_floor, hist_pass_floor;
    /* scratch set for scanning late windows */
    tzm_count *scan;
    uint32_t scan_cap;
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

/* One hash per (matter, customer) pair serves both the counts and the
 * history table, so history() can prefetch the count slot for free. */
static inline uint64_t tzm_pair_hash(uint64_t matter, uint64_t customer)
{
    return tzm_mix64(matter * UINT64_C(0x9E3779B97F4A7C15) ^ customer);
}

static inline tzm_matter *tzm_matter_at(const tousu_memstore *s, uint32_t slot)
{
    return (tzm_matter *)s->matters.slots + slot;
}

/* ---------- store_mem_tables.c ---------- */

/* Matters. */
uint32_t tzm_matter_find(tousu_memstore *s, uint64_t key);
int tzm_matter_reserve(tousu_memstore *s);
/* Insert key (absent; room reserved) with its event array; returns its slot. */
uint32_t tzm_matter_insert(tousu_memstore *s, uint64_t key, tzm_ev *evs, uint32_t cap);
/* Has every event of m aged out of the store (newest + retention < the
 * store's newest intake)? Such a matter is treated as absent. */
bool tzm_matter_expired(const tousu_memstore *s, const tzm_matter *m);
/* Uncount m's counted events and forget them (the slot stays). */
void tzm_matter_clear(tousu_memstore *s, tzm_matter *m);
/* Look at a few slots and drop the matters that expired. */
void tzm_matter_sweep(tousu_memstore *s);
void tzm_prefetch_matter(const tousu_memstore *s, uint64_t key);

/* Counts (R-BAT-2). */
void tzm_count_add(tousu_memstore *s, tzm_matter *m, const tzm_ev *e);
void tzm_count_remove(tousu_memstore *s, tzm_matter *m, const tzm_ev *e);
int tzm_count_reserve(tousu_memstore *s, uint32_t extra);
/* The counts of (m, customer), or NULL. */
const tzm_count *tzm_count_get(tousu_memstore *s, uint64_t mkey, uint64_t customer);
void tzm_prefetch_count(const tousu_memstore *s, uint64_t mkey, uint64_t customer);

/* History (R-REP). */
void tzm_prefetch_hist(const tousu_memstore *s, uint64_t customer, uint64_t mkey);
tzm_hist *tzm_hist_get(tousu_memstore *s, uint64_t customer, uint64_t mkey);
int tzm_hist_reserve(tousu_memstore *s);
/* The entry of (customer, mkey), made empty when new (room reserved). */
tzm_hist *tzm_hist_upsert(tousu_memstore *s, uint64_t customer, uint64_t mkey);
/* Look at a few slots and drop entries past the repeat period. */
void tzm_hist_sweep(tousu_memstore *s);
/* Note an archive at ms (keeps the sweep's lower bound). */
void tzm_hist_archived(tousu_memstore *s, int64_t ms);

void tzm_tables_free(tousu_memstore *s);

#endif
