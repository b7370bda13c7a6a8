/*
 * repeat.c - R-REP: is this complaint a repeat of one archived within the
 * repeat period (calendar months in the policy's zone, R-REP-2), or a
 * follow-up on one still open (R-REP-3)?
 */
#include "internal.h"

#include <string.h>

int tz_repeat_check(tousu_engine *e, const tousu_contact *c, int64_t t, tousu_result *r,
                    tousu_history *h)
{
    const tousu_policy *p = e->policy;
    const int64_t since =
        tz_minus_months_memo(&e->repeat_since, t, p->repeat_months, p->utc_offset_min);
    r->repeat_since_ms = since;
    memset(h, 0, sizeof *h);
    h->struct_size = sizeof *h;
    int rc = e->store.history(e->store_user, c->customer_id, c->matter, since, h);
    if (rc)
        return tz_store_failed(e, "history", rc);
    if (h->open_id) { /* R-REP-3: still open, so a follow-up, not a repeat */
        r->followup = 1;
        r->followup_of = h->open_id;
        return TOUSU_OK;
    }
    /* R-REP-1/2: archived at or after `since`, and not after this intake. */
    if (h->archived_id && h->archived_ms >= since && h->archived_ms <= t) {
        if (h->archived_level < TOUSU_LEVEL_AGENT || h->archived_level > TOUSU_LEVEL_GROUP)
            return tz_fail(&e->err, TOUSU_ECALLBACK,
                           "store.history returned archived_level %d outside 0..4",
                           (int)h->archived_level);
        r->repeat_of = h->archived_id;
        r->repeat_archived_ms = h->archived_ms;
        tz_add_evidence(r, TOUSU_KIND_REPEAT, TOUSU_EV_ARCHIVED, (int64_t)h->archived_id,
                        h->archived_ms);
    }
    return TOUSU_OK;
}
