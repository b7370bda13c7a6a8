/*
 * store_mem_counts.c - the distinct customers of one matter's window
 * (R-BAT-2): per customer, how many of its counted events are VIP and how
 * many are not. A customer counts as VIP when any of its events in the
 * window is.
 *
 * Every event that enters the window is counted and uncounted when it
 * leaves, long after, when a store-wide table's line would be cold. So
 * each matter keeps its own counts:
 *  - a quiet matter (at most TZM_SMALL_MAX counted events, most matters)
 *    keeps none: window() reads its few counted events, which sit in the
 *    line advance_left has just read anyway;
 *  - a busy one has its own small open-addressing table (linear probing,
 *    backward-shift deletion), warm because the matter is busy.
 * A matter switches to a table when a record would pass TZM_SMALL_MAX,
 * and back when the sweep finds it at half that or less.
 */
#include "store_mem.h"

#include <string.h>

size_t tzm_count_bytes(uint8_t ct_log)
{
    return ((size_t)1 << ct_log) * sizeof(tzm_cslot);
}

/* Move m's customers into a fresh table of 1 << log slots. */
static int rehash(tousu_memstore *s, tzm_matter *m, uint8_t log)
{
    tzm_cslot *t = tz_calloc(&s->alloc, (size_t)1 << log, sizeof *t);
    if (!t)
        return TOUSU_ENOMEM;
    uint32_t mask = (1u << log) - 1;
    for (uint32_t i = 0; m->ctab && i < (1u << m->ct_log); i++) {
        const tzm_cslot *c = &m->ctab[i];
        if (tzm_cslot_empty(c))
            continue;
        uint32_t j = tzm_home(c->customer, mask);
        while (!tzm_cslot_empty(&t[j]))
            j = (j + 1) & mask;
        t[j] = *c;
    }
    if (m->ctab)
        s->bytes -= tzm_count_bytes(m->ct_log);
    tz_free(&s->alloc, m->ctab);
    s->bytes += tzm_count_bytes(log);
    m->ctab = t;
    m->ct_log = log;
    return TOUSU_OK;
}

static uint32_t counted_of(const tzm_matter *m)
{
    return m->len - m->lpos;
}

/* A quiet matter gets a table: count its events into it. The table is
 * derived data, so making it changes nothing a read can see. */
static int make_table(tousu_memstore *s, tzm_matter *m, uint8_t log)
{
    m->n_ord = m->n_vip = 0;
    m->ct_log = 0;
    if (rehash(s, m, log) != TOUSU_OK)
        return TOUSU_ENOMEM;
    for (uint32_t i = m->lpos; i < m->len; i++)
        tzm_count_add(m, tzm_ev_at(m, i));
    return TOUSU_OK;
}

int tzm_count_reserve(tousu_memstore *s, tzm_matter *m, uint32_t extra)
{
    uint64_t want = (m->ctab ? (uint64_t)tzm_count_used(m) : counted_of(m)) + (uint64_t)extra;
    if (!m->ctab && want <= TZM_SMALL_MAX)
        return TOUSU_OK;
    uint8_t log = m->ctab ? m->ct_log : TZM_CT_MIN_LOG;
    while (want * 4 > ((uint64_t)3 << log)) /* at most 3/4 full */
        log++;
    if (log > 31)
        return TOUSU_ENOMEM;
    if (!m->ctab)
        return make_table(s, m, log);
    return log == m->ct_log ? TOUSU_OK : rehash(s, m, log);
}

void tzm_count_drop_table(tousu_memstore *s, tzm_matter *m)
{
    if (!m->ctab)
        return;
    s->bytes -= tzm_count_bytes(m->ct_log);
    tz_free(&s->alloc, m->ctab);
    m->ctab = NULL;
    m->ct_log = 0;
    m->n_ord = m->n_vip = 0;
}

void tzm_count_trim(tousu_memstore *s, tzm_matter *m)
{
    if (!m->ctab)
        return;
    if (counted_of(m) <= TZM_SMALL_MAX / 2)
        tzm_count_drop_table(s, m); /* quiet again */
    else if (m->ct_log > TZM_CT_MIN_LOG &&
             (uint64_t)tzm_count_used(m) * 8 <= ((uint64_t)1 << m->ct_log))
        (void)rehash(s, m, (uint8_t)(m->ct_log - 1));
}

/* (A matter has no table only while at most TZM_SMALL_MAX events are
 * counted: tzm_count_reserve makes one before a record would pass that.) */
void tzm_count_small(const tzm_matter *m, uint64_t customer, tousu_window *out)
{
    uint64_t seen[TZM_SMALL_MAX];
    bool vip[TZM_SMALL_MAX];
    uint32_t n = 0;
    for (uint32_t i = m->lpos; i < m->len && n < TZM_SMALL_MAX; i++) {
        const tzm_ev *e = tzm_ev_at(m, i);
        uint32_t k = 0;
        while (k < n && seen[k] != e->customer)
            k++;
        if (k == n) {
            seen[n] = e->customer;
            vip[n++] = false;
        }
        vip[k] = vip[k] || e->vip; /* VIP when any of its events is */
    }
    for (uint32_t k = 0; k < n; k++) {
        if (vip[k])
            out->vip++;
        else
            out->ordinary++;
        if (seen[k] == customer) {
            out->has_customer = 1;
            out->customer_is_vip = vip[k];
        }
    }
}

/* Remove the customer at c, closing the gap behind it. */
void tzm_cslot_delete(tzm_matter *m, tzm_cslot *c)
{
    uint32_t mask = (1u << m->ct_log) - 1;
    uint32_t i = (uint32_t)(c - m->ctab);
    for (uint32_t j = (i + 1) & mask; !tzm_cslot_empty(&m->ctab[j]); j = (j + 1) & mask) {
        if (tzm_may_fill(tzm_home(m->ctab[j].customer, mask), i, j)) {
            m->ctab[i] = m->ctab[j];
            i = j;
        }
    }
    memset(&m->ctab[i], 0, sizeof m->ctab[i]);
}
