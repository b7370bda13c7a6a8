/*
 * calendar_ref.h - the slow reference for business-calendar arithmetic
 * (R-SLA-12), shared by tests/test_calendar.c and
 * tests/bench/bench_calendar.c. It steps minute by minute and asks of each
 * local minute "is this working time?", looking the day up by a linear
 * scan of the special days: none of the prefix sums, binary searches or
 * week arithmetic of src/calendar_math.c, so the two can only agree when
 * both are right.
 */
#ifndef TOUSU_CALENDAR_REF_H
#define TOUSU_CALENDAR_REF_H

#include "sla_int.h"

typedef struct ref_cal {
    const tousu_calendar *cal;
    int64_t day;                    /* the local day cached below */
    const tz_dayplan *cur, *prev;   /* its plan and the day before's */
} ref_cal;

static inline const tz_dayplan *ref_plan(const tousu_calendar *cal, int64_t day)
{
    for (size_t i = 0; i < cal->n_special; i++)
        if (cal->sday[i] == day)
            return &cal->spec[i].plan;
    int64_t w = (day + 4) % 7; /* 1970-01-01 was a Thursday */
    return &cal->week[w < 0 ? w + 7 : w];
}

static inline void ref_init(ref_cal *r, const tousu_calendar *cal)
{
    r->cal = cal;
    r->day = INT64_MIN;
    r->cur = r->prev = NULL;
}

/* Is the local minute number lm working time? */
static inline int ref_is_working(ref_cal *r, int64_t lm)
{
    int64_t day = lm >= 0 ? lm / 1440 : -((-lm + 1439) / 1440);
    int64_t mod = lm - day * 1440;
    if (day != r->day) {
        r->day = day;
        r->cur = ref_plan(r->cal, day);
        r->prev = ref_plan(r->cal, day - 1);
    }
    for (int32_t i = 0; i < r->cur->n; i++)
        if (mod >= r->cur->start[i] && mod < r->cur->end[i])
            return 1;
    for (int32_t i = 0; i < r->prev->n; i++) /* a span of yesterday past midnight */
        if (mod + 1440 >= r->prev->start[i] && mod + 1440 < r->prev->end[i])
            return 1;
    return 0;
}

static inline int64_t ref_floor(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Due = the earliest instant after `n` ms of working time from start. */
static inline int64_t ref_due(const tousu_calendar *cal, int64_t start, int64_t n)
{
    if (n == 0)
        return start;
    const int64_t M = 60000, off = (int64_t)cal->offset_min * M;
    ref_cal r;
    ref_init(&r, cal);
    int64_t x = start + off;
    int64_t lm = ref_floor(x, M);
    int64_t rem = n;
    if (ref_is_working(&r, lm)) {
        int64_t avail = (lm + 1) * M - x;
        if (rem <= avail)
            return x + rem - off;
        rem -= avail;
    }
    for (lm++;; lm++) {
        if (!ref_is_working(&r, lm))
            continue;
        if (rem <= M)
            return lm * M + rem - off;
        rem -= M;
    }
}

/* Working ms in [from, to). */
static inline int64_t ref_working(const tousu_calendar *cal, int64_t from, int64_t to)
{
    const int64_t M = 60000, off = (int64_t)cal->offset_min * M;
    ref_cal r;
    ref_init(&r, cal);
    int64_t x = from + off, y = to + off, sum = 0;
    for (int64_t lm = ref_floor(x, M); lm * M < y; lm++) {
        if (!ref_is_working(&r, lm))
            continue;
        int64_t a = lm * M > x ? lm * M : x;
        int64_t b = (lm + 1) * M < y ? (lm + 1) * M : y;
        sum += b - a;
    }
    return sum;
}

/* A small deterministic generator (xorshift64*). */
static inline uint64_t ref_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

#endif
