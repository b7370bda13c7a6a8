/* test_memstore.c - the built-in in-memory store (R-HOST-2) against a
 * brute-force reference, and its memory bound. */
#include "helpers.h"

typedef struct ref_ev {
    int64_t t;
    uint64_t customer;
    int vip;
} ref_ev;

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double scale(void)
{
    const char *s = getenv("TOUSU_TEST_SCALE");
    double v = s ? atof(s) : 1.0;
    return v > 0 && v <= 1 ? v : 1.0;
}

/* R-BAT-2, R-BAT-3: the store's distinct counts agree with brute force on
 * random streams with late events (within the late allowance), repeated
 * customers and VIP changes, for both the sliding and the scanning path. */
static void test_R_BAT_2_R_BAT_3_counts_match_reference(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK);
    const tousu_store_ops *ops = tousu_memstore_ops();
    int n = (int)(20000 * scale());
    ref_ev *evs = calloc((size_t)n, sizeof *evs);
    int64_t clock = at(2025, 1, 1, 0, 0);
    for (int i = 0; i < n; i++) {
        clock += (int64_t)(next_rand() % (3 * MINUTE));
        int64_t t = clock;
        if (next_rand() % 10 == 0)
            t -= (int64_t)(next_rand() % HOUR); /* late, within the allowance */
        uint64_t customer = 1 + next_rand() % 40;
        int vip = (int)(customer % 7 == 0) || next_rand() % 50 == 0;
        uint64_t matter = 1 + next_rand() % 2;
        if (matter == 1) {
            /* Reference over every earlier event of matter 1 in [t-60min, t]. */
            uint64_t seen[64] = {0};
            int seen_vip[64] = {0};
            for (int k = 0; k < i; k++)
                if (evs[k].t && evs[k].t >= t - HOUR && evs[k].t <= t) {
                    seen[evs[k].customer] = 1;
                    seen_vip[evs[k].customer] |= evs[k].vip;
                }
            uint32_t ord = 0, v = 0;
            for (int c = 0; c < 64; c++)
                if (seen[c])
                    seen_vip[c] ? v++ : ord++;
            tousu_window w = {sizeof w, 0, 0, 0, 0, 0, 0};
            assert_int_equal(ops->window(s, 1, t - HOUR, t, customer, &w), 0);
            assert_int_equal(w.ordinary, ord);
            assert_int_equal(w.vip, v);
            assert_int_equal(w.has_customer, (int)seen[customer]);
            if (seen[customer])
                assert_int_equal(w.customer_is_vip, seen_vip[customer]);
            evs[i] = (ref_ev){t, customer, vip};
        }
        tousu_intake in = {sizeof in, (uint64_t)i + 1, customer, matter, t, vip, 1, 0, 0};
        assert_int_equal(ops->record(s, &in), 0);
    }
    free(evs);
    tousu_memstore_free(s);
}

/* The store keeps only window + late allowance per matter: memory stays
 * bounded however long the stream runs. */
static void test_memory_bounded_by_window(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK);
    const tousu_store_ops *ops = tousu_memstore_ops();
    int64_t t = at(2025, 1, 1, 0, 0);
    size_t after_first_day = 0;
    for (int i = 0; i < 3 * 1440 * 4; i++) { /* three days, 4 contacts a minute */
        t += 15000;
        tousu_intake in = {sizeof in, (uint64_t)i + 1, (uint64_t)(i % 500) + 1, 1 + (uint64_t)(i % 3),
                           t, 0, 1, 0, 0};
        assert_int_equal(ops->record(s, &in), 0);
        if (i == 1440 * 4)
            after_first_day = tousu_memstore_bytes(s);
    }
    assert_true(after_first_day > 0);
    assert_true(tousu_memstore_bytes(s) <= after_first_day);
    /* Members beyond the retention are gone; those inside remain. */
    size_t n = 0;
    assert_int_equal(ops->members(s, 1, 0, t, NULL, 0, &n), 0);
    assert_true(n > 0 && n <= 2 * 60 * 4 / 3 + 2);
    tousu_memstore_free(s);
}

/* R-REP-1: the history of one (customer, matter). */
static void test_R_REP_1_history_ops(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK);
    const tousu_store_ops *ops = tousu_memstore_ops();
    tousu_history h = {sizeof h, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(ops->history(s, 1, 1, 0, &h), 0);
    assert_int_equal(h.open_id, 0);
    tousu_archive a = archive_of(5, 1, 1, 1000, 2, 9);
    assert_int_equal(ops->archive(s, &a), TOUSU_ENOTFOUND);
    tousu_intake in = {sizeof in, 5, 1, 1, 500, 0, 1, 1, 0};
    assert_int_equal(ops->record(s, &in), 0);
    assert_int_equal(ops->history(s, 1, 1, 0, &h), 0);
    assert_int_equal(h.open_id, 5);
    assert_int_equal(ops->archive(s, &a), 0);
    assert_int_equal(ops->history(s, 1, 1, 1000, &h), 0);
    assert_int_equal(h.open_id, 0);
    assert_int_equal(h.archived_id, 5);
    assert_int_equal(h.archived_level, 2);
    assert_int_equal(h.archived_by, 9);
    assert_int_equal(ops->history(s, 1, 1, 1001, &h), 0);
    assert_int_equal(h.archived_id, 0); /* archived before `since` */
    tousu_memstore_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_BAT_2_R_BAT_3_counts_match_reference),
        cmocka_unit_test(test_memory_bounded_by_window),
        cmocka_unit_test(test_R_REP_1_history_ops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
