/* test_calendar.c - business calendars (R-SLA-12, R-POL-3): working hours,
 * holidays, make-up days, overrides, UTC offset, due times, working time,
 * the explanation, and a property test against a minute-stepping
 * reference. */
#include "helpers.h"

#include "calendar_ref.h"

static tousu_calendar *cn(void)
{
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new_builtin_cn(&c), TOUSU_OK);
    assert_non_null(c);
    return c;
}

static int64_t due(const tousu_calendar *c, int64_t start, int64_t minutes)
{
    int64_t out = -1;
    int rc = tousu_calendar_due(c, start, minutes * MINUTE, &out);
    if (rc != TOUSU_OK)
        print_error("due failed: %s\n", tousu_strerror(rc));
    assert_int_equal(rc, TOUSU_OK);
    return out;
}

static int64_t working_min(const tousu_calendar *c, int64_t from, int64_t to)
{
    int64_t out = -1;
    assert_int_equal(tousu_calendar_working_ms(c, from, to, &out), TOUSU_OK);
    assert_int_equal(out % MINUTE, 0);
    return out / MINUTE;
}

/* The scale of the property tests (TOUSU_TEST_SCALE, e.g. 0.05 under valgrind). */
static double test_scale(void)
{
    const char *s = getenv("TOUSU_TEST_SCALE");
    double v = s ? atof(s) : 1.0;
    return v > 0 && v <= 1.0 ? v : 1.0;
}

/* ---------- working hours ---------- */

/* R-SLA-12 (seed 001) default hours 08:30-18:00 Monday to Friday, +08:00. */
static void test_R_SLA_12_default_hours(void **state)
{
    (void)state;
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new(&c), TOUSU_OK);
    assert_int_equal(due(c, at(2025, 3, 10, 9, 0), 30), at(2025, 3, 10, 9, 30));
    assert_int_equal(due(c, at(2025, 3, 10, 7, 0), 30), at(2025, 3, 10, 9, 0));
    /* Friday afternoon into Monday */
    assert_int_equal(due(c, at(2025, 3, 14, 17, 0), 120), at(2025, 3, 17, 9, 30));
    assert_int_equal(working_min(c, at(2025, 3, 10, 0, 0), at(2025, 3, 17, 0, 0)), 5 * 570);
    tousu_calendar_free(c);
}

/* R-SLA-12 boundary: a start at 17:59 has one working minute that day. */
static void test_R_SLA_12_start_at_1759(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    assert_int_equal(due(c, at(2025, 3, 10, 17, 59), 30), at(2025, 3, 11, 8, 59));
    assert_int_equal(due(c, at(2025, 3, 10, 17, 59), 1), at(2025, 3, 10, 18, 0));
    assert_int_equal(working_min(c, at(2025, 3, 10, 17, 59), at(2025, 3, 11, 8, 59)), 30);
    tousu_calendar_free(c);
}

/* R-SLA-12 boundary: a start at 18:00 has none; a target used up exactly at
 * 18:00 is due at 18:00, not the next morning. */
static void test_R_SLA_12_start_at_1800(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    assert_int_equal(due(c, at(2025, 3, 10, 18, 0), 30), at(2025, 3, 11, 9, 0));
    assert_int_equal(due(c, at(2025, 3, 10, 17, 30), 30), at(2025, 3, 10, 18, 0));
    assert_int_equal(working_min(c, at(2025, 3, 10, 18, 0), at(2025, 3, 11, 8, 30)), 0);
    /* one millisecond before the end of the day */
    int64_t out;
    assert_int_equal(tousu_calendar_due(c, at(2025, 3, 10, 18, 0) - 1, 2, &out), TOUSU_OK);
    assert_int_equal(out, at(2025, 3, 11, 8, 30) + 1);
    tousu_calendar_free(c);
}

/* R-SLA-12 boundary: a start on a public holiday counts from the next
 * working day (Labour Day 2025: May 1-5 off). */
static void test_R_SLA_12_start_on_holiday(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    assert_int_equal(due(c, at(2025, 5, 1, 10, 0), 60), at(2025, 5, 6, 9, 30));
    assert_int_equal(working_min(c, at(2025, 5, 1, 0, 0), at(2025, 5, 6, 0, 0)), 0);
    tousu_day_info d;
    d.struct_size = sizeof d;
    assert_int_equal(tousu_calendar_day(c, 2025, 5, 1, &d), TOUSU_OK);
    assert_int_equal(d.kind, TOUSU_DAY_HOLIDAY);
    assert_int_equal(d.working_ms, 0);
    assert_int_equal(d.name_len, strlen("劳动节"));
    assert_memory_equal(d.name, "劳动节", d.name_len);
    tousu_calendar_free(c);
}

/* R-SLA-12 boundary: make-up working days (调休) on a Saturday and a Sunday
 * work a weekday's hours. */
static void test_R_SLA_12_makeup_saturday(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    /* 2025-02-08 is a Saturday worked for the Spring Festival */
    assert_int_equal(due(c, at(2025, 2, 7, 17, 0), 120), at(2025, 2, 8, 9, 30));
    /* 2024-09-14 Saturday (Mid-Autumn), then 09-15..17 off */
    assert_int_equal(due(c, at(2024, 9, 14, 17, 0), 120), at(2024, 9, 18, 9, 30));
    /* 2025-01-26 Sunday worked */
    assert_int_equal(due(c, at(2025, 1, 25, 10, 0), 60), at(2025, 1, 26, 9, 30));
    tousu_day_info d;
    d.struct_size = sizeof d;
    assert_int_equal(tousu_calendar_day(c, 2025, 2, 8, &d), TOUSU_OK);
    assert_int_equal(d.kind, TOUSU_DAY_MAKEUP);
    assert_int_equal(d.weekday, 6);
    assert_int_equal(d.working_ms, 570 * MINUTE);
    /* an ordinary Saturday is off */
    assert_int_equal(tousu_calendar_day(c, 2025, 2, 15, &d), TOUSU_OK);
    assert_int_equal(d.kind, TOUSU_DAY_REGULAR);
    assert_int_equal(d.working_ms, 0);
    tousu_calendar_free(c);
}

/* R-SLA-12 the Spring Festival week of 2025: Jan 28 - Feb 4 off, Jan 26
 * (Sun) and Feb 8 (Sat) worked. */
static void test_R_SLA_12_spring_festival_2025(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    assert_int_equal(due(c, at(2025, 1, 27, 17, 0), 120), at(2025, 2, 5, 9, 30));
    assert_int_equal(working_min(c, at(2025, 1, 25, 0, 0), at(2025, 2, 9, 0, 0)), 6 * 570);
    /* a whole day's work started on the eve is due after the week */
    assert_int_equal(due(c, at(2025, 1, 27, 8, 30), 2 * 570), at(2025, 2, 5, 18, 0));
    tousu_calendar_free(c);
}

/* R-SLA-12 the Spring Festival of 2026: Feb 15-23 off, Feb 14 (Sat) and
 * Feb 28 (Sat) worked. */
static void test_R_SLA_12_spring_festival_2026(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    assert_int_equal(due(c, at(2026, 2, 13, 17, 0), 120), at(2026, 2, 14, 9, 30));
    assert_int_equal(due(c, at(2026, 2, 14, 17, 30), 60), at(2026, 2, 24, 9, 0));
    assert_int_equal(working_min(c, at(2026, 2, 9, 0, 0), at(2026, 3, 2, 0, 0)), 11 * 570);
    tousu_calendar_free(c);
}

/* R-SLA-12 a span over New Year: 2024 -> 2025 (Jan 1 off) and 2025 -> 2026
 * (Jan 1-3 off, Sunday Jan 4 worked). */
static void test_R_SLA_12_span_over_new_year(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    assert_int_equal(due(c, at(2024, 12, 31, 17, 0), 120), at(2025, 1, 2, 9, 30));
    assert_int_equal(due(c, at(2025, 12, 31, 17, 0), 120), at(2026, 1, 4, 9, 30));
    assert_int_equal(working_min(c, at(2025, 12, 31, 0, 0), at(2026, 1, 5, 0, 0)), 2 * 570);
    tousu_calendar_free(c);
}

/* R-SLA-12, R-POL-3: years outside the table are an explicit error, and
 * set_years is the documented fallback (weekdays only). */
static void test_R_SLA_12_year_outside_table(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    int64_t out = 123;
    assert_int_equal(tousu_calendar_due(c, at(2026, 12, 31, 17, 0), 120 * MINUTE, &out),
                     TOUSU_ENODATA);
    assert_int_equal(out, 123);
    assert_int_equal(tousu_calendar_due(c, at(2023, 12, 29, 10, 0), MINUTE, &out),
                     TOUSU_ENODATA);
    assert_int_equal(tousu_calendar_working_ms(c, at(2026, 12, 30, 0, 0), at(2027, 1, 2, 0, 0),
                                               &out),
                     TOUSU_ENODATA);
    /* the last covered minute still works */
    assert_int_equal(due(c, at(2026, 12, 31, 17, 0), 60), at(2026, 12, 31, 18, 0));
    assert_int_equal(working_min(c, at(2026, 12, 31, 0, 0), at(2027, 1, 1, 0, 0)), 570);
    /* 2024-01-02 is covered even though the night before is not */
    assert_int_equal(due(c, at(2024, 1, 1, 12, 0), 60), at(2024, 1, 2, 9, 30));
    tousu_day_info d;
    d.struct_size = sizeof d;
    assert_int_equal(tousu_calendar_day(c, 2027, 1, 1, &d), TOUSU_OK);
    assert_int_equal(d.covered, 0);
    assert_int_equal(tousu_calendar_set_years(c, 2024, 2027), TOUSU_OK);
    assert_int_equal(due(c, at(2026, 12, 31, 17, 0), 120), at(2027, 1, 1, 9, 30));
    assert_int_equal(tousu_calendar_set_years(c, 0, 0), TOUSU_OK);
    assert_int_equal(due(c, at(2023, 12, 29, 10, 0), 1), at(2023, 12, 29, 10, 1));
    assert_int_equal(tousu_calendar_set_years(c, 2027, 2024), TOUSU_ERANGE);
    tousu_calendar_free(c);
}

/* R-SLA-12 boundary: a target of 0 is due at its start, even off hours. */
static void test_R_SLA_12_target_zero(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    assert_int_equal(due(c, at(2025, 2, 1, 3, 7), 0), at(2025, 2, 1, 3, 7));
    assert_int_equal(working_min(c, at(2025, 2, 1, 3, 7), at(2025, 2, 1, 3, 7)), 0);
    tousu_calendar_free(c);
}

/* R-SLA-12 several spans a day: a lunch break. */
static void test_R_SLA_12_lunch_break(void **state)
{
    (void)state;
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new(&c), TOUSU_OK);
    const int32_t spans[] = {13 * 60 + 30, 18 * 60, 8 * 60 + 30, 12 * 60}; /* unsorted */
    for (int w = 1; w <= 5; w++)
        assert_int_equal(tousu_calendar_set_weekday(c, w, spans, 2), TOUSU_OK);
    assert_int_equal(due(c, at(2025, 3, 10, 11, 50), 20), at(2025, 3, 10, 13, 40));
    assert_int_equal(due(c, at(2025, 3, 10, 12, 30), 10), at(2025, 3, 10, 13, 40));
    assert_int_equal(due(c, at(2025, 3, 10, 11, 30), 30), at(2025, 3, 10, 12, 0));
    assert_int_equal(working_min(c, at(2025, 3, 10, 11, 0), at(2025, 3, 10, 14, 0)), 90);
    tousu_day_info d;
    d.struct_size = sizeof d;
    assert_int_equal(tousu_calendar_day(c, 2025, 3, 10, &d), TOUSU_OK);
    assert_int_equal(d.n_spans, 2);
    assert_int_equal(d.spans[0], 510);
    assert_int_equal(d.spans[3], 1080);
    assert_int_equal(d.working_ms, 480 * MINUTE);
    tousu_calendar_free(c);
}

/* R-SLA-12 a night desk 20:00-08:00 crosses midnight; the shift belongs to
 * the day it starts on, so a holiday removes the shift that starts on it
 * and keeps the one that ends on it. */
static void test_R_SLA_12_shift_across_midnight(void **state)
{
    (void)state;
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new(&c), TOUSU_OK);
    const int32_t night[] = {20 * 60, 8 * 60};
    for (int w = 0; w < 7; w++)
        assert_int_equal(tousu_calendar_set_weekday(c, w, night, 1), TOUSU_OK);
    /* Mon 22:00 + 12 h: 10 h to Tue 08:00, then 2 h from Tue 20:00 */
    assert_int_equal(due(c, at(2025, 3, 10, 22, 0), 12 * 60), at(2025, 3, 11, 22, 0));
    assert_int_equal(due(c, at(2025, 3, 11, 3, 0), 60), at(2025, 3, 11, 4, 0));
    assert_int_equal(working_min(c, at(2025, 3, 10, 12, 0), at(2025, 3, 11, 12, 0)), 12 * 60);
    /* Wednesday 2025-03-12 a holiday: Tue's shift runs to Wed 08:00, Wed's
     * shift is gone, Thu 20:00 is next. */
    assert_int_equal(tousu_calendar_set_day(c, 2025, 3, 12, TOUSU_DAY_HOLIDAY, NULL, 0),
                     TOUSU_OK);
    assert_int_equal(due(c, at(2025, 3, 12, 7, 0), 120), at(2025, 3, 13, 21, 0));
    assert_int_equal(working_min(c, at(2025, 3, 12, 0, 0), at(2025, 3, 13, 0, 0)), 8 * 60);
    /* a day desk that meets the night desk at 08:00 and 20:00 is allowed */
    const int32_t day_desk[] = {8 * 60, 20 * 60};
    assert_int_equal(tousu_calendar_set_weekday(c, 1, day_desk, 1), TOUSU_OK);
    /* a desk from 07:00 would overlap the night desk's morning: refused */
    const int32_t early[] = {7 * 60, 9 * 60};
    assert_int_equal(tousu_calendar_set_weekday(c, 2, early, 1), TOUSU_EINVAL);
    assert_true(strlen(tousu_calendar_errmsg(c)) > 0);
    /* the refused change left Tuesday as it was */
    tousu_day_info d;
    d.struct_size = sizeof d;
    assert_int_equal(tousu_calendar_day(c, 2025, 3, 11, &d), TOUSU_OK);
    assert_int_equal(d.spans[0], 1200);
    assert_int_equal(d.spans[1], 1920);
    tousu_calendar_free(c);
}

/* R-SLA-12 a per-date override: a shortened day before National Day 2025. */
static void test_R_SLA_12_shortened_day(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    const int32_t half[] = {8 * 60 + 30, 12 * 60};
    assert_int_equal(tousu_calendar_set_override(c, 2025, 9, 30, half, 1, "节前半天",
                                                 strlen("节前半天")),
                     TOUSU_OK);
    assert_int_equal(due(c, at(2025, 9, 30, 11, 0), 120), at(2025, 10, 9, 9, 30));
    assert_int_equal(working_min(c, at(2025, 9, 30, 0, 0), at(2025, 10, 1, 0, 0)), 210);
    tousu_day_info d;
    d.struct_size = sizeof d;
    assert_int_equal(tousu_calendar_day(c, 2025, 9, 30, &d), TOUSU_OK);
    assert_int_equal(d.kind, TOUSU_DAY_OVERRIDE);
    /* back to the weekday */
    assert_int_equal(tousu_calendar_set_day(c, 2025, 9, 30, TOUSU_DAY_REGULAR, NULL, 0),
                     TOUSU_OK);
    assert_int_equal(working_min(c, at(2025, 9, 30, 0, 0), at(2025, 10, 1, 0, 0)), 570);
    /* an override may also be a day off, and may work a Sunday */
    assert_int_equal(tousu_calendar_set_override(c, 2025, 3, 16, half, 1, NULL, 0), TOUSU_OK);
    assert_int_equal(due(c, at(2025, 3, 15, 12, 0), 30), at(2025, 3, 16, 9, 0));
    tousu_calendar_free(c);
}

/* R-SLA-12 the offset is fixed and configurable. */
static void test_R_SLA_12_utc_offset(void **state)
{
    (void)state;
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new(&c), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_utc_offset(c, 0), TOUSU_OK);
    int64_t mon = tz_days_from_civil(2025, 3, 10) * DAY;
    assert_int_equal(due(c, mon + 18 * HOUR - 30 * MINUTE, 60), mon + DAY + 9 * HOUR);
    assert_int_equal(tousu_calendar_set_utc_offset(c, -300), TOUSU_OK);
    assert_int_equal(due(c, mon + 14 * HOUR, 30), mon + 14 * HOUR + 30 * MINUTE);
    assert_int_equal(due(c, mon + 13 * HOUR, 30), mon + 14 * HOUR); /* 08:00 local -> 09:00Z */
    assert_int_equal(tousu_calendar_set_utc_offset(c, 15 * 60), TOUSU_ERANGE);
    tousu_calendar_free(c);
}

/* R-SLA-12 24x7 is the same interface with a trivial calendar. */
static void test_R_SLA_12_24x7(void **state)
{
    (void)state;
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new_24x7(&c), TOUSU_OK);
    assert_int_equal(due(c, at(2025, 1, 28, 3, 0), 600), at(2025, 1, 28, 13, 0));
    assert_int_equal(working_min(c, at(2030, 1, 1, 0, 0), at(2030, 1, 2, 0, 0)), 1440);
    assert_int_equal(tousu_calendar_set_utc_offset(c, 0), TOUSU_ESTATE);
    tousu_calendar_free(c);
}

/* R-SLA-12 bad input gets an error code, never a crash. */
static void test_R_SLA_12_bad_input(void **state)
{
    (void)state;
    tousu_calendar *c = NULL;
    int64_t out;
    assert_int_equal(tousu_calendar_new(NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_calendar_new(&c), TOUSU_OK);
    assert_int_equal(tousu_calendar_due(NULL, 0, 0, &out), TOUSU_EINVAL);
    assert_int_equal(tousu_calendar_due(c, 0, 0, NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_calendar_due(c, -1, 0, &out), TOUSU_ERANGE);
    assert_int_equal(tousu_calendar_due(c, at(2025, 1, 1, 0, 0), -1, &out), TOUSU_ERANGE);
    assert_int_equal(tousu_calendar_due(c, TZ_TIME_MAX_MS - MINUTE, DAY, &out), TOUSU_ERANGE);
    assert_int_equal(tousu_calendar_working_ms(c, 10, 5, &out), TOUSU_ERANGE);
    const int32_t bad[] = {600, 700, 650, 800};
    assert_int_equal(tousu_calendar_set_weekday(c, 1, bad, 2), TOUSU_EINVAL); /* overlap */
    assert_int_equal(tousu_calendar_set_weekday(c, 7, bad, 1), TOUSU_ERANGE);
    assert_int_equal(tousu_calendar_set_weekday(c, 1, NULL, 1), TOUSU_EINVAL);
    const int32_t out_of_day[] = {1440, 1500};
    assert_int_equal(tousu_calendar_set_weekday(c, 1, out_of_day, 1), TOUSU_ERANGE);
    int32_t many[2 * (TOUSU_CAL_MAX_SPANS + 1)];
    for (int i = 0; i <= TOUSU_CAL_MAX_SPANS; i++) {
        many[2 * i] = i * 10;
        many[2 * i + 1] = i * 10 + 5;
    }
    assert_int_equal(tousu_calendar_set_weekday(c, 1, many, TOUSU_CAL_MAX_SPANS + 1),
                     TOUSU_ERANGE);
    assert_int_equal(tousu_calendar_set_weekday(c, 1, many, TOUSU_CAL_MAX_SPANS), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_day(c, 2025, 2, 29, TOUSU_DAY_HOLIDAY, NULL, 0),
                     TOUSU_EINVAL);
    assert_int_equal(tousu_calendar_set_day(c, 1969, 1, 1, TOUSU_DAY_HOLIDAY, NULL, 0),
                     TOUSU_ERANGE);
    assert_int_equal(tousu_calendar_set_day(c, 2025, 1, 1, TOUSU_DAY_OVERRIDE, NULL, 0),
                     TOUSU_EINVAL);
    assert_int_equal(tousu_calendar_set_day(c, 2025, 1, 1, TOUSU_DAY_HOLIDAY, "\xff", 1),
                     TOUSU_EUTF8);
    char longname[64];
    memset(longname, 'a', sizeof longname);
    assert_int_equal(tousu_calendar_set_day(c, 2025, 1, 1, TOUSU_DAY_HOLIDAY, longname, 48),
                     TOUSU_ETOOBIG);
    assert_int_equal(tousu_calendar_set_day(c, 2025, 1, 1, TOUSU_DAY_HOLIDAY, longname, 47),
                     TOUSU_OK);
    assert_int_equal(tousu_calendar_set_makeup_weekday(c, -1), TOUSU_ERANGE);
    tousu_day_info d;
    d.struct_size = 4;
    assert_int_equal(tousu_calendar_day(c, 2025, 1, 1, &d), TOUSU_ESTRUCT);
    /* frozen: setters refuse */
    assert_int_equal(tousu_calendar_freeze(c), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_utc_offset(c, 0), TOUSU_ESTATE);
    assert_int_equal(tousu_calendar_set_years(c, 2024, 2025), TOUSU_ESTATE);
    tousu_calendar_free(c);
    tousu_calendar_free(NULL);
}

/* R-POL-3 the built-in table is the holiday-cn data: every announced day of
 * 2024-2026 and nothing in 2027. */
static void test_R_SLA_12_builtin_table(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    int off[3] = {0}, work[3] = {0};
    for (int y = 2024; y <= 2026; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= (int)tz_days_in_month(y, (unsigned)m); d++) {
                tousu_day_info di;
                di.struct_size = sizeof di;
                assert_int_equal(tousu_calendar_day(c, y, m, d, &di), TOUSU_OK);
                assert_int_equal(di.covered, 1);
                off[y - 2024] += di.kind == TOUSU_DAY_HOLIDAY;
                work[y - 2024] += di.kind == TOUSU_DAY_MAKEUP;
            }
    /* counts of isOffDay true / false in 2024.json, 2025.json, 2026.json */
    assert_int_equal(off[0], 28);
    assert_int_equal(work[0], 8);
    assert_int_equal(off[1], 28);
    assert_int_equal(work[1], 5);
    assert_int_equal(off[2], 33);
    assert_int_equal(work[2], 6);
    tousu_calendar_free(c);
}

/* ---------- explanation ---------- */

/* R-SLA-12 "why is this due on the 5th?": days counted and skipped, why. */
static void test_R_SLA_12_explain_due(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    char buf[4096];
    size_t need = 0;
    assert_int_equal(tousu_calendar_explain_due(c, at(2025, 1, 27, 17, 0), 120 * MINUTE, buf,
                                                sizeof buf, &need),
                     TOUSU_OK);
    assert_int_equal(need, strlen(buf));
    assert_non_null(strstr(buf, "due 2025-02-05 09:30 (UTC+08:00)"));
    assert_non_null(strstr(buf, "2025-01-27 Mon  working day: counted 17:00-18:00 (1 h)"));
    assert_non_null(strstr(buf, "2025-01-28 Tue  public holiday 春节: skipped"));
    assert_non_null(strstr(buf, "2025-02-05 Wed  working day: counted 08:30-09:30 (1 h)"));
    /* snprintf semantics */
    char small[16];
    size_t need2 = 0;
    assert_int_equal(tousu_calendar_explain_due(c, at(2025, 1, 27, 17, 0), 120 * MINUTE, small,
                                                sizeof small, &need2),
                     TOUSU_ENOSPACE);
    assert_int_equal(need2, need);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_int_equal(tousu_calendar_explain_due(c, at(2025, 1, 27, 17, 0), 120 * MINUTE, NULL,
                                                0, &need2),
                     TOUSU_ENOSPACE);
    /* a make-up day and a long range, summarised */
    assert_int_equal(tousu_calendar_explain_due(c, at(2025, 1, 20, 9, 0), 60 * 570 * MINUTE, buf,
                                                sizeof buf, &need),
                     TOUSU_OK);
    assert_non_null(strstr(buf, "2025-02-08 Sat  make-up working day (调休) 春节: counted"));
    assert_non_null(strstr(buf, "ordinary working days counted in full"));
    assert_int_equal(tousu_calendar_explain_due(c, at(2026, 12, 31, 9, 0), 600 * MINUTE, buf,
                                                sizeof buf, &need),
                     TOUSU_ENODATA);
    tousu_calendar_free(c);
}

/* ---------- property tests ---------- */

/* A random (start, n) pair: starts anywhere in 2024-2026 (on the minute,
 * on the ms, or on a span edge), n from 0 to beyond two working weeks. */
static void random_pair(uint64_t *seed, int64_t lo, int64_t hi, int64_t *start, int64_t *n)
{
    uint64_t r = ref_rand(seed);
    *start = lo + (int64_t)(r % (uint64_t)(hi - lo));
    switch (ref_rand(seed) % 4) {
    case 0: *start -= *start % MINUTE; break;
    case 1: *start -= *start % (30 * MINUTE); break;
    default: break;
    }
    uint64_t k = ref_rand(seed);
    switch (k % 8) {
    case 0: *n = 0; break;
    case 1: *n = (int64_t)(ref_rand(seed) % 1000); break;                 /* ms */
    case 2: case 3: *n = (int64_t)(ref_rand(seed) % 600) * MINUTE; break; /* < 10 h */
    case 4: *n = (int64_t)(ref_rand(seed) % (3 * 570)) * MINUTE; break;
    case 5: *n = (int64_t)(ref_rand(seed) % (24 * HOUR)); break;
    case 6: *n = (int64_t)(ref_rand(seed) % (10 * 570)) * MINUTE; break;  /* 2 weeks */
    default: *n = (int64_t)(ref_rand(seed) % (25 * 570 * MINUTE)); break;
    }
}

static void check_pairs(const tousu_calendar *c, int count, uint64_t seed, int64_t lo,
                        int64_t hi)
{
    int checked = 0, nodata = 0;
    for (int i = 0; i < count; i++) {
        int64_t start, n, lib = -1;
        random_pair(&seed, lo, hi, &start, &n);
        int64_t ref = ref_due(c, start, n);
        int rc = tousu_calendar_due(c, start, n, &lib);
        if (rc == TOUSU_ENODATA) {
            /* only when the reference's due day lies past the data */
            int64_t day = tz_floor_div(ref + c->offset_min * MINUTE, DAY);
            assert_true(day >= c->cov_hi);
            nodata++;
            continue;
        }
        if (rc != TOUSU_OK || lib != ref)
            print_error("pair %d: start %lld n %lld: lib %lld (rc %d), ref %lld\n", i,
                        (long long)start, (long long)n, (long long)lib, rc, (long long)ref);
        assert_int_equal(rc, TOUSU_OK);
        assert_int_equal(lib, ref);
        /* working time between start and due is n; and between start and a
         * random instant it matches the reference */
        int64_t w;
        assert_int_equal(tousu_calendar_working_ms(c, start, lib, &w), TOUSU_OK);
        assert_int_equal(w, n);
        int64_t to = start + (int64_t)(ref_rand(&seed) % (uint64_t)(lib - start + 3 * DAY));
        if (tousu_calendar_working_ms(c, start, to, &w) == TOUSU_OK)
            assert_int_equal(w, ref_working(c, start, to));
        checked++;
    }
    assert_true(checked > count * 9 / 10);
    (void)nodata;
}

/* R-SLA-12 property: due time and working time of the built-in Chinese
 * calendar agree with the minute-stepping reference on 100,000 random
 * pairs across 2024-2026 (fewer under TOUSU_TEST_SCALE). */
static void test_R_SLA_12_property_builtin_cn(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    int count = (int)(100000 * test_scale());
    check_pairs(c, count, UINT64_C(0x9E3779B97F4A7C15), at(2024, 1, 2, 0, 0),
                at(2027, 1, 1, 0, 0));
    tousu_calendar_free(c);
}

/* R-SLA-12 property on a calendar with everything at once: a lunch break,
 * a night desk across midnight, a Saturday morning, holidays, a make-up
 * day following Tuesday's hours and shortened days. */
static void test_R_SLA_12_property_custom(void **state)
{
    (void)state;
    tousu_calendar *c = cn();
    const int32_t weekday[] = {8 * 60 + 30, 12 * 60, 13 * 60 + 30, 18 * 60, 21 * 60, 7 * 60};
    for (int w = 1; w <= 5; w++)
        assert_int_equal(tousu_calendar_set_weekday(c, w, weekday, 3), TOUSU_OK);
    const int32_t sat[] = {9 * 60, 11 * 60 + 15};
    assert_int_equal(tousu_calendar_set_weekday(c, 6, sat, 1), TOUSU_OK);
    const int32_t tue[] = {8 * 60, 19 * 60};
    assert_int_equal(tousu_calendar_set_weekday(c, 2, tue, 1), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_makeup_weekday(c, 2), TOUSU_OK);
    const int32_t half[] = {8 * 60 + 30, 12 * 60};
    assert_int_equal(tousu_calendar_set_override(c, 2025, 9, 30, half, 1, NULL, 0), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_override(c, 2025, 1, 27, half, 1, NULL, 0), TOUSU_OK);
    const int32_t night_only[] = {22 * 60, 6 * 60};
    assert_int_equal(tousu_calendar_set_override(c, 2024, 12, 31, night_only, 1, NULL, 0),
                     TOUSU_OK);
    assert_int_equal(tousu_calendar_set_utc_offset(c, 7 * 60 + 30), TOUSU_OK);
    int count = (int)(20000 * test_scale());
    check_pairs(c, count, 12345, at(2024, 1, 2, 0, 0), at(2027, 1, 1, 0, 0));
    tousu_calendar_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_SLA_12_default_hours),
        cmocka_unit_test(test_R_SLA_12_start_at_1759),
        cmocka_unit_test(test_R_SLA_12_start_at_1800),
        cmocka_unit_test(test_R_SLA_12_start_on_holiday),
        cmocka_unit_test(test_R_SLA_12_makeup_saturday),
        cmocka_unit_test(test_R_SLA_12_spring_festival_2025),
        cmocka_unit_test(test_R_SLA_12_spring_festival_2026),
        cmocka_unit_test(test_R_SLA_12_span_over_new_year),
        cmocka_unit_test(test_R_SLA_12_year_outside_table),
        cmocka_unit_test(test_R_SLA_12_target_zero),
        cmocka_unit_test(test_R_SLA_12_lunch_break),
        cmocka_unit_test(test_R_SLA_12_shift_across_midnight),
        cmocka_unit_test(test_R_SLA_12_shortened_day),
        cmocka_unit_test(test_R_SLA_12_utc_offset),
        cmocka_unit_test(test_R_SLA_12_24x7),
        cmocka_unit_test(test_R_SLA_12_bad_input),
        cmocka_unit_test(test_R_SLA_12_builtin_table),
        cmocka_unit_test(test_R_SLA_12_explain_due),
        cmocka_unit_test(test_R_SLA_12_property_builtin_cn),
        cmocka_unit_test(test_R_SLA_12_property_custom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
