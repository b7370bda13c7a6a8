/*
 * test_normalize.c - the normal form phrases are matched in (R-SCR-7,
 * R-CLS-12): folding, ignored characters, digit breaks, the offset map,
 * clause and whole-number boundaries, malformed UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "words.h"

static tz_alloc A;

static void norm_ok(const char *s, tz_norm *n)
{
    size_t bad = 0;
    assert_int_equal(tz_normalize(&A, s, strlen(s), false, n, &bad), TOUSU_OK);
}

/* R-SCR-7: full-width ASCII folds to half-width, letters to lower case. */
static void test_R_SCR_7_fold_full_width(void **state)
{
    (void)state;
    assert_int_equal(tz_fold(0xFF21), 'a'); /* Ａ */
    assert_int_equal(tz_fold(0xFF41), 'a'); /* ａ */
    assert_int_equal(tz_fold('B'), 'b');
    assert_int_equal(tz_fold(0xFF11), '1');    /* １ */
    assert_int_equal(tz_fold(0xFFE5), 0xA5);   /* ￥ -> ¥ */
    assert_int_equal(tz_fold(0x4F60), 0x4F60); /* 你 is itself */
}

/* R-SCR-7: spaces and punctuation (ASCII, CJK, full-width) are ignored;
 * so are seed 003's intonation arrows. */
static void test_R_SCR_7_ignored_characters(void **state)
{
    (void)state;
    const uint32_t ignored[] = {' ',    '\t',   '\n',   ',',    '.',    '?',    '!',    0x3000,
                                0x3001, 0x3002, 0xFF0C, 0xFF1F, 0xFF01, 0x2026, 0x201C, 0x201D,
                                0x300A, 0x3010, 0x2191, 0x00A0, 0xFEFF, 0x200B};
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
        assert_true(tz_fold(ignored[i]) == TZ_CP_IGNORE);
    assert_true(tz_fold(0) == TZ_CP_IGNORE); /* a NUL byte is a control */
}

/* R-SCR-7: offsets of the symbols map back to the original bytes. */
static void test_R_SCR_7_offset_map(void **state)
{
    (void)state;
    tz_norm n = {0};
    norm_ok("你 ，说Ａ", &n); /* 你(0..3) sp(3) ，(4..7) 说(7..10) Ａ(10..13) */
    assert_int_equal(n.n, 3);
    assert_int_equal(n.sym[0], 0x4F60);
    assert_int_equal(n.start[0], 0);
    assert_int_equal(n.end[0], 3);
    assert_int_equal(n.sym[1], 0x8BF4);
    assert_int_equal(n.start[1], 7);
    assert_int_equal(n.end[1], 10);
    assert_int_equal(n.sym[2], 'a');
    assert_int_equal(n.start[2], 10);
    assert_int_equal(n.end[2], 13);
    tz_norm_free(&A, &n);
}

/* R-CLS-12: ignored characters between two digits leave a break. */
static void test_R_CLS_12_digits_not_joined(void **state)
{
    (void)state;
    tz_norm n = {0};
    norm_ok("123.00元", &n);
    assert_int_equal(n.n, 7);
    assert_int_equal(n.sym[3], TZ_SYM_BREAK);
    assert_int_equal(n.sym[4], '0');
    norm_ok("1 2", &n);
    assert_int_equal(n.n, 3);
    assert_int_equal(n.sym[1], TZ_SYM_BREAK);
    norm_ok("12，元3", &n); /* no break unless a digit follows */
    assert_int_equal(n.n, 4);
    norm_ok("１２３００", &n); /* full-width digits join (no punctuation) */
    assert_int_equal(n.n, 5);
    tz_norm_free(&A, &n);
}

/* Boundary: malformed UTF-8 reports its byte offset. */
static void test_normalize_bad_utf8_offset(void **state)
{
    (void)state;
    tz_norm n = {0};
    size_t bad = 0;
    const char s[] = "好\xE4\xBD"; /* truncated 3-byte sequence at 3 */
    assert_int_equal(tz_normalize(&A, s, sizeof s - 1, false, &n, &bad), TOUSU_EUTF8);
    assert_int_equal(bad, 3);
    const char over[] = "ab\xC0\xAF"; /* overlong '/' */
    assert_int_equal(tz_normalize(&A, over, sizeof over - 1, false, &n, &bad), TOUSU_EUTF8);
    assert_int_equal(bad, 2);
    const char sur[] = "\xED\xA0\x80"; /* surrogate */
    assert_int_equal(tz_normalize(&A, sur, 3, false, &n, &bad), TOUSU_EUTF8);
    assert_int_equal(bad, 0);
    /* skipped on request: each bad byte is one separator symbol */
    assert_int_equal(tz_normalize(&A, s, sizeof s - 1, true, &n, &bad), TOUSU_OK);
    assert_int_equal(n.n, 3);
    assert_int_equal(n.sym[1], TZ_SYM_BAD);
    tz_norm_free(&A, &n);
}

/* Boundary: the empty text and a text of only punctuation. */
static void test_normalize_empty(void **state)
{
    (void)state;
    tz_norm n = {0};
    norm_ok("", &n);
    assert_int_equal(n.n, 0);
    norm_ok("，。 ！？", &n);
    assert_int_equal(n.n, 0);
    tz_norm_free(&A, &n);
}

/* Boundary: a NUL byte inside the text is an ignored control. */
static void test_normalize_nul_byte(void **state)
{
    (void)state;
    tz_norm n = {0};
    size_t bad;
    assert_int_equal(tz_normalize(&A, "a\0b", 3, false, &n, &bad), TOUSU_OK);
    assert_int_equal(n.n, 2);
    tz_norm_free(&A, &n);
}

/* R-SCR-7 whole clauses: clause punctuation or a turn edge on both sides,
 * spaces and quotes aside. */
static void test_R_SCR_7_clause_boundaries(void **state)
{
    (void)state;
    const char *t = "好的，“为什么”？";
    size_t s = strlen("好的，“"), e = s + strlen("为什么");
    assert_true(tz_clause_before(t, strlen(t), s));
    assert_true(tz_clause_after(t, strlen(t), e));
    const char *u = "请问您为什么需要停机";
    size_t s2 = strlen("请问您"), e2 = s2 + strlen("为什么");
    assert_false(tz_clause_before(u, strlen(u), s2));
    assert_false(tz_clause_after(u, strlen(u), e2));
    assert_true(tz_clause_before(u, strlen(u), 0));        /* turn start */
    assert_true(tz_clause_after(u, strlen(u), strlen(u))); /* turn end */
    const char *v = "什么\n好";
    assert_true(tz_clause_after(v, strlen(v), strlen("什么")));
}

/* R-CLS-12 whole numbers: a digit right next to the match. */
static void test_R_CLS_12_digit_neighbours(void **state)
{
    (void)state;
    const char *t = "4001230012";
    assert_true(tz_digit_before(t, strlen(t), 3));
    assert_true(tz_digit_after(t, strlen(t), 8));
    const char *u = "打12300投诉";
    assert_false(tz_digit_before(u, strlen(u), 3));
    assert_false(tz_digit_after(u, strlen(u), 8));
    const char *w = "１12300"; /* a full-width digit is a digit */
    assert_true(tz_digit_before(w, strlen(w), 3));
}

/* tz_prev_cp walks back over one character, refusing broken bytes. */
static void test_prev_cp(void **state)
{
    (void)state;
    const char *t = "a你";
    size_t at;
    uint32_t cp;
    assert_true(tz_prev_cp(t, 4, &at, &cp));
    assert_int_equal(at, 1);
    assert_int_equal(cp, 0x4F60);
    assert_false(tz_prev_cp(t, 0, &at, &cp));
    assert_false(tz_prev_cp("\xBD", 1, &at, &cp));
}

int main(void)
{
    tz_alloc_default(&A);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_SCR_7_fold_full_width),
        cmocka_unit_test(test_R_SCR_7_ignored_characters),
        cmocka_unit_test(test_R_SCR_7_offset_map),
        cmocka_unit_test(test_R_CLS_12_digits_not_joined),
        cmocka_unit_test(test_normalize_bad_utf8_offset),
        cmocka_unit_test(test_normalize_empty),
        cmocka_unit_test(test_normalize_nul_byte),
        cmocka_unit_test(test_R_SCR_7_clause_boundaries),
        cmocka_unit_test(test_R_CLS_12_digit_neighbours),
        cmocka_unit_test(test_prev_cp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
