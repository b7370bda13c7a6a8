/* test_host.c - R-HOST: the host interface, bad input, the ABI rules. */
#include "helpers.h"

static int64_t T0;

/* R-HOST-5: the runtime version agrees with the header. */
static void test_R_HOST_5_version(void **state)
{
    (void)state;
    assert_int_equal(tousu_version(), TOUSU_VERSION_NUMBER);
    assert_string_equal(tousu_version_string(), "1.0.0");
    assert_string_equal(tousu_strerror(TOUSU_OK), "ok");
    assert_string_equal(tousu_strerror(TOUSU_ECALLBACK), "host callback failed");
    assert_string_equal(tousu_strerror(-999), "unknown error");
}

/* R-HOST-4: NULL handles and pointers give TOUSU_EINVAL, never a crash. */
static void test_R_HOST_4_null_arguments(void **state)
{
    (void)state;
    assert_int_equal(tousu_engine_new(NULL, NULL, NULL), TOUSU_EINVAL);
    tousu_engine_free(NULL);
    tousu_policy_free(NULL);
    tousu_memstore_free(NULL);
    tousu_result r = new_result();
    tousu_contact c = complaint(1, 1, 1, T0);
    assert_int_equal(tousu_triage(NULL, &c, &r), TOUSU_EINVAL);
    tousu_engine *e = new_engine();
    assert_int_equal(tousu_triage(e, NULL, &r), TOUSU_EINVAL);
    assert_int_equal(tousu_triage(e, &c, NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_engine_batch_members(e, NULL, NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_policy_set_int(NULL, TOUSU_P_BATCH_VIP, 1), TOUSU_EINVAL);
    assert_int_equal(tousu_engine_set_policy(e, NULL), TOUSU_EINVAL);
    assert_non_null(tousu_engine_errmsg(NULL));
    c.contact_id = 0;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_EINVAL);
    c.contact_id = 1;
    c.customer_id = 0;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_EINVAL);
    tousu_engine_free(e);
}

/* R-HOST-4: out-of-range enums each give TOUSU_ERANGE with the field named. */
static void test_R_HOST_4_out_of_range_enums(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    tousu_result r = new_result();
    tousu_contact c = complaint(1, 1, 1, T0);
    c.category = TOUSU_CAT_COUNT_;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    assert_non_null(strstr(tousu_engine_errmsg(e), "category"));
    c = complaint(1, 1, 1, T0);
    c.channel = -1;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    c = complaint(1, 1, 1, T0);
    c.body = TOUSU_BODY_COUNT_;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    c = complaint(1, 1, 1, T0);
    c.flags = 1u << 31;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    c = complaint(1, 1, 1, T0);
    c.customer_flags = 1u << 20;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    c = complaint(1, 1, 1, T0);
    c.tier = 4;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    /* Every checked field, one at a time, each named in the message (the
     * valid record's fast check must let none of them through). */
    static const char *const named[] = {"industry", "causes", "departments", "customer_region",
                                        "handling_region", "n_needed_regions", "needed_regions",
                                        "staff_level", "special_deadline_ms", "staff_level"};
    for (int k = 0; k < 10; k++) {
        c = complaint(1, 1, 1, T0);
        switch (k) {
        case 0: c.industry = TOUSU_IND_COUNT_; break;
        case 1: c.causes = TOUSU_CAUSE_ALL_ + 1u; break;
        case 2: c.departments = TOUSU_DEPT_ALL_ + 1u; break;
        case 3: c.customer_region = 1000000; break;
        case 4: c.handling_region = 1000000; break;
        case 5: c.n_needed_regions = TOUSU_MAX_REGIONS + 1; break;
        case 6: c.n_needed_regions = 2, c.needed_regions[0] = 440300; break; /* [1] is 0 */
        case 7: c.staff_level = TOUSU_LEVEL_GROUP + 1; break;
        case 8: c.special_deadline_ms = -1; break;
        default: c.staff_level = -1; break;
        }
        assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
        assert_non_null(strstr(tousu_engine_errmsg(e), named[k]));
    }
    /* Valid values at the top of each range pass. */
    c = complaint(1, 1, 1, T0);
    c.industry = TOUSU_IND_COUNT_ - 1;
    c.staff_level = TOUSU_LEVEL_GROUP;
    c.customer_region = 999999;
    c.n_needed_regions = TOUSU_MAX_REGIONS;
    for (uint32_t i = 0; i < TOUSU_MAX_REGIONS; i++)
        c.needed_regions[i] = 440100 + i;
    c.special_deadline_ms = T0 + 3600000;
    c.matter = 0; /* (no store traffic: the counts below stay fresh) */
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_OK);
    /* Nothing was recorded by the failed calls: a fresh batch count. */
    c = complaint(1, 1, 1, T0);
    r = triage_ok(e, &c);
    assert_int_equal(r.batch_ordinary, 1);
    tousu_engine_free(e);
}

/* R-HOST-4: struct_size too small, or a larger struct with a non-zero
 * unknown tail, is TOUSU_ESTRUCT; a larger one with a zero tail works. */
static void test_R_HOST_4_struct_size(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    tousu_result r = new_result();
    tousu_contact c = complaint(1, 1, 1, T0);
    c.struct_size = sizeof c - 8;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ESTRUCT);
    c.struct_size = sizeof c;
    r.struct_size = 16;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ESTRUCT);

    struct {
        tousu_contact c;
        uint64_t future;
    } big;
    memset(&big, 0, sizeof big);
    big.c = complaint(2, 2, 1, T0);
    big.c.struct_size = sizeof big;
    big.future = 1;
    r = new_result();
    assert_int_equal(tousu_triage(e, &big.c, &r), TOUSU_ESTRUCT);
    big.future = 0;
    assert_int_equal(tousu_triage(e, &big.c, &r), TOUSU_OK);

    /* A larger result struct: the library writes only what it knows. */
    struct {
        tousu_result r;
        uint64_t canary;
    } bigr;
    memset(&bigr, 0, sizeof bigr);
    bigr.r.struct_size = sizeof bigr;
    bigr.canary = 0xfeedu;
    c = complaint(3, 3, 1, T0);
    assert_int_equal(tousu_triage(e, &c, &bigr.r), TOUSU_OK);
    assert_int_equal(bigr.canary, 0xfeedu);
    assert_int_equal(bigr.r.struct_size, sizeof bigr);

    tousu_host h;
    memset(&h, 0, sizeof h);
    h.struct_size = 4;
    tousu_engine *e2 = NULL;
    assert_int_equal(tousu_engine_new(&e2, &h, NULL), TOUSU_ESTRUCT);
    assert_null(e2);
    tousu_engine_free(e);
}

/* R-HOST-4: malformed UTF-8 (with its offset), oversize text, NULL text. */
static void test_R_HOST_4_text(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    tousu_result r = new_result();
    tousu_contact c = complaint(1, 1, 1, T0);
    const char good[] = "信号不好，网络经常断";
    c.text = good;
    c.text_len = sizeof good - 1;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_OK);

    static const struct {
        const char *s;
        size_t len, bad_at;
    } bad[] = {
        {"ab\xff", 3, 2},             /* invalid byte */
        {"\xe4\xbf", 2, 0},           /* truncated sequence */
        {"x\xc0\xaf", 3, 1},          /* overlong '/' */
        {"\xed\xa0\x80", 3, 0},       /* surrogate */
        {"\xf4\x90\x80\x80", 4, 0},   /* above U+10FFFF */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        c.contact_id = 10 + i;
        c.text = bad[i].s;
        c.text_len = bad[i].len;
        assert_int_equal(tousu_triage(e, &c, &r), TOUSU_EUTF8);
        char want[64];
        snprintf(want, sizeof want, "at byte %zu", bad[i].bad_at);
        assert_non_null(strstr(tousu_engine_errmsg(e), want));
    }
    c.text = NULL;
    c.text_len = 3;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_EINVAL);
    size_t big = 64 * 1024 + 1;
    char *text = malloc(big);
    memset(text, 'a', big);
    c.text = text;
    c.text_len = big;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ETOOBIG);
    c.text_len = big - 1; /* exactly at the limit */
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_OK);
    free(text);
    tousu_engine_free(e);
}

/* R-HOST-4 times out of range; R-SLA-13 intake 0 asks the host clock. */
static void test_R_HOST_4_times(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    tousu_result r = new_result();
    tousu_contact c = complaint(1, 1, 1, -1);
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    c.intake_ms = INT64_MAX;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    c.intake_ms = 0; /* no clock */
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_EINVAL);
    c.intake_ms = T0;
    c.special_deadline_ms = -3;
    assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ERANGE);
    tousu_engine_free(e);
}

static int clock_calls;
static int fixed_now(void *user, int64_t *out)
{
    (void)user;
    clock_calls++;
    *out = T0;
    return 0;
}

static int clock_fn(void *user, int64_t *out)
{
    return (int)fixed_now(user, out);
}

/* R-HOST-2, R-SLA-13: time comes from the host's clock when not given. */
static void test_R_HOST_2_clock_callback(void **state)
{
    (void)state;
    tousu_host h;
    memset(&h, 0, sizeof h);
    h.struct_size = sizeof h;
    h.now_ms = clock_fn;
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, &h, NULL), TOUSU_OK);
    tousu_contact c = complaint(1, 1, 1, 0);
    clock_calls = 0;
    tousu_result r = triage_ok(e, &c);
    assert_int_equal(r.intake_ms, T0);
    assert_int_equal(clock_calls, 1);
    c.contact_id = 2;
    c.intake_ms = T0 + 5;
    r = triage_ok(e, &c);
    assert_int_equal(clock_calls, 1); /* a given time does not read the clock */
    tousu_engine_free(e);
}

/* A host store that records what the library asks (R-HOST-2 store contract). */
typedef struct spy {
    int history, window, members, record, archive;
    size_t members_n; /* the count members() reports (0 = 100) */
    tousu_intake last;
} spy;

static int s_history(void *u, uint64_t c, uint64_t m, int64_t since, tousu_history *out)
{
    (void)c; (void)m; (void)since;
    spy *s = u;
    s->history++;
    assert_int_equal(out->struct_size, sizeof *out);
    out->archived_id = 77; /* claims an archive at 2025-05-01 by level 2 */
    out->archived_ms = at(2025, 5, 1, 9, 0);
    out->archived_level = 2;
    out->archived_by = 5;
    return 0;
}

static int s_window(void *u, uint64_t m, int64_t a, int64_t b, uint64_t c, tousu_window *out)
{
    (void)m; (void)c;
    spy *s = u;
    s->window++;
    assert_int_equal(b - a, HOUR);
    out->ordinary = 10;
    out->vip = 0;
    out->events = 100;
    return 0;
}

static int s_members(void *u, uint64_t m, int64_t a, int64_t b, uint64_t *ids, size_t cap,
                     size_t *n)
{
    (void)m; (void)a; (void)b;
    spy *s = u;
    s->members++;
    *n = 100; /* more than the library's first buffer: it must grow and ask again */
    if (s->members_n)
        *n = s->members_n; /* a broken store's count */
    for (size_t i = 0; i < cap && i < 100; i++)
        ids[i] = i + 1;
    return 0;
}

static int s_record(void *u, const tousu_intake *in)
{
    spy *s = u;
    s->record++;
    s->last = *in;
    return 0;
}

static int s_archive(void *u, const tousu_archive *in)
{
    (void)in;
    ((spy *)u)->archive++;
    return 0;
}

static const tousu_store_ops spy_ops = {sizeof spy_ops, s_history, s_window, s_members,
                                        s_record, s_archive};

/* A host whose store is the spy s (cleared). */
static tousu_host spy_host(spy *s)
{
    memset(s, 0, sizeof *s);
    tousu_host h;
    memset(&h, 0, sizeof h);
    h.struct_size = sizeof h;
    h.store = &spy_ops;
    h.store_user = s;
    return h;
}

/* R-HOST-2: a host store answers the questions; the library asks each once
 * and writes once. */
static void test_R_HOST_2_host_store(void **state)
{
    (void)state;
    spy s;
    tousu_host h = spy_host(&s);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, &h, NULL), TOUSU_OK);
    tousu_contact c = complaint(500, 9, 3, at(2025, 6, 1, 9, 0));
    tousu_result r = triage_ok(e, &c);
    assert_true(r.batch);          /* 10 others + this one = 11 */
    assert_true(has_kind(&r, TOUSU_KIND_REPEAT));
    assert_int_equal(r.level, TOUSU_LEVEL_PROVINCE); /* closed at 2 -> 3 */
    assert_int_equal(r.batch_members, 101); /* 100 in the window + this one */
    assert_int_equal(s.members, 0);          /* not asked until the host wants them */
    const uint64_t *ids;
    size_t n;
    assert_int_equal(tousu_engine_batch_members(e, &ids, &n), TOUSU_OK);
    assert_int_equal(n, 100); /* as the store lists them (this spy stores nothing) */
    assert_int_equal(ids[99], 100);
    assert_int_equal(s.members, 2); /* the first buffer was too small: grown, asked again */
    assert_int_equal(tousu_engine_batch_members(e, &ids, &n), TOUSU_OK);
    assert_int_equal(s.members, 2); /* fetched once per triage */
    assert_int_equal(s.history, 1);
    assert_int_equal(s.window, 1);
    assert_int_equal(s.record, 1);
    assert_int_equal(s.last.contact_id, 500);
    assert_int_equal(s.last.opens_complaint, 1);
    assert_int_equal(s.last.in_window, 1);
    tousu_engine_free(e);

    /* A store missing a required callback is rejected when registered. */
    tousu_store_ops partial = spy_ops;
    partial.members = NULL;
    h.store = &partial;
    assert_int_equal(tousu_engine_new(&e, &h, NULL), TOUSU_EINVAL);
    assert_null(e);
}

/* R-HOST-4: a store reporting more member ids than memory can address is
 * a failing callback (no endless growth, no buffer sized by a wrapped
 * multiplication); the call can be retried once the store answers sanely. */
static void test_R_HOST_4_store_reports_absurd_member_count(void **state)
{
    (void)state;
    spy s;
    tousu_host h = spy_host(&s);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, &h, NULL), TOUSU_OK);
    tousu_contact c = complaint(501, 9, 3, at(2025, 6, 1, 9, 0));
    tousu_result r = triage_ok(e, &c);
    assert_true(r.batch);
    const uint64_t *ids = NULL;
    size_t n = 7;
    const size_t absurd[] = {SIZE_MAX, ((size_t)1 << 61) + 1, SIZE_MAX / 16 + 1};
    for (size_t i = 0; i < sizeof absurd / sizeof absurd[0]; i++) {
        s.members_n = absurd[i];
        assert_int_equal(tousu_engine_batch_members(e, &ids, &n), TOUSU_ECALLBACK);
        assert_int_equal(tousu_engine_errcode(e), TOUSU_ECALLBACK);
        assert_non_null(strstr(tousu_engine_errmsg(e), "store.members reported"));
        assert_null(ids);
        assert_int_equal(n, 0);
    }
    s.members_n = 0;
    assert_int_equal(tousu_engine_batch_members(e, &ids, &n), TOUSU_OK);
    assert_int_equal(n, 100);
    assert_int_equal(ids[99], 100);
    assert_int_equal(tousu_engine_errcode(e), TOUSU_OK); /* a success clears the error */
    assert_string_equal(tousu_engine_errmsg(e), "");
    tousu_engine_free(e);
}

/* R-HOST-4: every refusal of an engine call leaves its code and a message
 * on the engine. */
static void test_R_HOST_4_engine_errors_have_messages(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    size_t n = 0;
    const uint64_t *ids = NULL;
    assert_int_equal(tousu_engine_batch_members(e, NULL, &n), TOUSU_EINVAL);
    assert_int_equal(tousu_engine_errcode(e), TOUSU_EINVAL);
    assert_non_null(strstr(tousu_engine_errmsg(e), "batch_members"));
    assert_int_equal(tousu_engine_batch_members(e, &ids, NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_engine_batch_members(e, &ids, &n), TOUSU_OK);
    assert_int_equal(tousu_engine_errcode(e), TOUSU_OK);
    assert_int_equal(n, 0); /* no triage yet: no batch */
    assert_int_equal(tousu_engine_set_policy(e, NULL), TOUSU_EINVAL);
    assert_int_equal(tousu_engine_errcode(e), TOUSU_EINVAL);
    assert_non_null(strstr(tousu_engine_errmsg(e), "set_policy"));
    tousu_engine_free(e);
}

/* R-HOST-4: a struct_size beyond any layout (an unset field holding a
 * stack address or -1) is refused before the library looks past the
 * caller's struct for its unknown tail; 65,536 is still read as a newer
 * caller's struct. */
static void test_R_HOST_4_struct_size_beyond_any_layout(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    tousu_result r = new_result();
    tousu_contact c = complaint(1, 1, 1, T0);
    const size_t garbage[] = {SIZE_MAX, (size_t)0x7ffd12345678, 65537};
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        c.struct_size = garbage[i];
        assert_int_equal(tousu_triage(e, &c, &r), TOUSU_ESTRUCT);
        tousu_archive a = archive_of(1, 1, 1, T0, 0, 0);
        a.struct_size = garbage[i];
        assert_int_equal(tousu_archive_complaint(e, &a), TOUSU_ESTRUCT);
    }
    /* A "newer" contact with an all-zero tail: 65,536 bytes are read as
     * such, 65,537 are refused though every byte of them is the caller's. */
    unsigned char *newer = calloc(1, 65537);
    assert_non_null(newer);
    c = complaint(2, 2, 1, T0);
    c.struct_size = 65536;
    memcpy(newer, &c, sizeof c);
    assert_int_equal(tousu_triage(e, (const tousu_contact *)newer, &r), TOUSU_OK);
    c.contact_id = 3;
    c.struct_size = 65537;
    memcpy(newer, &c, sizeof c);
    assert_int_equal(tousu_triage(e, (const tousu_contact *)newer, &r), TOUSU_ESTRUCT);
    free(newer);
    tousu_engine_free(e);
}

/* R-HOST-1: pure logic: two engines never share state. */
static void test_R_HOST_1_engines_are_independent(void **state)
{
    (void)state;
    tousu_engine *a = new_engine(), *b = new_engine();
    tousu_result r;
    for (uint64_t i = 1; i <= 11; i++) {
        tousu_contact c = complaint(i, i, 1, T0 + (int64_t)i);
        r = triage_ok(a, &c);
    }
    assert_true(r.batch);
    tousu_contact c = complaint(99, 99, 1, T0 + 20);
    r = triage_ok(b, &c);
    assert_false(r.batch);
    assert_int_equal(r.batch_ordinary, 1);
    tousu_engine_free(a);
    tousu_engine_free(b);
}

/* R-HOST-2: one of alloc/free without the other is refused. */
static void *only_alloc(void *u, size_t n)
{
    (void)u;
    return malloc(n);
}

static void test_R_HOST_2_allocator_pair(void **state)
{
    (void)state;
    tousu_host h;
    memset(&h, 0, sizeof h);
    h.struct_size = sizeof h;
    h.alloc = only_alloc;
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, &h, NULL), TOUSU_EINVAL);
    assert_null(e);
}

int main(void)
{
    T0 = at(2025, 6, 3, 10, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_HOST_5_version),
        cmocka_unit_test(test_R_HOST_4_null_arguments),
        cmocka_unit_test(test_R_HOST_4_out_of_range_enums),
        cmocka_unit_test(test_R_HOST_4_struct_size),
        cmocka_unit_test(test_R_HOST_4_text),
        cmocka_unit_test(test_R_HOST_4_times),
        cmocka_unit_test(test_R_HOST_2_clock_callback),
        cmocka_unit_test(test_R_HOST_2_host_store),
        cmocka_unit_test(test_R_HOST_4_store_reports_absurd_member_count),
        cmocka_unit_test(test_R_HOST_4_engine_errors_have_messages),
        cmocka_unit_test(test_R_HOST_4_struct_size_beyond_any_layout),
        cmocka_unit_test(test_R_HOST_1_engines_are_independent),
        cmocka_unit_test(test_R_HOST_2_allocator_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
