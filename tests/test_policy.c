/* test_policy.c - the policy object: built-in values (R-POL-1), bounds,
 * freezing and sharing (R-POL-4). */
#include "helpers.h"

/* R-POL-1: the built-in policy reproduces SPEC.md's numbers. */
static void test_R_POL_1_builtin_values(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    static const struct {
        int32_t id;
        int64_t v;
    } want[] = {
        {TOUSU_P_BATCH_WINDOW_MS, 3600000}, {TOUSU_P_BATCH_ORDINARY, 10},
        {TOUSU_P_BATCH_VIP, 5},             {TOUSU_P_REPEAT_MONTHS, 3},
        {TOUSU_P_UTC_OFFSET_MIN, 480},      {TOUSU_P_LEVEL_UPGRADED, 3},
        {TOUSU_P_LEVEL_CROSS_CITY, 3},      {TOUSU_P_LEVEL_CROSS_PROVINCE, 4},
        {TOUSU_P_LEAP_LEVEL_BASE + TOUSU_BODY_CITY_GOVERNMENT, 2},
        {TOUSU_P_LEAP_LEVEL_BASE + TOUSU_BODY_PROV_LEADERS, 3},
        {TOUSU_P_LEAP_LEVEL_BASE + TOUSU_BODY_NATIONAL_REGULATOR, 4},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int64_t v = -1;
        assert_int_equal(tousu_policy_get_int(p, want[i].id, &v), TOUSU_OK);
        assert_int_equal(v, want[i].v);
    }
    tousu_policy_free(p);
}

/* R-POL-1: every parameter has bounds; values outside are refused. */
static void test_R_POL_1_bounds(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    for (int32_t id = 1; id <= TOUSU_P_BATCH_COUNTS_FAULTS; id++) {
        int64_t lo, hi;
        assert_int_equal(tousu_param_bounds(id, &lo, &hi), TOUSU_OK);
        assert_true(lo <= hi);
        assert_int_equal(tousu_policy_set_int(p, id, hi), TOUSU_OK);
        assert_int_equal(tousu_policy_set_int(p, id, lo), TOUSU_OK);
        if (hi < INT64_MAX)
            assert_int_equal(tousu_policy_set_int(p, id, hi + 1), TOUSU_ERANGE);
        if (lo > INT64_MIN)
            assert_int_equal(tousu_policy_set_int(p, id, lo - 1), TOUSU_ERANGE);
    }
    int64_t lo, hi;
    assert_int_equal(tousu_param_bounds(0, &lo, &hi), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_param_bounds(TOUSU_P_LEAP_LEVEL_BASE + TOUSU_BODY_COUNT_, &lo, &hi),
                     TOUSU_ENOTFOUND);
    assert_int_equal(tousu_param_bounds(1, NULL, &hi), TOUSU_EINVAL);
    tousu_policy_free(p);
}

/* R-POL-4: once an engine takes a policy it is frozen and shared: two
 * engines use it, it outlives the maker's reference. */
static void test_R_POL_4_frozen_and_shared(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_BATCH_VIP, 2), TOUSU_OK);
    tousu_engine *a = NULL, *b = NULL;
    assert_int_equal(tousu_engine_new(&a, NULL, p), TOUSU_OK);
    assert_int_equal(tousu_engine_new(&b, NULL, p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_BATCH_VIP, 3), TOUSU_ESTATE);
    assert_int_equal(tousu_policy_set_priority(p, NULL, 0), TOUSU_EINVAL);
    tousu_policy_free(p);
    assert_ptr_equal(tousu_engine_policy(a), tousu_engine_policy(b));
    tousu_engine_free(a);
    int64_t v = 0;
    assert_int_equal(tousu_policy_get_int(tousu_engine_policy(b), TOUSU_P_BATCH_VIP, &v),
                     TOUSU_OK);
    assert_int_equal(v, 2);
    tousu_engine_free(b);
}

/* R-POL-4: an engine can switch to another policy between calls. */
static void test_R_POL_4_switch_policy(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_BATCH_ORDINARY, 1), TOUSU_OK);
    int64_t t = at(2025, 6, 3, 10, 0);
    tousu_contact c = complaint(1, 1, 1, t);
    tousu_result r = triage_ok(e, &c);
    c = complaint(2, 2, 1, t + 1);
    r = triage_ok(e, &c);
    assert_false(r.batch);
    assert_int_equal(tousu_engine_set_policy(e, p), TOUSU_OK);
    tousu_policy_free(p);
    c = complaint(3, 3, 1, t + 2);
    r = triage_ok(e, &c);
    assert_true(r.batch); /* 3 > 1 */
    tousu_engine_free(e);
}

/* A policy with one parameter changed (freed by the engine's reference). */
static tousu_policy *policy_with(int32_t param, int64_t value)
{
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, param, value), TOUSU_OK);
    return p;
}

/* Eleven ordinary customers, one every 21 minutes (3.5 hours in all), on
 * matter 9: the last contact's result. */
static tousu_result eleven_over_three_and_a_half_hours(tousu_engine *e, int64_t t0)
{
    tousu_result r;
    memset(&r, 0, sizeof r);
    for (uint64_t i = 0; i < 11; i++) {
        tousu_contact c = complaint(100 + i, 1000 + i, 9, t0 + (int64_t)i * 21 * MINUTE);
        r = triage_ok(e, &c);
    }
    return r;
}

/* R-POL-4, R-BAT-3: a window switched to 4 hours reaches the built-in store,
 * which keeps events for the new window (it kept 2 hours, window + late
 * allowance, for the policy it was made with). */
static void test_R_BAT_3_switched_window_reaches_builtin_store(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    tousu_policy *p = policy_with(TOUSU_P_BATCH_WINDOW_MS, 4 * HOUR);
    assert_int_equal(tousu_engine_set_policy(e, p), TOUSU_OK);
    tousu_policy_free(p);
    tousu_result r = eleven_over_three_and_a_half_hours(e, at(2025, 6, 3, 8, 0));
    assert_true(r.batch);
    assert_int_equal(r.batch_ordinary, 11);
    tousu_engine_free(e);
}

/* R-POL-4, R-REP-2: a repeat period switched to 12 months reaches the
 * built-in store: an archive 8 months old is still kept (the store made for
 * 3 months kept 4) and the complaint after it is a repeat. */
static void test_R_REP_2_switched_period_reaches_builtin_store(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    tousu_policy *p = policy_with(TOUSU_P_REPEAT_MONTHS, 12);
    assert_int_equal(tousu_engine_set_policy(e, p), TOUSU_OK);
    tousu_policy_free(p);
    tousu_contact c = complaint(5000, 50, 8, at(2025, 1, 10, 9, 0));
    triage_ok(e, &c);
    tousu_archive a = archive_of(5000, 50, 8, at(2025, 1, 11, 9, 0), 1, 0);
    assert_int_equal(tousu_archive_complaint(e, &a), TOUSU_OK);
    for (uint64_t i = 0; i < 40; i++) { /* other business: the store sweeps */
        c = complaint(6000 + i, 60 + i, 100 + i, at(2025, 9, 19, 9, 0) + (int64_t)i * MINUTE);
        triage_ok(e, &c);
    }
    c = complaint(7000, 50, 8, at(2025, 9, 20, 9, 0));
    tousu_result r = triage_ok(e, &c);
    assert_true(has_kind(&r, TOUSU_KIND_REPEAT));
    assert_int_equal(r.repeat_of, 5000);
    tousu_engine_free(e);
}

/* R-POL-4: a memstore the host made follows the policy it is given with
 * tousu_memstore_set_policy (the engine cannot know the host's store). */
static void test_R_POL_4_memstore_set_policy(void **state)
{
    (void)state;
    assert_int_equal(tousu_memstore_set_policy(NULL, NULL), TOUSU_EINVAL);
    tousu_memstore *m = NULL;
    assert_int_equal(tousu_memstore_new(&m, NULL), TOUSU_OK);
    tousu_host h;
    memset(&h, 0, sizeof h);
    h.struct_size = sizeof h;
    h.store = tousu_memstore_ops();
    h.store_user = m;
    tousu_policy *p = policy_with(TOUSU_P_BATCH_WINDOW_MS, 4 * HOUR);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, &h, NULL), TOUSU_OK);
    assert_int_equal(tousu_engine_set_policy(e, p), TOUSU_OK);
    tousu_result r = eleven_over_three_and_a_half_hours(e, at(2025, 6, 3, 8, 0));
    assert_false(r.batch); /* the host's store still keeps 2 hours */
    assert_int_equal(r.batch_ordinary, 7); /* kept: the 2 hours before the previous contact */
    assert_int_equal(tousu_memstore_set_policy(m, p), TOUSU_OK);
    r = eleven_over_three_and_a_half_hours(e, at(2025, 6, 4, 8, 0));
    assert_true(r.batch);
    assert_int_equal(r.batch_ordinary, 11);
    assert_int_equal(tousu_memstore_set_policy(m, NULL), TOUSU_OK); /* built-in again */
    tousu_engine_free(e);
    tousu_memstore_free(m);
    tousu_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_POL_1_builtin_values),
        cmocka_unit_test(test_R_POL_1_bounds),
        cmocka_unit_test(test_R_POL_4_frozen_and_shared),
        cmocka_unit_test(test_R_POL_4_switch_policy),
        cmocka_unit_test(test_R_BAT_3_switched_window_reaches_builtin_store),
        cmocka_unit_test(test_R_REP_2_switched_period_reaches_builtin_store),
        cmocka_unit_test(test_R_POL_4_memstore_set_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
