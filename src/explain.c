/*
 * explain.c - a triage result as text a supervisor can read: what the
 * contact is, why it is urgent (each kind with its evidence), who must own
 * it and why, who must not, and what needs coordinating. snprintf
 * semantics over a caller buffer.
 */
#include "internal.h"
#include "policy_text.h"

#include <stdio.h>
#include <string.h>

/* The text under construction and the zone its times are shown in. */
typedef struct explainer {
    tz_sink sink;
    int32_t offset_min; /* the policy's UTC offset (R-SLA-12) */
} explainer;

/* Local date-time in the explainer's zone, with that zone's offset:
 * "2025-06-03 10:00:00+08:00". */
static void put_time(explainer *x, int64_t t_ms)
{
    int64_t local = t_ms + (int64_t)x->offset_min * TZ_MINUTE_MS;
    int64_t days = tz_floor_div(local, INT64_C(86400000));
    int64_t ms = local - days * INT64_C(86400000);
    int64_t y;
    unsigned m, d;
    tz_civil_from_days(days, &y, &m, &d);
    const int32_t off = x->offset_min < 0 ? -x->offset_min : x->offset_min;
    tz_sink_put(&x->sink, "%04lld-%02u-%02u %02d:%02d:%02d%c%02d:%02d", (long long)y, m, d,
        (int)(ms / 3600000), (int)(ms / 60000 % 60), (int)(ms / 1000 % 60),
        x->offset_min < 0 ? '-' : '+', (int)(off / 60), (int)(off % 60));
}

static const char *flag_name(int64_t bit)
{
    switch (bit) {
    case TOUSU_F_MAJOR_HARM: return "serious harm to customer perception";
    case TOUSU_F_MAJOR_MEDIA: return "media coverage";
    case TOUSU_F_MAJOR_PUBLIC: return "public attention";
    case TOUSU_F_MAJOR_GOVERNMENT: return "government intervention";
    case TOUSU_F_MAJOR_LITIGATION: return "litigation or arbitration";
    case TOUSU_F_MAJOR_OPERATIONS: return "serious impact on operations or reputation";
    case TOUSU_F_MAJOR_LEADERS: return "company leaders' attention";
    case TOUSU_F_UPGRADED: return "the branch could not resolve it and raised it";
    case TOUSU_F_SPECIAL_DEADLINE: return "a special time limit was set";
    default: return "flag";
    }
}

static const char *customer_bit_name(int64_t bit)
{
    switch (bit) {
    case TOUSU_CUST_GOV_CONTACT: return "leader or contact of a government department";
    case TOUSU_CUST_GOLD_CARD: return "gold-card level or above";
    case TOUSU_CUST_GROUP_A_CONTACT: return "leader or contact of a class-A group";
    case TOUSU_CUST_IMPORTANT: return "marked important";
    case TOUSU_CUST_SENSITIVE: return "marked sensitive by the branch";
    default: return "customer";
    }
}

static void put_evidence(explainer *x, const tousu_evidence *ev)
{
    tz_sink *s = &x->sink;
    tz_sink_put(s, "    - %s: ", tousu_kind_name(ev->kind));
    switch (ev->source) {
    case TOUSU_EV_FLAG: tz_sink_put(s, "%s", flag_name(ev->value)); break;
    case TOUSU_EV_BODY:
        tz_sink_put(s, "addressed to %s via %s", tousu_body_name((int32_t)ev->value),
            tousu_channel_name((int32_t)ev->value2));
        break;
    case TOUSU_EV_BATCH_WINDOW:
        tz_sink_put(s, "%u ordinary + %u VIP distinct customers on this matter since ",
            (unsigned)((uint64_t)ev->value >> 32), (unsigned)(ev->value & 0xffffffff));
        put_time(x, ev->value2);
        break;
    case TOUSU_EV_ARCHIVED:
        tz_sink_put(s, "same matter archived as complaint #%lld on ", (long long)ev->value);
        put_time(x, ev->value2);
        break;
    case TOUSU_EV_REGION:
        tz_sink_put(s, "needs region %06lld, handled in %06lld", (long long)ev->value,
            (long long)ev->value2);
        break;
    case TOUSU_EV_CUSTOMER: tz_sink_put(s, "%s", customer_bit_name(ev->value)); break;
    case TOUSU_EV_DEADLINE:
        tz_sink_put(s, "special time limit");
        if (ev->value2) {
            tz_sink_put(s, " until ");
            put_time(x, ev->value2);
        }
        break;
    default: tz_sink_put(s, "?"); break;
    }
    tz_sink_put(s, "\n");
}

static void put_reason(tz_sink *s, const tousu_reason *x)
{
    tz_sink_put(s, "    - %s -> %s", tousu_reason_name(x->code), tousu_level_name(x->level));
    switch (x->code) {
    case TOUSU_REASON_LEAPFROG: tz_sink_put(s, " (%s)", tousu_body_name((int32_t)x->value)); break;
    case TOUSU_REASON_CROSS_CITY:
    case TOUSU_REASON_CROSS_PROVINCE: tz_sink_put(s, " (region %06lld)", (long long)x->value); break;
    case TOUSU_REASON_REPEAT: tz_sink_put(s, " (earlier complaint #%lld)", (long long)x->value); break;
    case TOUSU_REASON_STAFF_COMPLAINT: tz_sink_put(s, " (staff #%lld)", (long long)x->value); break;
    case TOUSU_REASON_MANAGER_DISPUTE:
        tz_sink_put(s, " (account manager #%lld)", (long long)x->value);
        break;
    case TOUSU_REASON_SLA_BREACH: tz_sink_put(s, " (stage %lld)", (long long)x->value); break;
    default: break;
    }
    tz_sink_put(s, "\n");
}

static void put_summary(explainer *x, const tousu_result *r)
{
    tz_sink *s = &x->sink;
    tz_sink_put(s, "  what: %s, handled %s%s\n", tousu_category_name(r->category),
        r->handling == TOUSU_HANDLE_ONSITE ? "with departments on site" : "by telephone",
        r->is_complaint ? "" : " (not a complaint under R-DEF-1)");
    if (r->urgent)
        tz_sink_put(s, "  urgency: URGENT (紧急), top kind %s, priority tier %d, named owner required\n",
            tousu_kind_name(r->top_kind), (int)r->priority_tier);
    else if (r->is_complaint || r->category == TOUSU_CAT_FAULT)
        tz_sink_put(s, "  urgency: ordinary (普通)\n");
    for (uint32_t i = 0; i < r->n_evidence && i < TOUSU_MAX_EVIDENCE; i++)
        put_evidence(x, &r->evidence[i]);
    if (r->followup)
        tz_sink_put(s, "  follow-up on open complaint #%llu (not a repeat)\n",
            (unsigned long long)r->followup_of);
    if (r->batch)
        tz_sink_put(s, "  batch incident: %u contacts in the window belong to it\n",
            (unsigned)r->batch_members);
}

static void put_owner(tz_sink *s, const tousu_result *r)
{
    tz_sink_put(s, "  owner: %s\n", tousu_level_name(r->level));
    for (uint32_t i = 0; i < r->n_reasons && i < TOUSU_MAX_REASONS; i++)
        put_reason(s, &r->reasons[i]);
    for (uint32_t i = 0; i < r->n_recused && i < TOUSU_MAX_RECUSED; i++)
        tz_sink_put(s, "  must not own it (回避): staff #%llu\n", (unsigned long long)r->recused[i]);
    if (r->needs_coordination) {
        tz_sink_put(s, "  needs coordination (协调单):");
        for (uint32_t i = 0; i < r->n_coord_regions && i < TOUSU_MAX_REGIONS; i++)
            tz_sink_put(s, " region %06u", r->coord_regions[i]);
        static const char *const depts[] = {"network", "billing", "marketing", "IT",
                                            "device maker", "legal", "customer service",
                                            "other"};
        for (unsigned b = 0; b < 8; b++)
            if (r->coord_departments & (1u << b))
                tz_sink_put(s, " %s", depts[b]);
        tz_sink_put(s, "\n");
    }
    if (r->suggested_kinds) {
        tz_sink_put(s, "  text suggests (not applied):");
        for (int32_t k = 0; k < TOUSU_KIND_COUNT_; k++)
            if (r->suggested_kinds & (1u << k))
                tz_sink_put(s, " %s", tousu_kind_name(k));
        tz_sink_put(s, "\n");
    }
}

/* Check the arguments and write the whole text (snprintf semantics). */
static int explain(const tousu_result *r, int32_t offset_min, char *buf, size_t cap,
                   size_t *needed)
{
    if (!r || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    if (r->struct_size < sizeof(tousu_result))
        return TOUSU_ESTRUCT;
    explainer x = {{buf, cap, 0}, offset_min};
    if (cap)
        buf[0] = '\0';
    tz_sink_put(&x.sink, "  intake: ");
    put_time(&x, r->intake_ms);
    tz_sink_put(&x.sink, "\n");
    put_summary(&x, r);
    put_owner(&x.sink, r);
    *needed = x.sink.len;
    return x.sink.len < cap ? TOUSU_OK : TOUSU_ENOSPACE;
}

int tousu_result_explain(const tousu_result *r, char *buf, size_t cap, size_t *needed)
{
    return explain(r, TZ_DEFAULT_UTC_OFFSET_MIN, buf, cap, needed);
}

int tousu_result_explain_policy(const tousu_policy *policy, const tousu_result *r, char *buf,
                                size_t cap, size_t *needed)
{
    if (!policy)
        return TOUSU_EINVAL;
    return explain(r, (int32_t)policy->utc_offset_min, buf, cap, needed);
}
