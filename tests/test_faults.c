/*
 * test_faults.c - R-HOST-3 fault injection: a store and a clock that fail
 * on their k-th call, for every k a triage (or an archive) reaches. Each
 * failure returns TOUSU_ECALLBACK, leaves the store and the engine as they
 * were, and the retry gives the same result as an unfailed run.
 */
#include "helpers.h"

typedef struct faulty {
    tousu_memstore *mem;
    const tousu_store_ops *ops;
    int calls;
    int fail_at; /* 0 = never */
    int64_t now;
} faulty;

static int tick(faulty *f)
{
    return ++f->calls == f->fail_at;
}

static int f_history(void *u, uint64_t c, uint64_t m, int64_t since, tousu_history *out)
{
    faulty *f = u;
    return tick(f) ? -1 : f->ops->history(f->mem, c, m, since, out);
}

static int f_window(void *u, uint64_t m, int64_t a, int64_t b, uint64_t c, tousu_window *out)
{
    faulty *f = u;
    return tick(f) ? -1 : f->ops->window(f->mem, m, a, b, c, out);
}

static int f_members(void *u, uint64_t m, int64_t a, int64_t b, uint64_t *ids, size_t cap,
                     size_t *n)
{
    faulty *f = u;
    return tick(f) ? -1 : f->ops->members(f->mem, m, a, b, ids, cap, n);
}

static int f_record(void *u, const tousu_intake *in)
{
    faulty *f = u;
    return tick(f) ? -1 : f->ops->record(f->mem, in);
}

static int f_archive(void *u, const tousu_archive *in)
{
    faulty *f = u;
    return tick(f) ? -1 : f->ops->archive(f->mem, in);
}

static int f_now(void *u, int64_t *out)
{
    faulty *f = u;
    if (tick(f))
        return -1;
    *out = f->now;
    return 0;
}

static const tousu_store_ops faulty_ops = {sizeof(tousu_store_ops), f_history, f_window,
                                           f_members, f_record, f_archive};

/* One step of the scenario: a triage, or an archive when is_archive. */
typedef struct step {
    int is_archive;
    uint64_t id, customer, matter;
    int64_t t; /* 0 = ask the clock, which says clock_t */
    int64_t clock_t;
    int vip;
} step;

enum { N_STEPS = 20 };
static step steps[N_STEPS];
static int n_steps;

static void build_scenario(void)
{
    int64_t t0 = at(2025, 3, 10, 9, 0);
    n_steps = 0;
    for (uint64_t i = 1; i <= 11; i++) /* a batch on matter 1 at the 11th */
        steps[n_steps++] = (step){0, i, 100 + i, 1, (i % 3) ? t0 + (int64_t)i * MINUTE : 0,
                                  t0 + (int64_t)i * MINUTE, 0};
    steps[n_steps++] = (step){0, 20, 200, 2, t0, 0, 1};          /* opens on matter 2 */
    steps[n_steps++] = (step){0, 21, 200, 2, t0 + HOUR, 0, 1};   /* follow-up */
    steps[n_steps++] = (step){1, 20, 200, 2, t0 + 2 * HOUR, 0, 0}; /* archive */
    steps[n_steps++] = (step){0, 22, 200, 2, 0, t0 + DAY, 1};    /* repeat, clock time */
    steps[n_steps++] = (step){0, 23, 112, 1, t0 + 5 * MINUTE, 0, 0}; /* late, in batch window */
}

/* Everything the store can tell about the scenario's keys. */
typedef struct digest {
    tousu_window w[3][3];
    tousu_history h[4][3];
    size_t members[3];
} digest;

static void take_digest(faulty *f, digest *d)
{
    memset(d, 0, sizeof *d);
    int64_t t0 = at(2025, 3, 10, 9, 0);
    const int64_t from[3] = {t0 - DAY, t0, t0 + 30 * MINUTE};
    for (int m = 1; m <= 2; m++)
        for (int k = 0; k < 3; k++) {
            d->w[m][k].struct_size = sizeof(tousu_window);
            assert_int_equal(f->ops->window(f->mem, (uint64_t)m, from[k], t0 + 2 * DAY, 101,
                                            &d->w[m][k]), 0);
        }
    const uint64_t customers[4] = {101, 111, 112, 200};
    for (int c = 0; c < 4; c++)
        for (int m = 1; m <= 2; m++) {
            d->h[c][m].struct_size = sizeof(tousu_history);
            assert_int_equal(f->ops->history(f->mem, customers[c], (uint64_t)m, 0, &d->h[c][m]),
                             0);
        }
    for (int m = 1; m <= 2; m++) {
        uint64_t ids[64];
        assert_int_equal(f->ops->members(f->mem, (uint64_t)m, 0, t0 + 2 * DAY, ids, 64,
                                         &d->members[m]), 0);
    }
}

static int run_step(tousu_engine *e, faulty *f, const step *s, tousu_result *r)
{
    f->now = s->clock_t;
    if (s->is_archive) {
        tousu_archive a = archive_of(s->id, s->customer, s->matter, s->t, TOUSU_LEVEL_AGENT, 7);
        return tousu_archive_complaint(e, &a);
    }
    tousu_contact c = complaint(s->id, s->customer, s->matter, s->t);
    c.customer_flags = TOUSU_CUST_VIP_KNOWN | (s->vip ? TOUSU_CUST_VIP : 0u);
    *r = new_result();
    return tousu_triage(e, &c, r);
}

static tousu_engine *faulty_engine(faulty *f)
{
    memset(f, 0, sizeof *f);
    assert_int_equal(tousu_memstore_new(&f->mem, NULL), TOUSU_OK);
    f->ops = tousu_memstore_ops();
    tousu_host h;
    memset(&h, 0, sizeof h);
    h.struct_size = sizeof h;
    h.user = f;
    h.now_ms = f_now;
    h.store = &faulty_ops;
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, &h, NULL), TOUSU_OK);
    return e;
}

/* R-HOST-3: fail the k-th callback of every step, for every k it reaches. */
static void test_R_HOST_3_fail_every_kth_callback(void **state)
{
    (void)state;
    build_scenario();
    /* The reference: the same steps with nothing failing. */
    faulty ref;
    tousu_engine *re = faulty_engine(&ref);
    tousu_result expect[N_STEPS];
    for (int i = 0; i < n_steps; i++)
        assert_int_equal(run_step(re, &ref, &steps[i], &expect[i]), TOUSU_OK);

    faulty f;
    tousu_engine *e = faulty_engine(&f);
    int failures = 0;
    for (int i = 0; i < n_steps; i++) {
        for (int k = 1;; k++) {
            digest before, after;
            f.fail_at = 0;
            take_digest(&f, &before);
            const uint64_t *ids0;
            size_t n0;
            tousu_engine_batch_members(e, &ids0, &n0);
            f.calls = 0;
            f.fail_at = k;
            tousu_result r;
            int rc = run_step(e, &f, &steps[i], &r);
            f.fail_at = 0;
            if (f.calls < k) { /* the step never reached a k-th call */
                assert_int_equal(rc, TOUSU_OK);
                if (!steps[i].is_archive)
                    assert_memory_equal(&r, &expect[i], sizeof r);
                break;
            }
            failures++;
            assert_int_equal(rc, TOUSU_ECALLBACK);
            assert_true(strlen(tousu_engine_errmsg(e)) > 0);
            take_digest(&f, &after);
            assert_memory_equal(&before, &after, sizeof before);
            const uint64_t *ids1;
            size_t n1;
            tousu_engine_batch_members(e, &ids1, &n1);
            assert_int_equal(n0, n1);
        }
    }
    assert_true(failures >= 2 * n_steps); /* every step made at least two calls */
    tousu_engine_free(e);
    tousu_memstore_free(f.mem);
    tousu_engine_free(re);
    tousu_memstore_free(ref.mem);
}

/* Failing allocations through the host allocator: every n-th allocation of
 * the in-memory store fails once; the call reports ENOMEM, then succeeds. */
typedef struct alloc_ctx {
    int count;
    int fail_at;
    int live;
} alloc_ctx;

static void *a_alloc(void *u, size_t n)
{
    alloc_ctx *a = u;
    if (++a->count == a->fail_at)
        return NULL;
    a->live++;
    return malloc(n);
}

static void a_free(void *u, void *p)
{
    alloc_ctx *a = u;
    a->live--;
    free(p);
}

static void test_R_HOST_3_allocation_failures(void **state)
{
    (void)state;
    build_scenario();
    for (int k = 1; k < 60; k++) {
        alloc_ctx a = {0, k, 0};
        tousu_host h;
        memset(&h, 0, sizeof h);
        h.struct_size = sizeof h;
        h.user = &a;
        h.alloc = a_alloc;
        h.free = a_free;
        tousu_engine *e = NULL;
        int rc = tousu_engine_new(&e, &h, NULL);
        if (rc != TOUSU_OK) {
            assert_int_equal(rc, TOUSU_ENOMEM);
            assert_null(e);
            assert_int_equal(a.live, 0);
            continue;
        }
        for (int i = 0; i < n_steps; i++) {
            if (steps[i].is_archive || !steps[i].t)
                continue;
            tousu_contact c = complaint(steps[i].id, steps[i].customer, steps[i].matter,
                                        steps[i].t);
            tousu_result r = new_result();
            rc = tousu_triage(e, &c, &r);
            if (rc == TOUSU_ENOMEM)
                rc = tousu_triage(e, &c, &r); /* the retry succeeds */
            assert_int_equal(rc, TOUSU_OK);
        }
        tousu_engine_free(e);
        assert_int_equal(a.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_HOST_3_fail_every_kth_callback),
        cmocka_unit_test(test_R_HOST_3_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
