/* test_triage.c - what a contact is: R-DEF, R-REQ, R-CUS, R-CLS, R-LEAP. */
#include "helpers.h"

static int setup(void **state)
{
    *state = new_engine();
    return 0;
}

static int teardown(void **state)
{
    tousu_engine_free(*state);
    return 0;
}

static int64_t T0;

/* R-DEF-1: dissatisfaction and a specific matter to resolve -> complaint. */
static void test_R_DEF_1_both_conditions_make_a_complaint(void **state)
{
    tousu_contact c = complaint(1, 100, 7, T0);
    tousu_result r = triage_ok(*state, &c);
    assert_true(r.is_complaint);
    assert_int_equal(r.category, TOUSU_CAT_COMPLAINT);
}

/* R-DEF-1: dissatisfaction alone is not a complaint, even if the agent
 * picked "complaint": it is a consultation. */
static void test_R_DEF_1_dissatisfaction_alone_is_consultation(void **state)
{
    tousu_contact c = complaint(2, 101, 7, T0);
    c.flags = TOUSU_F_DISSATISFIED;
    tousu_result r = triage_ok(*state, &c);
    assert_false(r.is_complaint);
    assert_int_equal(r.category, TOUSU_CAT_CONSULTATION);
    assert_false(r.urgent);
    c.contact_id = 3;
    c.flags = TOUSU_F_DEMANDS_RESOLUTION;
    c.category = TOUSU_CAT_SUGGESTION;
    r = triage_ok(*state, &c);
    assert_int_equal(r.category, TOUSU_CAT_SUGGESTION);
}

/* R-DEF-1 decides before the agent's pick: a fault reported with
 * dissatisfaction and a demand to resolve it is a complaint (handled by
 * telephone, R-REQ-2), not a fault report that is also a complaint. */
static void test_R_DEF_1_fault_meeting_both_conditions_is_a_complaint(void **state)
{
    tousu_contact c = complaint(6, 103, 0, T0);
    c.category = TOUSU_CAT_FAULT;
    tousu_result r = triage_ok(*state, &c);
    assert_true(r.is_complaint);
    assert_int_equal(r.category, TOUSU_CAT_COMPLAINT);
    assert_int_equal(r.handling, TOUSU_HANDLE_PHONE);
    c.contact_id = 7;
    c.flags = TOUSU_F_DEMANDS_RESOLUTION; /* one condition: still a fault report */
    r = triage_ok(*state, &c);
    assert_false(r.is_complaint);
    assert_int_equal(r.category, TOUSU_CAT_FAULT);
    assert_int_equal(r.handling, TOUSU_HANDLE_ONSITE);
}

/* R-DEF-2: cause codes are carried into the result. */
static void test_R_DEF_2_causes_carried(void **state)
{
    tousu_contact c = complaint(4, 102, 7, T0);
    c.causes = TOUSU_CAUSE_PROMISE_NOT_KEPT | TOUSU_CAUSE_TOO_SLOW;
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.causes, TOUSU_CAUSE_PROMISE_NOT_KEPT | TOUSU_CAUSE_TOO_SLOW);
    c.contact_id = 5;
    c.causes = 0x80; /* no such cause */
    tousu_result r2 = new_result();
    assert_int_equal(tousu_triage(*state, &c, &r2), TOUSU_ERANGE);
}

/* R-REQ-1, R-REQ-2: the four categories and how each is handled. */
static void test_R_REQ_1_R_REQ_2_categories_and_handling(void **state)
{
    tousu_contact c = complaint(10, 110, 0, T0);
    c.flags = 0;
    c.category = TOUSU_CAT_CONSULTATION;
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.category, TOUSU_CAT_CONSULTATION);
    assert_int_equal(r.handling, TOUSU_HANDLE_PHONE);

    c = complaint(11, 111, 0, T0);
    r = triage_ok(*state, &c);
    assert_int_equal(r.handling, TOUSU_HANDLE_PHONE);

    c = complaint(12, 112, 0, T0);
    c.category = TOUSU_CAT_FAULT;
    c.flags = 0;
    r = triage_ok(*state, &c);
    assert_int_equal(r.category, TOUSU_CAT_FAULT);
    assert_int_equal(r.handling, TOUSU_HANDLE_ONSITE);

    c = complaint(13, 113, 0, T0);
    c.category = TOUSU_CAT_DISPUTE;
    r = triage_ok(*state, &c);
    assert_int_equal(r.category, TOUSU_CAT_DISPUTE);
    assert_int_equal(r.handling, TOUSU_HANDLE_ONSITE);
}

/* R-REQ-3: hall, hotline and account manager are the regular channels. */
static void test_R_REQ_3_regular_channels(void **state)
{
    const int regular[] = {TOUSU_CH_HALL, TOUSU_CH_HOTLINE, TOUSU_CH_ACCOUNT_MANAGER};
    const int other[] = {TOUSU_CH_WEBSITE, TOUSU_CH_PETITION, TOUSU_CH_PHONE, TOUSU_CH_FAX,
                         TOUSU_CH_LETTER, TOUSU_CH_MEDIA, TOUSU_CH_ONSITE};
    uint64_t id = 20;
    for (size_t i = 0; i < 3; i++) {
        tousu_contact c = complaint(id++, 120, 0, T0);
        c.channel = regular[i];
        tousu_result r = triage_ok(*state, &c);
        assert_true(r.regular_channel);
    }
    for (size_t i = 0; i < 7; i++) {
        tousu_contact c = complaint(id++, 120, 0, T0);
        c.channel = other[i];
        tousu_result r = triage_ok(*state, &c);
        assert_false(r.regular_channel);
    }
}

/* R-REQ-4: handling is tiered between provincial and city companies: a
 * city body's complaint stays at the city branch, a provincial body's
 * goes to the provincial company. */
static void test_R_REQ_4_tiered_handling(void **state)
{
    tousu_contact c = complaint(30, 130, 0, T0);
    c.body = TOUSU_BODY_CITY_CONSUMER;
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.level, TOUSU_LEVEL_CITY);
    c.contact_id = 31;
    c.body = TOUSU_BODY_PROV_HOTLINE;
    r = triage_ok(*state, &c);
    assert_int_equal(r.level, TOUSU_LEVEL_PROVINCE);
}

/* R-CUS-1, R-CUS-2, R-CUS-6: tier, industry and host codes carried. */
static void test_R_CUS_1_2_6_carried(void **state)
{
    tousu_contact c = complaint(40, 140, 0, T0);
    c.tier = TOUSU_TIER_KEY_PROVINCE;
    c.industry = TOUSU_IND_FINANCE;
    c.manage_code = 77;
    c.spend_code = 5;
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.tier, TOUSU_TIER_KEY_PROVINCE);
    assert_int_equal(r.industry, TOUSU_IND_FINANCE);
    assert_int_equal(r.manage_code, 77);
    assert_int_equal(r.spend_code, 5);
    c.contact_id = 41;
    c.industry = TOUSU_IND_COUNT_;
    tousu_result r2 = new_result();
    assert_int_equal(tousu_triage(*state, &c, &r2), TOUSU_ERANGE);
}

/* R-CUS-3, R-CLS-9: government contacts, gold card and class-A group
 * contacts are important; each attribute is evidence. */
static void test_R_CUS_3_R_CLS_9_important_customer(void **state)
{
    tousu_contact c = complaint(50, 150, 0, T0);
    c.customer_flags = TOUSU_CUST_GOLD_CARD | TOUSU_CUST_GOV_CONTACT;
    tousu_result r = triage_ok(*state, &c);
    assert_true(r.is_important);
    assert_true(has_kind(&r, TOUSU_KIND_IMPORTANT));
    assert_true(r.urgent);
    int n = 0;
    for (uint32_t i = 0; i < r.n_evidence; i++)
        n += r.evidence[i].kind == TOUSU_KIND_IMPORTANT;
    assert_int_equal(n, 2);
    c.contact_id = 51;
    c.customer_flags = TOUSU_CUST_GROUP_A_CONTACT;
    r = triage_ok(*state, &c);
    assert_true(has_kind(&r, TOUSU_KIND_IMPORTANT));
}

/* R-CUS-4, R-CLS-10 */
static void test_R_CUS_4_R_CLS_10_sensitive_customer(void **state)
{
    tousu_contact c = complaint(60, 160, 0, T0);
    c.customer_flags = TOUSU_CUST_SENSITIVE;
    tousu_result r = triage_ok(*state, &c);
    assert_true(r.is_sensitive);
    assert_true(has_kind(&r, TOUSU_KIND_SENSITIVE));
    assert_int_equal(r.top_kind, TOUSU_KIND_SENSITIVE);
}

/* R-CUS-5: the host's VIP flag decides; without one, important customers
 * and key accounts count as VIP (default); VIP_KNOWN without VIP = not. */
static void test_R_CUS_5_vip_default_rule(void **state)
{
    tousu_contact c = complaint(70, 170, 0, T0);
    tousu_result r = triage_ok(*state, &c);
    assert_false(r.is_vip);
    c.contact_id = 71;
    c.tier = TOUSU_TIER_KEY_CITY;
    r = triage_ok(*state, &c);
    assert_true(r.is_vip);
    c.contact_id = 72;
    c.customer_flags = TOUSU_CUST_VIP_KNOWN;
    r = triage_ok(*state, &c);
    assert_false(r.is_vip);
    c.contact_id = 73;
    c.tier = TOUSU_TIER_ORDINARY;
    c.customer_flags = TOUSU_CUST_VIP;
    r = triage_ok(*state, &c);
    assert_true(r.is_vip);
}

/* R-CLS-1: a first report through a regular channel with nothing special
 * is ordinary: no kinds, lowest tier, no named owner, front line. */
static void test_R_CLS_1_ordinary(void **state)
{
    tousu_contact c = complaint(80, 180, 9, T0);
    tousu_result r = triage_ok(*state, &c);
    assert_false(r.urgent);
    assert_int_equal(r.kinds, 0);
    assert_int_equal(r.top_kind, -1);
    assert_int_equal(r.priority_tier, TOUSU_KIND_COUNT_ + 1);
    assert_false(r.named_owner);
    assert_int_equal(r.level, TOUSU_LEVEL_AGENT);
}

/* R-CLS-2: urgent complaints get a named owner; a special time limit set by
 * leaders makes a complaint urgent. */
static void test_R_CLS_2_special_deadline_urgent_named_owner(void **state)
{
    tousu_contact c = complaint(90, 190, 0, T0);
    c.special_deadline_ms = T0 + 4 * HOUR;
    tousu_result r = triage_ok(*state, &c);
    assert_true(r.urgent);
    assert_true(r.named_owner);
    assert_true(has_kind(&r, TOUSU_KIND_SPECIAL_DEADLINE));
    assert_int_equal(r.evidence[0].value2, T0 + 4 * HOUR);
}

/* R-CLS-3: each sign of a major complaint is its own evidence; a major
 * complaint is a serious complaint (category 4) handled on site. */
static void test_R_CLS_3_major_with_evidence(void **state)
{
    tousu_contact c = complaint(100, 200, 0, T0);
    c.flags |= TOUSU_F_MAJOR_MEDIA | TOUSU_F_MAJOR_LITIGATION;
    tousu_result r = triage_ok(*state, &c);
    assert_true(has_kind(&r, TOUSU_KIND_MAJOR));
    assert_int_equal(r.top_kind, TOUSU_KIND_MAJOR);
    assert_int_equal(r.priority_tier, 1);
    assert_int_equal(r.n_evidence, 2);
    assert_int_equal(r.evidence[0].value, TOUSU_F_MAJOR_MEDIA);
    assert_int_equal(r.evidence[1].value, TOUSU_F_MAJOR_LITIGATION);
    assert_int_equal(r.category, TOUSU_CAT_DISPUTE);
}

/* R-CLS-4, R-LEAP-1: a complaint to a body above the branch, any channel. */
static void test_R_CLS_4_R_LEAP_1_leapfrog_any_channel(void **state)
{
    const int channels[] = {TOUSU_CH_WEBSITE, TOUSU_CH_PETITION, TOUSU_CH_PHONE, TOUSU_CH_FAX,
                            TOUSU_CH_LETTER};
    for (size_t i = 0; i < 5; i++) {
        tousu_contact c = complaint(110 + i, 210, 0, T0);
        c.channel = channels[i];
        c.body = TOUSU_BODY_GROUP_COMPANY;
        tousu_result r = triage_ok(*state, &c);
        assert_true(has_kind(&r, TOUSU_KIND_LEAPFROG));
        assert_int_equal(r.evidence[0].source, TOUSU_EV_BODY);
        assert_int_equal(r.evidence[0].value2, channels[i]);
    }
    tousu_contact c = complaint(120, 210, 0, T0);
    tousu_result r = triage_ok(*state, &c);
    assert_false(has_kind(&r, TOUSU_KIND_LEAPFROG));
}

/* R-LEAP-2: the owning level follows the body. */
static void test_R_LEAP_2_level_follows_body(void **state)
{
    static const struct {
        int body, level;
    } cases[] = {
        {TOUSU_BODY_CITY_GOVERNMENT, TOUSU_LEVEL_CITY},
        {TOUSU_BODY_CITY_MEDIA, TOUSU_LEVEL_CITY},
        {TOUSU_BODY_CITY_CONSUMER, TOUSU_LEVEL_CITY},
        {TOUSU_BODY_PROV_LEADERS, TOUSU_LEVEL_PROVINCE},
        {TOUSU_BODY_PROV_HOTLINE, TOUSU_LEVEL_PROVINCE},
        {TOUSU_BODY_PROV_GOVERNMENT, TOUSU_LEVEL_PROVINCE},
        {TOUSU_BODY_PROV_MEDIA, TOUSU_LEVEL_PROVINCE},
        {TOUSU_BODY_PROV_CONSUMER, TOUSU_LEVEL_PROVINCE},
        {TOUSU_BODY_PROV_COMM_ADMIN, TOUSU_LEVEL_PROVINCE},
        {TOUSU_BODY_GROUP_COMPANY, TOUSU_LEVEL_GROUP},
        {TOUSU_BODY_NATIONAL_REGULATOR, TOUSU_LEVEL_GROUP},
        {TOUSU_BODY_NATIONAL_MEDIA, TOUSU_LEVEL_GROUP},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tousu_contact c = complaint(130 + i, 230, 0, T0);
        c.channel = TOUSU_CH_LETTER;
        c.body = cases[i].body;
        tousu_result r = triage_ok(*state, &c);
        assert_int_equal(r.level, cases[i].level);
        assert_true(has_reason(&r, TOUSU_REASON_LEAPFROG, cases[i].level));
    }
}

/* R-CLS-5..8 are covered in test_batch.c, test_repeat.c, test_escalate.c;
 * here R-CLS-7 upgraded and R-CLS-11 ranking with several kinds at once. */
static void test_R_CLS_7_upgraded(void **state)
{
    tousu_contact c = complaint(150, 250, 0, T0);
    c.flags |= TOUSU_F_UPGRADED;
    tousu_result r = triage_ok(*state, &c);
    assert_true(has_kind(&r, TOUSU_KIND_UPGRADED));
    assert_int_equal(r.level, TOUSU_LEVEL_PROVINCE);
    assert_true(has_reason(&r, TOUSU_REASON_UPGRADED, TOUSU_LEVEL_PROVINCE));
}

/* R-CLS-11: all kinds are reported; the highest in the order decides. */
static void test_R_CLS_11_priority_order(void **state)
{
    tousu_contact c = complaint(160, 260, 0, T0);
    c.customer_flags = TOUSU_CUST_SENSITIVE | TOUSU_CUST_GOLD_CARD;
    c.flags |= TOUSU_F_UPGRADED;
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.kinds, (1u << TOUSU_KIND_SENSITIVE) | (1u << TOUSU_KIND_IMPORTANT) |
                                  (1u << TOUSU_KIND_UPGRADED));
    assert_int_equal(r.top_kind, TOUSU_KIND_UPGRADED);
    assert_int_equal(r.priority_tier, 5);

    c.contact_id = 161;
    c.body = TOUSU_BODY_CITY_MEDIA;
    r = triage_ok(*state, &c);
    assert_int_equal(r.top_kind, TOUSU_KIND_LEAPFROG);
    assert_int_equal(r.priority_tier, 2);
}

/* R-CLS-11: the order is a policy parameter. */
static void test_R_CLS_11_custom_order(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    const int32_t order[TOUSU_KIND_COUNT_] = {
        TOUSU_KIND_SENSITIVE, TOUSU_KIND_MAJOR,        TOUSU_KIND_LEAPFROG,
        TOUSU_KIND_BATCH,     TOUSU_KIND_REPEAT,       TOUSU_KIND_UPGRADED,
        TOUSU_KIND_CROSS_REGION, TOUSU_KIND_IMPORTANT, TOUSU_KIND_SPECIAL_DEADLINE};
    assert_int_equal(tousu_policy_set_priority(p, order, TOUSU_KIND_COUNT_), TOUSU_OK);
    const int32_t bad[TOUSU_KIND_COUNT_] = {0, 0, 1, 2, 3, 4, 5, 6, 7};
    assert_int_equal(tousu_policy_set_priority(p, bad, TOUSU_KIND_COUNT_), TOUSU_ERANGE);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, NULL, p), TOUSU_OK);
    tousu_policy_free(p); /* the engine keeps its reference */
    tousu_contact c = complaint(1, 1, 0, T0);
    c.customer_flags = TOUSU_CUST_SENSITIVE;
    c.flags |= TOUSU_F_MAJOR_MEDIA;
    tousu_result r = triage_ok(e, &c);
    assert_int_equal(r.top_kind, TOUSU_KIND_SENSITIVE);
    assert_int_equal(r.priority_tier, 1);
    tousu_engine_free(e);
}

/* A consultation is neither ordinary nor urgent even from a sensitive customer. */
static void test_R_CLS_2_consultations_have_no_urgency(void **state)
{
    tousu_contact c = complaint(170, 270, 5, T0);
    c.flags = 0;
    c.category = TOUSU_CAT_CONSULTATION;
    c.customer_flags = TOUSU_CUST_SENSITIVE;
    tousu_result r = triage_ok(*state, &c);
    assert_false(r.urgent);
    assert_int_equal(r.kinds, 0);
}

/* R-CLS-3, R-CLS-4, R-CLS-10, R-LEAP-2: a fault report's urgent kinds and
 * level do not depend on whether fault reports count toward batches
 * (TOUSU_P_BATCH_COUNTS_FAULTS only takes them out of the windows). */
static void test_R_CLS_3_fault_urgency_whatever_batch_counting(void **state)
{
    (void)state;
    for (int counts = 0; counts <= 1; counts++) {
        tousu_policy *p = NULL;
        assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
        assert_int_equal(tousu_policy_set_int(p, TOUSU_P_BATCH_COUNTS_FAULTS, counts), TOUSU_OK);
        tousu_engine *e = NULL;
        assert_int_equal(tousu_engine_new(&e, NULL, p), TOUSU_OK);
        tousu_policy_free(p);
        tousu_contact c = complaint(190, 290, 77, T0);
        c.category = TOUSU_CAT_FAULT;
        c.flags = TOUSU_F_MAJOR_MEDIA;
        c.body = TOUSU_BODY_GROUP_COMPANY;
        c.channel = TOUSU_CH_LETTER;
        c.customer_flags = TOUSU_CUST_SENSITIVE;
        tousu_result r = triage_ok(e, &c);
        assert_int_equal(r.category, TOUSU_CAT_FAULT);
        assert_true(r.urgent);
        assert_true(has_kind(&r, TOUSU_KIND_MAJOR));
        assert_true(has_kind(&r, TOUSU_KIND_LEAPFROG));
        assert_true(has_kind(&r, TOUSU_KIND_SENSITIVE));
        assert_int_equal(r.level, TOUSU_LEVEL_GROUP);
        assert_int_equal(r.batch_ordinary + r.batch_vip, (uint32_t)counts); /* in the window? */
        tousu_engine_free(e);
    }
}

static void test_explain_is_readable(void **state)
{
    tousu_contact c = complaint(180, 280, 0, T0);
    c.body = TOUSU_BODY_PROV_LEADERS;
    c.channel = TOUSU_CH_LETTER;
    tousu_result r = triage_ok(*state, &c);
    size_t need = 0;
    assert_int_equal(tousu_result_explain(&r, NULL, 0, &need), TOUSU_ENOSPACE);
    assert_true(need > 50);
    char small[16];
    assert_int_equal(tousu_result_explain(&r, small, sizeof small, &need), TOUSU_ENOSPACE);
    assert_int_equal(strlen(small), sizeof small - 1);
    char *buf = malloc(need + 1);
    assert_int_equal(tousu_result_explain(&r, buf, need + 1, &need), TOUSU_OK);
    assert_non_null(strstr(buf, "leapfrog"));
    assert_non_null(strstr(buf, "provincial company leaders"));
    assert_non_null(strstr(buf, "owner: provincial company"));
    free(buf);
}

/* R-SLA-12: explained times are local times of the policy zone, with that
 * zone's offset; tousu_result_explain keeps the built-in +08:00. A zone west
 * of UTC moves the date back (10:00+08:00 is 23:30-02:30 the day before). */
static void test_R_SLA_12_explain_in_policy_zone(void **state)
{
    tousu_contact c = complaint(181, 281, 0, T0); /* 2025-06-03 10:00+08:00 */
    c.flags |= TOUSU_F_SPECIAL_DEADLINE;
    c.special_deadline_ms = T0 + 2 * 3600000;
    tousu_result r = triage_ok(*state, &c);
    char buf[4096];
    size_t need = 0;

    assert_int_equal(tousu_result_explain(&r, buf, sizeof buf, &need), TOUSU_OK);
    assert_non_null(strstr(buf, "intake: 2025-06-03 10:00:00+08:00"));
    assert_non_null(strstr(buf, "until 2025-06-03 12:00:00+08:00"));
    assert_int_equal(tousu_result_explain_policy(tousu_engine_policy(*state), &r, buf,
                                                 sizeof buf, &need), TOUSU_OK);
    assert_non_null(strstr(buf, "intake: 2025-06-03 10:00:00+08:00"));

    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_UTC_OFFSET_MIN, 360), TOUSU_OK);
    assert_int_equal(tousu_result_explain_policy(p, &r, buf, sizeof buf, &need), TOUSU_OK);
    assert_non_null(strstr(buf, "intake: 2025-06-03 08:00:00+06:00"));
    assert_non_null(strstr(buf, "until 2025-06-03 10:00:00+06:00"));
    assert_null(strstr(buf, "+08:00"));

    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_UTC_OFFSET_MIN, -150), TOUSU_OK);
    assert_int_equal(tousu_result_explain_policy(p, &r, NULL, 0, &need), TOUSU_ENOSPACE);
    char *text = malloc(need + 1);
    assert_int_equal(tousu_result_explain_policy(p, &r, text, need + 1, &need), TOUSU_OK);
    assert_int_equal(strlen(text), need);
    assert_non_null(strstr(text, "intake: 2025-06-02 23:30:00-02:30"));
    free(text);

    assert_int_equal(tousu_result_explain_policy(NULL, &r, buf, sizeof buf, &need),
                     TOUSU_EINVAL);
    assert_int_equal(tousu_result_explain_policy(p, NULL, buf, sizeof buf, &need),
                     TOUSU_EINVAL);
    assert_int_equal(tousu_result_explain_policy(p, &r, NULL, 8, &need), TOUSU_EINVAL);
    tousu_result small = r;
    small.struct_size = 8;
    assert_int_equal(tousu_result_explain_policy(p, &small, buf, sizeof buf, &need),
                     TOUSU_ESTRUCT);
    tousu_policy_free(p);
}

/* The result is written whole: a caller's buffer full of old bytes gets
 * exactly what a zeroed one gets (every list entry past its count reads
 * zero), for results with entries in every list. */
static void test_result_written_whole_over_old_bytes(void **state)
{
    (void)state;
    tousu_engine *clean = new_engine(), *dirty = new_engine();
    static const char text[] = "再不解决我就找记者曝光";
    for (uint64_t i = 0; i < 6; i++) {
        tousu_contact c = complaint(900 + i, 4000 + i % 3, 70, T0 + (int64_t)i * MINUTE);
        if (i % 2) { /* every list in use: evidence, reasons, recused, regions, signals */
            c.flags |= TOUSU_F_MAJOR_MEDIA | TOUSU_F_MAJOR_LITIGATION;
            c.body = TOUSU_BODY_PROV_HOTLINE;
            c.staff_id = 4242;
            c.staff_level = TOUSU_LEVEL_AGENT;
            c.handling_region = 440100;
            c.customer_region = 440100;
            c.n_needed_regions = 1;
            c.needed_regions[0] = 440300;
            c.text = text;
            c.text_len = sizeof text - 1;
        }
        tousu_result want = triage_ok(clean, &c);
        tousu_result got;
        memset(&got, 0xA5, sizeof got);
        got.struct_size = sizeof got;
        assert_int_equal(tousu_triage(dirty, &c, &got), TOUSU_OK);
        assert_memory_equal(&got, &want, sizeof got);
        if (i % 2) {
            assert_true(want.n_evidence > 0 && want.n_reasons > 0 && want.n_recused > 0);
            assert_true(want.n_coord_regions > 0 && want.n_signals > 0);
        }
    }
    tousu_engine_free(clean);
    tousu_engine_free(dirty);
}

int main(void)
{
    T0 = at(2025, 6, 3, 10, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_DEF_1_both_conditions_make_a_complaint),
        cmocka_unit_test(test_result_written_whole_over_old_bytes),
        cmocka_unit_test(test_R_DEF_1_dissatisfaction_alone_is_consultation),
        cmocka_unit_test(test_R_DEF_1_fault_meeting_both_conditions_is_a_complaint),
        cmocka_unit_test(test_R_DEF_2_causes_carried),
        cmocka_unit_test(test_R_REQ_1_R_REQ_2_categories_and_handling),
        cmocka_unit_test(test_R_REQ_3_regular_channels),
        cmocka_unit_test(test_R_REQ_4_tiered_handling),
        cmocka_unit_test(test_R_CUS_1_2_6_carried),
        cmocka_unit_test(test_R_CUS_3_R_CLS_9_important_customer),
        cmocka_unit_test(test_R_CUS_4_R_CLS_10_sensitive_customer),
        cmocka_unit_test(test_R_CUS_5_vip_default_rule),
        cmocka_unit_test(test_R_CLS_1_ordinary),
        cmocka_unit_test(test_R_CLS_2_special_deadline_urgent_named_owner),
        cmocka_unit_test(test_R_CLS_3_major_with_evidence),
        cmocka_unit_test(test_R_CLS_4_R_LEAP_1_leapfrog_any_channel),
        cmocka_unit_test(test_R_LEAP_2_level_follows_body),
        cmocka_unit_test(test_R_CLS_7_upgraded),
        cmocka_unit_test(test_R_CLS_11_priority_order),
        cmocka_unit_test(test_R_CLS_11_custom_order),
        cmocka_unit_test(test_R_CLS_2_consultations_have_no_urgency),
        cmocka_unit_test(test_R_CLS_3_fault_urgency_whatever_batch_counting),
        cmocka_unit_test(test_explain_is_readable),
        cmocka_unit_test(test_R_SLA_12_explain_in_policy_zone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
