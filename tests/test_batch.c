/* test_batch.c - R-BAT: batch complaints over a sliding 60-minute window. */
#include "helpers.h"

static int setup(void **state)
{
    *state = new_engine();
    return 0;
}

static int teardown(void **state)
{
    tousu_engine_free(*state);
    return 0;
}

static int64_t T0;
static uint64_t next_id = 1000;

/* Triage a complaint on `matter` from `customer` at t; returns the result. */
static tousu_result call(tousu_engine *e, uint64_t customer, uint64_t matter, int64_t t, int vip)
{
    tousu_contact c = complaint(next_id++, customer, matter, t);
    c.customer_flags = TOUSU_CUST_VIP_KNOWN | (vip ? TOUSU_CUST_VIP : 0u);
    return triage_ok(e, &c);
}

/* R-BAT-1: the 10th ordinary customer is not a batch, the 11th is. */
static void test_R_BAT_1_tenth_vs_eleventh_ordinary(void **state)
{
    tousu_result r;
    for (uint64_t i = 1; i <= 10; i++) {
        r = call(*state, i, 1, T0 + (int64_t)i * MINUTE, 0);
        assert_false(r.batch);
    }
    assert_int_equal(r.batch_ordinary, 10);
    r = call(*state, 11, 1, T0 + 11 * MINUTE, 0);
    assert_true(r.batch);
    assert_true(has_kind(&r, TOUSU_KIND_BATCH));
    assert_int_equal(r.batch_ordinary, 11);
    assert_int_equal(r.batch_vip, 0);
}

/* R-BAT-1: the 5th VIP customer is not a batch, the 6th is. */
static void test_R_BAT_1_fifth_vs_sixth_vip(void **state)
{
    tousu_result r;
    for (uint64_t i = 1; i <= 5; i++) {
        r = call(*state, 100 + i, 2, T0 + (int64_t)i * MINUTE, 1);
        assert_false(r.batch);
    }
    r = call(*state, 106, 2, T0 + 6 * MINUTE, 1);
    assert_true(r.batch);
    assert_int_equal(r.batch_vip, 6);
}

/* R-BAT-1 (default) mixed windows: 4 VIP + 2 ordinary is not a batch,
 * 5 VIP + 1 ordinary is, 7 ordinary + 4 VIP is. */
static void test_R_BAT_1_mixed_windows(void **state)
{
    tousu_result r;
    for (uint64_t i = 1; i <= 4; i++)
        r = call(*state, 200 + i, 3, T0 + (int64_t)i * MINUTE, 1);
    r = call(*state, 211, 3, T0 + 5 * MINUTE, 0);
    r = call(*state, 212, 3, T0 + 6 * MINUTE, 0);
    assert_false(r.batch);
    assert_int_equal(r.batch_vip, 4);
    assert_int_equal(r.batch_ordinary, 2);

    for (uint64_t i = 1; i <= 5; i++)
        r = call(*state, 300 + i, 4, T0 + (int64_t)i * MINUTE, 1);
    r = call(*state, 311, 4, T0 + 7 * MINUTE, 0);
    assert_true(r.batch); /* 5 VIP + 1 ordinary */

    for (uint64_t i = 1; i <= 7; i++)
        r = call(*state, 400 + i, 5, T0 + (int64_t)i * MINUTE, 0);
    r = call(*state, 421, 5, T0 + 10 * MINUTE, 1);
    assert_false(r.batch); /* 7 ordinary + 1 VIP: 35 + 10 = 45, not > 50 */
    for (uint64_t i = 2; i <= 4; i++)
        r = call(*state, 420 + i, 5, T0 + 10 * MINUTE, 1);
    assert_true(r.batch); /* 7 ordinary + 4 VIP: 35 + 40 = 75 > 50 */
    assert_int_equal(r.batch_ordinary, 7);
    assert_int_equal(r.batch_vip, 4);
}

/* R-BAT-2: one customer calling many times is one customer. */
static void test_R_BAT_2_same_customer_twice(void **state)
{
    tousu_result r;
    for (uint64_t i = 1; i <= 10; i++)
        r = call(*state, 500 + i, 6, T0 + (int64_t)i * MINUTE, 0);
    for (int k = 0; k < 5; k++) {
        r = call(*state, 510, 6, T0 + 20 * MINUTE + k, 0); /* the 10th calls again */
        assert_false(r.batch);
        assert_int_equal(r.batch_ordinary, 10);
    }
    r = call(*state, 511, 6, T0 + 30 * MINUTE, 0);
    assert_true(r.batch);
}

/* R-BAT-3: [t - 60 min, t] inclusive: an event exactly 60:00 earlier counts,
 * one 60:00.001 earlier does not. */
static void test_R_BAT_3_exactly_sixty_minutes_before(void **state)
{
    tousu_result r;
    r = call(*state, 601, 7, T0, 0); /* exactly 60:00 before the last */
    for (uint64_t i = 2; i <= 10; i++)
        r = call(*state, 600 + i, 7, T0 + 30 * MINUTE, 0);
    r = call(*state, 611, 7, T0 + 60 * MINUTE, 0);
    assert_true(r.batch);
    assert_int_equal(r.batch_ordinary, 11);

    r = call(*state, 701, 8, T0 - 1, 0); /* 60:00.001 before the last */
    for (uint64_t i = 2; i <= 10; i++)
        r = call(*state, 700 + i, 8, T0 + 30 * MINUTE, 0);
    r = call(*state, 711, 8, T0 + 60 * MINUTE, 0);
    assert_false(r.batch);
    assert_int_equal(r.batch_ordinary, 10);
}

/* R-BAT-3: a late event is counted where its timestamp puts it: arriving
 * after later events, its own window holds the earlier ones only; and later
 * windows see it. */
static void test_R_BAT_3_late_event(void **state)
{
    tousu_result r;
    for (uint64_t i = 1; i <= 10; i++)
        r = call(*state, 800 + i, 9, T0 + (int64_t)i * MINUTE, 0);
    /* 100 minutes later, 5 more on the same matter: the old ones are outside. */
    for (uint64_t i = 1; i <= 5; i++)
        r = call(*state, 820 + i, 9, T0 + 100 * MINUTE + (int64_t)i * MINUTE, 0);
    assert_false(r.batch);
    assert_int_equal(r.batch_ordinary, 5);
    /* A report stamped T0 + 11 min arrives 95 minutes late (within the
     * late allowance): its window holds the first 10. */
    r = call(*state, 811, 9, T0 + 11 * MINUTE, 0);
    assert_true(r.batch);
    assert_int_equal(r.batch_ordinary, 11);
    /* Late, but its window is empty apart from itself. */
    r = call(*state, 830, 9, T0 + 80 * MINUTE, 0);
    assert_int_equal(r.batch_ordinary, 1);
    assert_false(r.batch);
}

/* R-BAT-4: the batch incident names every complaint in the window, the
 * earlier ones included, oldest first, plus the one that triggered it. */
static void test_R_BAT_4_members_reported(void **state)
{
    tousu_result r;
    uint64_t first = next_id;
    for (uint64_t i = 1; i <= 11; i++)
        r = call(*state, 900 + i, 10, T0 + (int64_t)i * MINUTE, 0);
    assert_true(r.batch);
    assert_int_equal(r.batch_members, 11);
    const uint64_t *ids = NULL;
    size_t n = 0;
    assert_int_equal(tousu_engine_batch_members(*state, &ids, &n), TOUSU_OK);
    assert_int_equal(n, 11);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ids[i], first + i);
    /* The next contact elsewhere is no batch: the list empties. */
    r = call(*state, 999, 11, T0, 0);
    assert_int_equal(tousu_engine_batch_members(*state, &ids, &n), TOUSU_OK);
    assert_int_equal(n, 0);
}

/* R-BAT-5: only the host's matter key groups complaints; no key, no batch;
 * two matters never mix. */
static void test_R_BAT_5_matter_key(void **state)
{
    tousu_result r;
    for (uint64_t i = 1; i <= 12; i++)
        r = call(*state, 1000 + i, 0, T0 + (int64_t)i * MINUTE, 0);
    assert_false(r.batch);
    for (uint64_t i = 1; i <= 12; i++)
        r = call(*state, 1100 + i, 20 + (i % 2), T0 + (int64_t)i * MINUTE, 0);
    assert_false(r.batch);
    assert_int_equal(r.batch_ordinary, 6);
}

/* R-BAT-1: thresholds and window are parameters. */
static void test_R_BAT_1_thresholds_are_parameters(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_BATCH_ORDINARY, 3), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_BATCH_WINDOW_MS, 10 * MINUTE), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_BATCH_ORDINARY, 0), TOUSU_ERANGE);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, NULL, p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_BATCH_ORDINARY, 4), TOUSU_ESTATE);
    tousu_result r;
    r = call(e, 1, 1, T0, 0);
    r = call(e, 2, 1, T0 + 1 * MINUTE, 0);
    r = call(e, 3, 1, T0 + 2 * MINUTE, 0);
    assert_false(r.batch);
    r = call(e, 4, 1, T0 + 10 * MINUTE, 0);
    assert_true(r.batch); /* 4 > 3 within 10 minutes */
    r = call(e, 5, 1, T0 + 20 * MINUTE + 1, 0);
    assert_false(r.batch); /* only 4 and 5 remain in [t-10min, t] */
    tousu_engine_free(e);
    tousu_policy_free(p);
}

/* R-BAT: consultations do not count toward batches; fault reports do. */
static void test_R_BAT_1_consultations_not_counted(void **state)
{
    tousu_result r;
    for (uint64_t i = 1; i <= 10; i++)
        r = call(*state, 1200 + i, 30, T0 + (int64_t)i * MINUTE, 0);
    tousu_contact c = complaint(next_id++, 1300, 30, T0 + 20 * MINUTE);
    c.flags = 0;
    c.category = TOUSU_CAT_CONSULTATION;
    r = triage_ok(*state, &c);
    assert_false(r.batch);
    c = complaint(next_id++, 1301, 30, T0 + 21 * MINUTE);
    c.flags = 0;
    c.category = TOUSU_CAT_FAULT;
    r = triage_ok(*state, &c);
    assert_true(r.batch);
    assert_int_equal(r.batch_ordinary, 11);
}

int main(void)
{
    T0 = at(2025, 6, 3, 9, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_R_BAT_1_tenth_vs_eleventh_ordinary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_BAT_1_fifth_vs_sixth_vip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_BAT_1_mixed_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_BAT_2_same_customer_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_BAT_3_exactly_sixty_minutes_before, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_R_BAT_3_late_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_BAT_4_members_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_R_BAT_5_matter_key, setup, teardown),
        cmocka_unit_test(test_R_BAT_1_thresholds_are_parameters),
        cmocka_unit_test_setup_teardown(test_R_BAT_1_consultations_not_counted, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
