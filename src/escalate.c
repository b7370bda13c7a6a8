/*
 * escalate.c - who must own a contact (R-ESC): every rule that applies
 * demands a level (R-LEAP-2, R-XRG-1/2, R-REP-4, R-CLS-7, R-ESC-3/4), the
 * owning level is the highest (R-ESC-2); recusal (R-ESC-3, R-REP-4) and
 * coordination (R-ESC-6).
 */
#include "internal.h"

void tz_add_reason(tousu_result *r, int32_t code, int32_t level, int64_t value)
{
    if (level > r->level)
        r->level = level;
    if (r->n_reasons >= TOUSU_MAX_REASONS)
        return;
    tousu_reason *x = &r->reasons[r->n_reasons++];
    x->code = code;
    x->level = level;
    x->value = value;
}

static int32_t one_up(int32_t level)
{
    return level < TOUSU_LEVEL_GROUP ? level + 1 : TOUSU_LEVEL_GROUP;
}

static void recuse(tousu_result *r, uint64_t staff)
{
    if (!staff)
        return;
    for (uint32_t i = 0; i < r->n_recused; i++)
        if (r->recused[i] == staff)
            return;
    if (r->n_recused < TOUSU_MAX_RECUSED)
        r->recused[r->n_recused++] = staff;
}

/* R-XRG-3: six-digit division codes: province = code / 10000,
 * city = code / 100. The base is the handling branch's region. */
int tz_region_span(const tousu_contact *c, uint32_t *other)
{
    uint32_t base = c->handling_region ? c->handling_region : c->customer_region;
    int span = 0;
    if (!base || (!c->n_needed_regions && (c->customer_region == base || !c->customer_region)))
        return 0; /* the usual case: handled where the customer is */
    uint32_t all[TOUSU_MAX_REGIONS + 1];
    uint32_t n = 0;
    all[n++] = c->customer_region;
    for (uint32_t i = 0; i < c->n_needed_regions; i++)
        all[n++] = c->needed_regions[i];
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = all[i];
        if (!x)
            continue;
        int s = (x / 10000 != base / 10000) ? 2 : (x / 100 != base / 100) ? 1 : 0;
        if (s > span) {
            span = s;
            *other = x;
        }
    }
    return span;
}

/* R-ESC-6: which regions and departments must be coordinated. */
static void coordination(const tousu_contact *c, tousu_result *r)
{
    uint32_t base = c->handling_region ? c->handling_region : c->customer_region;
    r->coord_departments = c->departments;
    r->needs_coordination = c->departments != 0;
    if (!c->n_needed_regions && (!c->customer_region || c->customer_region / 100 == base / 100))
        return; /* the usual case: one city */
    uint32_t all[TOUSU_MAX_REGIONS + 1];
    uint32_t n = 0;
    all[n++] = c->customer_region;
    for (uint32_t i = 0; i < c->n_needed_regions; i++)
        all[n++] = c->needed_regions[i];
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = all[i];
        if (!x || x / 100 == base / 100)
            continue; /* same city as the handling branch */
        bool seen = false;
        for (uint32_t k = 0; k < r->n_coord_regions; k++)
            seen |= r->coord_regions[k] == x;
        if (!seen && r->n_coord_regions < TOUSU_MAX_REGIONS)
            r->coord_regions[r->n_coord_regions++] = x;
    }
    r->needs_coordination = r->n_coord_regions > 0 || c->departments != 0;
}

void tz_escalate(const tousu_policy *p, const tousu_contact *c, const tousu_history *h,
                 tousu_result *r)
{
    r->level = TOUSU_LEVEL_AGENT;
    tz_add_reason(r, TOUSU_REASON_INTAKE, TOUSU_LEVEL_AGENT, 0);
    if (r->kinds & (1u << TOUSU_KIND_LEAPFROG)) /* R-LEAP-2 */
        tz_add_reason(r, TOUSU_REASON_LEAPFROG, (int32_t)p->leap_level[c->body], c->body);
    if (r->kinds & (1u << TOUSU_KIND_CROSS_REGION)) {
        uint32_t other = 0;
        if (tz_region_span(c, &other) == 2) /* R-XRG-2 */
            tz_add_reason(r, TOUSU_REASON_CROSS_PROVINCE, (int32_t)p->level_cross_province,
                          other);
        else /* R-XRG-1 */
            tz_add_reason(r, TOUSU_REASON_CROSS_CITY, (int32_t)p->level_cross_city, other);
    }
    if (r->repeat_of) { /* R-REP-4: one above the closing level, not the closer */
        tz_add_reason(r, TOUSU_REASON_REPEAT, one_up(h->archived_level), (int64_t)r->repeat_of);
        recuse(r, h->archived_by);
    }
    if (r->kinds & (1u << TOUSU_KIND_UPGRADED)) /* R-CLS-7 */
        tz_add_reason(r, TOUSU_REASON_UPGRADED, (int32_t)p->level_upgraded, 0);
    if (c->staff_id && r->is_complaint) { /* R-ESC-3 (seed 003) */
        tz_add_reason(r, TOUSU_REASON_STAFF_COMPLAINT, one_up(c->staff_level),
                      (int64_t)c->staff_id);
        recuse(r, c->staff_id);
    }
    if (c->flags & TOUSU_F_MANAGER_DISPUTE) { /* R-ESC-3 当事人回避制 */
        tz_add_reason(r, TOUSU_REASON_MANAGER_DISPUTE, TOUSU_LEVEL_SUPERVISOR,
                      (int64_t)c->account_manager_id);
        recuse(r, c->account_manager_id);
    }
    if (c->flags & TOUSU_F_NOT_ON_SPOT) /* R-ESC-4 */
        tz_add_reason(r, TOUSU_REASON_NOT_ON_SPOT, TOUSU_LEVEL_SUPERVISOR, 0);
    coordination(c, r);
}
