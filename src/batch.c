/*
 * batch.c - R-BAT-1: when is a window of distinct customers a batch.
 * The seed: more than N_ord ordinary customers or more than N_vip VIP
 * customers. Mixed windows (default): a VIP weighs N_ord/N_vip ordinary
 * customers, so the window is a batch when
 *     ordinary * N_vip + vip * N_ord > N_ord * N_vip,
 * which gives both seed thresholds exactly (11 ordinary, 6 VIP) and needs
 * no fractions.
 */
#include "internal.h"

bool tz_is_batch(const tousu_policy *p, uint64_t ordinary, uint64_t vip)
{
    const uint64_t n_ord = (uint64_t)p->batch_ordinary, n_vip = (uint64_t)p->batch_vip;
    return ordinary * n_vip + vip * n_ord > n_ord * n_vip;
}

/* Grow the scratch member buffer to hold n ids. */
static int reserve_members(tousu_engine *e, size_t n)
{
    if (n <= e->scratch.cap)
        return TOUSU_OK;
    size_t nc = e->scratch.cap ? e->scratch.cap : 64;
    while (nc < n)
        nc *= 2;
    uint64_t *ids = tz_realloc(&e->alloc, e->scratch.ids, e->scratch.cap * sizeof *ids,
                               nc * sizeof *ids);
    if (!ids)
        return tz_fail(&e->err, TOUSU_ENOMEM, "batch members: out of memory");
    e->scratch.ids = ids;
    e->scratch.cap = nc;
    return TOUSU_OK;
}

/* R-BAT-4: every contact of the matter in the window, oldest first, then
 * the contact being triaged (not yet recorded). */
static int fetch_members(tousu_engine *e, const tousu_contact *c, int64_t from, int64_t t)
{
    size_t n = 0;
    for (;;) {
        int rc = e->store.members(e->store_user, c->matter, from, t, e->scratch.ids,
                                  e->scratch.cap, &n);
        if (rc)
            return tz_store_failed(e, "members", rc);
        if (n < e->scratch.cap)
            break; /* room for the triaged contact too */
        if ((rc = reserve_members(e, n + 1)) != TOUSU_OK)
            return rc;
    }
    e->scratch.ids[n++] = c->contact_id;
    e->scratch.n = n;
    return TOUSU_OK;
}

/* R-BAT-1..3: count the distinct customers of the matter in [t - window, t]
 * with this contact's customer counted once (R-BAT-2). */
int tz_batch_check(tousu_engine *e, const tousu_contact *c, int64_t t, tousu_result *r)
{
    const tousu_policy *p = e->policy;
    const int64_t from = t - p->batch_window_ms; /* inclusive at both ends (R-BAT-3) */
    tousu_window w = {sizeof w, 0, 0, 0, 0, 0, 0};
    int rc = e->store.window(e->store_user, c->matter, from, t, c->customer_id, &w);
    if (rc)
        return tz_store_failed(e, "window", rc);
    uint64_t ordinary = w.ordinary, vip = w.vip;
    if (!w.has_customer) {
        if (r->is_vip)
            vip++;
        else
            ordinary++;
    } else if (r->is_vip && !w.customer_is_vip && ordinary > 0) {
        ordinary--; /* the customer now counts as VIP */
        vip++;
    }
    r->batch_ordinary = (uint32_t)(ordinary > UINT32_MAX ? UINT32_MAX : ordinary);
    r->batch_vip = (uint32_t)(vip > UINT32_MAX ? UINT32_MAX : vip);
    r->batch_window_start_ms = from;
    e->scratch.n = 0;
    if (!tz_is_batch(p, ordinary, vip))
        return TOUSU_OK;
    r->batch = 1;
    tz_add_evidence(r, TOUSU_KIND_BATCH, TOUSU_EV_BATCH_WINDOW,
                    (int64_t)((uint64_t)r->batch_ordinary << 32 | r->batch_vip), from);
    if ((rc = fetch_members(e, c, from, t)) != TOUSU_OK)
        return rc;
    r->batch_members = (uint32_t)(e->scratch.n > UINT32_MAX ? UINT32_MAX : e->scratch.n);
    return TOUSU_OK;
}
