/* test_repeat.c - R-REP: repeat complaints and follow-ups. */
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

/* Open complaint 1 of customer 7 on matter 42 at `opened`, archive it at
 * `archived` by staff 55 at `level`, then complain again at `again`. */
static tousu_result repeat_scenario(tousu_engine *e, int64_t opened, int64_t archived,
                                    int32_t level, int64_t again)
{
    tousu_contact c = complaint(1, 7, 42, opened);
    (void)triage_ok(e, &c);
    tousu_archive a = archive_of(1, 7, 42, archived, level, 55);
    assert_int_equal(tousu_archive_complaint(e, &a), TOUSU_OK);
    c = complaint(2, 7, 42, again);
    return triage_ok(e, &c);
}

/* R-REP-1, R-CLS-6: same customer, same matter, archived within 3 months:
 * a repeat complaint, which is urgent. */
static void test_R_REP_1_repeat_within_three_months(void **state)
{
    tousu_result r = repeat_scenario(*state, at(2025, 4, 1, 9, 0), at(2025, 4, 2, 9, 0),
                                     TOUSU_LEVEL_AGENT, at(2025, 6, 1, 9, 0));
    assert_true(has_kind(&r, TOUSU_KIND_REPEAT));
    assert_int_equal(r.repeat_of, 1);
    assert_int_equal(r.repeat_archived_ms, at(2025, 4, 2, 9, 0));
    assert_false(r.followup);
    assert_true(r.urgent);
    assert_int_equal(r.top_kind, TOUSU_KIND_REPEAT);
}

/* R-REP-1: another customer, or another matter, is not a repeat. */
static void test_R_REP_1_other_customer_or_matter(void **state)
{
    tousu_contact c = complaint(1, 7, 42, at(2025, 4, 1, 9, 0));
    (void)triage_ok(*state, &c);
    tousu_archive a = archive_of(1, 7, 42, at(2025, 4, 2, 9, 0), 0, 0);
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_OK);
    c = complaint(2, 8, 42, at(2025, 4, 3, 9, 0));
    tousu_result r = triage_ok(*state, &c);
    assert_false(has_kind(&r, TOUSU_KIND_REPEAT));
    c = complaint(3, 7, 43, at(2025, 4, 3, 9, 0));
    r = triage_ok(*state, &c);
    assert_false(has_kind(&r, TOUSU_KIND_REPEAT));
}

/* R-REP-2: archived exactly 3 months before is within; 1 ms earlier is not. */
static void test_R_REP_2_exactly_three_months_boundary(void **state)
{
    tousu_result r = repeat_scenario(*state, at(2025, 3, 1, 8, 0), at(2025, 3, 3, 14, 30),
                                     TOUSU_LEVEL_AGENT, at(2025, 6, 3, 14, 30));
    assert_true(has_kind(&r, TOUSU_KIND_REPEAT));
    assert_int_equal(r.repeat_since_ms, at(2025, 3, 3, 14, 30));

    tousu_engine *e = new_engine();
    r = repeat_scenario(e, at(2025, 3, 1, 8, 0), at(2025, 3, 3, 14, 30) - 1, TOUSU_LEVEL_AGENT,
                        at(2025, 6, 3, 14, 30));
    assert_false(has_kind(&r, TOUSU_KIND_REPEAT));
    assert_false(r.urgent);
    tousu_engine_free(e);
}

/* R-REP-2: May 31 minus 3 months is Feb 28 (2025) or Feb 29 (2024). */
static void test_R_REP_2_may31_to_feb28_or_29(void **state)
{
    tousu_result r = repeat_scenario(*state, at(2025, 2, 1, 8, 0), at(2025, 2, 28, 10, 0),
                                     TOUSU_LEVEL_AGENT, at(2025, 5, 31, 10, 0));
    assert_true(has_kind(&r, TOUSU_KIND_REPEAT));
    assert_int_equal(r.repeat_since_ms, at(2025, 2, 28, 10, 0));

    tousu_engine *e = new_engine();
    r = repeat_scenario(e, at(2024, 2, 1, 8, 0), at(2024, 2, 28, 10, 0), TOUSU_LEVEL_AGENT,
                        at(2024, 5, 31, 10, 0));
    assert_false(has_kind(&r, TOUSU_KIND_REPEAT)); /* since = Feb 29 in 2024 */
    assert_int_equal(r.repeat_since_ms, at(2024, 2, 29, 10, 0));
    tousu_engine_free(e);

    e = new_engine();
    r = repeat_scenario(e, at(2024, 2, 1, 8, 0), at(2024, 2, 29, 10, 0), TOUSU_LEVEL_AGENT,
                        at(2024, 5, 31, 10, 0));
    assert_true(has_kind(&r, TOUSU_KIND_REPEAT));
    tousu_engine_free(e);
}

/* R-REP-3: an open complaint makes the new contact a follow-up. */
static void test_R_REP_3_open_complaint_is_followup(void **state)
{
    tousu_contact c = complaint(1, 7, 42, at(2025, 6, 1, 9, 0));
    (void)triage_ok(*state, &c);
    c = complaint(2, 7, 42, at(2025, 6, 2, 9, 0));
    tousu_result r = triage_ok(*state, &c);
    assert_true(r.followup);
    assert_int_equal(r.followup_of, 1);
    assert_false(has_kind(&r, TOUSU_KIND_REPEAT));
    /* The follow-up did not replace the open complaint: archiving 2 fails,
     * archiving 1 works. */
    tousu_archive a = archive_of(2, 7, 42, at(2025, 6, 3, 9, 0), 0, 0);
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_ENOTFOUND);
    a.contact_id = 1;
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_OK);
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_ENOTFOUND);
}

/* R-REP-3: a fault report is not a complaint: a complaint after it on the
 * same matter is a new complaint, not a follow-up, and can be archived. */
static void test_R_REP_3_fault_report_is_not_an_open_complaint(void **state)
{
    tousu_contact c = complaint(1, 5, 42, at(2025, 6, 1, 9, 0));
    c.category = TOUSU_CAT_FAULT;
    c.flags = 0;
    tousu_result r = triage_ok(*state, &c);
    assert_false(r.is_complaint);
    c = complaint(2, 5, 42, at(2025, 6, 1, 12, 0));
    r = triage_ok(*state, &c);
    assert_false(r.followup);
    assert_int_equal(r.batch_ordinary, 1); /* both in the window, one customer */
    tousu_archive a = archive_of(2, 5, 42, at(2025, 6, 2, 9, 0), 0, 0);
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_OK);
}

/* R-REP-4: owned one level above the level that closed it, not by its closer. */
static void test_R_REP_4_one_level_up_not_the_closer(void **state)
{
    tousu_result r = repeat_scenario(*state, at(2025, 5, 1, 9, 0), at(2025, 5, 2, 9, 0),
                                     TOUSU_LEVEL_CITY, at(2025, 5, 20, 9, 0));
    assert_int_equal(r.level, TOUSU_LEVEL_PROVINCE);
    assert_true(has_reason(&r, TOUSU_REASON_REPEAT, TOUSU_LEVEL_PROVINCE));
    assert_int_equal(r.n_recused, 1);
    assert_int_equal(r.recused[0], 55);
    assert_int_equal(r.top_kind, TOUSU_KIND_REPEAT);

    tousu_engine *e = new_engine();
    r = repeat_scenario(e, at(2025, 5, 1, 9, 0), at(2025, 5, 2, 9, 0), TOUSU_LEVEL_GROUP,
                        at(2025, 5, 20, 9, 0));
    assert_int_equal(r.level, TOUSU_LEVEL_GROUP); /* capped */
    tousu_engine_free(e);
}

/* R-REP-1: the repeat period is a parameter. */
static void test_R_REP_1_period_is_a_parameter(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_REPEAT_MONTHS, 1), TOUSU_OK);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, NULL, p), TOUSU_OK);
    tousu_result r = repeat_scenario(e, at(2025, 4, 1, 9, 0), at(2025, 4, 2, 9, 0), 0,
                                     at(2025, 6, 1, 9, 0));
    assert_false(has_kind(&r, TOUSU_KIND_REPEAT));
    tousu_engine_free(e);
    tousu_policy_free(p);
}

static void test_archive_bad_input(void **state)
{
    tousu_archive a = archive_of(1, 7, 42, at(2025, 6, 1, 9, 0), 0, 0);
    assert_int_equal(tousu_archive_complaint(*state, NULL), TOUSU_EINVAL);
    a.level = 5;
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_ERANGE);
    a.level = 0;
    a.matter = 0;
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_EINVAL);
    a.matter = 42;
    a.archived_ms = 0; /* now, but the host gave no clock */
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_EINVAL);
    assert_non_null(strstr(tousu_engine_errmsg(*state), "clock"));
    a.archived_ms = -5;
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_ERANGE);
    a.archived_ms = at(2025, 6, 1, 9, 0);
    a.struct_size = 8;
    assert_int_equal(tousu_archive_complaint(*state, &a), TOUSU_ESTRUCT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_R_REP_1_repeat_within_three_months, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_REP_1_other_customer_or_matter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_REP_2_exactly_three_months_boundary, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_R_REP_2_may31_to_feb28_or_29, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_REP_3_open_complaint_is_followup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_REP_3_fault_report_is_not_an_open_complaint,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_REP_4_one_level_up_not_the_closer, setup,
                                        teardown),
        cmocka_unit_test(test_R_REP_1_period_is_a_parameter),
        cmocka_unit_test_setup_teardown(test_archive_bad_input, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
