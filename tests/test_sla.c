/* test_sla.c - SLA clocks and stage plans (R-SLA-1..13, R-ESC-5); every
 * state reached is also saved and restored (R-SLA-14, sla_helpers.h). */
#include "sla_helpers.h"

/* 2025-03-10 is a Monday (working day), +08:00. */
#define MON(h, m) at(2025, 3, 10, h, m)
#define TUE(h, m) at(2025, 3, 11, h, m)
#define WED(h, m) at(2025, 3, 12, h, m)

/* ---------- fault tickets (R-SLA-1..5) ---------- */

/* R-SLA-1..5 the default plan of a fault ticket and its targets. */
static void test_R_SLA_1_to_5_fault_plan_stages(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 0, MON(10, 0));
    tousu_plan *p = sla_plan(cal, &r, 0);
    tousu_plan_status ps = sla_status(p, MON(10, 0));
    assert_int_equal(ps.n_stages, 5);
    assert_int_equal(ps.current, 0);
    assert_int_equal(ps.stage, TOUSU_STAGE_PREPROCESS);
    static const int32_t stages[5] = {TOUSU_STAGE_PREPROCESS, TOUSU_STAGE_DISPATCH,
                                      TOUSU_STAGE_ENGINEER_ANSWER, TOUSU_STAGE_RESOLUTION_PLAN,
                                      TOUSU_STAGE_CALLBACK_CLOSE};
    static const int64_t targets[5] = {30 * MINUTE, 10 * MINUTE, 30 * MINUTE, 24 * HOUR,
                                       20 * MINUTE};
    static const int32_t business[5] = {1, 1, 1, 0, 1};
    for (int32_t i = 0; i < 5; i++) {
        tousu_clock_status st = sla_stage(p, i, MON(10, 0));
        assert_int_equal(st.stage, stages[i]);
        assert_int_equal(st.target_ms, targets[i]);
        assert_int_equal(st.business, business[i]);
        assert_int_equal(st.state, i == 0 ? TOUSU_CLOCK_RUNNING : TOUSU_CLOCK_IDLE);
    }
    /* projected: each stage starts when the one before is due */
    assert_int_equal(sla_stage(p, 1, MON(10, 0)).due_ms, MON(10, 40));
    assert_int_equal(sla_stage(p, 2, MON(10, 0)).due_ms, MON(11, 10));
    assert_int_equal(sla_stage(p, 3, MON(10, 0)).due_ms, TUE(11, 10));
    assert_int_equal(sla_stage(p, 4, MON(10, 0)).due_ms, TUE(11, 30));
    plan_roundtrip(p, cal, MON(10, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-SLA-1 pre-process within 30 working minutes of intake: intake at
 * 17:59 leaves one minute today. */
static void test_R_SLA_1_preprocess_from_intake_1759(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 0, MON(17, 59));
    tousu_plan *p = sla_plan(cal, &r, 0);
    tousu_clock_status st = sla_stage(p, 0, MON(20, 0));
    assert_int_equal(st.started_ms, MON(17, 59));
    assert_int_equal(st.due_ms, TUE(8, 59));
    assert_int_equal(st.warning_ms, TUE(8, 53)); /* 24 of 30 minutes */
    assert_int_equal(st.elapsed_ms, MINUTE);
    assert_int_equal(st.state, TOUSU_CLOCK_RUNNING);
    plan_roundtrip(p, cal, MON(20, 0));
    tousu_plan_free(p);
    /* intake at 18:00: nothing today */
    r.intake_ms = MON(18, 0);
    p = sla_plan(cal, &r, 0);
    assert_int_equal(sla_stage(p, 0, MON(18, 0)).due_ms, TUE(9, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-SLA-1..5 walk a fault ticket: each stage's clock starts when the
 * previous stage is done; a late dispatch is breached (R-SLA-2). */
static void test_R_SLA_2_to_5_stages_chain(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 0, MON(17, 59));
    tousu_plan *p = sla_plan(cal, &r, 0);
    /* R-SLA-1 done at Tue 08:50: met */
    assert_int_equal(tousu_plan_stage_done(p, TUE(8, 50)), TOUSU_OK);
    plan_roundtrip(p, cal, TUE(8, 50));
    assert_int_equal(sla_stage(p, 0, TUE(8, 50)).state, TOUSU_CLOCK_MET);
    /* R-SLA-2 dispatch within 10 minutes of the conclusion */
    tousu_clock_status st = sla_stage(p, 1, TUE(8, 50));
    assert_int_equal(st.started_ms, TUE(8, 50));
    assert_int_equal(st.due_ms, TUE(9, 0));
    assert_int_equal(tousu_plan_stage_done(p, TUE(9, 5)), TOUSU_OK); /* late */
    plan_roundtrip(p, cal, TUE(9, 5));
    assert_int_equal(sla_stage(p, 1, TUE(9, 5)).state, TOUSU_CLOCK_BREACHED);
    /* R-SLA-3 engineer answers within 30 minutes of the dispatch */
    assert_int_equal(sla_stage(p, 2, TUE(9, 5)).due_ms, TUE(9, 35));
    assert_int_equal(tousu_plan_stage_done(p, TUE(9, 30)), TOUSU_OK);
    /* R-SLA-4 a resolution plan within 24 hours (calendar time) */
    assert_int_equal(sla_stage(p, 3, TUE(9, 30)).due_ms, WED(9, 30));
    assert_int_equal(tousu_plan_stage_done(p, WED(9, 0)), TOUSU_OK);
    /* R-SLA-5 callback and close within 20 minutes of the plan */
    assert_int_equal(sla_stage(p, 4, WED(9, 0)).due_ms, WED(9, 20));
    plan_roundtrip(p, cal, WED(9, 5));
    assert_int_equal(tousu_plan_stage_done(p, WED(9, 10)), TOUSU_OK);
    tousu_plan_status ps = sla_status(p, WED(12, 0));
    assert_int_equal(ps.done, 1);
    assert_int_equal(ps.current, -1);
    assert_int_equal(ps.n_breached, 1);
    assert_int_equal(ps.level, 1);
    assert_int_equal(tousu_plan_stage_done(p, WED(12, 0)), TOUSU_ESTATE);
    plan_roundtrip(p, cal, WED(12, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* ---------- complaints and enquiries (R-SLA-6..9) ---------- */

/* R-SLA-6 a passed-on request is answered within 48 hours (24x7 by
 * default, so through the Spring Festival). */
static void test_R_SLA_6_pass_on_answer_48h(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_CONSULTATION, TOUSU_SLA_ORDINARY, 0,
                                at(2025, 1, 27, 10, 0));
    tousu_plan *p = sla_plan(cal, &r, 0);
    tousu_clock_status st = sla_stage(p, 0, at(2025, 1, 27, 10, 0));
    assert_int_equal(st.stage, TOUSU_STAGE_PASS_ON_ANSWER);
    assert_int_equal(st.due_ms, at(2025, 1, 29, 10, 0));
    assert_int_equal(sla_status(p, at(2025, 1, 27, 10, 0)).n_stages, 1);
    assert_int_equal(sla_status(p, at(2025, 1, 27, 10, 0)).named_owner, 0);
    plan_roundtrip(p, cal, at(2025, 1, 28, 10, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

static tousu_plan *custom(tousu_calendar *cal, int32_t cat, const int32_t *stages, size_t n,
                          int64_t start)
{
    tousu_result r = sla_result(cat, TOUSU_SLA_ORDINARY, 0, start);
    tousu_plan *p = NULL;
    assert_int_equal(tousu_plan_new_custom(&p, NULL, cal, &r, 0, stages, n), TOUSU_OK);
    return p;
}

/* R-SLA-7 a rare problem needing authorisation is answered within 3 days. */
static void test_R_SLA_7_rare_problem_3_days(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    const int32_t s[] = {TOUSU_STAGE_RARE_ANSWER};
    tousu_plan *p = custom(cal, TOUSU_CAT_COMPLAINT, s, 1, MON(15, 0));
    assert_int_equal(sla_stage(p, 0, MON(15, 0)).due_ms, at(2025, 3, 13, 15, 0));
    plan_roundtrip(p, cal, MON(16, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-SLA-8 a refund within 2 weeks, after the answer (R-SLA-6). */
static void test_R_SLA_8_refund_2_weeks(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    const int32_t s[] = {TOUSU_STAGE_PASS_ON_ANSWER, TOUSU_STAGE_REFUND};
    tousu_plan *p = custom(cal, TOUSU_CAT_COMPLAINT, s, 2, MON(15, 0));
    assert_int_equal(sla_stage(p, 1, MON(15, 0)).due_ms, at(2025, 3, 26, 15, 0)); /* projected */
    assert_int_equal(tousu_plan_stage_done(p, TUE(9, 0)), TOUSU_OK);
    assert_int_equal(sla_stage(p, 1, TUE(9, 0)).due_ms, at(2025, 3, 25, 9, 0));
    plan_roundtrip(p, cal, TUE(10, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-SLA-9 blocked numbers are reported every 10 days: the next report is
 * a deadline. */
static void test_R_SLA_9_dnd_report_10_days(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    const int32_t s[] = {TOUSU_STAGE_DND_REPORT};
    tousu_plan *p = custom(cal, TOUSU_CAT_CONSULTATION, s, 1, MON(9, 0));
    assert_int_equal(sla_stage(p, 0, MON(9, 0)).due_ms, at(2025, 3, 20, 9, 0));
    assert_int_equal(sla_stage(p, 0, at(2025, 3, 20, 9, 0) + 1).state, TOUSU_CLOCK_BREACHED);
    plan_roundtrip(p, cal, at(2025, 3, 21, 9, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-SLA-1..9 custom plans reject unknown stages and counts. */
static void test_R_SLA_9_custom_plan_bad_input(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_COMPLAINT, TOUSU_SLA_ORDINARY, 0, MON(9, 0));
    tousu_plan *p = (tousu_plan *)1;
    const int32_t bad[] = {TOUSU_STAGE_REFUND, 42};
    assert_int_equal(tousu_plan_new_custom(&p, NULL, cal, &r, 0, bad, 2), TOUSU_ERANGE);
    assert_null(p);
    int32_t many[TOUSU_PLAN_MAX_STAGES + 1];
    for (int i = 0; i <= TOUSU_PLAN_MAX_STAGES; i++)
        many[i] = TOUSU_STAGE_REFUND;
    assert_int_equal(tousu_plan_new_custom(&p, NULL, cal, &r, 0, many, TOUSU_PLAN_MAX_STAGES + 1),
                     TOUSU_ERANGE);
    assert_int_equal(tousu_plan_new_custom(&p, NULL, cal, &r, 0, many, 0), TOUSU_ERANGE);
    assert_int_equal(tousu_plan_new_custom(&p, NULL, cal, &r, 0, NULL, 1), TOUSU_EINVAL);
    assert_int_equal(tousu_plan_new_from_result(&p, NULL, NULL, &r, 0), TOUSU_EINVAL);
    assert_int_equal(tousu_plan_new_from_result(NULL, NULL, cal, &r, 0), TOUSU_EINVAL);
    r.category = 0;
    assert_int_equal(tousu_plan_new_from_result(&p, NULL, cal, &r, 0), TOUSU_ERANGE);
    r.category = TOUSU_CAT_COMPLAINT;
    r.top_kind = 9;
    assert_int_equal(tousu_plan_new_from_result(&p, NULL, cal, &r, 0), TOUSU_ERANGE);
    r.top_kind = -1;
    r.struct_size = 8;
    assert_int_equal(tousu_plan_new_from_result(&p, NULL, cal, &r, 0), TOUSU_ESTRUCT);
    tousu_calendar_free(cal);
}

/* ---------- urgent complaints (R-SLA-10) ---------- */

/* R-SLA-10 without a given limit an urgent complaint's targets are half,
 * and it has a named owner at once. */
static void test_R_SLA_10_urgent_half_target_named_owner(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_COMPLAINT, TOUSU_KIND_MAJOR, 2, MON(9, 0));
    r.named_owner = 0; /* the plan names the owner itself */
    tousu_plan *p = sla_plan(cal, &r, 0);
    assert_int_equal(sla_stage(p, 0, MON(9, 0)).target_ms, 24 * HOUR);
    assert_int_equal(sla_stage(p, 0, MON(9, 0)).due_ms, TUE(9, 0));
    tousu_plan_status ps = sla_status(p, MON(9, 0));
    assert_int_equal(ps.named_owner, 1);
    assert_int_equal(ps.top_kind, TOUSU_KIND_MAJOR);
    assert_int_equal(ps.base_level, 2);
    plan_roundtrip(p, cal, MON(9, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-SLA-10 the special limit that comes with the complaint is its deadline,
 * to the millisecond. */
static void test_R_SLA_10_special_limit(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_COMPLAINT, TOUSU_KIND_SPECIAL_DEADLINE, 0, MON(9, 0));
    int64_t limit = TUE(15, 30) + 250;
    r.n_evidence = 1;
    r.evidence[0].kind = TOUSU_KIND_SPECIAL_DEADLINE;
    r.evidence[0].source = TOUSU_EV_DEADLINE;
    r.evidence[0].value2 = limit;
    tousu_plan *p = sla_plan(cal, &r, 0);
    tousu_clock_status st = sla_stage(p, 0, MON(9, 0));
    assert_int_equal(st.due_ms, limit);
    assert_int_equal(st.business, 0);
    assert_int_equal(sla_stage(p, 0, limit).state, TOUSU_CLOCK_WARNING);
    assert_int_equal(sla_stage(p, 0, limit + 1).state, TOUSU_CLOCK_BREACHED);
    assert_int_equal(sla_status(p, MON(9, 0)).deadline_ms, limit);
    /* an urgency change does not move a limit set by leaders */
    assert_int_equal(tousu_plan_set_urgency(p, TOUSU_SLA_ORDINARY, MON(10, 0)), TOUSU_OK);
    assert_int_equal(sla_stage(p, 0, MON(10, 0)).due_ms, limit);
    plan_roundtrip(p, cal, MON(10, 0));
    tousu_plan_free(p);
    /* on a fault ticket the limit is the deadline of the last stage */
    r.category = TOUSU_CAT_FAULT;
    p = sla_plan(cal, &r, 0);
    assert_int_equal(sla_stage(p, 4, MON(9, 0)).due_ms, limit);
    assert_int_equal(sla_stage(p, 0, MON(9, 0)).target_ms, 15 * MINUTE); /* urgent: half */
    plan_roundtrip(p, cal, MON(9, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-SLA-10/11 a change of urgency mid-clock, with a pause before it, keeps
 * the elapsed and the paused time and switches the target. */
static void test_R_SLA_10_urgency_change_after_pause(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    int64_t t0 = MON(9, 0);
    tousu_result r = sla_result(TOUSU_CAT_COMPLAINT, TOUSU_SLA_ORDINARY, 0, t0);
    tousu_plan *p = sla_plan(cal, &r, 0);
    assert_int_equal(tousu_plan_pause(p, t0 + 2 * HOUR), TOUSU_OK);
    plan_roundtrip(p, cal, t0 + 3 * HOUR);
    assert_int_equal(tousu_plan_resume(p, t0 + 5 * HOUR), TOUSU_OK);
    assert_int_equal(tousu_plan_set_urgency(p, TOUSU_KIND_IMPORTANT, t0 + 10 * HOUR), TOUSU_OK);
    plan_roundtrip(p, cal, t0 + 10 * HOUR);
    tousu_clock_status st = sla_stage(p, 0, t0 + 10 * HOUR);
    assert_int_equal(st.target_ms, 24 * HOUR);
    assert_int_equal(st.elapsed_ms, 7 * HOUR);
    assert_int_equal(st.paused_ms, 3 * HOUR);
    assert_int_equal(st.remaining_ms, 17 * HOUR);
    assert_int_equal(st.due_ms, t0 + 27 * HOUR);
    assert_int_equal(st.started_ms, t0);
    assert_int_equal(sla_status(p, t0 + 10 * HOUR).named_owner, 1);
    /* back to ordinary: 48 h again, still 7 h spent */
    assert_int_equal(tousu_plan_set_urgency(p, TOUSU_SLA_ORDINARY, t0 + 11 * HOUR), TOUSU_OK);
    assert_int_equal(sla_stage(p, 0, t0 + 11 * HOUR).due_ms, t0 + 51 * HOUR);
    /* a category change switches the table row the same way */
    assert_int_equal(tousu_policy_set_sla_target(NULL, 1, -1, 6, 0), TOUSU_EINVAL);
    assert_int_equal(tousu_plan_set_category(p, TOUSU_CAT_DISPUTE, t0 + 12 * HOUR), TOUSU_OK);
    assert_int_equal(sla_stage(p, 0, t0 + 12 * HOUR).elapsed_ms, 9 * HOUR);
    assert_int_equal(tousu_plan_set_category(p, 9, t0 + 12 * HOUR), TOUSU_ERANGE);
    assert_int_equal(tousu_plan_set_urgency(p, 12, t0 + 12 * HOUR), TOUSU_ERANGE);
    plan_roundtrip(p, cal, t0 + 12 * HOUR);
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-SLA-10/11 on business time: paused across the night, then made urgent
 * so that the halved target is used up exactly: due at the change, warning
 * then, breached one millisecond later (R-ESC-5). */
static void test_R_SLA_10_urgency_change_business_time(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 0, MON(17, 0));
    tousu_plan *p = sla_plan(cal, &r, 0);
    assert_int_equal(tousu_plan_pause(p, MON(17, 10)), TOUSU_OK);
    assert_int_equal(tousu_plan_resume(p, TUE(8, 40)), TOUSU_OK);
    assert_int_equal(tousu_plan_set_urgency(p, TOUSU_KIND_BATCH, TUE(8, 45)), TOUSU_OK);
    tousu_clock_status st = sla_stage(p, 0, TUE(8, 45));
    assert_int_equal(st.target_ms, 15 * MINUTE);
    assert_int_equal(st.elapsed_ms, 15 * MINUTE);
    assert_int_equal(st.paused_ms, TUE(8, 40) - MON(17, 10));
    assert_int_equal(st.due_ms, TUE(8, 45));
    assert_int_equal(st.state, TOUSU_CLOCK_WARNING);
    assert_int_equal(sla_stage(p, 0, TUE(8, 45) + 1).state, TOUSU_CLOCK_BREACHED);
    /* the later stages took the urgent targets too */
    assert_int_equal(sla_stage(p, 1, TUE(8, 45)).target_ms, 5 * MINUTE);
    plan_roundtrip(p, cal, TUE(8, 45) + 1);
    /* shrinking below what was spent: breached as of the change */
    tousu_plan_free(p);
    r.intake_ms = MON(9, 0);
    p = sla_plan(cal, &r, 0);
    assert_int_equal(tousu_plan_set_urgency(p, TOUSU_KIND_MAJOR, MON(9, 20)), TOUSU_OK);
    st = sla_stage(p, 0, MON(9, 20));
    assert_int_equal(st.state, TOUSU_CLOCK_BREACHED);
    assert_int_equal(st.due_ms, MON(9, 20));
    assert_int_equal(st.remaining_ms, -5 * MINUTE);
    plan_roundtrip(p, cal, MON(9, 30));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* ---------- clocks (R-SLA-11) ---------- */

/* R-SLA-11 start, run, pause, resume, stop; elapsed, remaining, due. */
static void test_R_SLA_11_clock_lifecycle(void **state)
{
    (void)state;
    tousu_clock *k = NULL;
    int64_t t0 = MON(9, 0);
    assert_int_equal(tousu_clock_new(&k, NULL, 10 * HOUR), TOUSU_OK);
    tousu_clock_status st = sla_clock(k, t0);
    assert_int_equal(st.state, TOUSU_CLOCK_IDLE);
    clock_roundtrip(k, NULL, t0);
    assert_int_equal(tousu_clock_pause(k, t0), TOUSU_ESTATE);
    assert_true(strlen(tousu_clock_errmsg(k)) > 0);
    assert_int_equal(tousu_clock_start(k, t0), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k, t0), TOUSU_ESTATE);
    st = sla_clock(k, t0 + HOUR);
    assert_int_equal(st.state, TOUSU_CLOCK_RUNNING);
    assert_int_equal(st.elapsed_ms, HOUR);
    assert_int_equal(st.remaining_ms, 9 * HOUR);
    assert_int_equal(st.due_ms, t0 + 10 * HOUR);
    assert_int_equal(st.warning_ms, t0 + 8 * HOUR);
    clock_roundtrip(k, NULL, t0 + HOUR);
    assert_int_equal(tousu_clock_pause(k, t0 + 2 * HOUR), TOUSU_OK);
    st = sla_clock(k, t0 + 3 * HOUR);
    assert_int_equal(st.state, TOUSU_CLOCK_PAUSED);
    assert_int_equal(st.elapsed_ms, 2 * HOUR);
    assert_int_equal(st.paused_ms, HOUR);
    assert_int_equal(st.due_ms, t0 + 11 * HOUR); /* if resumed now */
    clock_roundtrip(k, NULL, t0 + 3 * HOUR);
    assert_int_equal(tousu_clock_resume(k, t0 + 4 * HOUR), TOUSU_OK);
    assert_int_equal(sla_clock(k, t0 + 4 * HOUR).due_ms, t0 + 12 * HOUR);
    clock_roundtrip(k, NULL, t0 + 5 * HOUR);
    assert_int_equal(tousu_clock_stop(k, t0 + 5 * HOUR), TOUSU_OK);
    st = sla_clock(k, t0 + 20 * HOUR);
    assert_int_equal(st.state, TOUSU_CLOCK_MET);
    assert_int_equal(st.elapsed_ms, 3 * HOUR);
    assert_int_equal(st.stopped_ms, t0 + 5 * HOUR);
    assert_int_equal(st.due_ms, t0 + 12 * HOUR);
    assert_int_equal(tousu_clock_resume(k, t0 + 21 * HOUR), TOUSU_ESTATE);
    assert_int_equal(tousu_clock_set_target(k, HOUR, t0 + 21 * HOUR), TOUSU_ESTATE);
    clock_roundtrip(k, NULL, t0 + 20 * HOUR);
    tousu_clock_free(k);
    tousu_clock_free(NULL);
}

/* R-SLA-11 a business clock paused across a night: neither the pause nor
 * the night counts; the due time moves with the pause. */
static void test_R_SLA_11_pause_across_night(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_clock *k = NULL;
    assert_int_equal(tousu_clock_new(&k, cal, 120 * MINUTE), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k, MON(17, 0)), TOUSU_OK);
    assert_int_equal(sla_clock(k, MON(17, 0)).due_ms, TUE(9, 30));
    assert_int_equal(tousu_clock_pause(k, MON(17, 30)), TOUSU_OK);
    clock_roundtrip(k, cal, TUE(3, 0));
    assert_int_equal(tousu_clock_resume(k, TUE(10, 0)), TOUSU_OK);
    tousu_clock_status st = sla_clock(k, TUE(10, 0));
    assert_int_equal(st.elapsed_ms, 30 * MINUTE);
    assert_int_equal(st.paused_ms, TUE(10, 0) - MON(17, 30));
    assert_int_equal(st.due_ms, TUE(11, 30));
    assert_int_equal(st.warning_ms, TUE(11, 6));
    clock_roundtrip(k, cal, TUE(10, 0));
    /* the calendar is frozen by the clock */
    assert_int_equal(tousu_calendar_set_utc_offset(cal, 0), TOUSU_ESTATE);
    tousu_clock_free(k);
    tousu_calendar_free(cal);
}

/* R-SLA-11 boundary: a target of 0 is due at its start: met when done at
 * once, breached a millisecond later. */
static void test_R_SLA_11_target_zero(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_clock *k = NULL;
    assert_int_equal(tousu_clock_new(&k, cal, 0), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k, MON(20, 0)), TOUSU_OK);
    tousu_clock_status st = sla_clock(k, MON(20, 0));
    assert_int_equal(st.due_ms, MON(20, 0));
    assert_int_equal(st.state, TOUSU_CLOCK_WARNING);
    assert_int_equal(sla_clock(k, MON(20, 0) + 1).state, TOUSU_CLOCK_BREACHED);
    clock_roundtrip(k, cal, MON(21, 0));
    tousu_clock *k2 = NULL;
    assert_int_equal(tousu_clock_new(&k2, cal, 0), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k2, MON(20, 0)), TOUSU_OK);
    assert_int_equal(tousu_clock_stop(k2, MON(20, 0)), TOUSU_OK);
    assert_int_equal(sla_clock(k2, TUE(20, 0)).state, TOUSU_CLOCK_MET);
    clock_roundtrip(k2, cal, TUE(20, 0));
    assert_int_equal(tousu_clock_stop(k, MON(20, 0) + 1), TOUSU_OK);
    assert_int_equal(sla_clock(k, TUE(20, 0)).state, TOUSU_CLOCK_BREACHED);
    clock_roundtrip(k, cal, TUE(20, 0));
    tousu_clock_free(k);
    tousu_clock_free(k2);
    tousu_calendar_free(cal);
}

/* R-SLA-11 bad input to clocks. */
static void test_R_SLA_11_clock_bad_input(void **state)
{
    (void)state;
    tousu_clock *k = (tousu_clock *)1;
    assert_int_equal(tousu_clock_new(&k, NULL, -1), TOUSU_ERANGE);
    assert_null(k);
    assert_int_equal(tousu_clock_new(NULL, NULL, 1), TOUSU_EINVAL);
    assert_int_equal(tousu_clock_start(NULL, 0), TOUSU_EINVAL);
    assert_int_equal(tousu_clock_new(&k, NULL, HOUR), TOUSU_OK);
    assert_int_equal(tousu_clock_set_warning(k, 1001), TOUSU_ERANGE);
    assert_int_equal(tousu_clock_set_warning(k, 500), TOUSU_OK);
    tousu_clock_status st;
    st.struct_size = 2;
    assert_int_equal(tousu_clock_get_status(k, MON(9, 0), &st), TOUSU_ESTRUCT);
    assert_int_equal(tousu_clock_get_status(k, MON(9, 0), NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_clock_start(k, MON(9, 0)), TOUSU_OK);
    assert_int_equal(tousu_clock_set_warning(k, 500), TOUSU_ESTATE);
    assert_int_equal(sla_clock(k, MON(9, 30)).state, TOUSU_CLOCK_WARNING); /* 50% */
    /* a smaller caller struct gets only what fits */
    tousu_clock_status small;
    memset(&small, 0xab, sizeof small);
    small.struct_size = offsetof(tousu_clock_status, elapsed_ms);
    assert_int_equal(tousu_clock_get_status(k, MON(9, 30), &small), TOUSU_OK);
    assert_int_equal(small.target_ms, HOUR);
    assert_int_equal(small.struct_size, offsetof(tousu_clock_status, elapsed_ms));
    assert_int_equal((uint64_t)small.elapsed_ms, UINT64_C(0xabababababababab));
    tousu_clock_free(k);
}

/* ---------- R-SLA-12 per stage, R-SLA-13 host time ---------- */

/* R-SLA-12 the policy says which stages count on business time. */
static void test_R_SLA_12_stage_calendar_from_policy(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_policy *pol = NULL;
    assert_int_equal(tousu_policy_new(&pol), TOUSU_OK);
    int32_t b = -1;
    assert_int_equal(tousu_policy_get_sla_business(pol, TOUSU_CAT_FAULT,
                                                   TOUSU_STAGE_RESOLUTION_PLAN, &b),
                     TOUSU_OK);
    assert_int_equal(b, 0);
    assert_int_equal(tousu_policy_set_sla_business(pol, TOUSU_CAT_FAULT,
                                                   TOUSU_STAGE_PREPROCESS, 0),
                     TOUSU_OK);
    assert_int_equal(tousu_policy_set_sla_business(pol, TOUSU_CAT_FAULT, 0, 0), TOUSU_ERANGE);
    assert_int_equal(tousu_policy_set_sla_business(pol, TOUSU_CAT_FAULT, 1, 2), TOUSU_ERANGE);
    assert_int_equal(tousu_policy_set_sla_target(pol, TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY,
                                                 TOUSU_STAGE_PREPROCESS, 45 * MINUTE),
                     TOUSU_OK);
    assert_int_equal(tousu_policy_set_sla_target(pol, TOUSU_CAT_FAULT, -2, 1, 1), TOUSU_ERANGE);
    assert_int_equal(tousu_policy_set_sla_target(pol, 6, -1, 1, 1), TOUSU_ERANGE);
    assert_int_equal(tousu_policy_set_sla_target(pol, 3, -1, 1, -1), TOUSU_ERANGE);
    int64_t ms = 0;
    assert_int_equal(tousu_policy_get_sla_target(pol, TOUSU_CAT_FAULT, TOUSU_KIND_MAJOR,
                                                 TOUSU_STAGE_PREPROCESS, &ms),
                     TOUSU_OK);
    assert_int_equal(ms, 15 * MINUTE);
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 0, MON(17, 59));
    tousu_plan *p = NULL;
    assert_int_equal(tousu_plan_new_from_result(&p, pol, cal, &r, 0), TOUSU_OK);
    tousu_clock_status st = sla_stage(p, 0, MON(17, 59));
    assert_int_equal(st.business, 0);
    assert_int_equal(st.due_ms, MON(18, 44));
    /* the plan froze the policy */
    assert_int_equal(tousu_policy_set_sla_warning(pol, 500), TOUSU_ESTATE);
    assert_int_equal(tousu_policy_set_sla_target(pol, 3, -1, 1, 1), TOUSU_ESTATE);
    tousu_plan_free(p);
    tousu_policy_free(pol);
    tousu_calendar_free(cal);
}

/* R-SLA-13 time comes only from the host: the same instant gives the same
 * answer, and time never runs back. */
static void test_R_SLA_13_time_only_from_host(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 0, MON(10, 0));
    tousu_plan *p = sla_plan(cal, &r, 0);
    tousu_plan_status a = sla_status(p, MON(10, 20)), b = sla_status(p, MON(10, 20));
    assert_memory_equal(&a, &b, sizeof a);
    assert_int_equal(tousu_plan_stage_done(p, MON(10, 20)), TOUSU_OK);
    assert_int_equal(tousu_plan_stage_done(p, MON(10, 19)), TOUSU_ERANGE);
    assert_true(strlen(tousu_plan_errmsg(p)) > 0);
    assert_int_equal(tousu_plan_pause(p, -5), TOUSU_ERANGE);
    tousu_plan_status st;
    st.struct_size = sizeof st;
    assert_int_equal(tousu_plan_get_status(p, MON(10, 0), &st), TOUSU_ERANGE);
    tousu_clock_status cs;
    cs.struct_size = sizeof cs;
    assert_int_equal(tousu_plan_get_stage(p, 0, MON(10, 0), &cs), TOUSU_ERANGE);
    assert_int_equal(tousu_plan_get_stage(p, 5, MON(11, 0), &cs), TOUSU_ERANGE);
    /* the failed calls changed nothing */
    assert_int_equal(sla_status(p, MON(10, 30)).current, 1);
    plan_roundtrip(p, cal, MON(10, 30));
    /* a time past the calendar's data */
    assert_int_equal(tousu_plan_stage_done(p, at(2027, 3, 1, 10, 0)), TOUSU_ENODATA);
    assert_int_equal(sla_status(p, MON(10, 30)).current, 1);
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* ---------- warnings, breaches and escalation (R-ESC-5) ---------- */

/* R-ESC-5 the warning at 80% and the breach, to the millisecond, on
 * business time: 60 working minutes from Mon 17:30. */
static void test_R_ESC_5_warning_and_breach_to_the_ms(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_clock *k = NULL;
    assert_int_equal(tousu_clock_new(&k, cal, HOUR), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k, MON(17, 30)), TOUSU_OK);
    tousu_clock_status st = sla_clock(k, MON(23, 0));
    assert_int_equal(st.state, TOUSU_CLOCK_RUNNING);
    assert_int_equal(st.elapsed_ms, 30 * MINUTE);
    assert_int_equal(st.warning_ms, TUE(8, 48)); /* the working instant, not 17:30 + 48 min */
    assert_int_equal(st.due_ms, TUE(9, 0));
    assert_int_equal(sla_clock(k, TUE(8, 48) - 1).state, TOUSU_CLOCK_RUNNING);
    assert_int_equal(sla_clock(k, TUE(8, 48)).state, TOUSU_CLOCK_WARNING);
    assert_int_equal(sla_clock(k, TUE(9, 0)).state, TOUSU_CLOCK_WARNING);
    st = sla_clock(k, TUE(9, 0) + 1);
    assert_int_equal(st.state, TOUSU_CLOCK_BREACHED);
    assert_int_equal(st.breached, 1);
    assert_int_equal(st.remaining_ms, -1);
    /* the latched instants survive a pause and a restore */
    assert_int_equal(tousu_clock_pause(k, TUE(9, 30)), TOUSU_OK);
    st = sla_clock(k, TUE(12, 0));
    assert_int_equal(st.state, TOUSU_CLOCK_PAUSED);
    assert_int_equal(st.breached, 1);
    assert_int_equal(st.warned, 1);
    assert_int_equal(st.due_ms, TUE(9, 0));
    assert_int_equal(st.warning_ms, TUE(8, 48));
    clock_roundtrip(k, cal, TUE(12, 0));
    tousu_clock_free(k);
    /* stopped exactly at the due instant: met; one ms later: breached */
    assert_int_equal(tousu_clock_new(&k, cal, HOUR), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k, MON(17, 30)), TOUSU_OK);
    assert_int_equal(tousu_clock_stop(k, TUE(9, 0)), TOUSU_OK);
    assert_int_equal(sla_clock(k, WED(9, 0)).state, TOUSU_CLOCK_MET);
    assert_int_equal(sla_clock(k, WED(9, 0)).warned, 1);
    assert_int_equal(sla_clock(k, WED(9, 0)).warning_ms, TUE(8, 48));
    clock_roundtrip(k, cal, WED(9, 0));
    tousu_clock_free(k);
    assert_int_equal(tousu_clock_new(&k, cal, HOUR), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k, MON(17, 30)), TOUSU_OK);
    assert_int_equal(tousu_clock_stop(k, TUE(9, 0) + 1), TOUSU_OK);
    st = sla_clock(k, WED(9, 0));
    assert_int_equal(st.state, TOUSU_CLOCK_BREACHED);
    assert_int_equal(st.due_ms, TUE(9, 0));
    clock_roundtrip(k, cal, WED(9, 0));
    tousu_clock_free(k);
    /* a deadline at 18:00 is breached at 18:00:00.001 even though no
     * working time passes after it */
    assert_int_equal(tousu_clock_new(&k, cal, 30 * MINUTE), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k, MON(17, 30)), TOUSU_OK);
    assert_int_equal(sla_clock(k, MON(18, 0)).state, TOUSU_CLOCK_WARNING);
    assert_int_equal(sla_clock(k, MON(18, 0) + 1).state, TOUSU_CLOCK_BREACHED);
    assert_int_equal(sla_clock(k, MON(18, 0) + 1).remaining_ms, 0);
    tousu_clock_free(k);
    tousu_calendar_free(cal);
}

/* R-ESC-5 the warning share is configurable in the policy. */
static void test_R_ESC_5_warning_share_from_policy(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_policy *pol = NULL;
    assert_int_equal(tousu_policy_new(&pol), TOUSU_OK);
    int32_t w = 0;
    assert_int_equal(tousu_policy_get_sla_warning(pol, &w), TOUSU_OK);
    assert_int_equal(w, 800);
    assert_int_equal(tousu_policy_set_sla_warning(pol, 1001), TOUSU_ERANGE);
    assert_int_equal(tousu_policy_set_sla_warning(pol, 500), TOUSU_OK);
    tousu_result r = sla_result(TOUSU_CAT_COMPLAINT, TOUSU_SLA_ORDINARY, 0, MON(10, 0));
    tousu_plan *p = NULL;
    assert_int_equal(tousu_plan_new_from_result(&p, pol, cal, &r, 0), TOUSU_OK);
    assert_int_equal(sla_stage(p, 0, MON(10, 0)).warning_ms, TUE(10, 0));
    assert_int_equal(sla_status(p, TUE(10, 0)).n_warned, 1);
    assert_int_equal(sla_status(p, TUE(10, 0) - 1).n_warned, 0);
    tousu_plan_free(p);
    tousu_policy_free(pol);
    tousu_calendar_free(cal);
}

/* R-ESC-5 each breached stage raises the owning level by one, once, and
 * is reported as a reason next to the triage reasons; the level stops at 4. */
static void test_R_ESC_5_breach_escalates_once_per_stage(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 2, MON(9, 0));
    tousu_plan *p = sla_plan(cal, &r, 0);
    assert_int_equal(sla_status(p, MON(9, 30)).level, 2);
    tousu_plan_status ps = sla_status(p, MON(9, 30) + 1);
    assert_int_equal(ps.level, 3);
    assert_int_equal(ps.n_breached, 1);
    /* still one step, however late */
    assert_int_equal(sla_status(p, MON(17, 0)).level, 3);
    assert_int_equal(tousu_plan_stage_done(p, MON(17, 0)), TOUSU_OK);
    assert_int_equal(sla_status(p, MON(17, 10)).level, 3);
    assert_int_equal(sla_status(p, MON(17, 10) + 1).level, 4);
    plan_roundtrip(p, cal, MON(17, 20));
    assert_int_equal(tousu_plan_stage_done(p, MON(17, 20)), TOUSU_OK);
    /* a third breach: the level stays at the group company */
    tousu_plan_status last = sla_status(p, TUE(9, 0));
    assert_int_equal(last.n_breached, 3);
    assert_int_equal(last.level, TOUSU_LEVEL_GROUP);
    tousu_reason rs[8];
    size_t n = 0;
    assert_int_equal(tousu_plan_reasons(p, TUE(9, 0), rs, 8, &n), TOUSU_OK);
    assert_int_equal(n, 3);
    assert_int_equal(rs[0].code, TOUSU_REASON_SLA_BREACH);
    assert_int_equal(rs[0].value, TOUSU_STAGE_PREPROCESS);
    assert_int_equal(rs[0].level, 3);
    assert_int_equal(rs[1].value, TOUSU_STAGE_DISPATCH);
    assert_int_equal(rs[1].level, 4);
    assert_int_equal(rs[2].value, TOUSU_STAGE_ENGINEER_ANSWER);
    assert_int_equal(rs[2].level, 4);
    assert_int_equal(tousu_plan_reasons(p, TUE(9, 0), rs, 1, &n), TOUSU_OK);
    assert_int_equal(n, 3);
    assert_int_equal(tousu_plan_reasons(p, TUE(9, 0), NULL, 0, &n), TOUSU_OK);
    assert_int_equal(tousu_plan_reasons(p, TUE(9, 0), NULL, 1, &n), TOUSU_EINVAL);
    /* next to the triage reasons */
    assert_string_equal(tousu_reason_name(rs[0].code), "SLA stage breached");
    plan_roundtrip(p, cal, TUE(9, 0));
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

/* R-ESC-5, R-SLA-11 the plan as text, for a demo or a supervisor. */
static void test_R_ESC_5_plan_explain(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 0, MON(17, 59));
    tousu_plan *p = sla_plan(cal, &r, 0);
    assert_int_equal(tousu_plan_stage_done(p, TUE(9, 5)), TOUSU_OK);
    char buf[4096];
    size_t need = 0;
    assert_int_equal(tousu_plan_explain(p, TUE(9, 10), buf, sizeof buf, &need), TOUSU_OK);
    assert_int_equal(need, strlen(buf));
    assert_non_null(strstr(buf, "SLA plan at 2025-03-11 09:10 (UTC+08:00)"));
    assert_non_null(strstr(buf, "1. pre-process (预处理) [R-SLA-1] target 30 min business time: "
                                "started 2025-03-10 17:59, due 2025-03-11 08:59"));
    assert_non_null(strstr(buf, "done 2025-03-11 09:05: breached"));
    assert_non_null(strstr(buf, "2. dispatch (派单) [R-SLA-2]"));
    assert_non_null(strstr(buf, "3. engineer answer (工程师答复) [R-SLA-3] target 30 min "
                                "business time: not started, projected due 2025-03-11 09:45"));
    assert_non_null(strstr(buf, "owning level 1"));
    assert_non_null(strstr(buf, "reason: SLA stage breached, stage pre-process -> level 1"));
    char small[8];
    size_t need2;
    assert_int_equal(tousu_plan_explain(p, TUE(9, 10), small, sizeof small, &need2),
                     TOUSU_ENOSPACE);
    assert_int_equal(need2, need);
    assert_int_equal(tousu_plan_explain(p, TUE(9, 10), NULL, 5, &need2), TOUSU_EINVAL);
    assert_string_equal(tousu_stage_name(TOUSU_STAGE_REFUND), "refund");
    assert_string_equal(tousu_stage_name(99), "?");
    assert_string_equal(tousu_clock_state_name(TOUSU_CLOCK_BREACHED), "breached");
    assert_string_equal(tousu_clock_state_name(-1), "?");
    tousu_plan_free(p);
    tousu_calendar_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_SLA_1_to_5_fault_plan_stages),
        cmocka_unit_test(test_R_SLA_1_preprocess_from_intake_1759),
        cmocka_unit_test(test_R_SLA_2_to_5_stages_chain),
        cmocka_unit_test(test_R_SLA_6_pass_on_answer_48h),
        cmocka_unit_test(test_R_SLA_7_rare_problem_3_days),
        cmocka_unit_test(test_R_SLA_8_refund_2_weeks),
        cmocka_unit_test(test_R_SLA_9_dnd_report_10_days),
        cmocka_unit_test(test_R_SLA_9_custom_plan_bad_input),
        cmocka_unit_test(test_R_SLA_10_urgent_half_target_named_owner),
        cmocka_unit_test(test_R_SLA_10_special_limit),
        cmocka_unit_test(test_R_SLA_10_urgency_change_after_pause),
        cmocka_unit_test(test_R_SLA_10_urgency_change_business_time),
        cmocka_unit_test(test_R_SLA_11_clock_lifecycle),
        cmocka_unit_test(test_R_SLA_11_pause_across_night),
        cmocka_unit_test(test_R_SLA_11_target_zero),
        cmocka_unit_test(test_R_SLA_11_clock_bad_input),
        cmocka_unit_test(test_R_SLA_12_stage_calendar_from_policy),
        cmocka_unit_test(test_R_SLA_13_time_only_from_host),
        cmocka_unit_test(test_R_ESC_5_warning_and_breach_to_the_ms),
        cmocka_unit_test(test_R_ESC_5_warning_share_from_policy),
        cmocka_unit_test(test_R_ESC_5_breach_escalates_once_per_stage),
        cmocka_unit_test(test_R_ESC_5_plan_explain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
