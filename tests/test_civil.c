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

/* R-REP-2: the per-day memo gives exactly tz_minus_months for every time
 * of the day, around local midnight (23:59:59.999 vs 00:00), across the
 * May 31 -> Feb 28/29 clamp, and when the months or the zone change. */
static void test_R_REP_2_months_memo_matches(void **state)
{
    (void)state;
    tz_months_memo m;
    tz_months_memo_init(&m);
    const int64_t starts[] = {at(2024, 5, 30, 23, 0), at(2025, 5, 30, 23, 0),
                              at(2025, 12, 31, 22, 0), at(2024, 2, 28, 23, 30)};
    const int64_t offsets[] = {480, 0, -300};
    for (size_t z = 0; z < sizeof offsets / sizeof offsets[0]; z++)
        for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
            for (int64_t t = starts[i]; t < starts[i] + 3 * DAY; t += 7 * MINUTE + 13) {
                for (int64_t months = 3; months <= 4; months++)
                    assert_int_equal(tz_minus_months_memo(&m, t, months, offsets[z]),
                                     tz_minus_months(t, months, offsets[z]));
            }
    /* the last millisecond of a local day and the first of the next */
    int64_t midnight = at(2025, 6, 1, 0, 0);
    assert_int_equal(tz_minus_months_memo(&m, midnight - 1, 3, 480), at(2025, 3, 1, 0, 0) - 1);
    assert_int_equal(tz_minus_months_memo(&m, midnight - 1, 3, 480),
                     tz_minus_months(midnight - 1, 3, 480));
    assert_int_equal(tz_minus_months_memo(&m, midnight, 3, 480), at(2025, 3, 1, 0, 0));
    /* a time earlier than the remembered day is recomputed, not extrapolated */
    assert_int_equal(tz_minus_months_memo(&m, at(2024, 5, 31, 10, 0), 3, 480),
                     at(2024, 2, 29, 10, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days_roundtrip),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_R_REP_2_may31_minus_3_months_clamps),
        cmocka_unit_test(test_R_REP_2_months_in_policy_zone),
        cmocka_unit_test(test_R_REP_2_months_memo_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
