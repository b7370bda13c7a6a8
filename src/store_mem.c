/*
 * store_mem.c - the built-in in-memory store (R-HOST-2): batch windows per
 * matter (R-BAT) and complaint history per (customer, matter) (R-REP),
 * behind the same tousu_store_ops a host store implements (docs/store.md).
 *
 * Windows: each matter keeps its events sorted by intake time and a running
 * count of distinct customers over the events at or after `left`. A query
 * for [from, to] with from >= left and to >= the newest event (the usual
 * case: contacts arrive in time order) only slides `left` forward, so it is
 * amortised O(1). Any other query (a late event) scans its window.
 * Memory: events older than newest - (window + late allowance) are dropped.
 *
 * Every write reserves all the memory it needs before it changes anything,
 * so a failed write leaves the store exactly as it was (R-HOST-3).
 */
#include "internal.h"

#include <string.h>

typedef struct ev {
    int64_t t;
    uint64_t contact;
    uint64_t customer;
    uint64_t vip; /* 0/1; 64-bit keeps the record 32 bytes and aligned */
} ev;

typedef struct matter {
    uint64_t key;
    ev *evs;         /* evs[start .. start+len) sorted by t */
    uint32_t start, len, cap;
    uint32_t lpos;   /* index (from start) of the first counted event */
    int64_t left;    /* counted events are those with t >= left */
    int64_t newest;
    uint32_t n_ord, n_vip; /* distinct customers among counted events */
} matter;

/* (matter, customer) -> how many counted events, VIP and not. */
typedef struct cust_slot {
    uint64_t matter, customer;
    uint32_t n_vip, n_ord; /* both 0 = empty slot */
} cust_slot;

typedef struct hist_slot {
    uint64_t customer, matter; /* customer 0 = empty */
    uint64_t open_id;
    int64_t open_ms;
    uint64_t archived_id;
    int64_t archived_ms;
    uint64_t archived_by;
    int32_t archived_level;
    int32_t pad_;
} hist_slot;

struct tousu_memstore {
    tz_alloc alloc;
    int64_t retention_ms;  /* window + late allowance */
    size_t bytes;
    /* matters: dense array + open-addressing index (uint32 idx+1, 0 empty) */
    matter *matters;
    uint32_t n_matters, cap_matters;
    uint32_t *mindex;
    uint32_t mindex_cap; /* power of two */
    cust_slot *cust;
    uint32_t cust_cap, cust_used;
    hist_slot *hist;
    uint32_t hist_cap, hist_used;
    /* scratch set for scanning late windows */
    cust_slot *scan;
    uint32_t scan_cap;
};

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

static uint64_t hash2(uint64_t a, uint64_t b)
{
    return mix64(a * UINT64_C(0x9E3779B97F4A7C15) ^ mix64(b));
}

/* ---------- the matter index ---------- */

static matter *find_matter(const tousu_memstore *s, uint64_t key)
{
    if (!s->mindex_cap)
        return NULL;
    uint32_t mask = s->mindex_cap - 1;
    for (uint32_t i = (uint32_t)mix64(key) & mask;; i = (i + 1) & mask) {
        uint32_t v = s->mindex[i];
        if (!v)
            return NULL;
        if (s->matters[v - 1].key == key)
            return &s->matters[v - 1];
    }
}

static void mindex_put(uint32_t *index, uint32_t cap, uint64_t key, uint32_t value)
{
    uint32_t mask = cap - 1;
    uint32_t i = (uint32_t)mix64(key) & mask;
    while (index[i])
        i = (i + 1) & mask;
    index[i] = value;
}

/* Make room for one more matter (no change visible on failure). */
static int reserve_matter(tousu_memstore *s)
{
    if (s->n_matters == s->cap_matters) {
        uint32_t nc = s->cap_matters ? s->cap_matters * 2 : 64;
        matter *m = tz_realloc(&s->alloc, s->matters, s->cap_matters * sizeof *m, nc * sizeof *m);
        if (!m)
            return TOUSU_ENOMEM;
        s->bytes += (nc - s->cap_matters) * sizeof *m;
        s->matters = m;
        s->cap_matters = nc;
    }
    if ((uint64_t)(s->n_matters + 1) * 2 > s->mindex_cap) {
        uint32_t nc = s->mindex_cap ? s->mindex_cap * 2 : 128;
        uint32_t *idx = tz_calloc(&s->alloc, nc, sizeof *idx);
        if (!idx)
            return TOUSU_ENOMEM;
        for (uint32_t i = 0; i < s->n_matters; i++)
            mindex_put(idx, nc, s->matters[i].key, i + 1);
        tz_free(&s->alloc, s->mindex);
        s->bytes += (nc - s->mindex_cap) * sizeof *idx;
        s->mindex = idx;
        s->mindex_cap = nc;
    }
    return TOUSU_OK;
}

static matter *add_matter(tousu_memstore *s, uint64_t key)
{
    matter *m = &s->matters[s->n_matters];
    memset(m, 0, sizeof *m);
    m->key = key;
    m->left = INT64_MIN;
    m->newest = INT64_MIN;
    s->n_matters++;
    mindex_put(s->mindex, s->mindex_cap, key, s->n_matters);
    return m;
}

/* ---------- (matter, customer) counts: linear probing, backward-shift delete ---------- */

static cust_slot *cust_find(cust_slot *t, uint32_t cap, uint64_t mkey, uint64_t customer,
                            bool *found)
{
    uint32_t mask = cap - 1;
    for (uint32_t i = (uint32_t)hash2(mkey, customer) & mask;; i = (i + 1) & mask) {
        cust_slot *c = &t[i];
        if (!c->n_vip && !c->n_ord) {
            *found = false;
            return c;
        }
        if (c->matter == mkey && c->customer == customer) {
            *found = true;
            return c;
        }
    }
}

static void cust_delete(cust_slot *t, uint32_t cap, cust_slot *hole)
{
    uint32_t mask = cap - 1;
    uint32_t i = (uint32_t)(hole - t);
    for (uint32_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        cust_slot *c = &t[j];
        if (!c->n_vip && !c->n_ord)
            break;
        uint32_t home = (uint32_t)hash2(c->matter, c->customer) & mask;
        /* Move c into the hole when its home is not in (i, j]. */
        bool between = (i <= j) ? (home > i && home <= j) : (home > i || home <= j);
        if (!between) {
            t[i] = *c;
            i = j;
        }
    }
    memset(&t[i], 0, sizeof t[i]);
}

static int cust_reserve(tousu_memstore *s, uint32_t extra)
{
    if ((uint64_t)(s->cust_used + extra) * 4 <= (uint64_t)s->cust_cap * 3)
        return TOUSU_OK;
    uint32_t nc = s->cust_cap ? s->cust_cap * 2 : 1024;
    while ((uint64_t)(s->cust_used + extra) * 4 > (uint64_t)nc * 3)
        nc *= 2;
    cust_slot *t = tz_calloc(&s->alloc, nc, sizeof *t);
    if (!t)
        return TOUSU_ENOMEM;
    for (uint32_t i = 0; i < s->cust_cap; i++) {
        cust_slot *c = &s->cust[i];
        if (c->n_vip || c->n_ord) {
            bool found;
            *cust_find(t, nc, c->matter, c->customer, &found) = *c;
        }
    }
    tz_free(&s->alloc, s->cust);
    s->bytes += (size_t)(nc - s->cust_cap) * sizeof *t;
    s->cust = t;
    s->cust_cap = nc;
    return TOUSU_OK;
}

/* Count an event in its matter's distinct customers (R-BAT-2). */
static void count_add(tousu_memstore *s, matter *m, const ev *e)
{
    bool found;
    cust_slot *c = cust_find(s->cust, s->cust_cap, m->key, e->customer, &found);
    if (!found) {
        c->matter = m->key;
        c->customer = e->customer;
        s->cust_used++;
    }
    bool was_vip = c->n_vip > 0, was_any = found;
    if (e->vip)
        c->n_vip++;
    else
        c->n_ord++;
    /* A customer counts as VIP when any of its events in the window is. */
    if (!was_any) {
        if (e->vip)
            m->n_vip++;
        else
            m->n_ord++;
    } else if (e->vip && !was_vip) {
        m->n_vip++;
        m->n_ord--;
    }
}

static void count_remove(tousu_memstore *s, matter *m, const ev *e)
{
    bool found;
    cust_slot *c = cust_find(s->cust, s->cust_cap, m->key, e->customer, &found);
    if (!found)
        return; /* cannot happen: counted events are in the table */
    if (e->vip)
        c->n_vip--;
    else
        c->n_ord--;
    if (!c->n_vip && !c->n_ord) {
        if (e->vip)
            m->n_vip--;
        else
            m->n_ord--;
        s->cust_used--;
        cust_delete(s->cust, s->cust_cap, c);
    } else if (e->vip && !c->n_vip) {
        m->n_vip--;
        m->n_ord++;
    }
}

/* ---------- events ---------- */

static ev *ev_at(const matter *m, uint32_t i)
{
    return &m->evs[m->start + i];
}

/* First index with t >= x (lower bound). */
static uint32_t lower_bound(const matter *m, int64_t x)
{
    uint32_t lo = 0, hi = m->len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ev_at(m, mid)->t < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First index with t > x. */
static uint32_t upper_bound(const matter *m, int64_t x)
{
    uint32_t lo = 0, hi = m->len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ev_at(m, mid)->t <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Room for one more event at the end of evs. */
static int ev_reserve(tousu_memstore *s, matter *m)
{
    if (m->start + m->len < m->cap)
        return TOUSU_OK;
    if (m->start > 0 && m->start >= m->len) {
        memmove(m->evs, m->evs + m->start, m->len * sizeof(ev));
        m->start = 0;
        return TOUSU_OK;
    }
    uint32_t nc = m->cap ? m->cap * 2 : 8;
    ev *e = tz_realloc(&s->alloc, m->evs, m->cap * sizeof(ev), nc * sizeof(ev));
    if (!e)
        return TOUSU_ENOMEM;
    s->bytes += (nc - m->cap) * sizeof(ev);
    m->evs = e;
    m->cap = nc;
    return TOUSU_OK;
}

/* Slide `left` forward to x, uncounting the events it passes. */
static void advance_left(tousu_memstore *s, matter *m, int64_t x)
{
    if (x <= m->left)
        return;
    while (m->lpos < m->len && ev_at(m, m->lpos)->t < x) {
        count_remove(s, m, ev_at(m, m->lpos));
        m->lpos++;
    }
    m->left = x;
}

/* Drop events no future window can need. */
static void prune(tousu_memstore *s, matter *m)
{
    if (m->newest == INT64_MIN)
        return;
    int64_t cutoff = m->newest - s->retention_ms;
    advance_left(s, m, cutoff);
    uint32_t drop = lower_bound(m, cutoff);
    m->start += drop;
    m->len -= drop;
    m->lpos -= drop; /* lpos >= drop: advance_left passed them */
}

/* ---------- the store operations ---------- */

static int mem_window(void *user, uint64_t mkey, int64_t from, int64_t to, uint64_t customer,
                      tousu_window *out)
{
    tousu_memstore *s = user;
    out->ordinary = out->vip = out->events = 0;
    out->has_customer = out->customer_is_vip = 0;
    matter *m = find_matter(s, mkey);
    if (!m || m->len == 0)
        return TOUSU_OK;
    if (from >= m->left && to >= m->newest) {
        advance_left(s, m, from);
        out->ordinary = m->n_ord;
        out->vip = m->n_vip;
        out->events = m->len - m->lpos;
        bool found = false;
        if (s->cust_cap) {
            cust_slot *c = cust_find(s->cust, s->cust_cap, mkey, customer, &found);
            if (found) {
                out->has_customer = 1;
                out->customer_is_vip = c->n_vip > 0;
            }
        }
        return TOUSU_OK;
    }
    /* A late or historical window: scan it with a scratch set. */
    uint32_t a = lower_bound(m, from), b = upper_bound(m, to);
    uint32_t n = b > a ? b - a : 0;
    uint32_t need = 16;
    while (need < n * 2)
        need *= 2;
    if (need > s->scan_cap) {
        cust_slot *t = tz_calloc(&s->alloc, need, sizeof *t);
        if (!t)
            return TOUSU_ENOMEM;
        tz_free(&s->alloc, s->scan);
        s->bytes += (size_t)(need - s->scan_cap) * sizeof *t;
        s->scan = t;
        s->scan_cap = need;
    }
    memset(s->scan, 0, need * sizeof *s->scan);
    for (uint32_t i = a; i < b; i++) {
        const ev *e = ev_at(m, i);
        bool found;
        cust_slot *c = cust_find(s->scan, need, 0, e->customer, &found);
        c->customer = e->customer;
        if (e->vip)
            c->n_vip++;
        else
            c->n_ord++;
    }
    for (uint32_t i = 0; i < need; i++) {
        cust_slot *c = &s->scan[i];
        if (!c->n_vip && !c->n_ord)
            continue;
        if (c->n_vip)
            out->vip++;
        else
            out->ordinary++;
        if (c->customer == customer) {
            out->has_customer = 1;
            out->customer_is_vip = c->n_vip > 0;
        }
    }
    out->events = n;
    return TOUSU_OK;
}

static int mem_members(void *user, uint64_t mkey, int64_t from, int64_t to, uint64_t *ids,
                       size_t cap, size_t *n)
{
    tousu_memstore *s = user;
    *n = 0;
    matter *m = find_matter(s, mkey);
    if (!m)
        return TOUSU_OK;
    uint32_t a = lower_bound(m, from), b = upper_bound(m, to);
    for (uint32_t i = a; i < b; i++) {
        if (*n < cap)
            ids[*n] = ev_at(m, i)->contact;
        (*n)++;
    }
    return TOUSU_OK;
}

/* ---------- history ---------- */

static hist_slot *hist_find(hist_slot *t, uint32_t cap, uint64_t customer, uint64_t mkey,
                            bool *found)
{
    uint32_t mask = cap - 1;
    for (uint32_t i = (uint32_t)hash2(customer, mkey) & mask;; i = (i + 1) & mask) {
        hist_slot *h = &t[i];
        if (!h->customer) {
            *found = false;
            return h;
        }
        if (h->customer == customer && h->matter == mkey) {
            *found = true;
            return h;
        }
    }
}

static int hist_reserve(tousu_memstore *s)
{
    if ((uint64_t)(s->hist_used + 1) * 4 <= (uint64_t)s->hist_cap * 3)
        return TOUSU_OK;
    uint32_t nc = s->hist_cap ? s->hist_cap * 2 : 1024;
    hist_slot *t = tz_calloc(&s->alloc, nc, sizeof *t);
    if (!t)
        return TOUSU_ENOMEM;
    for (uint32_t i = 0; i < s->hist_cap; i++) {
        hist_slot *h = &s->hist[i];
        if (h->customer) {
            bool found;
            *hist_find(t, nc, h->customer, h->matter, &found) = *h;
        }
    }
    tz_free(&s->alloc, s->hist);
    s->bytes += (size_t)(nc - s->hist_cap) * sizeof *t;
    s->hist = t;
    s->hist_cap = nc;
    return TOUSU_OK;
}

static int mem_history(void *user, uint64_t customer, uint64_t mkey, int64_t since,
                       tousu_history *out)
{
    tousu_memstore *s = user;
    out->open_id = out->archived_id = out->archived_by = 0;
    out->open_ms = out->archived_ms = 0;
    out->archived_level = 0;
    if (!s->hist_cap)
        return TOUSU_OK;
    bool found;
    hist_slot *h = hist_find(s->hist, s->hist_cap, customer, mkey, &found);
    if (!found)
        return TOUSU_OK;
    out->open_id = h->open_id;
    out->open_ms = h->open_ms;
    if (h->archived_id && h->archived_ms >= since) {
        out->archived_id = h->archived_id;
        out->archived_ms = h->archived_ms;
        out->archived_level = h->archived_level;
        out->archived_by = h->archived_by;
    }
    return TOUSU_OK;
}

static int mem_record(void *user, const tousu_intake *in)
{
    tousu_memstore *s = user;
    /* Reserve everything first: nothing changes unless all of it fits. */
    matter *m = NULL;
    ev *fresh = NULL; /* the event array of a matter seen for the first time */
    if (in->in_window) {
        m = find_matter(s, in->matter);
        if (!m) {
            fresh = tz_malloc(&s->alloc, 8 * sizeof(ev));
            if (!fresh || reserve_matter(s) != TOUSU_OK) {
                tz_free(&s->alloc, fresh);
                return TOUSU_ENOMEM;
            }
        } else if (ev_reserve(s, m) != TOUSU_OK) {
            return TOUSU_ENOMEM;
        }
        if (cust_reserve(s, 1) != TOUSU_OK) {
            tz_free(&s->alloc, fresh);
            return TOUSU_ENOMEM;
        }
    }
    if (in->opens_complaint && hist_reserve(s) != TOUSU_OK) {
        tz_free(&s->alloc, fresh);
        return TOUSU_ENOMEM;
    }
    if (in->in_window) {
        if (fresh) {
            m = add_matter(s, in->matter);
            m->evs = fresh;
            m->cap = 8;
            s->bytes += 8 * sizeof(ev);
        }
        ev e = {in->intake_ms, in->contact_id, in->customer_id, in->vip ? 1u : 0u};
        uint32_t pos = upper_bound(m, e.t);
        ev *base = ev_at(m, 0);
        memmove(base + pos + 1, base + pos, (m->len - pos) * sizeof(ev));
        base[pos] = e;
        m->len++;
        if (e.t >= m->left)
            count_add(s, m, &e);
        else
            m->lpos++;
        if (e.t > m->newest)
            m->newest = e.t;
        prune(s, m);
    }
    if (in->opens_complaint) {
        bool found;
        hist_slot *h = hist_find(s->hist, s->hist_cap, in->customer_id, in->matter, &found);
        if (!found) {
            memset(h, 0, sizeof *h);
            h->customer = in->customer_id;
            h->matter = in->matter;
            s->hist_used++;
        }
        h->open_id = in->contact_id;
        h->open_ms = in->intake_ms;
    }
    return TOUSU_OK;
}

static int mem_archive(void *user, const tousu_archive *in)
{
    tousu_memstore *s = user;
    if (!s->hist_cap)
        return TOUSU_ENOTFOUND;
    bool found;
    hist_slot *h = hist_find(s->hist, s->hist_cap, in->customer_id, in->matter, &found);
    if (!found || h->open_id != in->contact_id)
        return TOUSU_ENOTFOUND;
    h->archived_id = h->open_id;
    h->archived_ms = in->archived_ms;
    h->archived_level = in->level;
    h->archived_by = in->closed_by;
    h->open_id = 0;
    h->open_ms = 0;
    return TOUSU_OK;
}

static const tousu_store_ops mem_ops = {
    sizeof(tousu_store_ops), mem_history, mem_window, mem_members, mem_record, mem_archive,
};

const tousu_store_ops *tousu_memstore_ops(void)
{
    return &mem_ops;
}

int tz_memstore_new(tousu_memstore **out, const tousu_policy *p, const tz_alloc *a)
{
    tousu_memstore *s = tz_calloc(a, 1, sizeof *s);
    if (!s)
        return TOUSU_ENOMEM;
    s->alloc = *a;
    s->retention_ms = p->batch_window_ms + p->batch_late_ms;
    s->bytes = sizeof *s;
    *out = s;
    return TOUSU_OK;
}

int tousu_memstore_new(tousu_memstore **out, const tousu_policy *policy)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    tz_alloc a;
    tz_alloc_default(&a);
    tousu_policy *p = NULL;
    if (!policy) {
        int rc = tousu_policy_new(&p);
        if (rc)
            return rc;
        policy = p;
    }
    int rc = tz_memstore_new(out, policy, &a);
    tousu_policy_free(p);
    return rc;
}

void tousu_memstore_free(tousu_memstore *s)
{
    if (!s)
        return;
    tz_alloc a = s->alloc;
    for (uint32_t i = 0; i < s->n_matters; i++)
        tz_free(&a, s->matters[i].evs);
    tz_free(&a, s->matters);
    tz_free(&a, s->mindex);
    tz_free(&a, s->cust);
    tz_free(&a, s->hist);
    tz_free(&a, s->scan);
    tz_free(&a, s);
}

size_t tousu_memstore_bytes(const tousu_memstore *s)
{
    return s ? s->bytes : 0;
}
