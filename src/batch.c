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
    if (!tz_is_batch(p, ordinary, vip))
        return TOUSU_OK;
    r->batch = 1;
    /* R-BAT-4: every complaint of the window, this one included. */
    r->batch_members = w.events < UINT32_MAX ? w.events + 1 : UINT32_MAX;
    tz_add_evidence(r, TOUSU_KIND_BATCH, TOUSU_EV_BATCH_WINDOW,
                    (int64_t)((uint64_t)r->batch_ordinary << 32 | r->batch_vip), from);
    return TOUSU_OK;
}
