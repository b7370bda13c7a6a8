/*
 * store_mem.c - the built-in in-memory store (R-HOST-2): batch windows per
 * matter (R-BAT) and complaint history per (customer, matter) (R-REP),
 * behind the same tousu_store_ops a host store implements (docs/store.md).
 * This file has the operations and the per-matter event lists; the tables
 * are in store_mem_tables.c, store_mem_counts.c and store_mem_hist.c
 * (layout: store_mem.h).
 *
 * Windows: each matter keeps its events sorted by intake time and the
 * distinct customers of the events at or after `left`. A query for
 * [from, to] with from >= left and to >= the newest event (the usual case:
 * contacts arrive in time order) only slides `left` forward, so it is
 * amortised O(1). Any other query (a late event) scans its window.
 *
 * Retention (window + late allowance): an event older than its matter's
 * newest minus the retention is dead, invisible to every read, and leaves
 * the array when the array needs room; a matter whose newest event is
 * older than the store's newest intake minus the retention is gone (its
 * events could only matter to a contact later than the late allowance)
 * and is swept away. Arrays and tables shrink after a burst, and history
 * past the repeat period is swept too, so memory follows the content of
 * the retention period.
 *
 * Every write reserves all the memory it needs before it changes anything
 * it can be asked about, so a failed write leaves the store exactly as it
 * was (R-HOST-3).
 */
#include "store_mem.h"

#include <string.h>

/* ---------- events ---------- */

static uint32_t ev_cap(const tzm_matter *m)
{
    return 1u << m->ev_log;
}

/* First index with t >= x (lower bound). */
static uint32_t lower_bound(const tzm_matter *m, int64_t x)
{
    uint32_t lo = 0, hi = m->len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (tzm_ev_at(m, mid)->t < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First index with t > x. */
static uint32_t upper_bound(const tzm_matter *m, int64_t x)
{
    uint32_t lo = 0, hi = m->len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (tzm_ev_at(m, mid)->t <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* newest - retention, saturating (direct store users may pass any time).
 * Events older than this are dead: no window within the late allowance
 * reaches them. They stay in the array, invisible (every read starts at
 * the cutoff), until the array needs room: dropping them one by one as
 * they die would read a cold line per event. */
static int64_t cutoff_of(const tousu_memstore *s, const tzm_matter *m)
{
    return m->newest < INT64_MIN + s->retention_ms ? INT64_MIN : m->newest - s->retention_ms;
}

static void advance_left(tousu_memstore *s, tzm_matter *m, int64_t x);

/* Drop the dead events at the front (uncounting any still counted). */
static void ev_drop_dead(tousu_memstore *s, tzm_matter *m)
{
    if (m->len == 0)
        return;
    int64_t cutoff = cutoff_of(s, m);
    advance_left(s, m, cutoff);
    uint32_t drop = lower_bound(m, cutoff); /* <= lpos: all uncounted now */
    m->start += drop;
    m->len -= drop;
    m->lpos -= drop;
}

/* Move the events to the front of the array. */
static void ev_compact(tzm_matter *m)
{
    memmove(m->evs, m->evs + m->start, m->len * sizeof(tzm_ev));
    m->start = 0;
}

/* Give evs 1 << log events (it holds len after start 0, or fits). */
static int ev_resize(tousu_memstore *s, tzm_matter *m, uint8_t log)
{
    size_t old_n = ev_cap(m) * sizeof(tzm_ev), new_n = ((size_t)1 << log) * sizeof(tzm_ev);
    tzm_ev *e = tz_realloc(&s->alloc, m->evs, old_n, new_n);
    if (!e)
        return TOUSU_ENOMEM;
    s->bytes = s->bytes - old_n + new_n;
    m->evs = e;
    m->ev_log = log;
    return TOUSU_OK;
}

/* Is the array at most a quarter full and worth halving? */
static bool ev_sparse(const tzm_matter *m)
{
    return m->ev_log > TZM_EV_MIN_LOG + 1 && m->len <= ev_cap(m) / 4;
}

/* Drop the dead events, halve a mostly empty array and counts table
 * (after a burst), so memory follows the window's content. A failure
 * only keeps the larger arrays. */
void tzm_matter_trim(tousu_memstore *s, tzm_matter *m)
{
    ev_drop_dead(s, m);
    if (ev_sparse(m)) {
        ev_compact(m);
        (void)ev_resize(s, m, (uint8_t)(m->ev_log - 1));
    }
    tzm_count_trim(s, m);
}

/* Room for one more event at the end of evs: drop the dead, then reuse
 * the freed front, or halve a mostly empty array, or double a full one.
 * Dropping and moving change nothing a read can see. */
static int ev_reserve(tousu_memstore *s, tzm_matter *m)
{
    if (m->start + m->len < ev_cap(m))
        return TOUSU_OK;
    ev_drop_dead(s, m);
    if (m->start > 0 && m->start >= m->len) {
        ev_compact(m);
        if (ev_sparse(m))
            (void)ev_resize(s, m, (uint8_t)(m->ev_log - 1));
        return TOUSU_OK;
    }
    if (m->ev_log >= 31)
        return TOUSU_ENOMEM;
    return ev_resize(s, m, (uint8_t)(m->ev_log + 1));
}

/* Insert e in time order (room reserved). In-order arrivals append
 * (newest mirrors the end of the array, so deciding that reads no event:
 * the array of a quiet matter is cold). */
static tzm_ev *ev_insert(tzm_matter *m, const tzm_ev *e)
{
    tzm_ev *base = tzm_ev_at(m, 0);
    uint32_t pos = m->len;
    if (e->t < m->newest) { /* late: find its place */
        pos = upper_bound(m, e->t);
        memmove(base + pos + 1, base + pos, (m->len - pos) * sizeof(tzm_ev));
    }
    base[pos] = *e;
    m->len++;
    if (e->t > m->newest)
        m->newest = e->t;
    if (e->t < m->left)
        m->lpos++; /* before the counted ones: never counted */
    return &base[pos];
}

/* Slide `left` forward to x, uncounting the events it passes. */
static void advance_left(tousu_memstore *s, tzm_matter *m, int64_t x)
{
    if (x <= m->left)
        return;
    s->ct_gen += tzm_uncount_before(m, x) != 0; /* freed slots end probes sooner */
    m->left = x;
    /* The next events to leave will need their count slot and the next
     * line of the array: fetch them now, so the misses overlap with other
     * work instead of stalling a later call. */
    if (m->lpos < m->len && m->ctab)
        TZM_PREFETCH(&m->ctab[tzm_ev_at(m, m->lpos)->cslot]);
    if (m->lpos + 2 < m->len)
        TZM_PREFETCH(tzm_ev_at(m, m->lpos + 2));
}

/* ---------- reads ---------- */

/* The matter of mkey when it holds anything, else NULL. */
static tzm_matter *live_matter(tousu_memstore *s, uint64_t mkey)
{
    uint32_t slot = tzm_matter_find(s, mkey);
    if (slot == TZM_NONE)
        return NULL;
    tzm_matter *m = tzm_matter_at(s, slot);
    return m->len == 0 || tzm_matter_expired(s, m) ? NULL : m;
}

/* A late or historical window: count it with a scratch set, whose slots
 * belong to the scan that stamped them (no clearing between scans). The
 * set is at most a quarter full: a probe then nearly always ends at its
 * first slot (at half full the batch-only bench ran 4-9% slower). */
static int scan_window(tousu_memstore *s, const tzm_matter *m, int64_t from, int64_t to,
                       uint64_t customer, tousu_window *out)
{
    uint32_t a = lower_bound(m, from), b = upper_bound(m, to);
    uint32_t n = b > a ? b - a : 0;
    uint64_t want = 16;
    while (want < (uint64_t)n * 4)
        want *= 2;
    if (want > UINT32_MAX)
        return TOUSU_ENOMEM;
    const uint32_t need = (uint32_t)want;
    if (need > s->scan_cap) {
        tzm_seen *t = tz_calloc(&s->alloc, need, sizeof *t);
        if (!t)
            return TOUSU_ENOMEM;
        tz_free(&s->alloc, s->scan);
        s->bytes += (size_t)(need - s->scan_cap) * sizeof *t;
        s->scan = t;
        s->scan_cap = need;
    }
    if (++s->scan_gen == 0) { /* the stamps wrapped: start clean */
        memset(s->scan, 0, s->scan_cap * sizeof *s->scan);
        s->scan_gen = 1;
    }
    /* (Locals: the caller's counts and the store's fields could alias the
     * set's for the compiler, and would be reloaded per event.) */
    tzm_seen *const set = s->scan;
    const uint32_t gen = s->scan_gen, mask = need - 1;
    uint32_t mine = TZM_NONE, ord = 0, vip = 0;
    for (uint32_t i = a; i < b; i++) {
        const tzm_ev *e = tzm_ev_at(m, i);
        const uint64_t who = e->customer;
        uint32_t j = tzm_home(who, mask);
        while (set[j].gen == gen && set[j].customer != who)
            j = (j + 1) & mask;
        tzm_seen *c = &set[j];
        if (c->gen != gen) { /* a new customer (R-BAT-2) */
            c->customer = who;
            c->gen = gen;
            c->vip = e->vip;
            vip += e->vip;
            ord += e->vip ^ 1u;
        } else if (e->vip && !c->vip) { /* VIP once any event is */
            c->vip = 1;
            vip++;
            ord--;
        }
        mine = who == customer ? j : mine;
    }
    out->ordinary += ord;
    out->vip += vip;
    if (mine != TZM_NONE) {
        out->has_customer = 1;
        out->customer_is_vip = (int32_t)set[mine].vip;
    }
    out->events = n;
    return TOUSU_OK;
}

static int mem_window(void *user, uint64_t mkey, int64_t from, int64_t to, uint64_t customer,
                      tousu_window *out)
{
    tousu_memstore *s = user;
    out->ordinary = out->vip = out->events = 0;
    out->has_customer = out->customer_is_vip = 0;
    tzm_matter *m = live_matter(s, mkey);
    if (!m)
        return TOUSU_OK;
    int64_t cutoff = cutoff_of(s, m);
    if (from < cutoff)
        from = cutoff; /* dead events are not there */
    if (from < m->left || to < m->newest)
        return scan_window(s, m, from, to, customer, out);
    advance_left(s, m, from);
    /* record() appends this contact next: fetch the line it will write. */
    if (m->start + m->len < ev_cap(m))
        TZM_PREFETCH_W(tzm_ev_at(m, m->len));
    out->events = m->len - m->lpos;
    if (!m->ctab) {
        tzm_count_small(m, customer, out);
        return TOUSU_OK;
    }
    out->ordinary = m->n_ord;
    out->vip = m->n_vip;
    const tzm_cslot *c = tzm_count_get(s, m, customer);
    if (c) {
        out->has_customer = 1;
        out->customer_is_vip = c->n_vip > 0;
    }
    return TOUSU_OK;
}

static int mem_members(void *user, uint64_t mkey, int64_t from, int64_t to, uint64_t *ids,
                       size_t cap, size_t *n)
{
    tousu_memstore *s = user;
    *n = 0;
    const tzm_matter *m = live_matter(s, mkey);
    if (!m)
        return TOUSU_OK;
    int64_t cutoff = cutoff_of(s, m);
    uint32_t a = lower_bound(m, from < cutoff ? cutoff : from), b = upper_bound(m, to);
    for (uint32_t i = a; i < b; i++) {
        if (*n < cap)
            ids[*n] = tzm_ev_at(m, i)->contact;
        (*n)++;
    }
    return TOUSU_OK;
}

static int mem_history(void *user, uint64_t customer, uint64_t mkey, int64_t since,
                       tousu_history *out)
{
    tousu_memstore *s = user;
    tzm_hist_prefetch(s, customer, mkey);
    /* The same triage asks window() about this matter and customer next
     * (docs/store.md): start those misses now, alongside this one. */
    uint32_t slot = tzm_matter_find(s, mkey);
    if (slot != TZM_NONE) {
        const tzm_matter *m = tzm_matter_at(s, slot);
        tzm_prefetch_count(m, customer);
        if (m->lpos < m->len)
            TZM_PREFETCH(tzm_ev_at(m, m->lpos));
    }
    out->open_id = out->archived_id = out->archived_by = 0;
    out->open_ms = out->archived_ms = 0;
    out->archived_level = 0;
    const tzm_hist *h = tzm_hist_get(s, customer, mkey);
    if (!h)
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

/* ---------- writes ---------- */

/* Does the record open a complaint in the history? (Customer 0 is never
 * stored.) Bitwise: whether a contact opens one is random from call to
 * call, and each short-circuit would be a branch to mispredict. */
static bool opens_history(const tousu_intake *in)
{
    return (in->opens_complaint != 0) & (in->customer_id != 0);
}

/* Reserve everything a record needs: nothing changes unless all of it
 * fits. *fresh receives the event array of a matter seen for the first
 * time (the caller owns it until it is installed). */
static int record_reserve(tousu_memstore *s, const tousu_intake *in, tzm_ev **fresh)
{
    *fresh = NULL;
    if (in->in_window) {
        uint32_t slot = tzm_matter_find(s, in->matter);
        if (slot == TZM_NONE) {
            *fresh = tzm_evs_new(s);
            if (!*fresh || tzm_matter_reserve(s) != TOUSU_OK)
                goto nomem;
        } else {
            /* (an expired matter is emptied first: room anyway) */
            tzm_matter *m = tzm_matter_at(s, slot);
            if (ev_reserve(s, m) != TOUSU_OK || tzm_count_reserve(s, m, 1) != TOUSU_OK)
                goto nomem;
        }
    }
    if (opens_history(in) && tzm_hist_reserve(s) != TOUSU_OK)
        goto nomem;
    return TOUSU_OK;
nomem:
    tzm_evs_free(s, *fresh, TZM_EV_MIN_LOG);
    *fresh = NULL;
    return TOUSU_ENOMEM;
}

/* Add the intake to its matter's window (R-BAT-3: at its own time). */
static void record_window(tousu_memstore *s, const tousu_intake *in, tzm_ev *fresh)
{
    uint32_t slot = fresh ? tzm_matter_insert(s, in->matter, fresh, TZM_EV_MIN_LOG)
                          : tzm_matter_find(s, in->matter);
    tzm_matter *m = tzm_matter_at(s, slot);
    if (tzm_matter_expired(s, m))
        tzm_matter_clear(s, m); /* it was logically gone: start afresh */
    tzm_ev e = {in->intake_ms, in->contact_id, in->customer_id, in->vip ? 1u : 0u, 0};
    tzm_ev *stored = ev_insert(m, &e);
    if (e.t >= m->left && m->ctab) { /* (window() usually just looked it up) */
        bool found;
        tzm_cslot *c = tzm_count_slot(s, m, e.customer, &found);
        tzm_count_add_at(m, stored, c, found);
    }
    s->ct_memo.tab = 0; /* used up: it speaks for one window() and its record() */
}

static int mem_record(void *user, const tousu_intake *in)
{
    tousu_memstore *s = user;
    if (!(in->in_window | in->opens_complaint))
        return TOUSU_OK;
    tzm_ev *fresh;
    if (record_reserve(s, in, &fresh) != TOUSU_OK)
        return TOUSU_ENOMEM;
    if (in->intake_ms > s->newest)
        s->newest = in->intake_ms;
    if (in->in_window)
        record_window(s, in, fresh);
    if (opens_history(in))
        tzm_hist_open(s, in->customer_id, in->matter, in->contact_id, in->intake_ms);
    if (++s->matters.tick >= TZM_SWEEP_EVERY) { /* a run of adjacent slots at once */
        s->matters.tick = 0;
        tzm_matter_sweep(s);
    }
    if (s->newest >= s->hist_idle_until)
        tzm_hist_sweep(s);
    return TOUSU_OK;
}

static int mem_archive(void *user, const tousu_archive *in)
{
    tousu_memstore *s = user;
    tzm_hist *h = tzm_hist_get(s, in->customer_id, in->matter);
    if (!h || h->open_id != in->contact_id)
        return TOUSU_ENOTFOUND;
    h->archived_id = h->open_id;
    h->archived_ms = in->archived_ms;
    h->archived_level = in->level;
    h->archived_by = in->closed_by;
    h->open_id = 0;
    h->open_ms = 0;
    tzm_hist_archived(s, in->archived_ms);
    return TOUSU_OK;
}

/* ---------- the handle ---------- */

static const tousu_store_ops mem_ops = {
    sizeof(tousu_store_ops), mem_history, mem_window, mem_members, mem_record, mem_archive,
};

const tousu_store_ops *tousu_memstore_ops(void)
{
    return &mem_ops;
}

/* What the store keeps follows the policy: events for the window plus the
 * late allowance, archives for the repeat period (+1 month) in its zone.
 * Safe at any time: a longer window is answered by a scan of what is still
 * kept (mem_window), a shorter one slides forward, and the history sweep
 * looks at its cutoff again (the months memo refills on new parameters). */
void tz_memstore_adopt(tousu_memstore *s, const tousu_policy *p)
{
    s->retention_ms = p->batch_window_ms + p->batch_late_ms;
    s->repeat_months = p->repeat_months;
    s->utc_offset_min = p->utc_offset_min;
    s->hist_idle_until = INT64_MIN; /* the cutoff may have moved */
}

int tz_memstore_new(tousu_memstore **out, const tousu_policy *p, const tz_alloc *a)
{
    tousu_memstore *s = tz_calloc(a, 1, sizeof *s);
    if (!s)
        return TOUSU_ENOMEM;
    s->alloc = *a;
    s->newest = INT64_MIN;
    tz_months_memo_init(&s->hist_since);
    s->hist_floor = s->hist_pass_floor = INT64_MAX;
    tz_memstore_adopt(s, p);
    s->matters.memo.slot = s->hist.memo.slot = TZM_NONE;
    s->bytes = sizeof *s;
    *out = s;
    return TOUSU_OK;
}

/* The caller's policy, or (NULL) a built-in one made for the call, which
 * *owned holds for the caller to free. */
static int policy_or_builtin(const tousu_policy **policy, tousu_policy **owned)
{
    *owned = NULL;
    if (*policy)
        return TOUSU_OK;
    int rc = tousu_policy_new(owned);
    *policy = *owned;
    return rc;
}

int tousu_memstore_new(tousu_memstore **out, const tousu_policy *policy)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    tz_alloc a;
    tz_alloc_default(&a);
    tousu_policy *owned;
    int rc = policy_or_builtin(&policy, &owned);
    if (rc == TOUSU_OK)
        rc = tz_memstore_new(out, policy, &a);
    tousu_policy_free(owned);
    return rc;
}

int tousu_memstore_set_policy(tousu_memstore *s, const tousu_policy *policy)
{
    if (!s)
        return TOUSU_EINVAL;
    tousu_policy *owned;
    int rc = policy_or_builtin(&policy, &owned);
    if (rc == TOUSU_OK)
        tz_memstore_adopt(s, policy);
    tousu_policy_free(owned);
    return rc;
}

void tousu_memstore_free(tousu_memstore *s)
{
    if (!s)
        return;
    tz_alloc a = s->alloc;
    tzm_tables_free(s);
    tzm_hist_free(s);
    tz_free(&a, s->scan);
    tz_free(&a, s);
}

size_t tousu_memstore_bytes(const tousu_memstore *s)
{
    return s ? s->bytes : 0;
}
