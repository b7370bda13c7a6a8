/*
 * civil.c - proleptic Gregorian date arithmetic on day numbers, and the
 * calendar-month subtraction of R-REP-2. Branch-light and O(1): the
 * day-number conversions follow the well-known era/day-of-era method.
 */
#include "internal.h"

/* The helpers are inlined with constant divisors, so the compiler turns
 * each division into a multiplication (a 64-bit divide costs tens of
 * cycles, and R-REP-2 runs tz_minus_months for every complaint). */
static inline int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t tz_floor_div(int64_t a, int64_t b)
{
    return floor_div(a, b);
}

bool tz_is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned tz_days_in_month(int64_t y, unsigned m)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return (m == 2 && tz_is_leap(y)) ? 29u : days[m - 1];
}

int64_t tz_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = floor_div(y, 400);
    const int64_t yoe = y - era * 400;                                 /* [0, 399] */
    const int64_t mp = (int64_t)m + (m > 2 ? -3 : 9);                  /* March = 0 */
    const int64_t doy = (153 * mp + 2) / 5 + (int64_t)d - 1;           /* [0, 365] */
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* The same for a valid date (1 <= m <= 12, 1 <= d <= 31): within an era
 * every quantity is small and non-negative, and 32-bit unsigned
 * arithmetic gives the same values with cheaper divisions. */
static inline int64_t days_from_valid_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = floor_div(y, 400);
    const uint32_t yoe = (uint32_t)(y - era * 400);                    /* [0, 399] */
    const uint32_t mp = m + (m > 2 ? 0u : 12u) - 3u;                   /* March = 0 */
    const uint32_t doy = (153 * mp + 2) / 5 + d - 1;                   /* [0, 365] */
    const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        /* [0, 146096] */
    return era * 146097 + (int64_t)doe - 719468;
}

/* (Likewise in 32 bits within the era: valid for every z.) */
static inline void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = floor_div(z, 146097);
    const uint32_t doe = (uint32_t)(z - era * 146097);                 /* [0, 146096] */
    const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);      /* [0, 365] */
    const uint32_t mp = (5 * doy + 2) / 153;                           /* [0, 11] */
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

void tz_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    civil_from_days(z, y, m, d);
}

unsigned tz_weekday_from_days(int64_t z)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = (z + 4) % 7;
    return (unsigned)(w < 0 ? w + 7 : w);
}

/* R-REP-2 */
int64_t tz_minus_months(int64_t t_ms, int64_t months, int64_t utc_offset_min)
{
    const int64_t day_ms = INT64_C(86400000);
    const int64_t local = t_ms + utc_offset_min * TZ_MINUTE_MS;
    const int64_t days = floor_div(local, day_ms);
    const int64_t time_of_day = local - days * day_ms;
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    int64_t month_index = y * 12 + (int64_t)(m - 1) - months;
    int64_t ny = floor_div(month_index, 12);
    unsigned nm = (unsigned)(month_index - ny * 12 + 1);
    unsigned last = tz_days_in_month(ny, nm);
    unsigned nd = d > last ? last : d;
    return days_from_valid_civil(ny, nm, nd) * day_ms + time_of_day -
           utc_offset_min * TZ_MINUTE_MS;
}

void tz_months_memo_init(tz_months_memo *m)
{
    m->lo = 1;
    m->hi = 0;
    m->base = m->months = m->offset = 0;
}

int64_t tz_minus_months_fill(tz_months_memo *m, int64_t t_ms, int64_t months,
                             int64_t utc_offset_min)
{
    const int64_t day_ms = INT64_C(86400000), offset_ms = utc_offset_min * TZ_MINUTE_MS;
    m->lo = floor_div(t_ms + offset_ms, day_ms) * day_ms - offset_ms;
    m->hi = m->lo + day_ms;
    m->months = months;
    m->offset = utc_offset_min;
    m->base = tz_minus_months(m->lo, months, utc_offset_min);
    return m->base + (t_ms - m->lo);
}
