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
 *  - a busy one has its own small open-addressing table (linear probing),
 *    warm because the matter is busy.
 * A matter switches to a table when a record would pass TZM_SMALL_MAX,
 * and back when the sweep finds it at half that or less.
 *
 * Slots never move while a table lives: a counted event notes its
 * customer's slot (tzm_ev.cslot), so uncounting it needs no lookup, and a
 * customer whose last event leaves keeps its slot, with counts 0, instead
 * of being deleted (a deletion would move the slots behind it), unless the
 * next slot is free: then no probe passes through it and it is freed. New
 * customers take free slots until the table's room (m->ct_room) runs out;
 * then the customers still present move to a fresh table, at most half
 * full, and the counted events are pointed at their new slots. Each
 * rebuild reads the old table and the counted events once and is followed
 * by at least a quarter of the new table's slots' worth of new customers,
 * so its cost per record stays bounded.
 */
#include "store_mem.h"

#include <string.h>

enum { CT_MAX_LOAD_PCT = 75, CT_REBUILT_LOAD_PCT = 50 };

size_t tzm_count_bytes(uint8_t ct_log)
{
    return ((size_t)1 << ct_log) * sizeof(tzm_cslot);
}

static uint32_t counted_of(const tzm_matter *m)
{
    return m->len - m->lpos;
}

/* Free slots new customers may take in a table of 1 << log slots of which
 * `taken` are taken, at most 0xFFFF (the field's width). */
static uint16_t room_of(uint8_t log, uint64_t taken)
{
    uint64_t limit = ((uint64_t)1 << log) * CT_MAX_LOAD_PCT / 100;
    uint64_t room = limit > taken ? limit - taken : 0;
    return (uint16_t)(room > 0xFFFF ? 0xFFFF : room);
}

/* The size of a rebuilt table for `want` customers: at most half full. */
static int rebuilt_log(uint64_t want, uint8_t *log)
{
    uint8_t l = TZM_CT_MIN_LOG;
    while (want * 100 > ((uint64_t)1 << l) * CT_REBUILT_LOAD_PCT)
        l++;
    if (l > 31)
        return TOUSU_ENOMEM;
    *log = l;
    return TOUSU_OK;
}

/* A zeroed table of 1 << log slots replacing m's (kept by the caller). */
static tzm_cslot *new_table(tousu_memstore *s, tzm_matter *m, uint8_t log)
{
    tzm_cslot *t = tz_calloc(&s->alloc, (size_t)1 << log, sizeof *t);
    if (!t)
        return NULL;
    if (m->ctab)
        s->bytes -= tzm_count_bytes(m->ct_log);
    s->bytes += tzm_count_bytes(log);
    s->ct_gen++;
    return t;
}

/* A quiet matter gets a table: count its counted events into it (noting
 * each one's slot). The table is derived data, so making it changes
 * nothing a read can see; on failure m keeps what it had. */
static int make_table(tousu_memstore *s, tzm_matter *m, uint8_t log)
{
    tzm_cslot *t = new_table(s, m, log);
    if (!t)
        return TOUSU_ENOMEM;
    m->ctab = t;
    m->ct_log = log;
    m->ct_room = room_of(log, 0);
    m->n_ord = m->n_vip = 0;
    for (uint32_t i = m->lpos; i < m->len; i++)
        tzm_count_add(m, tzm_ev_at(m, i));
    return TOUSU_OK;
}

/* Move the customers present in m's table into a fresh one of 1 << log
 * slots, leaving the others out, and point the counted events at their
 * customers' new slots. The old table is going, so each moved slot's
 * n_vip holds its new index meanwhile: no lookup per event. */
static int rebuild(tousu_memstore *s, tzm_matter *m, uint8_t log)
{
    tzm_cslot *t = new_table(s, m, log), *old = m->ctab;
    if (!t)
        return TOUSU_ENOMEM;
    const uint32_t mask = (1u << log) - 1;
    for (uint32_t i = 0; i < (1u << m->ct_log); i++) {
        if (!tzm_cslot_present(&old[i]))
            continue;
        uint32_t j = tzm_home(old[i].customer, mask);
        while (tzm_cslot_taken(&t[j]))
            j = (j + 1) & mask;
        t[j] = old[i];
        old[i].n_vip = j;
    }
    for (uint32_t i = m->lpos; i < m->len; i++) {
        tzm_ev *e = tzm_ev_at(m, i);
        e->cslot = old[e->cslot].n_vip;
    }
    tz_free(&s->alloc, old);
    m->ctab = t;
    m->ct_log = log;
    m->ct_room = room_of(log, tzm_count_used(m));
    return TOUSU_OK;
}

/* Taken slots of m's table (only when the room field saturated). */
static uint64_t taken_of(const tzm_matter *m)
{
    uint64_t n = 0;
    for (uint32_t i = 0; i < (1u << m->ct_log); i++)
        n += tzm_cslot_taken(&m->ctab[i]);
    return n;
}

int tzm_count_make_room(tousu_memstore *s, tzm_matter *m, uint32_t extra)
{
    uint8_t log;
    if (!m->ctab) {
        uint64_t want = (uint64_t)counted_of(m) + extra;
        return rebuilt_log(want, &log) == TOUSU_OK ? make_table(s, m, log) : TOUSU_ENOMEM;
    }
    /* A saturated room may hide more: count before rebuilding. */
    if (room_of(m->ct_log, 0) == 0xFFFF) {
        uint16_t room = room_of(m->ct_log, taken_of(m));
        if (room >= extra) {
            m->ct_room = room;
            return TOUSU_OK;
        }
    }
    if (rebuilt_log((uint64_t)tzm_count_used(m) + extra, &log) != TOUSU_OK)
        return TOUSU_ENOMEM;
    return rebuild(s, m, log);
}

void tzm_count_drop_table(tousu_memstore *s, tzm_matter *m)
{
    if (!m->ctab)
        return;
    s->bytes -= tzm_count_bytes(m->ct_log);
    tz_free(&s->alloc, m->ctab);
    s->ct_gen++;
    m->ctab = NULL;
    m->ct_log = 0;
    m->ct_room = 0;
    m->n_ord = m->n_vip = 0;
}

void tzm_count_trim(tousu_memstore *s, tzm_matter *m)
{
    if (!m->ctab)
        return;
    if (counted_of(m) <= TZM_SMALL_MAX / 2) {
        tzm_count_drop_table(s, m); /* quiet again */
        return;
    }
    uint8_t log;
    if (m->ct_log > TZM_CT_MIN_LOG &&
        (uint64_t)tzm_count_used(m) * 8 <= ((uint64_t)1 << m->ct_log) &&
        rebuilt_log(tzm_count_used(m), &log) == TOUSU_OK && log < m->ct_log)
        (void)rebuild(s, m, log);
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
