#define _POSIX_C_SOURCE 200809L
/* test_policy_file.c - the policy text format: R-POL-2 load/merge/errors,
 * dump -> load -> dump identity (R-POL-1); the [sla] and [calendar]
 * sections and the policy's own business calendar (R-POL-3). */
#include "sla_helpers.h"
#include "sla_int.h"

static char *dump(const tousu_policy *p, size_t *len)
{
    size_t need = 0;
    assert_int_equal(tousu_policy_dump(p, NULL, 0, &need), TOUSU_ENOSPACE);
    char *buf = malloc(need + 1);
    assert_int_equal(tousu_policy_dump(p, buf, need + 1, len), TOUSU_OK);
    assert_int_equal(*len, need);
    return buf;
}

/* R-POL-1, R-POL-2: the built-in policy dumps, loads back, dumps the same. */
static void test_R_POL_2_dump_load_dump_identical(void **state)
{
    (void)state;
    tousu_policy *p = NULL, *q = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    size_t n1, n2;
    char *a = dump(p, &n1);
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    int rc = tousu_policy_load(&q, a, n1, "builtin", &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, TOUSU_OK);
    char *b = dump(q, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    tousu_policy_free(p);
    tousu_policy_free(q);
}

static tousu_policy *load_ok(const char *text)
{
    tousu_policy *p = NULL;
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    int rc = tousu_policy_load(&p, text, strlen(text), "test.policy", &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, TOUSU_OK);
    return p;
}

/* R-POL-2: a file changing one threshold changes exactly that: the 6th
 * ordinary customer now triggers, and nothing else differs in the dump. */
static void test_R_POL_2_batch_threshold_from_file(void **state)
{
    (void)state;
    tousu_policy *p = load_ok("tousu-policy 1\n[batch]\nordinary = 5\n");
    tousu_policy *base = NULL;
    assert_int_equal(tousu_policy_new(&base), TOUSU_OK);
    size_t na, nb;
    char *a = dump(base, &na), *b = dump(p, &nb);
    /* Line by line, the dumps differ in exactly one line. */
    char *sa = NULL, *sb = NULL;
    char *la = strtok_r(a, "\n", &sa), *lb = strtok_r(b, "\n", &sb);
    int diffs = 0;
    while (la && lb) {
        if (strcmp(la, lb) != 0) {
            diffs++;
            assert_string_equal(la, "ordinary = 10");
            assert_string_equal(lb, "ordinary = 5");
        }
        la = strtok_r(NULL, "\n", &sa);
        lb = strtok_r(NULL, "\n", &sb);
    }
    assert_null(la);
    assert_null(lb);
    assert_int_equal(diffs, 1);
    free(a);
    free(b);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, NULL, p), TOUSU_OK);
    int64_t t = at(2025, 6, 3, 10, 0);
    tousu_result r;
    for (uint64_t i = 1; i <= 6; i++) {
        tousu_contact c = complaint(i, i, 1, t + (int64_t)i * MINUTE);
        r = triage_ok(e, &c);
        assert_int_equal(r.batch, i == 6);
    }
    tousu_engine_free(e);
    tousu_policy_free(p);
    tousu_policy_free(base);
}

/* R-POL-2: the repeat period from a file. */
static void test_R_POL_2_repeat_period_from_file(void **state)
{
    (void)state;
    tousu_policy *p = load_ok("tousu-policy 1\n# one month only\n[repeat]\nmonths = 1\n");
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, NULL, p), TOUSU_OK);
    tousu_contact c = complaint(1, 7, 42, at(2025, 4, 1, 9, 0));
    (void)triage_ok(e, &c);
    tousu_archive a = archive_of(1, 7, 42, at(2025, 4, 2, 9, 0), 0, 0);
    assert_int_equal(tousu_archive_complaint(e, &a), TOUSU_OK);
    c = complaint(2, 7, 42, at(2025, 5, 10, 9, 0)); /* 5 weeks later */
    tousu_result r = triage_ok(e, &c);
    assert_false(has_kind(&r, TOUSU_KIND_REPEAT));
    assert_int_equal(r.repeat_since_ms, at(2025, 4, 10, 9, 0));
    tousu_engine_free(e);
    tousu_policy_free(p);
}

/* R-POL-2: every malformed file gets its error and line; nothing is made. */
static void test_R_POL_2_malformed_files(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int code, line;
    } cases[] = {
        {"tousu-policy 1\n[batch]\nwindow = 5\n", TOUSU_ENOTFOUND, 3},      /* unknown key */
        {"tousu-policy 1\n[batch]\nordinary = ten\n", TOUSU_EPARSE, 3},     /* bad number */
        {"tousu-policy 1\n[batch]\n[repeat]\n[batch]\n", TOUSU_EDUPLICATE, 4},
        {"tousu-policy 1\n[batch]\nvip = 99999999999999999999999\n", TOUSU_ERANGE, 3},
        {"tousu-policy 1\n[batch]\nvip = 0\n", TOUSU_ERANGE, 3},            /* below bounds */
        {"tousu-policy 2\n", TOUSU_EVERSION, 1},                            /* newer version */
        {"tousu-policy 1\n[batch\n", TOUSU_EPARSE, 2},                      /* truncated */
        {"tousu-policy 1\n[batch]\nordinary =\n", TOUSU_EPARSE, 3},         /* no value */
        {"tousu-policy 1\n[batch]\nordinary\n", TOUSU_EPARSE, 3},
        {"tousu-policy 1\n[nosuch]\n", TOUSU_ENOTFOUND, 2},
        {"tousu-policy 1\nordinary = 5\n", TOUSU_EPARSE, 2},                /* no section */
        {"tousu-policy 1\n[levels]\nleap.mars = 2\n", TOUSU_ENOTFOUND, 3},
        {"tousu-policy 1\n[priority]\norder = major batch\n", TOUSU_ERANGE, 3},
        {"tousu-policy 1\n# \xe4\xbd\n", TOUSU_EUTF8, 2},                   /* invalid UTF-8 */
        {"[batch]\n", TOUSU_EPARSE, 1},                                     /* no header */
        {"", TOUSU_EPARSE, 0},                                              /* empty */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tousu_policy *p = (tousu_policy *)(uintptr_t)1;
        tousu_load_error err = {sizeof err, 0, 0, {0}};
        int rc = tousu_policy_load(&p, cases[i].text, strlen(cases[i].text), "bad.policy", &err);
        if (rc != cases[i].code || err.line != cases[i].line)
            print_error("case %zu: rc %d line %d: %s\n", i, rc, err.line, err.message);
        assert_int_equal(rc, cases[i].code);
        assert_int_equal(err.code, cases[i].code);
        assert_int_equal(err.line, cases[i].line);
        assert_null(p);
        assert_non_null(strstr(err.message, "bad.policy:"));
    }
}

/* R-POL-2: a 100 MB line is refused at its line without reading it whole;
 * the engine keeps triaging with its previous policy. */
static void test_R_POL_2_huge_line_keeps_previous_policy(void **state)
{
    (void)state;
    size_t n = (size_t)(100 * 1024 * 1024);
    if (getenv("TOUSU_TEST_SCALE"))
        n = 1024 * 1024; /* valgrind: a smaller huge line */
    char *text = malloc(n);
    memset(text, 'x', n);
    memcpy(text, "tousu-policy 1\n[batch]\nordinary = 1", 36);
    tousu_engine *e = new_engine();
    tousu_policy *p = NULL;
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    assert_int_equal(tousu_policy_load(&p, text, n, "huge", &err), TOUSU_ETOOBIG);
    assert_int_equal(err.line, 3);
    assert_null(p);
    free(text);
    /* Still the built-in threshold: the 2nd customer is no batch. */
    int64_t t = at(2025, 6, 3, 10, 0);
    tousu_contact c = complaint(1, 1, 1, t);
    tousu_result r = triage_ok(e, &c);
    c = complaint(2, 2, 1, t + 1);
    r = triage_ok(e, &c);
    assert_false(r.batch);
    tousu_engine_free(e);
}

/* R-POL-2: comments, blank lines, CRLF and spaces are accepted; levels and
 * the priority order load. */
static void test_R_POL_2_format_details(void **state)
{
    (void)state;
    tousu_policy *p = load_ok("# site policy\r\n\r\ntousu-policy 1\r\n[levels]\r\n"
                              "  leap.city_media =  3 \r\n[priority]\r\n"
                              "order = sensitive major leapfrog batch repeat upgraded "
                              "cross_region important special_deadline\r\n");
    int64_t v = 0;
    assert_int_equal(tousu_policy_get_int(p, TOUSU_P_LEAP_LEVEL_BASE + TOUSU_BODY_CITY_MEDIA, &v),
                     TOUSU_OK);
    assert_int_equal(v, 3);
    assert_int_equal(p->priority[0], TOUSU_KIND_SENSITIVE);
    tousu_policy_free(p);
    assert_int_equal(tousu_policy_load(NULL, "", 0, NULL, NULL), TOUSU_EINVAL);
}

/* ---------- the policy's calendar, [sla] and [calendar] (R-POL-3) ---------- */

static tousu_calendar *cal_of(const tousu_policy *p)
{
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_policy_calendar(p, &c), TOUSU_OK);
    assert_non_null(c);
    return c;
}

static int64_t due_min(const tousu_calendar *c, int64_t start, int64_t minutes)
{
    int64_t out = 0;
    assert_int_equal(tousu_calendar_due(c, start, minutes * MINUTE, &out), TOUSU_OK);
    return out;
}

static tousu_day_info day_of(const tousu_calendar *c, int y, int m, int d)
{
    tousu_day_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    assert_int_equal(tousu_calendar_day(c, y, m, d, &info), TOUSU_OK);
    return info;
}

static void assert_name(const tousu_day_info *d, const char *name)
{
    assert_int_equal(d->name_len, strlen(name));
    assert_memory_equal(d->name, name, d->name_len);
}

/* The same special days and derived numbers, field by field. */
static void assert_same_days(const tousu_calendar *a, const tousu_calendar *b)
{
    assert_int_equal(a->n_special, b->n_special);
    for (size_t i = 0; i < a->n_special; i++) {
        const tz_special *x = &a->spec[i], *y = &b->spec[i];
        assert_int_equal(a->sday[i], b->sday[i]);
        assert_int_equal(a->sT[i], b->sT[i]);
        assert_int_equal(a->scum[i + 1], b->scum[i + 1]);
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->delta_ms, y->delta_ms);
        assert_int_equal(x->name_len, y->name_len);
        assert_memory_equal(x->name, y->name, x->name_len);
        assert_int_equal(x->plan.n, y->plan.n);
        assert_int_equal(x->plan.total_ms, y->plan.total_ms);
        for (int32_t k = 0; k < x->plan.n; k++) {
            assert_int_equal(x->plan.start[k], y->plan.start[k]);
            assert_int_equal(x->plan.end[k], y->plan.end[k]);
        }
    }
    assert_int_equal(a->scum[0], b->scum[0]);
    assert_int_equal(a->cov_lo, b->cov_lo);
    assert_int_equal(a->cov_hi, b->cov_hi);
}

/* R-POL-3: the static arrays of the built-in calendar (generated with the
 * table, referenced by every policy) equal what the library computes from
 * the table itself; a change copies them and leaves the static ones alone. */
static void test_R_POL_3_builtin_arrays_match_computed(void **state)
{
    (void)state;
    tousu_calendar *b = NULL, *c = NULL;
    assert_int_equal(tousu_calendar_new_builtin_cn(&b), TOUSU_OK);
    assert_int_equal(tousu_calendar_new(&c), TOUSU_OK);
    for (size_t i = 0; i < tz_cn_n_days; i++) {
        const tz_cn_day *d = &tz_cn_days[i];
        const char *name = tz_cn_names[d->name];
        int32_t kind = d->kind == TZ_CN_OFF ? TOUSU_DAY_HOLIDAY : TOUSU_DAY_MAKEUP;
        assert_int_equal(tousu_calendar_set_day(c, d->year, d->month, d->day, kind, name,
                                                strlen(name)),
                         TOUSU_OK);
    }
    assert_int_equal(tousu_calendar_set_years(c, tz_cn_first_year, tz_cn_last_year), TOUSU_OK);
    assert_true(b->borrowed);
    assert_false(c->borrowed);
    assert_same_days(b, c);
    /* a Wednesday lunch break changes every difference after it: both agree */
    int32_t lunch[] = {510, 720, 810, 1080};
    assert_int_equal(tousu_calendar_set_weekday(b, 3, lunch, 2), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_weekday(c, 3, lunch, 2), TOUSU_OK);
    assert_false(b->borrowed);
    assert_same_days(b, c);
    assert_int_equal(tousu_calendar_set_makeup_weekday(b, 3), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_makeup_weekday(c, 3), TOUSU_OK);
    assert_same_days(b, c);
    /* the static table is untouched */
    assert_int_equal(tz_cn_spec[1].plan.n, 1);
    assert_int_equal(tz_cn_spec[1].plan.total_ms, 570 * MINUTE);
    tousu_calendar_free(b);
    tousu_calendar_free(c);
}

/* R-POL-3: a policy owns the built-in China calendar; hosts get a frozen
 * reference, can give the policy their own, and the fallback when making
 * it ran out of memory reads the same. */
static void test_R_POL_3_policy_calendar_api(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    tousu_calendar *c = cal_of(p), *c2 = cal_of(p);
    assert_ptr_equal(c, c2);
    assert_int_equal(tousu_calendar_set_day(c, 2025, 6, 3, TOUSU_DAY_HOLIDAY, NULL, 0),
                     TOUSU_ESTATE); /* frozen */
    tousu_day_info d = day_of(c, 2025, 1, 28);
    assert_int_equal(d.kind, TOUSU_DAY_HOLIDAY);
    assert_name(&d, "春节");
    assert_int_equal(day_of(c, 2025, 1, 26).kind, TOUSU_DAY_MAKEUP);
    assert_int_equal(day_of(c, 2026, 12, 31).covered, 1);
    assert_int_equal(day_of(c, 2027, 1, 1).covered, 0);
    tousu_calendar_free(c2);

    tousu_calendar *mine = NULL;
    assert_int_equal(tousu_calendar_new(&mine), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_day(mine, 2025, 6, 3, TOUSU_DAY_HOLIDAY, "站庆",
                                            strlen("站庆")),
                     TOUSU_OK);
    assert_int_equal(tousu_policy_set_calendar(p, mine), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_years(mine, 2025, 2025), TOUSU_ESTATE);
    tousu_calendar_free(mine); /* the policy keeps its reference */
    c2 = cal_of(p);
    assert_ptr_equal(c2, mine);
    tousu_policy_free(p);
    assert_int_equal(day_of(c2, 2025, 6, 3).kind, TOUSU_DAY_HOLIDAY); /* still ours */
    assert_int_equal(day_of(c, 2025, 6, 3).kind, TOUSU_DAY_REGULAR);
    tousu_calendar_free(c2);
    tousu_calendar_free(c);

    /* errors */
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    c = (tousu_calendar *)(uintptr_t)1;
    assert_int_equal(tousu_policy_calendar(NULL, &c), TOUSU_EINVAL);
    assert_null(c);
    assert_int_equal(tousu_policy_calendar(p, NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_policy_set_calendar(p, NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_calendar_new(&mine), TOUSU_OK);
    assert_int_equal(tousu_policy_set_calendar(NULL, mine), TOUSU_EINVAL);
    assert_int_equal(tousu_policy_freeze(p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_calendar(p, mine), TOUSU_ESTATE);
    tousu_calendar_free(mine);
    tousu_policy_free(p);

    /* no calendar (out of memory at creation) reads as the built-in one */
    tousu_policy *q = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_new(&q), TOUSU_OK);
    tousu_calendar_free(q->calendar);
    q->calendar = NULL;
    size_t na, nb;
    char *a = dump(p, &na), *b = dump(q, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    c = cal_of(q);
    assert_int_equal(day_of(c, 2025, 1, 28).kind, TOUSU_DAY_HOLIDAY);
    tousu_calendar_free(c);
    tousu_calendar *m = NULL;
    assert_int_equal(tz_policy_cal_mut(q, &m), TOUSU_OK); /* made on demand */
    assert_ptr_equal(m, q->calendar);
    free(a);
    free(b);
    tousu_policy_free(p);
    tousu_policy_free(q);
}

/* R-POL-2, R-POL-3: a file adding one holiday makes a due time skip that
 * day, and changes exactly one line of the dump. */
static void test_R_POL_3_holiday_from_file_skips_day(void **state)
{
    (void)state;
    tousu_policy *base = NULL;
    assert_int_equal(tousu_policy_new(&base), TOUSU_OK);
    tousu_policy *p = load_ok("tousu-policy 1\n[calendar]\nholiday = 2025-06-10 站庆\n");
    tousu_calendar *cb = cal_of(base), *c = cal_of(p);
    /* Monday 17:00 + 2 h: Tuesday 09:30, or Wednesday when Tuesday is off */
    assert_int_equal(due_min(cb, at(2025, 6, 9, 17, 0), 120), at(2025, 6, 10, 9, 30));
    assert_int_equal(due_min(c, at(2025, 6, 9, 17, 0), 120), at(2025, 6, 11, 9, 30));
    tousu_day_info d = day_of(c, 2025, 6, 10);
    assert_int_equal(d.kind, TOUSU_DAY_HOLIDAY);
    assert_name(&d, "站庆");
    assert_int_equal(day_of(c, 2025, 10, 1).kind, TOUSU_DAY_HOLIDAY); /* the rest stays */
    /* the dumps: one extra line, everything else the same and in order */
    size_t na, nb;
    char *a = dump(base, &na), *b = dump(p, &nb);
    char *sa = NULL, *sb = NULL;
    char *la = strtok_r(a, "\n", &sa), *lb = strtok_r(b, "\n", &sb);
    int extra = 0;
    while (lb) {
        if (!la || strcmp(la, lb) != 0) {
            assert_string_equal(lb, "holiday = 2025-06-10 站庆");
            extra++;
            lb = strtok_r(NULL, "\n", &sb);
            continue;
        }
        la = strtok_r(NULL, "\n", &sa);
        lb = strtok_r(NULL, "\n", &sb);
    }
    assert_null(la);
    assert_int_equal(extra, 1);
    free(a);
    free(b);
    tousu_calendar_free(cb);
    tousu_calendar_free(c);
    tousu_policy_free(base);
    tousu_policy_free(p);
}

/* R-POL-3: a file replaces a year (clear_days, then its days), drops the
 * whole table, or declares every year known. */
static void test_R_POL_3_replace_a_year(void **state)
{
    (void)state;
    tousu_policy *p = load_ok("tousu-policy 1\n[calendar]\nclear_days = 2025\n"
                              "holiday = 2025-10-01 国庆节\nworkday = 2025-09-28\n");
    tousu_calendar *c = cal_of(p);
    assert_int_equal(day_of(c, 2025, 1, 28).kind, TOUSU_DAY_REGULAR);
    assert_int_equal(day_of(c, 2025, 1, 28).working_ms, 570 * MINUTE);
    assert_int_equal(day_of(c, 2025, 10, 1).kind, TOUSU_DAY_HOLIDAY);
    assert_int_equal(day_of(c, 2025, 10, 2).kind, TOUSU_DAY_REGULAR);
    tousu_day_info d = day_of(c, 2025, 9, 28);
    assert_int_equal(d.kind, TOUSU_DAY_MAKEUP);
    assert_int_equal(d.name_len, 0);
    assert_int_equal(day_of(c, 2024, 2, 10).kind, TOUSU_DAY_HOLIDAY); /* other years stay */
    assert_int_equal(day_of(c, 2026, 2, 16).kind, TOUSU_DAY_HOLIDAY);
    assert_int_equal(day_of(c, 2025, 6, 1).covered, 1);
    tousu_calendar_free(c);
    tousu_policy_free(p);

    p = load_ok("tousu-policy 1\n[calendar]\nclear = all\nyears = any\n");
    c = cal_of(p);
    assert_int_equal(c->n_special, 0);
    assert_int_equal(day_of(c, 2025, 1, 28).kind, TOUSU_DAY_REGULAR);
    assert_int_equal(day_of(c, 2031, 1, 1).covered, 1);
    assert_int_equal(due_min(c, at(2030, 12, 31, 17, 0), 120), at(2031, 1, 1, 9, 30));
    tousu_calendar_free(c);
    tousu_policy_free(p);

    p = load_ok("tousu-policy 1\n[calendar]\nclear = 2024-2026\n");
    assert_int_equal(p->calendar->n_special, 0);
    assert_int_equal(p->calendar->first_year, 2024); /* still only these years known */
    tousu_policy_free(p);
}

/* R-SLA-12, R-POL-3: lunch breaks, a night desk, a Saturday morning,
 * make-up days with Saturday's hours, overrides, another UTC offset; the
 * file's calendar dumps and reloads to the same bytes. */
static void test_R_POL_3_calendar_file_features(void **state)
{
    (void)state;
    tousu_policy *p = load_ok("tousu-policy 1\n[calendar]\nutc_offset_min = 420\n"
                              "weekday.mon = 08:30-12:00 13:30-18:00\n"
                              "weekday.sat = 9:00-12:00\n"
                              "weekday.sun = 20:00-08:00\n"
                              "makeup_weekday = sat\nyears = 2025\n"
                              "override = 2025-09-30 08:30-16:00 国庆前夕\n"
                              "override = 2025-12-31 off 跨年\n"
                              "workday = 2025-01-26\n");
    tousu_calendar *c = cal_of(p);
    tousu_day_info d = day_of(c, 2025, 6, 9); /* Monday */
    assert_int_equal(d.n_spans, 2);
    assert_int_equal(d.spans[1], 720);
    assert_int_equal(d.spans[2], 810);
    d = day_of(c, 2025, 6, 15); /* Sunday night desk, to Monday 08:00 */
    assert_int_equal(d.n_spans, 1);
    assert_int_equal(d.spans[0], 1200);
    assert_int_equal(d.spans[1], 1920);
    d = day_of(c, 2025, 1, 26); /* a make-up day works Saturday's hours */
    assert_int_equal(d.kind, TOUSU_DAY_MAKEUP);
    assert_int_equal(d.working_ms, 180 * MINUTE);
    d = day_of(c, 2025, 9, 30);
    assert_int_equal(d.kind, TOUSU_DAY_OVERRIDE);
    assert_int_equal(d.spans[1], 960);
    assert_name(&d, "国庆前夕");
    d = day_of(c, 2025, 12, 31);
    assert_int_equal(d.n_spans, 0);
    assert_name(&d, "跨年");
    assert_int_equal(day_of(c, 2026, 1, 1).covered, 0);
    /* +07:00: Monday 11:30 local + 60 working minutes = 14:00 local */
    assert_int_equal(due_min(c, at(2025, 6, 9, 11, 30) + HOUR, 60), at(2025, 6, 9, 14, 0) + HOUR);
    size_t n1, n2;
    char *a = dump(p, &n1);
    assert_non_null(strstr(a, "weekday.mon = 08:30-12:00 13:30-18:00\n"));
    assert_non_null(strstr(a, "weekday.sun = 20:00-08:00\n"));
    assert_non_null(strstr(a, "override = 2025-12-31 off 跨年\n"));
    tousu_policy *q = load_ok(a);
    char *b = dump(q, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    tousu_calendar_free(c);
    tousu_policy_free(p);
    tousu_policy_free(q);
}

/* R-POL-2: every malformed [sla] or [calendar] line gets its error and
 * line, and no policy is made. */
static void test_R_POL_3_malformed_sla_and_calendar(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        int code;
    } cal[] = {
        {"weekday.mon = 08:30-25:00", TOUSU_ERANGE},
        {"weekday.mon = 08:30-24:01", TOUSU_ERANGE},
        {"weekday.mon = 24:00-08:00", TOUSU_ERANGE},
        {"weekday.mon = 08:61-09:00", TOUSU_ERANGE},
        {"weekday.mon = 8h30-18h", TOUSU_EPARSE},
        {"weekday.mon = 08:30-18:00 x", TOUSU_EPARSE},
        {"weekday.mon = 08:30", TOUSU_EPARSE},
        {"weekday.mon = 0830-1800", TOUSU_EPARSE},
        {"weekday.mon = off 08:30-18:00", TOUSU_EPARSE},
        {"weekday.mon = 08:30-12:00 11:00-18:00", TOUSU_ERANGE}, /* overlap */
        {"weekday.fri = 20:00-09:00", TOUSU_ERANGE}, /* runs into Monday 08:30 */
        {"weekday.mon = 0:00-0:30 1:00-1:30 2:00-2:30 3:00-3:30 4:00-4:30 5:00-5:30 "
         "6:00-6:30 7:00-7:30 8:00-8:30", TOUSU_ERANGE},
        {"weekday.funday = off", TOUSU_ENOTFOUND},
        {"weekday = off", TOUSU_ENOTFOUND},
        {"holiday = 2025-13-01", TOUSU_ERANGE},
        {"holiday = 2025-02-29", TOUSU_ERANGE},
        {"holiday = 1969-12-31", TOUSU_ERANGE},
        {"holiday = 2025/10/01", TOUSU_EPARSE},
        {"holiday = 2025-1-1", TOUSU_EPARSE},
        {"holiday = 2025-10-01 0123456789012345678901234567890123456789012345678",
         TOUSU_ETOOBIG},
        {"holiday = 2025-10-01 a\\q", TOUSU_EPARSE},
        {"holiday = 2025-10-01 a\\x4", TOUSU_EPARSE},
        {"holiday = 2025-10-01 \\xff", TOUSU_EUTF8},
        {"override = 2025-09-30 国庆", TOUSU_EPARSE},
        {"override = 2025-09-30 08:30", TOUSU_EPARSE},
        {"override = 2025-09-30 20:00-09:00", TOUSU_ERANGE},
        {"years = 2027-2024", TOUSU_ERANGE},
        {"years = 2024-", TOUSU_EPARSE},
        {"years = 1900", TOUSU_ERANGE},
        {"clear = some", TOUSU_EPARSE},
        {"makeup_weekday = 1", TOUSU_ENOTFOUND},
        {"utc_offset_min = 900", TOUSU_ERANGE},
        {"timezone = 8", TOUSU_ENOTFOUND},
    };
    static const struct {
        const char *line;
        int code;
    } sla[] = {
        {"target.fault.ordinary.nosuch = 1", TOUSU_ENOTFOUND},
        {"target.fault.vip.preprocess = 1", TOUSU_ENOTFOUND},
        {"target.shop.ordinary.preprocess = 1", TOUSU_ENOTFOUND},
        {"target.fault.ordinary = 1", TOUSU_ENOTFOUND},
        {"target.fault.ordinary.preprocess.x = 1", TOUSU_ENOTFOUND},
        {"target.fault.ordinary.preprocess = -1", TOUSU_ERANGE},
        {"target.fault.ordinary.preprocess = 316224000001", TOUSU_ERANGE}, /* > 10 years */
        {"target.fault.ordinary.preprocess = 30min", TOUSU_EPARSE},
        {"business.fault.preprocess = 2", TOUSU_ERANGE},
        {"business.fault = 1", TOUSU_ENOTFOUND},
        {"warning_permille = 1001", TOUSU_ERANGE},
        {"warning = 800", TOUSU_ENOTFOUND},
    };
    char text[512];
    for (size_t i = 0; i < sizeof cal / sizeof cal[0] + sizeof sla / sizeof sla[0]; i++) {
        bool is_cal = i < sizeof cal / sizeof cal[0];
        const char *line = is_cal ? cal[i].line : sla[i - sizeof cal / sizeof cal[0]].line;
        int code = is_cal ? cal[i].code : sla[i - sizeof cal / sizeof cal[0]].code;
        /* a good line first: the error is on line 4 */
        snprintf(text, sizeof text, "tousu-policy 1\n[%s]\n%s\n%s\n", is_cal ? "calendar" : "sla",
                 is_cal ? "holiday = 2025-06-10" : "warning_permille = 700", line);
        tousu_policy *p = (tousu_policy *)(uintptr_t)1;
        tousu_load_error err = {sizeof err, 0, 0, {0}};
        int rc = tousu_policy_load(&p, text, strlen(text), "bad.policy", &err);
        if (rc != code || err.line != 4)
            print_error("'%s': rc %d line %d: %s\n", line, rc, err.line, err.message);
        assert_int_equal(rc, code);
        assert_int_equal(err.line, 4);
        assert_null(p);
        assert_non_null(strstr(err.message, "bad.policy:4: "));
    }
    tousu_policy *p = NULL;
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    const char *twice = "tousu-policy 1\n[sla]\n[calendar]\n[sla]\n";
    assert_int_equal(tousu_policy_load(&p, twice, strlen(twice), "x", &err), TOUSU_EDUPLICATE);
    assert_int_equal(err.line, 4);
}

/* R-POL-2, R-SLA-10, R-SLA-12: [sla] changes a plan's due time, on the
 * calendar of the same file. */
static void test_R_POL_2_sla_target_changes_plan_due(void **state)
{
    (void)state;
    tousu_policy *p = load_ok("tousu-policy 1\n[sla]\nwarning_permille = 500\n"
                              "target.complaint.ordinary.pass_on_answer = 86400000\n"
                              "target.fault.major.preprocess = 600000\n"
                              "[calendar]\nholiday = 2025-06-10\n");
    tousu_calendar *c = cal_of(p);
    int64_t t0 = at(2025, 6, 9, 10, 0);
    tousu_result r = sla_result(TOUSU_CAT_COMPLAINT, TOUSU_SLA_ORDINARY, 0, t0);
    tousu_plan *plan = NULL;
    assert_int_equal(tousu_plan_new_from_result(&plan, p, c, &r, 0), TOUSU_OK);
    tousu_clock_status st = sla_stage(plan, 0, t0);
    assert_int_equal(st.due_ms, t0 + DAY); /* not the built-in 48 h */
    assert_int_equal(st.warning_ms, t0 + DAY / 2);
    tousu_plan_free(plan);
    /* a major fault: 10 business minutes from Monday 17:55, Tuesday off */
    int64_t t1 = at(2025, 6, 9, 17, 55);
    r = sla_result(TOUSU_CAT_FAULT, TOUSU_KIND_MAJOR, 0, t1);
    assert_int_equal(tousu_plan_new_from_result(&plan, p, c, &r, 0), TOUSU_OK);
    st = sla_stage(plan, 0, t1);
    assert_int_equal(st.target_ms, 10 * MINUTE);
    assert_int_equal(st.due_ms, at(2025, 6, 11, 8, 35));
    tousu_plan_free(plan);
    /* the built-in policy: 15 minutes, due Wednesday 08:40 */
    assert_int_equal(tousu_plan_new_from_result(&plan, NULL, c, &r, 0), TOUSU_OK);
    assert_int_equal(sla_stage(plan, 0, t1).due_ms, at(2025, 6, 11, 8, 40));
    tousu_plan_free(plan);
    tousu_calendar_free(c);
    tousu_policy_free(p);
}

/* R-POL-1, R-POL-3: whatever calendar a host gives the policy (names with
 * control characters, edge spaces, a backslash, digits after an override's
 * spans; another offset; a 24x7 calendar), the dump reloads to the same
 * calendar and the same bytes. */
static void test_R_POL_3_dump_exact_for_any_calendar(void **state)
{
    (void)state;
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new(&c), TOUSU_OK);
    static const char *const names[] = {" lead", "tail ", "a\nb\\c\td", "", "\x7f", "#1"};
    for (int i = 0; i < 6; i++)
        assert_int_equal(tousu_calendar_set_day(c, 2025, 1, 1 + i, TOUSU_DAY_HOLIDAY, names[i],
                                                strlen(names[i])),
                         TOUSU_OK);
    int32_t ten[] = {600, 660}, night[] = {1200, 480};
    assert_int_equal(tousu_calendar_set_override(c, 2025, 1, 13, ten, 1, "9 o'clock", 9),
                     TOUSU_OK);
    assert_int_equal(tousu_calendar_set_override(c, 2025, 1, 14, NULL, 0, "off", 3), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_day(c, 2025, 1, 18, TOUSU_DAY_MAKEUP, " ", 1), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_weekday(c, 3, night, 1), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_utc_offset(c, -330), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_years(c, 2020, 2030), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_makeup_weekday(c, 3), TOUSU_OK);
    tousu_calendar *full = NULL, *late = NULL;
    assert_int_equal(tousu_calendar_new_24x7(&full), TOUSU_OK);
    /* a Monday night desk to 09:00 with every day starting at 09:00: no
     * weekday line can be loaded first over the built-in 08:30 week */
    assert_int_equal(tousu_calendar_new(&late), TOUSU_OK);
    int32_t nine[] = {540, 1080}, monday[] = {540, 1080, 1200, 540};
    for (int32_t w = 2; w <= 5; w++)
        assert_int_equal(tousu_calendar_set_weekday(late, w, nine, 1), TOUSU_OK);
    assert_int_equal(tousu_calendar_set_weekday(late, 1, monday, 2), TOUSU_OK);
    int32_t early[] = {1260, 540};
    assert_int_equal(tousu_calendar_set_override(late, 2025, 1, 14, early, 1, NULL, 0), TOUSU_OK);
    tousu_calendar *cals[] = {c, full, late};
    for (int k = 0; k < 3; k++) {
        tousu_policy *p = NULL;
        assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
        assert_int_equal(tousu_policy_set_calendar(p, cals[k]), TOUSU_OK);
        size_t n1, n2;
        char *a = dump(p, &n1);
        tousu_policy *q = load_ok(a);
        char *b = dump(q, &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        tousu_calendar *qc = cal_of(q);
        for (int day = 1; day <= 31; day++) {
            tousu_day_info x = day_of(cals[k], 2025, 1, day), y = day_of(qc, 2025, 1, day);
            assert_int_equal(x.kind, y.kind);
            assert_int_equal(x.working_ms, y.working_ms);
            assert_int_equal(x.n_spans, y.n_spans);
            assert_memory_equal(x.spans, y.spans, sizeof x.spans);
            assert_int_equal(x.name_len, y.name_len);
            assert_memory_equal(x.name, y.name, x.name_len);
            assert_int_equal(x.covered, y.covered);
        }
        int64_t t = at(2025, 1, 8, 19, 0), d1 = 0, d2 = 0;
        assert_int_equal(tousu_calendar_due(cals[k], t, 90 * MINUTE, &d1), TOUSU_OK);
        assert_int_equal(tousu_calendar_due(qc, t, 90 * MINUTE, &d2), TOUSU_OK);
        assert_int_equal(d1, d2);
        free(a);
        free(b);
        tousu_calendar_free(qc);
        tousu_policy_free(p);
        tousu_policy_free(q);
    }
    tousu_calendar_free(c);
    tousu_calendar_free(full);
    tousu_calendar_free(late);
}

/* R-SLA-12: removing a night override (a holiday over it, clear) shrinks
 * the calendar's night carry again, and the dump drops its "off" lines. */
static void test_R_POL_3_night_override_removed(void **state)
{
    (void)state;
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new(&c), TOUSU_OK);
    int32_t night[] = {1260, 480};
    assert_int_equal(tousu_calendar_set_override(c, 2025, 1, 14, night, 1, NULL, 0), TOUSU_OK);
    assert_int_equal(c->carry_min, 480);
    assert_int_equal(tousu_calendar_set_day(c, 2025, 1, 14, TOUSU_DAY_HOLIDAY, NULL, 0),
                     TOUSU_OK);
    assert_int_equal(c->carry_min, 0);
    assert_int_equal(tousu_calendar_set_override(c, 2025, 1, 14, night, 1, NULL, 0), TOUSU_OK);
    assert_int_equal(tz_cal_clear_days(c, tz_days_from_civil(2025, 1, 1),
                                       tz_days_from_civil(2026, 1, 1)),
                     TOUSU_OK);
    assert_int_equal(c->carry_min, 0);
    assert_int_equal(tousu_calendar_set_override(c, 2025, 1, 14, night, 1, NULL, 0), TOUSU_OK);
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_calendar(p, c), TOUSU_OK);
    size_t n;
    char *a = dump(p, &n);
    assert_non_null(strstr(a, "weekday.mon = off\nweekday.tue = off\n"));
    free(a);
    tousu_policy_free(p);
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    a = dump(p, &n);
    assert_null(strstr(a, "= off\nweekday.tue"));
    free(a);
    tousu_policy_free(p);
    tousu_calendar_free(c);
}

/* R-POL-1: the [sla] dump writes the default plans' stages, plus any entry
 * that differs from the built-in value, and reloads exactly. */
static void test_R_POL_2_sla_dump_rule(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    size_t n0, n1, n2;
    char *a = dump(p, &n0);
    assert_null(strstr(a, "refund"));
    assert_non_null(strstr(a, "\ntarget.fault.ordinary.preprocess = 1800000\n"));
    assert_non_null(strstr(a, "\ntarget.complaint.major.pass_on_answer = 86400000\n"));
    free(a);
    assert_int_equal(tousu_policy_set_sla_target(p, TOUSU_CAT_COMPLAINT, TOUSU_SLA_ORDINARY,
                                                 TOUSU_STAGE_REFUND, DAY),
                     TOUSU_OK);
    assert_int_equal(tousu_policy_set_sla_business(p, TOUSU_CAT_DISPUTE, TOUSU_STAGE_DND_REPORT,
                                                   1),
                     TOUSU_OK);
    assert_int_equal(tousu_policy_set_sla_target(p, TOUSU_CAT_FAULT, TOUSU_KIND_BATCH,
                                                 TOUSU_STAGE_DISPATCH, 0),
                     TOUSU_OK);
    a = dump(p, &n1);
    assert_non_null(strstr(a, "\ntarget.complaint.ordinary.refund = 86400000\n"));
    assert_non_null(strstr(a, "\nbusiness.dispute.dnd_report = 1\n"));
    assert_non_null(strstr(a, "\ntarget.fault.batch.dispatch = 0\n"));
    tousu_policy *q = load_ok(a);
    char *b = dump(q, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    int64_t v = 0;
    assert_int_equal(tousu_policy_get_sla_target(q, TOUSU_CAT_COMPLAINT, TOUSU_SLA_ORDINARY,
                                                 TOUSU_STAGE_REFUND, &v),
                     TOUSU_OK);
    assert_int_equal(v, DAY);
    free(a);
    free(b);
    tousu_policy_free(p);
    tousu_policy_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_POL_2_dump_load_dump_identical),
        cmocka_unit_test(test_R_POL_2_batch_threshold_from_file),
        cmocka_unit_test(test_R_POL_2_repeat_period_from_file),
        cmocka_unit_test(test_R_POL_2_malformed_files),
        cmocka_unit_test(test_R_POL_2_huge_line_keeps_previous_policy),
        cmocka_unit_test(test_R_POL_2_format_details),
        cmocka_unit_test(test_R_POL_3_builtin_arrays_match_computed),
        cmocka_unit_test(test_R_POL_3_policy_calendar_api),
        cmocka_unit_test(test_R_POL_3_holiday_from_file_skips_day),
        cmocka_unit_test(test_R_POL_3_replace_a_year),
        cmocka_unit_test(test_R_POL_3_calendar_file_features),
        cmocka_unit_test(test_R_POL_3_malformed_sla_and_calendar),
        cmocka_unit_test(test_R_POL_2_sla_target_changes_plan_due),
        cmocka_unit_test(test_R_POL_3_dump_exact_for_any_calendar),
        cmocka_unit_test(test_R_POL_2_sla_dump_rule),
        cmocka_unit_test(test_R_POL_3_night_override_removed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
