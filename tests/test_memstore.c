/* test_memstore.c - the built-in in-memory store (R-HOST-2) against a
 * brute-force reference, and its memory bound. */
#include "helpers.h"
#include "store_mem.h" /* white-box: the memo test below steers the sweeps */

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

/* R-BAT-2: ids that differ only in their high bits (a host that puts a
 * region or a shard in the top of its ids) stay distinct customers and
 * distinct matters, in both the quiet and the busy form of a matter. */
static void test_R_BAT_2_ids_differing_in_high_bits(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK);
    const tousu_store_ops *ops = tousu_memstore_ops();
    const uint64_t m1 = UINT64_C(5) << 48, m2 = UINT64_C(6) << 48;
    const int64_t t0 = at(2025, 3, 3, 9, 0);
    uint64_t id = 0;
    for (uint32_t round = 0; round < 2; round++)
        for (uint64_t k = 1; k <= 15; k++) {
            uint64_t customer = k << 40 | (round ? UINT64_C(1) << 63 : 0);
            id++;
            tousu_intake in = {sizeof in, id, customer, m1, t0 + (int64_t)id * MINUTE / 2,
                               0, 1, 0, 0};
            assert_int_equal(ops->record(s, &in), 0);
            if (k <= 3) { /* three of them also on the other matter */
                in.contact_id = ++id;
                in.matter = m2;
                assert_int_equal(ops->record(s, &in), 0);
            }
            tousu_window w = {sizeof w, 0, 0, 0, 0, 0, 0};
            assert_int_equal(ops->window(s, m1, in.intake_ms - HOUR, in.intake_ms + MINUTE,
                                         customer, &w), 0);
            assert_int_equal(w.ordinary, round * 15 + k); /* every id distinct */
            assert_int_equal(w.has_customer, 1);
        }
    tousu_window w = {sizeof w, 0, 0, 0, 0, 0, 0};
    const int64_t end = t0 + (int64_t)id * MINUTE / 2;
    assert_int_equal(ops->window(s, m2, end - HOUR, end, UINT64_C(1) << 40, &w), 0);
    assert_int_equal(w.ordinary, 6);
    assert_int_equal(w.has_customer, 1);
    assert_int_equal(ops->window(s, m2, end - HOUR, end, UINT64_C(4) << 40, &w), 0);
    assert_int_equal(w.has_customer, 0);
    tousu_memstore_free(s);
}

/* R-BAT-2 in one matter with far more distinct customers in its window
 * than a count table's room field can say (0xFFFF): the table grows past
 * that, its room is counted again when the field runs out, and the oldest
 * customers leave as the window slides; the counts agree with the stream's
 * arithmetic throughout (every customer distinct, every tenth VIP). Not
 * scaled down: the sizes are the point. */
static void test_R_BAT_2_window_beyond_table_room_field(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK);
    const tousu_store_ops *ops = tousu_memstore_ops();
    enum { N = 200000, STEP_MS = 20, IN_WINDOW = HOUR / STEP_MS }; /* 60:00 = 180,000 steps */
    const int64_t t0 = at(2025, 6, 2, 9, 0);
    for (uint32_t i = 0; i < N; i++) {
        const int64_t t = t0 + (int64_t)i * STEP_MS;
        tousu_intake in = {sizeof in, i + 1u, i + 1u, 1, t, i % 10 == 0, 1, 0, 0};
        assert_int_equal(ops->record(s, &in), 0);
        if (i % 25000 != 24999 && i != N - 1)
            continue;
        /* The window [t - 60:00, t] holds steps lo..i (R-BAT-3, inclusive). */
        const uint32_t lo = i > IN_WINDOW ? i - IN_WINDOW : 0;
        const uint32_t vip = i / 10 - (lo ? (lo - 1) / 10 : 0) + (lo == 0);
        tousu_window w = {sizeof w, 0, 0, 0, 0, 0, 0};
        assert_int_equal(ops->window(s, 1, t - HOUR, t, i + 1u, &w), 0);
        assert_int_equal(w.events, i - lo + 1);
        assert_int_equal(w.vip, vip);
        assert_int_equal(w.ordinary, i - lo + 1 - vip);
        assert_int_equal(w.has_customer, 1);
        assert_int_equal(w.customer_is_vip, i % 10 == 0);
        if (lo) { /* the customer of the step just before lo has left */
            assert_int_equal(ops->window(s, 1, t - HOUR, t, lo, &w), 0);
            assert_int_equal(w.has_customer, 0);
        }
    }
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

/* ------------------------------------------------------------------ */
/* A brute-force reference of the store, for the property tests below   */
/* ------------------------------------------------------------------ */

typedef struct ref_intake {
    int64_t t;
    uint64_t contact, customer, matter;
    int vip;
} ref_intake;

/* Every recorded intake, in arrival order. */
typedef struct ref_store {
    ref_intake *ev;
    size_t n, cap;
} ref_store;

static void ref_add(ref_store *r, ref_intake e)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 1024;
        r->ev = realloc(r->ev, r->cap * sizeof *r->ev);
        assert_non_null(r->ev);
    }
    r->ev[r->n++] = e;
}

/* R-BAT-1..3: distinct customers of matter in [from, to], VIP when any of
 * their events there is; only intakes since `since` in arrival order
 * (older ones left the store's retention). */
static tousu_window ref_window(const ref_store *r, size_t since, uint64_t matter, int64_t from,
                               int64_t to, uint64_t customer)
{
    tousu_window w = {sizeof w, 0, 0, 0, 0, 0, 0};
    enum { MAXC = 512 };
    uint64_t cust[MAXC];
    int vip[MAXC];
    uint32_t n = 0;
    for (size_t i = since; i < r->n; i++) {
        const ref_intake *e = &r->ev[i];
        if (e->matter != matter || e->t < from || e->t > to)
            continue;
        w.events++;
        uint32_t k = 0;
        while (k < n && cust[k] != e->customer)
            k++;
        if (k == n) {
            assert_true(n < MAXC);
            cust[n] = e->customer;
            vip[n++] = 0;
        }
        vip[k] |= e->vip;
    }
    for (uint32_t k = 0; k < n; k++) {
        if (vip[k])
            w.vip++;
        else
            w.ordinary++;
        if (cust[k] == customer) {
            w.has_customer = 1;
            w.customer_is_vip = vip[k];
        }
    }
    return w;
}

static void assert_window_equal(const tousu_window *got, const tousu_window *want)
{
    assert_int_equal(got->ordinary, want->ordinary);
    assert_int_equal(got->vip, want->vip);
    assert_int_equal(got->events, want->events);
    assert_int_equal(got->has_customer, want->has_customer);
    if (want->has_customer)
        assert_int_equal(got->customer_is_vip, want->customer_is_vip);
}

/* R-BAT-2, R-BAT-3, R-BAT-4 across quiet matters (a handful of events in
 * the window: the store reads them) and busy ones (the store keeps a count
 * table per matter, grows it in a burst and trims it after): windows and
 * member lists agree with brute force, late events included. */
static void test_R_BAT_2_R_BAT_4_quiet_and_busy_matters_match_reference(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK);
    const tousu_store_ops *ops = tousu_memstore_ops();
    ref_store ref = {NULL, 0, 0};
    size_t since = 0; /* intakes before this are out of every window asked */
    int n = (int)(12000 * scale());
    int64_t clock = at(2025, 2, 3, 8, 0);
    uint64_t ids[4096];
    for (int i = 0; i < n; i++) {
        /* A burst on matter 1 for a while, then quiet again. */
        bool burst = i > n / 4 && i < n / 2;
        clock += (int64_t)(next_rand() % (burst ? 5000 : 40000));
        int64_t t = clock;
        if (next_rand() % 20 == 0)
            t -= (int64_t)(next_rand() % HOUR); /* late, within the allowance */
        uint64_t matter = burst && next_rand() % 2 ? 1 : 2 + next_rand() % 25;
        uint64_t customer = 1 + next_rand() % (matter == 1 ? 300 : 12);
        int vip = customer % 9 == 0 || next_rand() % 40 == 0;
        while (since < ref.n && ref.ev[since].t < clock - 3 * HOUR)
            since++; /* (older than any window asked below) */
        tousu_window want = ref_window(&ref, since, matter, t - HOUR, t, customer);
        tousu_window got = {sizeof got, 0, 0, 0, 0, 0, 0};
        assert_int_equal(ops->window(s, matter, t - HOUR, t, customer, &got), 0);
        assert_window_equal(&got, &want);
        if (i % 7 == 0) { /* R-BAT-4: the member list, oldest first */
            size_t m = 0;
            assert_int_equal(ops->members(s, matter, t - HOUR, t, ids, 4096, &m), 0);
            assert_int_equal(m, want.events);
            int64_t prev = INT64_MIN;
            for (size_t k = 0; k < m && k < 4096; k++) {
                const ref_intake *e = NULL;
                for (size_t j = since; j < ref.n && !e; j++)
                    if (ref.ev[j].contact == ids[k])
                        e = &ref.ev[j];
                assert_non_null(e);
                assert_int_equal(e->matter, matter);
                assert_true(e->t >= t - HOUR && e->t <= t && e->t >= prev);
                prev = e->t;
            }
        }
        tousu_intake in = {sizeof in, (uint64_t)i + 1, customer, matter, t, vip, 1, 0, 0};
        assert_int_equal(ops->record(s, &in), 0);
        ref_add(&ref, (ref_intake){t, (uint64_t)i + 1, customer, matter, vip});
    }
    free(ref.ev);
    tousu_memstore_free(s);
}

/* A store that keeps about a month of history (a repeat period of 0
 * months and the month more the header promises), so entries expire
 * within a test. */
static tousu_memstore *store_keeping_a_month(void)
{
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_REPEAT_MONTHS, 0), TOUSU_OK);
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, p), TOUSU_OK);
    tousu_policy_free(p); /* (the store keeps the numbers it needs) */
    return s;
}

/* Record an intake at t that opens a complaint of (customer, matter) and
 * counts in the matter's window. */
static void open_complaint(tousu_memstore *s, uint64_t id, uint64_t customer, uint64_t matter,
                           int64_t t)
{
    tousu_intake in = {sizeof in, id, customer, matter, t, 0, 1, 1, 0};
    assert_int_equal(tousu_memstore_ops()->record(s, &in), 0);
}

/* R-REP-2 and the retention the header promises: an archived complaint is
 * kept for the repeat period and one month more after the store's newest
 * intake passes it, then dropped; a later archive and an open complaint
 * stay. Within the period it still makes a repeat. */
static void test_R_REP_2_history_kept_for_period_then_dropped(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK); /* 3 months, +08:00 */
    const tousu_store_ops *ops = tousu_memstore_ops();
    const int64_t t0 = at(2025, 1, 10, 9, 0);
    open_complaint(s, 10, 1, 7, t0);
    open_complaint(s, 20, 2, 7, t0);
    open_complaint(s, 30, 3, 7, t0);
    tousu_archive a1 = archive_of(10, 1, 7, t0 + HOUR, 1, 5);
    tousu_archive a2 = archive_of(20, 2, 7, at(2025, 2, 19, 9, 0), 1, 5);
    assert_int_equal(ops->archive(s, &a1), 0);
    assert_int_equal(ops->archive(s, &a2), 0);

    /* Drive the store's clock with window traffic on other matters. */
    uint64_t id = 100;
    int64_t clock = t0;
    tousu_history h = {sizeof h, 0, 0, 0, 0, 0, 0, 0};
    const int64_t until[3] = {at(2025, 5, 9, 23, 0), at(2025, 5, 12, 9, 0),
                              at(2025, 6, 22, 9, 0)};
    for (int phase = 0; phase < 3; phase++) {
        /* Up to `until`, then long enough there for the sweep to pass over
         * the whole table (a few slots per record). */
        int64_t step = (until[phase] - clock) / 1000;
        for (int k = 0; k < 3000; k++) {
            if (k < 1000)
                clock += step;
            id++;
            tousu_intake in = {sizeof in, id, 1000 + id % 50, 100 + id % 30, clock, 0, 1, 0, 0};
            assert_int_equal(ops->record(s, &in), 0);
        }
        assert_int_equal(ops->history(s, 1, 7, 0, &h), 0);
        if (phase == 0) {
            /* Archived Jan 10, store at May 9: within 3 months + 1 of the
             * intake day's start (Jan 9 < Jan 10): kept. */
            assert_int_equal(h.archived_id, 10);
            /* R-REP-1: a complaint on Apr 9 still finds it (since Jan 9). */
            tousu_history r = {sizeof r, 0, 0, 0, 0, 0, 0, 0};
            int64_t since = tz_minus_months(at(2025, 4, 9, 9, 0), 3, 480);
            assert_int_equal(ops->history(s, 1, 7, since, &r), 0);
            assert_int_equal(r.archived_id, 10);
        } else {
            assert_int_equal(h.archived_id, 0); /* older than the retention: gone */
        }
        assert_int_equal(ops->history(s, 2, 7, 0, &h), 0);
        assert_int_equal(h.archived_id, phase < 2 ? 20 : 0); /* Feb 19 + 4 months */
        assert_int_equal(ops->history(s, 3, 7, 0, &h), 0);
        assert_int_equal(h.open_id, 30); /* an open complaint is never dropped */
        assert_int_equal(h.open_ms, t0);
    }
    /* A dropped pair starts afresh. */
    assert_int_equal(ops->archive(s, &a1), TOUSU_ENOTFOUND);
    tousu_memstore_free(s);
}

/* R-REP-2 retention: an archive whose time is already past the retention
 * when it is made (a host catching up on old cases) is swept within the
 * same day, even though the sweep had found nothing to do that day and
 * rested: an archive older than everything it knew wakes it. */
static void test_R_REP_2_backdated_archive_swept_same_day(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK); /* 3 months, +08:00 */
    const tousu_store_ops *ops = tousu_memstore_ops();
    const int64_t t0 = at(2025, 6, 10, 9, 0);
    open_complaint(s, 10, 1, 7, t0);
    open_complaint(s, 20, 2, 7, t0); /* its sweep finds nothing to do */
    /* Archived "on Jan 2": before Feb 10 (3 months + 1 before Jun 10). */
    tousu_archive old = archive_of(10, 1, 7, at(2025, 1, 2, 9, 0), 1, 5);
    assert_int_equal(ops->archive(s, &old), 0);
    tousu_history h = {sizeof h, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(ops->history(s, 1, 7, 0, &h), 0);
    assert_int_equal(h.archived_id, 10); /* still there */
    /* A few minutes of traffic on other matters, the same day: enough
     * records for the sweep to pass over the whole table. */
    for (uint64_t id = 100; id < 1300; id++) {
        tousu_intake in = {sizeof in, id, 1000 + id % 50, 100 + id % 30,
                           t0 + (int64_t)(id - 100) * 100, 0, 1, 0, 0};
        assert_int_equal(ops->record(s, &in), 0);
    }
    assert_int_equal(ops->history(s, 1, 7, 0, &h), 0);
    assert_int_equal(h.archived_id, 0); /* swept */
    assert_int_equal(ops->history(s, 2, 7, 0, &h), 0);
    assert_int_equal(h.open_id, 20); /* an open complaint stays */
    tousu_memstore_free(s);
}

/* Memory follows the retention period, not the stream: matters come and
 * go (each seen a few times), one matter has a burst, complaints are
 * opened and archived; the store's size levels off. */
static void test_memory_bounded_many_matters_and_history(void **state)
{
    (void)state;
    tousu_memstore *s = store_keeping_a_month();
    const tousu_store_ops *ops = tousu_memstore_ops();
    const int n = 40000, warm = 12000; /* 166 days; 50 to fill a month of history */
    int64_t t = at(2025, 1, 1, 0, 0);
    size_t steady = 0, peak_after = 0, before_burst = 0, after_burst = 0;
    for (int i = 0; i < n; i++) {
        /* Matter 1 has a burst mid-stream, and a call now and then after. */
        bool burst = i >= n / 2 && i < n / 2 + 3000;
        t += burst ? 1000 : 6 * MINUTE;
        uint64_t matter = burst || (i > n / 2 && i % 20 == 0) ? 1 : 10 + (uint64_t)i / 3;
        uint64_t customer = 1 + (uint64_t)i % 997;
        tousu_intake in = {sizeof in, (uint64_t)i + 1, customer, matter, t, 0, 1, 1, 0};
        assert_int_equal(ops->record(s, &in), 0);
        tousu_archive a = archive_of((uint64_t)i + 1, customer, matter, t, 1, 0);
        assert_int_equal(ops->archive(s, &a), 0);
        size_t b = tousu_memstore_bytes(s);
        if (i == warm)
            steady = b;
        if (i > warm && i < n / 2 && b > peak_after)
            peak_after = b;
        if (i == n / 2 - 1)
            before_burst = b;
        if (i == n - 1)
            after_burst = b;
    }
    /* About a month of history and two hours of windows stay: the size
     * once that much has been seen bounds the rest. */
    assert_true(steady > 0);
    assert_true(peak_after <= steady + steady / 10);
    /* After the burst has aged out, matter 1's arrays have shrunk back. */
    assert_true(after_burst <= before_burst + before_burst / 10);
    size_t m = 0;
    assert_int_equal(ops->members(s, 1, t - 2 * HOUR, t, NULL, 0, &m), 0);
    assert_true(m > 0 && m < 30);
    tousu_memstore_free(s);
}

/* The one-entry lookup memos (the last matter, history pair and insertion
 * slot found) stay right while the tables change under them: tables grow
 * and shrink, and sweeps delete entries (shifting their neighbours back)
 * between a lookup and the write that uses it. Each step looks up pairs
 * and matters as a triage does, records, archives, and checks against a
 * reference. One month of history is kept here, so entries expire all the
 * time. */
static void test_lookup_memo_survives_rehash(void **state)
{
    (void)state;
    tousu_memstore *s = store_keeping_a_month();
    const tousu_store_ops *ops = tousu_memstore_ops();
    int n = (int)(6000 * scale());
    if (n < 3000)
        n = 3000; /* 3000 steps of 45 minutes: three months */
    uint64_t *open = calloc((size_t)n, sizeof *open);  /* open complaint per pair */
    uint64_t *arch = calloc((size_t)n, sizeof *arch);  /* archived one */
    int64_t *arch_ms = calloc((size_t)n, sizeof *arch_ms);
    int64_t *when = calloc((size_t)n, sizeof *when);   /* the pair's one intake */
    int64_t t = at(2025, 3, 3, 9, 0);
    tousu_history h = {sizeof h, 0, 0, 0, 0, 0, 0, 0};
    tousu_window w = {sizeof w, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < n; i++) {
        t += 45 * MINUTE;
        /* Pair i is customer i+1 on matter i+1, recorded once. */
        int j = (int)(next_rand() % (uint64_t)(i + 1)); /* an earlier pair */
        int k = i > 0 ? i - 1 : 0;                       /* a matter still in its window */
        assert_int_equal(ops->history(s, 1 + (uint64_t)j, 1 + (uint64_t)j, 0, &h), 0);
        assert_int_equal(ops->history(s, 1 + (uint64_t)i, 1 + (uint64_t)i, 0, &h), 0);
        assert_int_equal(h.open_id, 0);
        assert_int_equal(ops->window(s, 1 + (uint64_t)k, t - HOUR, t, 1, &w), 0);
        assert_int_equal(ops->window(s, 1 + (uint64_t)i, t - HOUR, t, 1 + (uint64_t)i, &w), 0);
        assert_int_equal(w.events, 0);
        tousu_intake in = {sizeof in, 1000000 + (uint64_t)i, 1 + (uint64_t)i, 1 + (uint64_t)i,
                           t, 0, 1, 1, 0};
        assert_int_equal(ops->record(s, &in), 0); /* sweeps may run here */
        open[i] = in.contact_id;
        when[i] = t;
        if (open[j] && next_rand() % 4 != 0) {
            tousu_archive a = archive_of(open[j], 1 + (uint64_t)j, 1 + (uint64_t)j, t, 2, 9);
            assert_int_equal(ops->archive(s, &a), 0);
            arch[j] = open[j];
            arch_ms[j] = t;
            open[j] = 0;
        } else if (!open[j] && j < i) {
            /* Reopen it, right after looking it up (a found slot is
             * remembered) while the record's sweeps move entries. */
            assert_int_equal(ops->history(s, 1 + (uint64_t)j, 1 + (uint64_t)j, 0, &h), 0);
            tousu_intake again = {sizeof again, 2000000 + (uint64_t)i, 1 + (uint64_t)j,
                                  1 + (uint64_t)j, t, 0, 1, 1, 0};
            assert_int_equal(ops->record(s, &again), 0);
            open[j] = again.contact_id;
            if (h.archived_id == 0) { /* it had been dropped: a new entry */
                arch[j] = 0;
                arch_ms[j] = 0;
            }
        }
        /* The pair just written, the earlier one, the earlier matter. */
        assert_int_equal(ops->history(s, 1 + (uint64_t)i, 1 + (uint64_t)i, 0, &h), 0);
        assert_int_equal(h.open_id, open[i]);
        assert_int_equal(ops->history(s, 1 + (uint64_t)j, 1 + (uint64_t)j, 0, &h), 0);
        assert_int_equal(h.open_id, open[j]);
        if (arch_ms[j] >= t - 28 * DAY) /* well within the month kept */
            assert_int_equal(h.archived_id, arch[j]);
        assert_int_equal(ops->window(s, 1 + (uint64_t)k, t - HOUR, t, 1 + (uint64_t)k, &w), 0);
        assert_int_equal(w.ordinary, when[k] >= t - HOUR ? 1 : 0);
        assert_int_equal(w.has_customer, when[k] >= t - HOUR ? 1 : 0);
    }
    /* Everything, once more: open complaints and recent archives stay;
     * an older archive is there or gone (the sweep is incremental). */
    for (int j = 0; j < n; j++) {
        assert_int_equal(ops->history(s, 1 + (uint64_t)j, 1 + (uint64_t)j, 0, &h), 0);
        assert_int_equal(h.open_id, open[j]);
        if (arch_ms[j] >= t - 28 * DAY)
            assert_int_equal(h.archived_id, arch[j]);
        else
            assert_true(h.archived_id == arch[j] || h.archived_id == 0);
    }
    free(open);
    free(arch);
    free(arch_ms);
    free(when);
    tousu_memstore_free(s);
}

/* Customers whose (customer, matter) pairs share one home slot in a table
 * of cap slots (cap a power of two). */
static void colliding_customers(uint64_t matter, uint32_t cap, uint64_t out[3])
{
    static uint32_t seen[1u << 12][3];
    static uint8_t count[1u << 12];
    memset(count, 0, sizeof count);
    for (uint64_t c = 1;; c++) {
        uint32_t home = tzm_hist_home(tzm_pair_hash(matter, c), cap);
        seen[home][count[home]++] = (uint32_t)c;
        if (count[home] == 3) {
            for (int k = 0; k < 3; k++)
                out[k] = seen[home][k];
            return;
        }
    }
}

/* Three matter keys sharing one home slot in the matter table of cap
 * slots (at most 64). */
static void colliding_matters(uint32_t cap, uint64_t out[3])
{
    uint64_t seen[64][3];
    uint8_t count[64] = {0};
    assert_true(cap <= 64);
    for (uint64_t k = 1;; k++) {
        uint32_t home = tzm_matter_home(k, cap);
        seen[home][count[home]++] = k;
        if (count[home] == 3) {
            for (int i = 0; i < 3; i++)
                out[i] = seen[home][i];
            return;
        }
    }
}

/* The lookup memos remember a slot between a read and the write that uses
 * it; a sweep deleting a neighbour in between shifts entries back. A
 * remembered found slot must be checked by its key, a remembered empty
 * slot by the table's generation (white-box: the sweeps are steered onto
 * the entries that collide). */
static void test_lookup_memo_revalidated_when_entries_move(void **state)
{
    (void)state;
    tousu_memstore *s = store_keeping_a_month();
    const tousu_store_ops *ops = tousu_memstore_ops();
    const int64_t t0 = at(2025, 1, 10, 9, 0), later = at(2025, 4, 1, 9, 0);
    uint64_t c[3];
    colliding_customers(7, 1024, c); /* the history table starts at 1024 */
    /* A (archived: it will expire) and B (open) share a home: B sits after A. */
    tousu_intake a = {sizeof a, 11, c[0], 7, t0, 0, 0, 1, 0};
    tousu_intake b = {sizeof b, 12, c[1], 7, t0, 0, 0, 1, 0};
    assert_int_equal(ops->record(s, &a), 0);
    assert_int_equal(ops->record(s, &b), 0);
    tousu_archive arch_a = archive_of(11, c[0], 7, t0, 1, 0);
    assert_int_equal(ops->archive(s, &arch_a), 0);
    tousu_history h = {sizeof h, 0, 0, 0, 0, 0, 0, 0};
    /* Remember B's slot, then let the sweep drop A: B moves into A's slot,
     * and the archive of B must find it there. */
    assert_int_equal(ops->history(s, c[1], 7, 0, &h), 0);
    assert_int_equal(h.open_id, 12);
    s->hist.sweep = tzm_hist_home(tzm_pair_hash(7, c[0]), s->hist.cap);
    tousu_intake tick = {sizeof tick, 13, 99, 8, later, 0, 1, 0, 0};
    assert_int_equal(ops->record(s, &tick), 0);
    tousu_archive arch_b = archive_of(12, c[1], 7, later, 2, 0);
    assert_int_equal(ops->archive(s, &arch_b), 0);
    assert_int_equal(ops->history(s, c[1], 7, 0, &h), 0);
    assert_int_equal(h.open_id, 0);
    assert_int_equal(h.archived_id, 12);
    assert_int_equal(ops->history(s, c[0], 7, 0, &h), 0);
    assert_int_equal(h.archived_id, 0); /* A is gone */
    assert_int_equal(ops->history(s, c[1], 7, 0, &h), 0); /* (B afresh) */
    assert_int_equal(h.archived_id, 12);
    /* A new pair probing the same cluster goes where a probe puts it. */
    tousu_intake cc = {sizeof cc, 14, c[2], 7, later, 0, 0, 1, 0};
    assert_int_equal(ops->history(s, c[2], 7, 0, &h), 0);
    assert_int_equal(ops->record(s, &cc), 0);
    assert_int_equal(ops->history(s, c[2], 7, 0, &h), 0);
    assert_int_equal(h.open_id, 14);

    /* Matters: A, B and C share a home, in that order. B is recorded
     * again when A has expired (C has not), and that record's sweep drops
     * A: B moves into A's slot and C into B's, the slot the record
     * remembered for B. */
    uint64_t m[3];
    colliding_matters(s->matters.cap, m);
    tousu_intake ma = {sizeof ma, 21, 1, m[0], later, 0, 1, 0, 0};
    tousu_intake mb = {sizeof mb, 22, 1, m[1], later, 0, 1, 0, 0};
    tousu_intake mc = {sizeof mc, 24, 3, m[2], later + 2 * HOUR, 0, 1, 0, 0};
    assert_int_equal(ops->record(s, &ma), 0);
    assert_int_equal(ops->record(s, &mb), 0);
    assert_int_equal(ops->record(s, &mc), 0);
    const int64_t t2 = later + 3 * HOUR;
    s->matters.sweep = tzm_matter_home(m[0], s->matters.cap);
    s->matters.tick = 100; /* the next record sweeps */
    tousu_intake mb2 = {sizeof mb2, 23, 2, m[1], t2, 0, 1, 0, 0};
    assert_int_equal(ops->record(s, &mb2), 0);
    tousu_window w = {sizeof w, 0, 0, 0, 0, 0, 0};
    assert_int_equal(ops->window(s, m[1], t2 - HOUR, t2, 2, &w), 0);
    assert_int_equal(w.events, 1);
    assert_int_equal(w.has_customer, 1);
    size_t n = 0;
    assert_int_equal(ops->members(s, m[0], 0, t2, NULL, 0, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(ops->window(s, m[2], t2 - HOUR, t2, 3, &w), 0);
    assert_int_equal(w.events, 1);
    assert_int_equal(w.has_customer, 1);
    tousu_memstore_free(s);
}

/* R-REP-1: history is per (customer, matter). The history memo remembers
 * the last pair looked up; asking about the same customer on another
 * matter must not be answered from it. */
static void test_R_REP_1_history_memo_keyed_by_pair(void **state)
{
    (void)state;
    tousu_memstore *s = NULL;
    assert_int_equal(tousu_memstore_new(&s, NULL), TOUSU_OK);
    const tousu_store_ops *ops = tousu_memstore_ops();
    const int64_t t0 = at(2025, 5, 6, 10, 0);
    open_complaint(s, 31, 500, 1, t0);
    tousu_history h = {sizeof h, 0, 0, 0, 0, 0, 0, 0};
    for (int round = 0; round < 2; round++) {
        assert_int_equal(ops->history(s, 500, 1, 0, &h), 0);
        assert_int_equal(h.open_id, 31);
        assert_int_equal(ops->history(s, 500, 2, 0, &h), 0);
        assert_int_equal(h.open_id, round ? 32 : 0); /* the same customer, another matter */
        if (!round)
            open_complaint(s, 32, 500, 2, t0 + MINUTE);
    }
    tousu_memstore_free(s);
}

/* The history memo remembers the empty slot where a pair with no history
 * would go. A sweep that drops an entry before it in the cluster shifts
 * the others back, and the pair now belongs in an earlier slot: the
 * opening that follows must probe again (by the table's generation), or
 * it would sit where no lookup reaches it (white-box: steered sweep). */
static void test_lookup_memo_empty_slot_moves_after_deletion(void **state)
{
    (void)state;
    tousu_memstore *s = store_keeping_a_month();
    const tousu_store_ops *ops = tousu_memstore_ops();
    const int64_t t0 = at(2025, 1, 10, 9, 0), later = at(2025, 4, 1, 9, 0);
    uint64_t c[3];
    colliding_customers(7, 1024, c);
    /* A (archived: it will expire) at the home, B (open) after it. */
    open_complaint(s, 11, c[0], 7, t0);
    open_complaint(s, 12, c[1], 7, t0);
    tousu_archive arch_a = archive_of(11, c[0], 7, t0, 1, 0);
    assert_int_equal(ops->archive(s, &arch_a), 0);
    /* C has no history: remembered as the empty slot after B. */
    tousu_history h = {sizeof h, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(ops->history(s, c[2], 7, 0, &h), 0);
    assert_int_equal(h.open_id, 0);
    /* A record that asks nothing of the history sweeps A away: B moves
     * to the home slot, and C's place is now the slot B left. */
    s->hist.sweep = tzm_hist_home(tzm_pair_hash(7, c[0]), s->hist.cap);
    tousu_intake tick = {sizeof tick, 13, 99, 8, later, 0, 1, 0, 0};
    assert_int_equal(ops->record(s, &tick), 0);
    open_complaint(s, 14, c[2], 7, later);
    assert_int_equal(ops->history(s, c[1], 7, 0, &h), 0); /* (the memo moves on) */
    assert_int_equal(h.open_id, 12);
    assert_int_equal(ops->history(s, c[2], 7, 0, &h), 0);
    assert_int_equal(h.open_id, 14);
    assert_int_equal(ops->history(s, c[0], 7, 0, &h), 0);
    assert_int_equal(h.archived_id, 0); /* A is gone */
    tousu_memstore_free(s);
}

/* An allocator that fails its k-th allocation (0 = never), counting. */
typedef struct fail_alloc {
    int count, fail_at, live;
} fail_alloc;

static void *fa_alloc(void *u, size_t n)
{
    fail_alloc *f = u;
    if (++f->count == f->fail_at)
        return NULL;
    f->live++;
    return malloc(n);
}

static void fa_free(void *u, void *p)
{
    fail_alloc *f = u;
    f->live--;
    free(p);
}

enum { DIGEST_MATTERS = 12, DIGEST_CUSTOMERS = 40 };

/* What the store can tell about the script's keys (see below). */
typedef struct store_digest {
    tousu_window w[DIGEST_MATTERS];
    size_t members[DIGEST_MATTERS];
    uint64_t first_member[DIGEST_MATTERS];
    tousu_history h[DIGEST_CUSTOMERS][DIGEST_MATTERS];
} store_digest;

static void take_store_digest(tousu_memstore *s, int64_t now, store_digest *d)
{
    const tousu_store_ops *ops = tousu_memstore_ops();
    memset(d, 0, sizeof *d);
    for (uint64_t m = 0; m < DIGEST_MATTERS; m++) {
        d->w[m].struct_size = sizeof d->w[m];
        assert_int_equal(ops->window(s, m + 1, now - 2 * HOUR, now, 3, &d->w[m]), 0);
        uint64_t ids[1];
        assert_int_equal(ops->members(s, m + 1, now - 2 * HOUR, now, ids, 1, &d->members[m]), 0);
        d->first_member[m] = d->members[m] ? ids[0] : 0;
        for (uint64_t c = 0; c < DIGEST_CUSTOMERS; c++) {
            d->h[c][m].struct_size = sizeof d->h[c][m];
            assert_int_equal(ops->history(s, c + 1, m + 1, 0, &d->h[c][m]), 0);
        }
    }
}

/* The script: bursts and quiet spells over a dozen matters, complaints
 * opened (enough pairs to grow the history table) and archived, late
 * intakes. Returns the store's clock after step i. */
static int64_t script_step(const tousu_store_ops *ops, tousu_memstore *s, int i, bool *archive,
                           tousu_intake *in, tousu_archive *a)
{
    static const int64_t t0 = INT64_C(1741000000000);
    int64_t t = t0 + (int64_t)i * 20000;
    uint64_t matter = 1 + (uint64_t)(i % 50 < 30 ? 0 : i % DIGEST_MATTERS);
    uint64_t customer = 1 + (uint64_t)(i * 7) % DIGEST_CUSTOMERS;
    *in = (tousu_intake){sizeof *in, 10000 + (uint64_t)i, customer, matter,
                         i % 11 == 0 ? t - 30 * MINUTE : t, i % 5 == 0, 1, i % 3 != 0, 0};
    in->customer_id += 1000 * (uint64_t)(i % 3 == 1); /* pairs outside the digest */
    *archive = i % 4 == 3;
    *a = archive_of(10000 + (uint64_t)i - 3, 1 + (uint64_t)((i - 3) * 7) % DIGEST_CUSTOMERS,
                    1 + (uint64_t)((i - 3) % 50 < 30 ? 0 : (i - 3) % DIGEST_MATTERS), t, 1, 4);
    (void)ops;
    (void)s;
    return t;
}

/* R-HOST-3: an allocation failing inside record() (a new matter, a growing
 * event array, a count table, the matter or history table) leaves every
 * answer of the store as it was; the retry succeeds, and the store ends up
 * exactly like one that never failed. */
static void test_R_HOST_3_record_alloc_failure_leaves_store_unchanged(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    int steps = (int)(1500 * scale());
    if (steps < 1200)
        steps = 1200; /* past the first growth of the history table */
    /* The reference run, and how many allocations it makes. */
    fail_alloc ref_fa = {0, 0, 0};
    tz_alloc ra = {&ref_fa, fa_alloc, fa_free};
    tousu_memstore *ref = NULL;
    assert_int_equal(tz_memstore_new(&ref, p, &ra), TOUSU_OK);
    const tousu_store_ops *ops = tousu_memstore_ops();
    int64_t now = 0;
    for (int i = 0; i < steps; i++) {
        bool arch;
        tousu_intake in;
        tousu_archive a;
        now = script_step(ops, ref, i, &arch, &in, &a);
        assert_int_equal(ops->record(ref, &in), 0);
        if (arch)
            (void)ops->archive(ref, &a);
    }
    int total = ref_fa.count;
    store_digest *want = malloc(sizeof *want), *before = malloc(sizeof *before),
                 *after = malloc(sizeof *after);
    take_store_digest(ref, now, want);
    int stride = total > 60 ? total / 60 : 1; /* about 60 failure points */
    int failures = 0;
    for (int k = 2; k <= total; k += stride) {
        fail_alloc fa = {0, 0, 0};
        tz_alloc al = {&fa, fa_alloc, fa_free};
        tousu_memstore *s = NULL;
        assert_int_equal(tz_memstore_new(&s, p, &al), TOUSU_OK);
        fa.fail_at = k;
        for (int i = 0; i < steps; i++) {
            bool arch;
            tousu_intake in;
            tousu_archive a;
            now = script_step(ops, s, i, &arch, &in, &a);
            int count = fa.count;
            int rc = ops->record(s, &in);
            if (rc == TOUSU_ENOMEM) {
                failures++;
                assert_int_equal(fa.count, k); /* it was the failing allocation */
                fa.fail_at = 0;
                /* (the digest reads allocate nothing the record would) */
                take_store_digest(s, now, after);
                fa.count = count;
                assert_int_equal(ops->record(s, &in), 0); /* the retry */
                /* Compare with the state before: replay it on a fresh store. */
                tousu_memstore *b = NULL;
                fail_alloc bf = {0, 0, 0};
                tz_alloc ba = {&bf, fa_alloc, fa_free};
                assert_int_equal(tz_memstore_new(&b, p, &ba), TOUSU_OK);
                for (int j = 0; j < i; j++) {
                    bool arch2;
                    tousu_intake in2;
                    tousu_archive a2;
                    (void)script_step(ops, b, j, &arch2, &in2, &a2);
                    assert_int_equal(ops->record(b, &in2), 0);
                    if (arch2)
                        (void)ops->archive(b, &a2);
                }
                take_store_digest(b, now, before);
                tousu_memstore_free(b);
                assert_int_equal(bf.live, 0);
                assert_memory_equal(before, after, sizeof *before);
            } else {
                assert_int_equal(rc, TOUSU_OK);
            }
            if (arch)
                (void)ops->archive(s, &a);
        }
        take_store_digest(s, now, after);
        assert_memory_equal(want, after, sizeof *want);
        tousu_memstore_free(s);
        assert_int_equal(fa.live, 0);
    }
    assert_true(failures > 10); /* the failures did land inside record() */
    free(want);
    free(before);
    free(after);
    tousu_memstore_free(ref);
    assert_int_equal(ref_fa.live, 0);
    tousu_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_BAT_2_R_BAT_3_counts_match_reference),
        cmocka_unit_test(test_R_BAT_2_ids_differing_in_high_bits),
        cmocka_unit_test(test_memory_bounded_by_window),
        cmocka_unit_test(test_R_REP_1_history_ops),
        cmocka_unit_test(test_R_BAT_2_R_BAT_4_quiet_and_busy_matters_match_reference),
        cmocka_unit_test(test_R_BAT_2_window_beyond_table_room_field),
        cmocka_unit_test(test_R_REP_2_history_kept_for_period_then_dropped),
        cmocka_unit_test(test_R_REP_2_backdated_archive_swept_same_day),
        cmocka_unit_test(test_memory_bounded_many_matters_and_history),
        cmocka_unit_test(test_lookup_memo_survives_rehash),
        cmocka_unit_test(test_lookup_memo_revalidated_when_entries_move),
        cmocka_unit_test(test_R_REP_1_history_memo_keyed_by_pair),
        cmocka_unit_test(test_lookup_memo_empty_slot_moves_after_deletion),
        cmocka_unit_test(test_R_HOST_3_record_alloc_failure_leaves_store_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
