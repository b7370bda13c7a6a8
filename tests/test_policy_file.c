#define _POSIX_C_SOURCE 200809L
/* test_policy_file.c - the policy text format: R-POL-2 load/merge/errors,
 * dump -> load -> dump identity (R-POL-1). */
#include "helpers.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_POL_2_dump_load_dump_identical),
        cmocka_unit_test(test_R_POL_2_batch_threshold_from_file),
        cmocka_unit_test(test_R_POL_2_repeat_period_from_file),
        cmocka_unit_test(test_R_POL_2_malformed_files),
        cmocka_unit_test(test_R_POL_2_huge_line_keeps_previous_policy),
        cmocka_unit_test(test_R_POL_2_format_details),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
