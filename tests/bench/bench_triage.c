/*
 * bench_triage.c - throughput and memory of tousu_triage through the
 * built-in in-memory store, and of batch detection (R-BAT) alone.
 * Built by meson, never run by the tests (tests/bench/README.md). Prints
 * lines `bench <name> <value> <unit>`; lines starting with '#' are notes.
 *
 *   bench_triage          1,000,000 synthetic contacts (see generate())
 *   bench_triage FILE     batch detection over FILE's intake events:
 *                         24-byte little-endian records
 *                           int64  intake time, UTC ms
 *                           uint32 matter
 *                           uint32 customer
 *                           uint32 VIP flag (0/1)
 *                           4 bytes padding
 *                         (tests/bench/gen_batch_events.py writes them and
 *                         computes the expected trigger count)
 *
 * Uses the public API only. POSIX (clock_gettime, getrusage) is fine here:
 * this is a program, not the library.
 */
#define _XOPEN_SOURCE 700

#include "tousu.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Rates use wall time (CLOCK_MONOTONIC); the *_cpu_rate lines use this
 * process's CPU time, steadier on a shared machine (no descheduled time). */
static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1.0;
    return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

/* The resident set now (Linux /proc; -1 elsewhere). */
static double rss_now_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = -1;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = -1;
        fclose(f);
    }
    long page = sysconf(_SC_PAGESIZE);
    return resident < 0 || page <= 0 ? -1.0 : (double)resident * (double)page / 1048576.0;
}

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_triage: %s: %d (%s)\n", what, rc, tousu_strerror(rc));
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p) {
        fprintf(stderr, "bench_triage: out of memory\n");
        exit(1);
    }
    return p;
}

/* splitmix64: small, deterministic, good enough for workload shaping. */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

static uint64_t rng_next(rng *r)
{
    r->s += UINT64_C(0x9E3779B97F4A7C15);
    return mix64(r->s);
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(rng_unit(r) * (double)n);
}

/* Exponential with the given mean. */
static double rng_expo(rng *r, double mean)
{
    return -log(1.0 - rng_unit(r)) * mean;
}

/* Zipf-like popularity over ranks 0..n-1: P(k) proportional to (k+1)^-s,
 * sampled by binary search in the cumulative table. */
typedef struct zipf {
    double *cdf;
    uint32_t n;
} zipf;

static void zipf_init(zipf *z, uint32_t n, double s)
{
    z->n = n;
    z->cdf = xcalloc(n, sizeof *z->cdf);
    double sum = 0.0;
    for (uint32_t k = 0; k < n; k++) {
        sum += pow((double)k + 1.0, -s);
        z->cdf[k] = sum;
    }
    for (uint32_t k = 0; k < n; k++)
        z->cdf[k] /= sum;
}

static uint32_t zipf_draw(const zipf *z, rng *r)
{
    double u = rng_unit(r);
    uint32_t lo = 0, hi = z->n - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (z->cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ------------------------------------------------------------------ */
/* Mode 1: the synthetic contact stream                                */
/* ------------------------------------------------------------------ */

enum {
    N_CONTACTS = 1000000,
    N_MATTERS = 50000,
    N_CUSTOMERS = 400000, /* population; ~300k of them call */
    RECENT = 1 << 17      /* re-contacts pick from this many recent contacts */
};

/* 2024-03-04 00:00 +08:00, a Monday. */
#define START_MS INT64_C(1709481600000)

enum gen_kind { K_CONSULT, K_COMPLAINT, K_FAULT, K_DISPUTE, K_SUGGEST };

enum gen_extra {
    X_LEAPFROG = 1, /* addressed to the provincial hotline via the website */
    X_MAJOR = 2,    /* media coverage */
    X_XREGION = 4,  /* needs another city */
    X_LATE = 8,     /* intake time earlier than the stream's clock */
    X_IMPORTANT = 16
};

/* One pre-generated contact, compact so the input does not dominate RSS;
 * the host fills a tousu_contact from it in the timed loop. */
typedef struct gen_contact {
    int64_t t;
    uint32_t customer;
    uint32_t matter;
    uint32_t archive_after_s; /* 0: the host never archives it */
    uint8_t kind;             /* enum gen_kind */
    uint8_t extra;            /* enum gen_extra bits */
    uint16_t archives_before; /* archive calls the host makes just before it */
} gen_contact;

/* ~10% of customers are VIP; the host knows it from its CRM. */
static int customer_is_vip(uint32_t customer)
{
    return mix64(customer ^ UINT64_C(0x5A5A)) % 10 == 0;
}

/* Scatter popularity ranks over the ids (a bijection: 104729 is prime to
 * N_CUSTOMERS), so the busiest customers are not simply 1, 2, 3. */
static uint32_t customer_of_rank(uint32_t rank)
{
    return 1 + (uint32_t)(((uint64_t)rank * 104729u + 12345u) % N_CUSTOMERS);
}

/* Contacts per simulated hour follow a call-centre day: quiet at night,
 * peaks late morning and afternoon (mean about 1 over 24 hours). */
static double intensity(int64_t t)
{
    static const double by_hour[24] = {0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.8,
                                       1.4,  1.8, 1.9,  1.8,  1.4, 1.5, 1.8, 1.8,
                                       1.7,  1.5, 1.3,  1.3,  1.2, 1.0, 0.6, 0.3};
    int64_t hour = ((t - START_MS) / 3600000) % 24;
    return by_hour[hour];
}

static uint8_t draw_kind(rng *r)
{
    double u = rng_unit(r);
    if (u < 0.52)
        return K_COMPLAINT;
    if (u < 0.82)
        return K_FAULT;
    if (u < 0.96)
        return K_CONSULT;
    if (u < 0.985)
        return K_DISPUTE;
    return K_SUGGEST;
}

static uint8_t draw_extra(rng *r)
{
    uint8_t x = 0;
    double u = rng_unit(r);
    if (u < 0.01)
        x |= X_LEAPFROG;
    else if (u < 0.015)
        x |= X_MAJOR;
    else if (u < 0.03)
        x |= X_XREGION;
    if (rng_unit(r) < 0.02)
        x |= X_IMPORTANT;
    return x;
}

static int counts_in_window(uint8_t kind)
{
    return kind == K_COMPLAINT || kind == K_FAULT || kind == K_DISPUTE;
}

/* An outage: for a while a share of all traffic is about one matter. */
typedef struct burst {
    int64_t until;
    uint32_t matter;
    double share;
} burst;

typedef struct gen_stats {
    uint32_t recontacts, burst_contacts, late, bursts;
    uint32_t distinct_customers, distinct_matters;
} gen_stats;

/*
 * The workload: a simulated three days of a provincial call centre.
 * - matters: Zipf-like popularity (s = 1.1) over 50,000 matter keys;
 * - customers: skewed (Zipf s = 0.5) over 400,000 ids, of which ~300,000
 *   call; ~10% are VIP;
 * - 22% of contacts are a customer calling again about an earlier contact's
 *   matter (from the last ~131k contacts): follow-ups while the complaint
 *   is open, repeats (R-REP-1) once the host has archived it;
 * - outages (bursts): every ~40 simulated minutes a random matter takes
 *   1-5% of the traffic for 15-45 minutes, so batches (R-BAT-1) happen on
 *   cold matters too;
 * - 0.5% of contacts are late: their intake time is 1-50 minutes before
 *   the stream's clock (within the default late allowance);
 * - mostly complaints and faults, some consultations, few disputes and
 *   suggestions; 60% of complaints are archived 10 minutes to ~1 day later
 *   (fault reports count toward batches but open no complaint).
 */
static gen_contact *generate(gen_stats *st)
{
    rng r = {UINT64_C(20240304)};
    zipf zm, zc;
    zipf_init(&zm, N_MATTERS, 1.1);
    zipf_init(&zc, N_CUSTOMERS, 0.5);
    gen_contact *g = xcalloc(N_CONTACTS, sizeof *g);
    uint8_t *seen_c = xcalloc(N_CUSTOMERS + 1, 1), *seen_m = xcalloc(N_MATTERS + 1, 1);
    memset(st, 0, sizeof *st);
    burst b = {0, 0, 0.0};
    const double mean_gap_ms = 3.0 * 86400000.0 / N_CONTACTS;
    double clock = (double)START_MS;
    for (uint32_t i = 0; i < N_CONTACTS; i++) {
        gen_contact *c = &g[i];
        clock += rng_expo(&r, mean_gap_ms / intensity((int64_t)clock));
        c->t = (int64_t)clock;
        if (c->t >= b.until && rng_unit(&r) < mean_gap_ms / (40.0 * 60000.0)) {
            b.matter = rng_below(&r, N_MATTERS);
            b.until = c->t + 60000 * (15 + (int64_t)rng_below(&r, 31));
            b.share = 0.01 + 0.04 * rng_unit(&r);
            st->bursts++;
        }
        if (i > 1000 && rng_unit(&r) < 0.22) {
            uint32_t span = i < RECENT ? i : RECENT;
            const gen_contact *old = &g[i - 1 - rng_below(&r, span)];
            c->customer = old->customer;
            c->matter = old->matter;
            c->kind = counts_in_window(old->kind) ? old->kind : draw_kind(&r);
            st->recontacts++;
        } else {
            c->customer = customer_of_rank(zipf_draw(&zc, &r));
            if (c->t < b.until && rng_unit(&r) < b.share) {
                c->matter = 1 + b.matter;
                c->kind = rng_unit(&r) < 0.5 ? K_FAULT : K_COMPLAINT;
                st->burst_contacts++;
            } else {
                c->matter = 1 + zipf_draw(&zm, &r);
                c->kind = draw_kind(&r);
            }
        }
        c->extra = draw_extra(&r);
        if (rng_unit(&r) < 0.005) {
            c->t -= 60000 * (1 + (int64_t)rng_below(&r, 50));
            c->extra |= X_LATE;
            st->late++;
        }
        if ((c->kind == K_COMPLAINT || c->kind == K_DISPUTE) && rng_unit(&r) < 0.6)
            c->archive_after_s = 600 + (uint32_t)rng_expo(&r, 6.0 * 3600.0);
        st->distinct_customers += !seen_c[c->customer];
        st->distinct_matters += !seen_m[c->matter];
        seen_c[c->customer] = seen_m[c->matter] = 1;
    }
    free(seen_c);
    free(seen_m);
    free(zm.cdf);
    free(zc.cdf);
    return g;
}

/* The host's side of one contact: its CRM and agent fill the record. */
static void fill_contact(tousu_contact *c, const gen_contact *g, uint64_t id)
{
    static const uint32_t complaint = TOUSU_F_DISSATISFIED | TOUSU_F_DEMANDS_RESOLUTION;
    c->contact_id = id;
    c->customer_id = g->customer;
    c->matter = g->matter;
    c->intake_ms = g->t;
    c->channel = TOUSU_CH_HOTLINE;
    c->body = TOUSU_BODY_COMPANY;
    c->customer_flags = TOUSU_CUST_VIP_KNOWN;
    if (customer_is_vip(g->customer))
        c->customer_flags |= TOUSU_CUST_VIP;
    if (g->extra & X_IMPORTANT)
        c->customer_flags |= TOUSU_CUST_GOLD_CARD;
    c->flags = 0;
    c->causes = 0;
    c->handling_region = 440100;
    c->customer_region = 440100;
    c->n_needed_regions = 0;
    switch (g->kind) {
    case K_COMPLAINT:
        c->category = TOUSU_CAT_COMPLAINT;
        c->flags = complaint;
        c->causes = TOUSU_CAUSE_NOT_SOLVED_OR_WRONG;
        break;
    case K_DISPUTE:
        c->category = TOUSU_CAT_DISPUTE;
        c->flags = complaint;
        break;
    case K_FAULT: c->category = TOUSU_CAT_FAULT; break;
    case K_SUGGEST: c->category = TOUSU_CAT_SUGGESTION; break;
    default: c->category = TOUSU_CAT_CONSULTATION; break;
    }
    if (g->extra & X_LEAPFROG) {
        c->channel = TOUSU_CH_WEBSITE;
        c->body = TOUSU_BODY_PROV_HOTLINE;
    }
    if (g->extra & X_MAJOR)
        c->flags |= TOUSU_F_MAJOR_MEDIA;
    if (g->extra & X_XREGION) {
        c->n_needed_regions = 1;
        c->needed_regions[0] = 440300;
    }
}

typedef struct triage_stats {
    uint64_t batches, repeats, urgent, followups, archives, archive_misses, members;
} triage_stats;

static int host_now(void *user, int64_t *out)
{
    *out = *(const int64_t *)user;
    return 0;
}

/* One archive call the host makes: what its case record says. */
typedef struct planned_archive {
    int64_t archived_ms;
    uint32_t idx; /* the complaint's contact (id idx + 1) */
    uint32_t customer;
    uint32_t matter;
    int32_t level;
} planned_archive;

static planned_archive plan_archive(const gen_contact *g, uint32_t idx)
{
    planned_archive p = {g[idx].t + (int64_t)g[idx].archive_after_s * 1000, idx,
                         g[idx].customer, g[idx].matter, (int32_t)(idx % 3)};
    return p;
}

static void archive_one(tousu_engine *e, const planned_archive *p, triage_stats *st)
{
    tousu_archive a;
    memset(&a, 0, sizeof a);
    a.struct_size = sizeof a;
    a.contact_id = (uint64_t)p->idx + 1;
    a.customer_id = p->customer;
    a.matter = p->matter;
    a.archived_ms = p->archived_ms;
    a.level = p->level;
    int rc = tousu_archive_complaint(e, &a);
    if (rc == TOUSU_ENOTFOUND)
        st->archive_misses++;
    else if (rc)
        die("tousu_archive_complaint", rc);
    else
        st->archives++;
}

/* Triage contact i; returns 1 when it opened a complaint (R-DEF-1 a
 * complaint, and not a follow-up on an open one, R-REP-3), which the host
 * may archive later. */
static int triage_one(tousu_engine *e, tousu_contact *c, tousu_result *r, const gen_contact *g,
                      uint32_t i, triage_stats *st)
{
    fill_contact(c, &g[i], (uint64_t)i + 1);
    int rc = tousu_triage(e, c, r);
    if (rc) {
        fprintf(stderr, "contact %u: %s\n", i, tousu_engine_errmsg(e));
        die("tousu_triage", rc);
    }
    st->batches += r->batch != 0;
    st->members += r->batch_members;
    st->repeats += r->repeat_of != 0;
    st->urgent += r->urgent != 0;
    st->followups += r->followup != 0;
    return r->is_complaint && !r->followup && g[i].matter;
}

/* Archive calls the host owes, by due time: a min-heap used while planning. */
typedef struct due_archive {
    int64_t due;
    uint32_t idx;
} due_archive;

typedef struct heap {
    due_archive *a;
    size_t n, cap;
} heap;

static void heap_push(heap *h, due_archive x)
{
    if (h->n == h->cap) { /* grows with the pending calls, not the stream */
        h->cap = h->cap ? h->cap * 2 : 1024;
        due_archive *a = realloc(h->a, h->cap * sizeof *a);
        if (!a)
            die("out of memory", 0);
        h->a = a;
    }
    size_t i = h->n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (h->a[p].due <= x.due)
            break;
        h->a[i] = h->a[p];
        i = p;
    }
    h->a[i] = x;
}

static due_archive heap_pop(heap *h)
{
    due_archive top = h->a[0], last = h->a[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->a[c + 1].due < h->a[c].due)
            c++;
        if (last.due <= h->a[c].due)
            break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (h->n)
        h->a[i] = last;
    return top;
}

/* An engine on a standalone memstore (so tousu_memstore_bytes can tell the
 * store's size), with a clock the stream never needs (intake_ms is given). */
typedef struct rig {
    tousu_memstore *ms;
    tousu_engine *e;
    tousu_host host;
    int64_t clock;
} rig;

static void rig_open(rig *g)
{
    memset(g, 0, sizeof *g);
    int rc = tousu_memstore_new(&g->ms, NULL);
    if (rc)
        die("tousu_memstore_new", rc);
    g->clock = START_MS;
    g->host.struct_size = sizeof g->host;
    g->host.user = &g->clock;
    g->host.now_ms = host_now;
    g->host.store = tousu_memstore_ops();
    g->host.store_user = g->ms;
    if ((rc = tousu_engine_new(&g->e, &g->host, NULL)) != 0)
        die("tousu_engine_new", rc);
}

static void rig_close(rig *g)
{
    tousu_engine_free(g->e);
    tousu_memstore_free(g->ms);
}

/*
 * Pass 1 (untimed): run the stream with the host's bookkeeping (which
 * complaints opened, when each is due for archiving) and write down the
 * archive calls: plan[k] is the k-th archive call, with what the host's
 * case record says of the complaint (read in order, as a host reads its
 * due list, so the timed loop measures the library and not random reads
 * of the bench's own input), and g[i].archives_before how many come just
 * before contact i. The engine is deterministic, so pass 2 replaying the
 * plan makes exactly the same calls with none of the bookkeeping in the
 * timed loop.
 */
static planned_archive *plan_run(gen_contact *g, triage_stats *st)
{
    rig rg;
    rig_open(&rg);
    heap h = {NULL, 0, 0};
    planned_archive *plan = xcalloc(N_CONTACTS, sizeof *plan);
    size_t n_plan = 0;
    tousu_contact c;
    memset(&c, 0, sizeof c);
    c.struct_size = sizeof c;
    tousu_result r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    for (uint32_t i = 0; i < N_CONTACTS; i++) {
        while (h.n && h.a[0].due <= g[i].t) {
            uint32_t idx = heap_pop(&h).idx;
            plan[n_plan] = plan_archive(g, idx);
            archive_one(rg.e, &plan[n_plan++], st);
            if (g[i].archives_before == UINT16_MAX)
                die("too many archive calls before one contact", 0);
            g[i].archives_before++;
        }
        if (triage_one(rg.e, &c, &r, g, i, st) && g[i].archive_after_s)
            heap_push(&h, (due_archive){g[i].t + (int64_t)g[i].archive_after_s * 1000, i});
    }
    free(h.a);
    rig_close(&rg);
    return plan;
}

/* Pass 2 (timed): the same calls, in the same order, on a fresh engine. */
static void replay_run(tousu_engine *e, const gen_contact *g, const planned_archive *plan,
                       triage_stats *st)
{
    tousu_contact c;
    memset(&c, 0, sizeof c);
    c.struct_size = sizeof c;
    tousu_result r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    size_t k = 0;
    for (uint32_t i = 0; i < N_CONTACTS; i++) {
        for (uint32_t j = 0; j < g[i].archives_before; j++)
            archive_one(e, &plan[k++], st);
        (void)triage_one(e, &c, &r, g, i, st);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

enum { REPLAYS_MAX = 5 };

/* TOUSU_BENCH_REPLAYS=1..5 (default 5): fewer replays, e.g. under a
 * profiler. */
static int replays_wanted(void)
{
    const char *v = getenv("TOUSU_BENCH_REPLAYS");
    int n = v ? atoi(v) : REPLAYS_MAX;
    return n < 1 ? 1 : n > REPLAYS_MAX ? REPLAYS_MAX : n;
}

/*
 * The stream is replayed replays_wanted() times, each on a fresh engine and store.
 * This machine is shared: a neighbour can only slow a run down, so the
 * fastest replay is the library's rate (triage_rate), and the median shows
 * how much the others lost (triage_rate_median).
 */
static int bench_triage(void)
{
    gen_stats gs;
    gen_contact *g = generate(&gs);
    printf("# %d contacts, %u distinct customers, %u distinct matters, %u re-contacts, "
           "%u outages (%u contacts), %u late\n",
           N_CONTACTS, gs.distinct_customers, gs.distinct_matters, gs.recontacts, gs.bursts,
           gs.burst_contacts, gs.late);
    printf("# simulated span %.1f hours\n", (double)(g[N_CONTACTS - 1].t - START_MS) / 3600000.0);
    double rss_input = peak_rss_mb();

    triage_stats planned, st;
    memset(&planned, 0, sizeof planned);
    planned_archive *plan = plan_run(g, &planned);

    const int replays = replays_wanted();
    double wall[REPLAYS_MAX], cpu[REPLAYS_MAX], rss_end = -1.0;
    size_t store_bytes = 0;
    for (int k = 0; k < replays; k++) {
        memset(&st, 0, sizeof st);
        rig rg;
        rig_open(&rg);
        double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        replay_run(rg.e, g, plan, &st);
        wall[k] = clock_s(CLOCK_MONOTONIC) - t0;
        cpu[k] = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        rss_end = rss_now_mb();
        store_bytes = tousu_memstore_bytes(rg.ms);
        rig_close(&rg);
        if (memcmp(&planned, &st, sizeof st) != 0)
            die("a timed run differs from the planning run (non-deterministic engine?)", 0);
    }
    qsort(wall, (size_t)replays, sizeof wall[0], cmp_double);
    qsort(cpu, (size_t)replays, sizeof cpu[0], cmp_double);

    printf("# %d timed replays, each on a fresh engine; rates from the fastest and the median\n",
           replays);
    const char *tunables = getenv("GLIBC_TUNABLES"); /* e.g. huge pages for malloc */
    if (tunables)
        printf("# GLIBC_TUNABLES=%s\n", tunables);
    printf("bench triage_rate %.0f contacts/s\n", N_CONTACTS / wall[0]);
    printf("bench triage_rate_median %.0f contacts/s\n", N_CONTACTS / wall[replays / 2]);
    printf("bench triage_seconds %.3f s\n", wall[0]);
    printf("bench triage_cpu_rate %.0f contacts/s\n", N_CONTACTS / cpu[0]);
    printf("bench triage_peak_rss %.1f MB\n", peak_rss_mb());
    printf("bench triage_input_rss %.1f MB\n", rss_input);
    if (rss_end >= 0)
        printf("bench triage_rss_end %.1f MB\n", rss_end);
    printf("bench triage_store_bytes %zu bytes\n", store_bytes);
    printf("bench triage_batches %llu contacts\n", (unsigned long long)st.batches);
    printf("bench triage_batch_members %llu ids\n", (unsigned long long)st.members);
    printf("bench triage_repeats %llu contacts\n", (unsigned long long)st.repeats);
    printf("bench triage_followups %llu contacts\n", (unsigned long long)st.followups);
    printf("bench triage_urgent %llu contacts\n", (unsigned long long)st.urgent);
    printf("bench triage_archives %llu calls\n", (unsigned long long)st.archives);
    if (st.archive_misses)
        printf("# %llu archive calls found no open complaint\n",
               (unsigned long long)st.archive_misses);
    free(plan);
    free(g);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Mode 2: batch detection over a file of intake events                */
/* ------------------------------------------------------------------ */

typedef struct intake_event {
    int64_t t;
    uint32_t matter, customer, vip;
} intake_event;

enum { RECORD_BYTES = 24 };

/* Little-endian fields by shifts, so the reader works on any host. */
static uint64_t le_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint32_t le_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static intake_event *read_events(const char *path, size_t *n_out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    size_t cap = 1 << 16, n = 0;
    intake_event *ev = xcalloc(cap, sizeof *ev);
    unsigned char rec[RECORD_BYTES];
    size_t got;
    while ((got = fread(rec, 1, sizeof rec, f)) == sizeof rec) {
        if (n == cap) {
            cap *= 2;
            intake_event *grown = realloc(ev, cap * sizeof *ev);
            if (!grown) {
                fprintf(stderr, "bench_triage: out of memory\n");
                exit(1);
            }
            ev = grown;
        }
        ev[n].t = (int64_t)le_u64(rec); /* two's complement, as written */
        ev[n].matter = le_u32(rec + 8);
        ev[n].customer = le_u32(rec + 12);
        ev[n].vip = le_u32(rec + 16) != 0;
        n++;
    }
    if (got != 0 || ferror(f)) {
        fprintf(stderr, "bench_triage: %s: size is not a multiple of %d bytes\n", path,
                RECORD_BYTES);
        exit(1);
    }
    fclose(f);
    *n_out = n;
    return ev;
}

enum { WINDOW_MS = 3600000 };

/*
 * R-BAT-1..3 exactly as src/batch.c tz_batch_check does it, through the
 * memstore's ops: the window [t - 60 min, t] (inclusive) of the events
 * recorded so far, then e's own customer counted once (R-BAT-2), then the
 * default mixed threshold ordinary*5 + vip*10 > 50 (R-BAT-1).
 */
static int is_batch_with(const tousu_store_ops *ops, void *store, const intake_event *e)
{
    tousu_window w;
    memset(&w, 0, sizeof w);
    w.struct_size = sizeof w;
    int rc = ops->window(store, e->matter, e->t - WINDOW_MS, e->t, e->customer, &w);
    if (rc)
        die("store.window", rc);
    uint64_t ordinary = w.ordinary, vip = w.vip;
    if (!w.has_customer) {
        if (e->vip)
            vip++;
        else
            ordinary++;
    } else if (e->vip && !w.customer_is_vip && ordinary > 0) {
        ordinary--;
        vip++;
    }
    return ordinary * 5 + vip * 10 > 50;
}

static int bench_batch(const char *path)
{
    size_t n = 0;
    intake_event *ev = read_events(path, &n);
    /*
     * The memstore keeps a matter's events back to newest - (window + late
     * allowance) and drops older ones. A late event e needs [t(e) - window,
     * t(e)], which is all kept exactly when t(e) >= newest - late, i.e. when
     * e is at most TOUSU_P_BATCH_LATE_MS behind the newest event of its
     * matter read before it. The default allowance is 60 min; the file may
     * hold arbitrary lateness, so raise it to its maximum (30 days, see
     * tousu_param_bounds). Events later than that would see a truncated
     * window: they are counted and reported below (conservatively, against
     * the newest event of any matter) rather than silently miscounted.
     */
    tousu_policy *p = NULL;
    int rc = tousu_policy_new(&p);
    int64_t lo = 0, late_ms = 0;
    if (!rc)
        rc = tousu_param_bounds(TOUSU_P_BATCH_LATE_MS, &lo, &late_ms);
    if (!rc)
        rc = tousu_policy_set_int(p, TOUSU_P_BATCH_LATE_MS, late_ms);
    if (rc)
        die("policy", rc);
    tousu_memstore *ms = NULL;
    if ((rc = tousu_memstore_new(&ms, p)) != 0)
        die("tousu_memstore_new", rc);
    tousu_policy_free(p);
    const tousu_store_ops *ops = tousu_memstore_ops();

    tousu_intake in;
    memset(&in, 0, sizeof in);
    in.struct_size = sizeof in;
    in.in_window = 1;
    in.opens_complaint = 0;
    uint64_t triggers = 0, too_late = 0;
    int64_t newest = INT64_MIN;
    double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    for (size_t i = 0; i < n; i++) {
        const intake_event *e = &ev[i];
        triggers += (uint64_t)is_batch_with(ops, ms, e);
        in.contact_id = (uint64_t)i + 1;
        in.customer_id = e->customer;
        in.matter = e->matter;
        in.intake_ms = e->t;
        in.vip = (int32_t)e->vip;
        if ((rc = ops->record(ms, &in)) != 0)
            die("store.record", rc);
        if (newest != INT64_MIN && e->t < newest - late_ms)
            too_late++;
        if (e->t > newest)
            newest = e->t;
    }
    double dt = clock_s(CLOCK_MONOTONIC) - t0, dc = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    printf("# %zu events from %s\n", n, path);
    printf("bench batch_rate %.0f events/s\n", dt > 0 ? (double)n / dt : 0.0);
    printf("bench batch_cpu_rate %.0f events/s\n", dc > 0 ? (double)n / dc : 0.0);
    printf("bench batch_triggers %llu events\n", (unsigned long long)triggers);
    printf("bench batch_store_bytes %zu bytes\n", tousu_memstore_bytes(ms));
    printf("bench batch_peak_rss %.1f MB\n", peak_rss_mb());
    if (too_late)
        printf("# warning: %llu events were more than %lld ms late; their windows may be "
               "incomplete\n",
               (unsigned long long)too_late, (long long)late_ms);
    tousu_memstore_free(ms);
    free(ev);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2) {
        fprintf(stderr, "usage: %s [EVENTS_FILE]\n", argv[0]);
        return 2;
    }
    return argc == 2 ? bench_batch(argv[1]) : bench_triage();
}
