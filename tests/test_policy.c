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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_POL_1_builtin_values),
        cmocka_unit_test(test_R_POL_1_bounds),
        cmocka_unit_test(test_R_POL_4_frozen_and_shared),
        cmocka_unit_test(test_R_POL_4_switch_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
