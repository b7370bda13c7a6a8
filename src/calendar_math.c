/*
 * calendar_math.c - due times and working time on a business calendar
 * (R-SLA-12), in time independent of their length.
 *
 * T(D) is the working time of every local day before day D, counted from
 * a fixed origin (only differences matter):
 *     T(D) = Reg(D) + Delta(D)
 * Reg(D) = whole weeks * week total + the weekday prefix of the last
 * partial week (one multiply); Delta(D) = the summed differences of the
 * special days before D (a prefix sum found by binary search). Because each
 * day's work ends before the next day's starts (tz_cal_check_order), the
 * working time up to an instant in local day L is
 *     W(x) = T(L-1) + (day L-1's spans up to x) + (day L's spans up to x)
 * and a due time is found by inverting T: binary search over the special
 * days for the stretch, then a division by the week total, then at most
 * seven weekday steps and one day's spans. No loop depends on the target.
 */
#include "sla_int.h"

bool tz_time_ok(int64_t t)
{
    return t >= TZ_TIME_MIN_MS && t < TZ_TIME_MAX_MS;
}

/* floor(a / 7): the compiler turns the constant division into a multiply. */
static inline int64_t div7(int64_t a)
{
    int64_t q = a / 7;
    return q - (a % 7 < 0);
}

static inline int64_t floor_day(int64_t x)
{
    int64_t q = x / TZ_DAY_MS;
    return q - (x % TZ_DAY_MS < 0);
}

static inline unsigned weekday(int64_t d)
{
    return (unsigned)(d + 4 - 7 * div7(d + 4)); /* 1970-01-01 was a Thursday */
}

/* Working time of the regular weekdays before day d. */
static inline int64_t reg(const tousu_calendar *cal, int64_t d)
{
    int64_t w = div7(d);
    return w * cal->week_ms + cal->pre[d - 7 * w];
}

int64_t tz_cal_reg(const tousu_calendar *cal, int64_t d)
{
    return reg(cal, d);
}

/* Working time of plan p (of the day starting at local ms day0) before x. */
static int64_t upto(const tz_dayplan *p, int64_t day0, int64_t x)
{
    int64_t sum = 0;
    for (int32_t i = 0; i < p->n; i++) {
        int64_t a = day0 + p->start[i] * TZ_MINUTE_MS;
        if (x <= a)
            break;
        int64_t b = day0 + p->end[i] * TZ_MINUTE_MS;
        sum += (x < b ? x : b) - a;
    }
    return sum;
}

static int covered(const tousu_calendar *cal, int64_t lo, int64_t hi)
{
    return lo >= cal->cov_lo && hi < cal->cov_hi ? TOUSU_OK : TOUSU_ENODATA;
}

/* The first local day whose hours can count after local instant x: the
 * day before while a span from it may still run past midnight. */
static int64_t first_day_after(const tousu_calendar *cal, int64_t x)
{
    int64_t L = floor_day(x);
    int64_t tod = x - L * TZ_DAY_MS;
    return (cal->carry_min > 0 && tod < cal->carry_min * TZ_MINUTE_MS) ? L - 1 : L;
}

/* The last local day whose hours can count before local instant x: day L
 * only once x is past the night spans of the day before (no day starts
 * working before they end). */
static int64_t last_day_before(const tousu_calendar *cal, int64_t x)
{
    int64_t L = floor_day(x);
    return x - L * TZ_DAY_MS > cal->carry_min * TZ_MINUTE_MS ? L : L - 1;
}

/* W at local instant x (ms since the local epoch). Callers check that the
 * days they difference over are covered: W itself is only a prefix sum. */
static int64_t work_at(const tousu_calendar *cal, int64_t x)
{
    int64_t L = floor_day(x);
    size_t i = tz_cal_lower_bound(cal, L - 1);
    const tz_dayplan *prev = &cal->week[weekday(L - 1)];
    const tz_dayplan *cur = &cal->week[weekday(L)];
    int64_t t_prev = reg(cal, L - 1) + cal->scum[i];
    size_t j = i;
    if (j < cal->n_special && cal->sday[j] == L - 1)
        prev = &cal->spec[j++].plan;
    if (j < cal->n_special && cal->sday[j] == L)
        cur = &cal->spec[j].plan;
    return t_prev + upto(prev, (L - 1) * TZ_DAY_MS, x) + upto(cur, L * TZ_DAY_MS, x);
}

/* The last day D with T(D) < X, X - T(D) (the part of X inside day D) and
 * D's plan. */
static int invert(const tousu_calendar *cal, int64_t X, int64_t *day, int64_t *rem,
                  const tz_dayplan **plan)
{
    /* first special day k with T(sday[k]) >= X (branch-free halving) */
    size_t k = 0, n = cal->n_special;
    if (n > 0) {
        const int64_t *a = cal->sT, *b = a;
        while (n > 1) {
            size_t half = n / 2;
            b += b[half - 1] < X ? half : 0;
            n -= half;
        }
        k = (size_t)(b - a) + (*b < X);
    }
    if (k > 0) { /* is it inside the special day just before? */
        int64_t s = cal->sday[k - 1];
        if (reg(cal, s + 1) + cal->scum[k] >= X) { /* T(s + 1), compact arrays only */
            *day = s;
            *rem = X - cal->sT[k - 1];
            *plan = &cal->spec[k - 1].plan;
            return TOUSU_OK;
        }
    }
    /* Regular days between special days k-1 and k: T(D) = Reg(D) + scum[k]. */
    if (cal->week_ms == 0)
        return TOUSU_ERANGE; /* no working time ahead */
    int64_t x = X - cal->scum[k];
    int64_t w = tz_floor_div(x - 1, cal->week_ms);
    int64_t r = x - 1 - w * cal->week_ms;
    int i = 6;
    while (cal->pre[i] > r)
        i--;
    *day = 7 * w + i;
    *rem = x - (w * cal->week_ms + cal->pre[i]);
    *plan = &cal->week[weekday(*day)];
    return TOUSU_OK;
}

/* R-SLA-12 */
int tz_cal_due(const tousu_calendar *cal, int64_t start, int64_t n, int64_t *out)
{
    if (!tz_time_ok(start) || n < 0 || n > TZ_TIME_MAX_MS)
        return TOUSU_ERANGE;
    if (n == 0) {
        *out = start; /* a target of 0 is due at once */
        return TOUSU_OK;
    }
    if (!cal || cal->is_24x7) {
        if (start + n >= TZ_TIME_MAX_MS)
            return TOUSU_ERANGE;
        *out = start + n;
        return TOUSU_OK;
    }
    const int64_t off = (int64_t)cal->offset_min * TZ_MINUTE_MS;
    int64_t day, rem;
    const tz_dayplan *p;
    int rc = invert(cal, work_at(cal, start + off) + n, &day, &rem, &p);
    if (rc != TOUSU_OK)
        return rc;
    /* Every day from the start to the due day must be known. */
    if (covered(cal, first_day_after(cal, start + off), day) != TOUSU_OK)
        return TOUSU_ENODATA;
    int64_t local = day * TZ_DAY_MS;
    for (int32_t i = 0; i < p->n; i++) {
        int64_t len = (p->end[i] - p->start[i]) * TZ_MINUTE_MS;
        if (rem <= len || i == p->n - 1) {
            local += p->start[i] * TZ_MINUTE_MS + rem;
            break;
        }
        rem -= len;
    }
    int64_t t = local - off;
    if (!tz_time_ok(t))
        return TOUSU_ERANGE;
    *out = t;
    return TOUSU_OK;
}

/* R-SLA-12 */
int tz_cal_working(const tousu_calendar *cal, int64_t from, int64_t to, int64_t *out)
{
    if (!tz_time_ok(from) || !tz_time_ok(to) || from > to)
        return TOUSU_ERANGE;
    if (!cal || cal->is_24x7) {
        *out = to - from;
        return TOUSU_OK;
    }
    const int64_t off = (int64_t)cal->offset_min * TZ_MINUTE_MS;
    int64_t lo = first_day_after(cal, from + off), hi = last_day_before(cal, to + off);
    if (hi >= lo && covered(cal, lo, hi) != TOUSU_OK)
        return TOUSU_ENODATA;
    *out = work_at(cal, to + off) - work_at(cal, from + off);
    return TOUSU_OK;
}

int tousu_calendar_due(const tousu_calendar *cal, int64_t start_ms, int64_t working_ms,
                       int64_t *out)
{
    if (!cal || !out)
        return TOUSU_EINVAL;
    return tz_cal_due(cal, start_ms, working_ms, out);
}

int tousu_calendar_working_ms(const tousu_calendar *cal, int64_t from_ms, int64_t to_ms,
                              int64_t *out)
{
    if (!cal || !out)
        return TOUSU_EINVAL;
    return tz_cal_working(cal, from_ms, to_ms, out);
}
