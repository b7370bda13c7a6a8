/*
 * calendar_explain.c - "why is this due on the 9th?" (R-SLA-12): the days
 * from a start to its due time, with the spans counted and the days
 * skipped and why; and the small text helpers (snprintf-semantics buffer,
 * local times, durations) the SLA explanations share.
 */
#include "sla_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- text buffer ---------- */

void tz_sb_init(tz_sbuf *b, char *p, size_t cap)
{
    b->p = p;
    b->cap = cap;
    b->len = 0;
    if (p && cap)
        p[0] = '\0';
}

void tz_sb_addn(tz_sbuf *b, const char *s, size_t n)
{
    if (b->p && b->len + 1 < b->cap) {
        size_t room = b->cap - 1 - b->len;
        size_t k = n < room ? n : room;
        memcpy(b->p + b->len, s, k);
        b->p[b->len + k] = '\0';
    }
    b->len += n;
}

void tz_sb_add(tz_sbuf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    /* Callers format short pieces; a longer one is cut, never overflowed. */
    size_t k = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    tz_sb_addn(b, tmp, k);
}

int tz_sb_finish(tz_sbuf *b, size_t *needed)
{
    *needed = b->len;
    if (b->len >= b->cap) {
        if (b->p && b->cap)
            b->p[b->cap - 1] = '\0';
        return TOUSU_ENOSPACE;
    }
    return TOUSU_OK;
}

/* "HH:MM" with ":SS.mmm" when not on a whole minute; ms within a day. */
static void sb_tod(tz_sbuf *b, int64_t ms)
{
    int64_t min = ms / TZ_MINUTE_MS, rest = ms % TZ_MINUTE_MS;
    tz_sb_add(b, "%02d:%02d", (int)(min / 60), (int)(min % 60));
    if (rest)
        tz_sb_add(b, ":%02d.%03d", (int)(rest / 1000), (int)(rest % 1000));
}

static void sb_date(tz_sbuf *b, int64_t day)
{
    static const char *const wd[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    int64_t y;
    unsigned m, d;
    tz_civil_from_days(day, &y, &m, &d);
    tz_sb_add(b, "%04d-%02u-%02u %s", (int)y, m, d, wd[tz_weekday_from_days(day)]);
}

void tz_sb_time(tz_sbuf *b, int64_t t, int32_t offset_min)
{
    int64_t local = t + (int64_t)offset_min * TZ_MINUTE_MS;
    int64_t day = tz_floor_div(local, TZ_DAY_MS);
    int64_t y;
    unsigned m, d;
    tz_civil_from_days(day, &y, &m, &d);
    tz_sb_add(b, "%04d-%02u-%02u ", (int)y, m, d);
    sb_tod(b, local - day * TZ_DAY_MS);
}

/* "2 d 3 h 30 min", or with days_too 0 "51 h 30 min" (working time reads
 * better in hours: a working day is not 24 of them). */
static void sb_span(tz_sbuf *b, int64_t ms, int days_too)
{
    if (ms < 0) {
        tz_sb_add(b, "-");
        ms = -ms;
    }
    int64_t d = days_too ? ms / TZ_DAY_MS : 0;
    int64_t h = ms / TZ_HOUR_MS - d * 24, mi = ms / TZ_MINUTE_MS % 60;
    int64_t rest = ms % TZ_MINUTE_MS;
    const char *sep = "";
    if (d) {
        tz_sb_add(b, "%lld d", (long long)d);
        sep = " ";
    }
    if (h) {
        tz_sb_add(b, "%s%lld h", sep, (long long)h);
        sep = " ";
    }
    if (mi || (!d && !h && !rest)) {
        tz_sb_add(b, "%s%lld min", sep, (long long)mi);
        sep = " ";
    }
    if (rest)
        tz_sb_add(b, "%s%lld.%03lld s", sep, (long long)(rest / 1000), (long long)(rest % 1000));
}

void tz_sb_duration(tz_sbuf *b, int64_t ms)
{
    sb_span(b, ms, 1);
}

static void sb_hours(tz_sbuf *b, int64_t ms)
{
    sb_span(b, ms, 0);
}

/* ---------- due-time explanation ---------- */

/* Why a day has the hours it has. */
static void sb_why(tz_sbuf *b, const tz_special *sp, const tz_dayplan *p)
{
    if (sp && sp->kind == TOUSU_DAY_HOLIDAY)
        tz_sb_add(b, "public holiday");
    else if (sp && sp->kind == TOUSU_DAY_MAKEUP)
        tz_sb_add(b, "make-up working day (调休)");
    else if (sp)
        tz_sb_add(b, "hours of its own");
    else
        tz_sb_add(b, p->n ? "working day" : "day off (weekend)");
    if (sp && sp->name_len) {
        tz_sb_add(b, " ");
        tz_sb_addn(b, sp->name, sp->name_len);
    }
}

/* One day: the parts of its spans inside [from, to] (local ms). */
static void explain_day(tz_sbuf *b, const tousu_calendar *cal, int64_t day, int64_t from,
                        int64_t to)
{
    const tz_special *sp;
    const tz_dayplan *p = tz_cal_plan_of(cal, day, &sp);
    const int64_t day0 = day * TZ_DAY_MS;
    int64_t sum = 0;
    sb_date(b, day);
    tz_sb_add(b, "  ");
    sb_why(b, sp, p);
    for (int32_t i = 0; i < p->n; i++) {
        int64_t a = day0 + p->start[i] * TZ_MINUTE_MS, e = day0 + p->end[i] * TZ_MINUTE_MS;
        if (a < from)
            a = from;
        if (e > to)
            e = to;
        if (a >= e)
            continue;
        tz_sb_add(b, sum ? ", " : ": counted ");
        sb_tod(b, a - day0);
        tz_sb_add(b, "-");
        sb_tod(b, e - day0 >= TZ_DAY_MS ? e - day0 - TZ_DAY_MS : e - day0);
        if (e - day0 > TZ_DAY_MS)
            tz_sb_add(b, " next day");
        sum += e - a;
    }
    if (sum) {
        tz_sb_add(b, " (");
        sb_hours(b, sum);
        tz_sb_add(b, ")\n");
    } else {
        tz_sb_add(b, p->n ? ": nothing counted (outside its hours)\n" : ": skipped\n");
    }
}

/* How many days of [a, b] fall on weekday w (0 = Sunday). */
static int64_t count_weekday(int64_t a, int64_t b, int w)
{
    int64_t c = (w + 3) % 7; /* day numbers d with weekday w are d = c mod 7 */
    return tz_floor_div(b - c, 7) - tz_floor_div(a - 1 - c, 7);
}

/* A run of ordinary days [a, b], all counted in full. */
static void explain_run(tz_sbuf *b, const tousu_calendar *cal, int64_t a, int64_t e)
{
    int64_t work_days = 0, off_days = 0, ms = 0;
    for (int w = 0; w < 7; w++) {
        int64_t n = count_weekday(a, e, w);
        if (cal->week[w].n)
            work_days += n;
        else
            off_days += n;
        ms += n * cal->week[w].total_ms;
    }
    sb_date(b, a);
    tz_sb_add(b, " .. ");
    sb_date(b, e);
    tz_sb_add(b, ": %lld ordinary working day%s counted in full (", (long long)work_days,
              work_days == 1 ? "" : "s");
    sb_hours(b, ms);
    tz_sb_add(b, "), %lld day%s off skipped\n", (long long)off_days, off_days == 1 ? "" : "s");
}

int tz_cal_explain_into(const tousu_calendar *cal, int64_t start, int64_t n, tz_sbuf *b)
{
    int64_t due;
    int rc = tz_cal_due(cal, start, n, &due);
    if (rc != TOUSU_OK)
        return rc;
    const int32_t off_min = cal ? cal->offset_min : 0;
    tz_sb_add(b, "due ");
    tz_sb_time(b, due, off_min);
    tz_sb_add(b, " (UTC%c%02d:%02d): ", off_min < 0 ? '-' : '+', abs(off_min) / 60,
              abs(off_min) % 60);
    sb_hours(b, n);
    tz_sb_add(b, " of %s time from ", !cal || cal->is_24x7 ? "24x7" : "working");
    tz_sb_time(b, start, off_min);
    tz_sb_add(b, "\n");
    if (!cal || cal->is_24x7 || n == 0) {
        tz_sb_add(b, n == 0 ? "a target of 0 is due at its start\n"
                            : "24x7: every instant counts, due = start + target\n");
        return TOUSU_OK;
    }
    const int64_t off = (int64_t)off_min * TZ_MINUTE_MS;
    const int64_t from = start + off, to = due + off;
    int64_t first = tz_floor_div(from, TZ_DAY_MS), last = tz_floor_div(to - 1, TZ_DAY_MS);
    if (cal->carry_min > 0) {
        /* The night before counts when one of its spans is still running. */
        const tz_dayplan *p = tz_cal_plan_of(cal, first - 1, NULL);
        if (p->n && (first - 1) * TZ_DAY_MS + p->end[p->n - 1] * TZ_MINUTE_MS > from)
            first--;
    }
    const bool long_range = last - first + 1 > 31;
    for (int64_t d = first; d <= last;) {
        size_t k = tz_cal_lower_bound(cal, d);
        bool special = k < cal->n_special && cal->sday[k] == d;
        if (!long_range || special || d == first || d == last) {
            explain_day(b, cal, d, from, to);
            d++;
            continue;
        }
        /* Summarise ordinary days up to the next special day or the last. */
        int64_t e = last - 1;
        if (k < cal->n_special && cal->sday[k] - 1 < e)
            e = cal->sday[k] - 1;
        if (e == d)
            explain_day(b, cal, d, from, to);
        else
            explain_run(b, cal, d, e);
        d = e + 1;
    }
    tz_sb_add(b, "total ");
    sb_hours(b, n);
    tz_sb_add(b, " counted over %lld calendar days\n", (long long)(last - first + 1));
    return TOUSU_OK;
}

int tousu_calendar_explain_due(const tousu_calendar *cal, int64_t start_ms, int64_t working_ms,
                               char *buf, size_t cap, size_t *needed)
{
    if (!cal || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    tz_sbuf b;
    tz_sb_init(&b, buf, cap);
    int rc = tz_cal_explain_into(cal, start_ms, working_ms, &b);
    if (rc != TOUSU_OK) {
        *needed = 0;
        return rc;
    }
    return tz_sb_finish(&b, needed);
}
