/*
 * bench_calendar.c - due-time computations per second on the built-in
 * Chinese business calendar (R-SLA-12), for the library and for the
 * minute-stepping reference of tests/calendar_ref.h, in the same run, for
 * targets of 30 working minutes, 24 working hours and 2 working weeks
 * (14 x 24 h of working time, about seven calendar weeks).
 *
 * Prints `bench <name> <value> <unit>` lines. The library's rate should not
 * fall as the target grows (its work does not depend on the target); the
 * reference's falls in proportion. Each figure is the best of five rounds
 * that interleave the targets. Optional argument: seconds per figure (1).
 * The results of both are compared, so the figures are of correct work.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../calendar_ref.h"

enum { STARTS = 4096 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile int64_t sink;

/* Calls per second over the starts during about `seconds`. */
static double rate(int lib, const tousu_calendar *cal, const int64_t *starts, int64_t n,
                   double seconds)
{
    long calls = 0;
    int64_t acc = 0;
    double t0 = now_s(), t1 = t0;
    while (t1 - t0 < seconds) {
        for (int i = 0; i < 64; i++, calls++) {
            int64_t s = starts[calls % STARTS], out = 0;
            if (lib)
                tousu_calendar_due(cal, s, n, &out);
            else
                out = ref_due(cal, s, n);
            acc += out;
        }
        t1 = now_s();
    }
    sink += acc;
    return (double)calls / (t1 - t0);
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 1.0; /* per figure */
    if (seconds <= 0)
        seconds = 1.0;
    tousu_calendar *cal = NULL;
    if (tousu_calendar_new_builtin_cn(&cal) != TOUSU_OK)
        return 1;
    /* Starts anywhere from 2024-01-02 to 2026-09-01 (+08:00), so that even
     * two working weeks end inside the table. */
    int64_t starts[STARTS];
    const int64_t lo = tz_days_from_civil(2024, 1, 2) * TZ_DAY_MS - 8 * TZ_HOUR_MS;
    const int64_t hi = tz_days_from_civil(2026, 9, 1) * TZ_DAY_MS - 8 * TZ_HOUR_MS;
    uint64_t seed = 7;
    for (int i = 0; i < STARTS; i++)
        starts[i] = lo + (int64_t)(ref_rand(&seed) % (uint64_t)(hi - lo));
    static const struct {
        const char *name;
        int64_t n;
    } targets[] = {
        {"30min", 30 * TZ_MINUTE_MS},
        {"24h", 24 * TZ_HOUR_MS},
        {"2w", 14 * 24 * TZ_HOUR_MS},
    };
    enum { NT = sizeof targets / sizeof targets[0], ROUNDS = 5 };
    for (size_t k = 0; k < NT; k++) /* the two agree before they are timed */
        for (int i = 0; i < 256; i++) {
            int64_t out = 0;
            if (tousu_calendar_due(cal, starts[i], targets[k].n, &out) != TOUSU_OK ||
                out != ref_due(cal, starts[i], targets[k].n)) {
                fprintf(stderr, "bench_calendar: library and reference disagree\n");
                return 1;
            }
        }
    /* Rounds interleave the targets so that a busy moment of the machine
     * does not land on one of them; each figure is its best round. */
    double best[NT][2] = {{0}};
    for (int round = 0; round < ROUNDS; round++)
        for (size_t k = 0; k < NT; k++)
            for (int lib = 1; lib >= 0; lib--) {
                double r = rate(lib, cal, starts, targets[k].n, seconds / ROUNDS);
                if (r > best[k][lib])
                    best[k][lib] = r;
            }
    for (size_t k = 0; k < NT; k++) {
        printf("bench due_lib_%s %.3g ops/s\n", targets[k].name, best[k][1]);
        printf("bench due_ref_%s %.3g ops/s\n", targets[k].name, best[k][0]);
    }
    tousu_calendar_free(cal);
    return 0;
}
