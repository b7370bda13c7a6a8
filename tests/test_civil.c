/* test_civil.c - civil date arithmetic and R-REP-2 calendar months. */
#include "helpers.h"

static void test_days_roundtrip(void **state)
{
    (void)state;
    assert_int_equal(tz_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(tz_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(tz_weekday_from_days(tz_days_from_civil(2025, 1, 26)), 0); /* Sunday */
    for (int64_t z = -800000; z < 800000; z += 37) {
        int64_t y;
        unsigned m, d;
        tz_civil_from_days(z, &y, &m, &d);
        assert_int_equal(tz_days_from_civil(y, m, d), z);
    }
}

static void test_leap_years(void **state)
{
    (void)state;
    assert_true(tz_is_leap(2024));
    assert_false(tz_is_leap(2025));
    assert_false(tz_is_leap(1900));
    assert_true(tz_is_leap(2000));
    assert_int_equal(tz_days_in_month(2024, 2), 29);
    assert_int_equal(tz_days_in_month(2026, 2), 28);
}

/* R-REP-2: May 31 minus 3 months clamps to Feb 28, or Feb 29 in a leap year. */
static void test_R_REP_2_may31_minus_3_months_clamps(void **state)
{
    (void)state;
    assert_int_equal(tz_minus_months(at(2025, 5, 31, 10, 0), 3, 480), at(2025, 2, 28, 10, 0));
    assert_int_equal(tz_minus_months(at(2024, 5, 31, 10, 0), 3, 480), at(2024, 2, 29, 10, 0));
    assert_int_equal(tz_minus_months(at(2025, 3, 15, 0, 0), 3, 480), at(2024, 12, 15, 0, 0));
    assert_int_equal(tz_minus_months(at(2026, 1, 1, 0, 30), 3, 480), at(2025, 10, 1, 0, 30));
}

/* R-REP-2: months are counted in the policy's zone, not UTC: 00:30 on
 * June 1 in +08:00 is still May 31 in UTC. */
static void test_R_REP_2_months_in_policy_zone(void **state)
{
    (void)state;
    int64_t t = at(2025, 6, 1, 0, 30);
    assert_int_equal(tz_minus_months(t, 3, 480), at(2025, 3, 1, 0, 30));
    /* In UTC the same instant is May 31 16:30 -> Feb 28 16:30 UTC. */
    int64_t utc = tz_days_from_civil(2025, 2, 28) * DAY + 16 * HOUR + 30 * MINUTE;
    assert_int_equal(tz_minus_months(t, 3, 0), utc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days_roundtrip),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_R_REP_2_may31_minus_3_months_clamps),
        cmocka_unit_test(test_R_REP_2_months_in_policy_zone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
