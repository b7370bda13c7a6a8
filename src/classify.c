/*
 * classify.c - what a contact is: R-DEF (complaint or not), R-REQ
 * (category, handling), R-CUS (important, sensitive, VIP), and the urgent
 * kinds that need no history (R-CLS-3/4/7/8/9/10, R-CLS-2 special limit),
 * each with its evidence; R-CLS-11 ranking. Batch and repeat are added by
 * the engine after it has asked the store.
 */
#include "internal.h"

void tz_add_evidence(tousu_result *r, int32_t kind, int32_t source, int64_t v, int64_t v2)
{
    r->kinds |= 1u << kind;
    if (r->n_evidence >= TOUSU_MAX_EVIDENCE)
        return;
    tousu_evidence *e = &r->evidence[r->n_evidence++];
    e->kind = kind;
    e->source = source;
    e->value = v;
    e->value2 = v2;
}

static const uint32_t important_bits =
    TOUSU_CUST_GOV_CONTACT | TOUSU_CUST_GOLD_CARD | TOUSU_CUST_GROUP_A_CONTACT |
    TOUSU_CUST_IMPORTANT;

static const uint32_t major_bits = TOUSU_F_MAJOR_HARM | TOUSU_F_MAJOR_MEDIA |
                                   TOUSU_F_MAJOR_PUBLIC | TOUSU_F_MAJOR_GOVERNMENT |
                                   TOUSU_F_MAJOR_LITIGATION | TOUSU_F_MAJOR_OPERATIONS |
                                   TOUSU_F_MAJOR_LEADERS;

/* R-CUS-3, R-CUS-4, R-CUS-5 */
static void classify_customer(const tousu_policy *p, const tousu_contact *c, tousu_result *r)
{
    uint32_t f = c->customer_flags;
    r->is_important = (f & important_bits) != 0;
    r->is_sensitive = (f & TOUSU_CUST_SENSITIVE) != 0;
    if (f & (TOUSU_CUST_VIP_KNOWN | TOUSU_CUST_VIP))
        r->is_vip = (f & TOUSU_CUST_VIP) != 0;
    else /* R-CUS-5 (default): important customers and key accounts count as VIP */
        r->is_vip = p->vip_from_importance && (r->is_important || c->tier != TOUSU_TIER_ORDINARY);
    r->tier = c->tier;
    r->industry = c->industry;
    r->manage_code = c->manage_code; /* R-CUS-6 */
    r->spend_code = c->spend_code;
}

/* R-DEF-1, R-REQ-1, R-REQ-2 */
static void classify_request(const tousu_contact *c, tousu_result *r)
{
    /* R-DEF-1: dissatisfaction AND a specific matter to resolve and answer. */
    const uint32_t both = TOUSU_F_DISSATISFIED | TOUSU_F_DEMANDS_RESOLUTION;
    r->is_complaint = (c->flags & both) == both;
    r->causes = c->causes; /* R-DEF-2 */
    /* R-DEF-1 decides first: a contact that meets it is a complaint whatever
     * the agent picked (a fault reported with dissatisfaction and a demand
     * to resolve it too); "otherwise" it is a fault report, a suggestion or
     * a consultation. */
    if (r->is_complaint)
        /* (4) serious complaint or dispute: the agent says so, the account
         * manager's handling became a dispute, or it is major (default). */
        r->category = (c->category == TOUSU_CAT_DISPUTE ||
                       (c->flags & (TOUSU_F_MANAGER_DISPUTE | major_bits)))
                          ? TOUSU_CAT_DISPUTE
                          : TOUSU_CAT_COMPLAINT;
    else if (c->category == TOUSU_CAT_FAULT)
        r->category = TOUSU_CAT_FAULT;
    else if (c->category == TOUSU_CAT_SUGGESTION)
        r->category = TOUSU_CAT_SUGGESTION;
    else
        r->category = TOUSU_CAT_CONSULTATION;
    r->handling = (r->category == TOUSU_CAT_FAULT || r->category == TOUSU_CAT_DISPUTE)
                      ? TOUSU_HANDLE_ONSITE
                      : TOUSU_HANDLE_PHONE;
    /* R-REQ-3 the regular channels */
    r->regular_channel = c->channel == TOUSU_CH_HALL || c->channel == TOUSU_CH_HOTLINE ||
                         c->channel == TOUSU_CH_ACCOUNT_MANAGER;
}

/* The urgent kinds decided from the record alone. */
static void classify_kinds(const tousu_contact *c, tousu_result *r)
{
    if (c->flags & major_bits) /* (most contacts have none: skip the scan) */
        for (uint32_t bit = TOUSU_F_MAJOR_HARM; bit <= TOUSU_F_MAJOR_LEADERS; bit <<= 1)
            if (c->flags & bit) /* R-CLS-3 */
                tz_add_evidence(r, TOUSU_KIND_MAJOR, TOUSU_EV_FLAG, bit, 0);
    if (c->body != TOUSU_BODY_COMPANY) /* R-CLS-4, R-LEAP-1: any channel */
        tz_add_evidence(r, TOUSU_KIND_LEAPFROG, TOUSU_EV_BODY, c->body, c->channel);
    if (c->flags & TOUSU_F_UPGRADED) /* R-CLS-7 */
        tz_add_evidence(r, TOUSU_KIND_UPGRADED, TOUSU_EV_FLAG, TOUSU_F_UPGRADED, 0);
    uint32_t other = 0;
    int span = tz_region_span(c, &other);
    if (span) /* R-CLS-8, R-XRG */
        tz_add_evidence(r, TOUSU_KIND_CROSS_REGION, TOUSU_EV_REGION, other,
                        c->handling_region ? c->handling_region : c->customer_region);
    if (c->customer_flags & important_bits)
        for (uint32_t bit = TOUSU_CUST_GOV_CONTACT; bit <= TOUSU_CUST_IMPORTANT; bit <<= 1)
            if (c->customer_flags & bit) /* R-CLS-9 */
                tz_add_evidence(r, TOUSU_KIND_IMPORTANT, TOUSU_EV_CUSTOMER, bit, 0);
    if (c->customer_flags & TOUSU_CUST_SENSITIVE) /* R-CLS-10 */
        tz_add_evidence(r, TOUSU_KIND_SENSITIVE, TOUSU_EV_CUSTOMER, TOUSU_CUST_SENSITIVE, 0);
    if ((c->flags & TOUSU_F_SPECIAL_DEADLINE) || c->special_deadline_ms) /* R-CLS-2 */
        tz_add_evidence(r, TOUSU_KIND_SPECIAL_DEADLINE, TOUSU_EV_DEADLINE,
                        TOUSU_F_SPECIAL_DEADLINE, c->special_deadline_ms);
}

void tz_classify(const tousu_policy *p, const tousu_contact *c, tousu_result *r)
{
    classify_customer(p, c, r);
    classify_request(c, r);
    if (tz_has_urgency(r->category))
        classify_kinds(c, r);
    if (c->text_len) /* R-CLS-12: suggestions only */
        tz_suggest_from_text(p, c->text, c->text_len, r);
}

/* R-CLS-11: the highest kind present decides the tier; R-CLS-2 named owner. */
void tz_rank(const tousu_policy *p, tousu_result *r)
{
    r->urgent = r->kinds != 0;
    r->named_owner = r->urgent;
    r->top_kind = -1;
    r->priority_tier = TOUSU_KIND_COUNT_ + 1;
    if (!r->kinds)
        return; /* ordinary (most contacts): nothing to look for */
    for (int32_t i = 0; i < TOUSU_KIND_COUNT_; i++) {
        if (r->kinds & (1u << p->priority[i])) {
            r->top_kind = p->priority[i];
            r->priority_tier = i + 1;
            break;
        }
    }
}
