/*
 * calendar.c - the business calendar object (R-SLA-12, R-POL-3): weekday
 * spans, holidays, make-up working days (调休), per-date overrides, the
 * UTC offset and the covered years; the per-day lookup. The time
 * arithmetic lives in calendar_math.c, the explanation in
 * calendar_explain.c, the built-in Chinese table in data/holidays_cn.c.
 *
 * After every change compile refreshes the derived numbers the arithmetic
 * needs (week total, weekday prefix sums, the sorted special days and the
 * prefix sums of their differences), so reading never has to recompute
 * anything.
 *
 * The built-in Chinese calendar is made on every policy (R-POL-3), so it
 * must be cheap: its special-day arrays, derived numbers included, are
 * static data generated with the table (data/holidays_cn.c) and are only
 * referenced (`borrowed`); the first change that touches them copies them.
 * A calendar without special days borrows empty arrays the same way.
 */
#include "sla_int.h"

#include <string.h>

#define DAY_NONE_LO INT64_C(-1000000000)
#define DAY_NONE_HI INT64_C(1000000000)

/* ---------- spans ---------- */

static int64_t plan_total(const tz_dayplan *p)
{
    int64_t t = 0;
    for (int32_t i = 0; i < p->n; i++)
        t += (int64_t)(p->end[i] - p->start[i]) * TZ_MINUTE_MS;
    return t;
}

static void set_plan(tz_dayplan *p, int32_t start, int32_t end)
{
    memset(p, 0, sizeof *p);
    p->n = 1;
    p->start[0] = start;
    p->end[0] = end;
    p->total_ms = plan_total(p);
}

/* Read n start,end pairs into *out: an end at or before its start runs past
 * midnight; sorted; no overlap. */
static int parse_spans(tz_error *e, const int32_t *spans, size_t n, tz_dayplan *out)
{
    memset(out, 0, sizeof *out);
    if (n > TZ_CAL_MAX_SPANS)
        return tz_fail(e, TOUSU_ERANGE, "spans: %zu given, at most %d", n, TZ_CAL_MAX_SPANS);
    if (n > 0 && !spans)
        return tz_fail(e, TOUSU_EINVAL, "spans: NULL with n = %zu", n);
    for (size_t i = 0; i < n; i++) {
        int32_t s = spans[2 * i], en = spans[2 * i + 1];
        if (s < 0 || s >= TZ_DAY_MIN || en < 0 || en > 2 * TZ_DAY_MIN)
            return tz_fail(e, TOUSU_ERANGE, "span %zu: %d-%d outside 0..1439 / 0..2880", i, s,
                           en);
        if (en <= s)
            en += TZ_DAY_MIN; /* crosses midnight */
        if (en - s > TZ_DAY_MIN || en > 2 * TZ_DAY_MIN)
            return tz_fail(e, TOUSU_ERANGE, "span %zu: longer than a day", i);
        /* insertion sort by start */
        int32_t k = out->n;
        while (k > 0 && out->start[k - 1] > s) {
            out->start[k] = out->start[k - 1];
            out->end[k] = out->end[k - 1];
            k--;
        }
        out->start[k] = s;
        out->end[k] = en;
        out->n++;
    }
    for (int32_t i = 0; i + 1 < out->n; i++)
        if (out->end[i] > out->start[i + 1])
            return tz_fail(e, TOUSU_EINVAL, "spans overlap at minute %d", out->start[i + 1]);
    out->total_ms = plan_total(out);
    return TOUSU_OK;
}

/* ---------- derived numbers ---------- */

/* Each day's work must come before the next day's: the part of any span
 * after midnight ends no later than the first span of any day begins. This
 * is what lets the arithmetic sum whole days (docs/calendar.md). */
static int check_order(tousu_calendar *cal)
{
    int32_t carry = 0, first = TZ_DAY_MIN;
    for (size_t i = 0; i < 7 + cal->n_special; i++) {
        const tz_dayplan *p = i < 7 ? &cal->week[i] : &cal->spec[i - 7].plan;
        if (p->n == 0)
            continue;
        if (p->start[0] < first)
            first = p->start[0];
        if (p->end[p->n - 1] - TZ_DAY_MIN > carry)
            carry = p->end[p->n - 1] - TZ_DAY_MIN;
    }
    if (carry > first)
        return tz_fail(&cal->err, TOUSU_EINVAL,
                       "a span runs to %02d:%02d past midnight, after a day's first span "
                       "at %02d:%02d",
                       carry / 60, carry % 60, first / 60, first % 60);
    cal->carry_min = carry;
    return TOUSU_OK;
}

static void compile_week(tousu_calendar *cal)
{
    cal->week_ms = 0;
    cal->pre[0] = 0;
    for (int i = 0; i < 7; i++) {
        cal->week[i].total_ms = plan_total(&cal->week[i]);
        cal->week_ms += cal->week[i].total_ms;
    }
    /* Day 0 (1970-01-01) is a Thursday. */
    for (int i = 0; i < 7; i++)
        cal->pre[i + 1] = cal->pre[i] + cal->week[(4 + i) % 7].total_ms;
}

/* The special days from index `from` on (a change at index i leaves the
 * prefix sums before it alone, so adding days in date order costs O(1)
 * each). Borrowed arrays already hold these numbers for the default week,
 * and every change of the week or the days copies them first. */
static void compile_days(tousu_calendar *cal, size_t from)
{
    if (cal->borrowed)
        return;
    for (size_t i = from; i < cal->n_special; i++) {
        tz_special *s = &cal->spec[i];
        if (s->kind == TOUSU_DAY_MAKEUP)
            s->plan = cal->week[cal->makeup_weekday];
        s->plan.total_ms = plan_total(&s->plan);
        s->delta_ms = s->plan.total_ms - cal->week[tz_weekday_from_days(cal->sday[i])].total_ms;
        cal->scum[i + 1] = cal->scum[i] + s->delta_ms;
        cal->sT[i] = tz_cal_reg(cal, cal->sday[i]) + cal->scum[i];
    }
}

static void compile_cov(tousu_calendar *cal)
{
    if (cal->first_year) {
        cal->cov_lo = tz_days_from_civil(cal->first_year, 1, 1);
        cal->cov_hi = tz_days_from_civil((int64_t)cal->last_year + 1, 1, 1);
    } else {
        cal->cov_lo = DAY_NONE_LO;
        cal->cov_hi = DAY_NONE_HI;
    }
}

static void compile(tousu_calendar *cal)
{
    compile_week(cal);
    compile_days(cal, 0);
    compile_cov(cal);
}

/* ---------- special days ---------- */

/* Index of the first special day >= day. Branch-free halving: the loop
 * runs log2(n) times whatever the key, and compiles to conditional moves. */
size_t tz_cal_lower_bound(const tousu_calendar *cal, int64_t day)
{
    const int64_t *a = cal->sday, *b = a;
    size_t n = cal->n_special;
    if (n == 0)
        return 0;
    while (n > 1) {
        size_t half = n / 2;
        b += b[half - 1] < day ? half : 0;
        n -= half;
    }
    return (size_t)(b - a) + (*b < day);
}

/* The borrowed arrays of a calendar without special days. */
static const int64_t no_sum[1] = {0};

static void borrow(tousu_calendar *cal, const int64_t *sday, const tz_special *spec,
                   const int64_t *scum, const int64_t *sT, size_t n)
{
    /* Never written through while borrowed (unshare copies first). */
    cal->sday = (int64_t *)(uintptr_t)sday;
    cal->spec = (tz_special *)(uintptr_t)spec;
    cal->scum = (int64_t *)(uintptr_t)scum;
    cal->sT = (int64_t *)(uintptr_t)sT;
    cal->n_special = n;
    cal->cap_special = 0;
    cal->borrowed = 1;
}

static void free_days(tousu_calendar *cal)
{
    if (cal->borrowed)
        return;
    tz_free(&cal->alloc, cal->sday);
    tz_free(&cal->alloc, cal->scum);
    tz_free(&cal->alloc, cal->sT);
    tz_free(&cal->alloc, cal->spec);
}

/* Give the calendar arrays of its own before a change. On failure nothing
 * changes. */
static int unshare(tousu_calendar *cal)
{
    if (!cal->borrowed)
        return TOUSU_OK;
    size_t n = cal->n_special, cap = 64;
    while (cap < n)
        cap *= 2;
    tousu_calendar own = *cal;
    own.sday = tz_malloc(&cal->alloc, cap * sizeof *own.sday);
    own.scum = tz_malloc(&cal->alloc, (cap + 1) * sizeof *own.scum);
    own.sT = tz_malloc(&cal->alloc, cap * sizeof *own.sT);
    own.spec = tz_malloc(&cal->alloc, cap * sizeof *own.spec);
    own.borrowed = 0;
    if (!own.sday || !own.scum || !own.sT || !own.spec) {
        free_days(&own);
        return tz_fail(&cal->err, TOUSU_ENOMEM, "out of memory");
    }
    if (n > 0) {
        memcpy(own.sday, cal->sday, n * sizeof *own.sday);
        memcpy(own.sT, cal->sT, n * sizeof *own.sT);
        memcpy(own.spec, cal->spec, n * sizeof *own.spec);
    }
    memcpy(own.scum, cal->scum, (n + 1) * sizeof *own.scum);
    cal->sday = own.sday;
    cal->scum = own.scum;
    cal->sT = own.sT;
    cal->spec = own.spec;
    cal->cap_special = cap;
    cal->borrowed = 0;
    return TOUSU_OK;
}

static int reserve(tousu_calendar *cal, size_t want)
{
    if (want <= cal->cap_special)
        return TOUSU_OK;
    size_t cap = cal->cap_special ? cal->cap_special * 2 : 64;
    while (cap < want)
        cap *= 2;
    size_t old = cal->cap_special;
    int64_t *d = tz_realloc(&cal->alloc, cal->sday, old * sizeof *d, cap * sizeof *d);
    if (!d)
        return TOUSU_ENOMEM;
    cal->sday = d;
    int64_t *c = tz_realloc(&cal->alloc, cal->scum, (old + 1) * sizeof *c, (cap + 1) * sizeof *c);
    if (!c)
        return TOUSU_ENOMEM;
    cal->scum = c;
    int64_t *t = tz_realloc(&cal->alloc, cal->sT, old * sizeof *t, cap * sizeof *t);
    if (!t)
        return TOUSU_ENOMEM;
    cal->sT = t;
    tz_special *s = tz_realloc(&cal->alloc, cal->spec, old * sizeof *s, cap * sizeof *s);
    if (!s)
        return TOUSU_ENOMEM;
    cal->spec = s;
    cal->cap_special = cap;
    return TOUSU_OK;
}

/* Insert or replace the entry of `day`; kind REGULAR removes it. *at
 * receives the index from which the derived numbers must be refreshed. */
static int put_special(tousu_calendar *cal, int64_t day, const tz_special *entry, size_t *at)
{
    size_t i = tz_cal_lower_bound(cal, day);
    *at = i;
    bool found = i < cal->n_special && cal->sday[i] == day;
    if (!found && entry->kind == TOUSU_DAY_REGULAR)
        return TOUSU_OK;
    int rc = unshare(cal);
    if (rc != TOUSU_OK)
        return rc;
    if (entry->kind == TOUSU_DAY_REGULAR) {
        if (found) {
            memmove(&cal->sday[i], &cal->sday[i + 1], (cal->n_special - i - 1) * sizeof(int64_t));
            memmove(&cal->spec[i], &cal->spec[i + 1],
                    (cal->n_special - i - 1) * sizeof(tz_special));
            cal->n_special--;
        }
        return TOUSU_OK;
    }
    if (!found) {
        if (reserve(cal, cal->n_special + 1) != TOUSU_OK)
            return tz_fail(&cal->err, TOUSU_ENOMEM, "out of memory");
        memmove(&cal->sday[i + 1], &cal->sday[i], (cal->n_special - i) * sizeof(int64_t));
        memmove(&cal->spec[i + 1], &cal->spec[i], (cal->n_special - i) * sizeof(tz_special));
        cal->n_special++;
        cal->sday[i] = day;
    }
    cal->spec[i] = *entry;
    return TOUSU_OK;
}

/* ---------- object ---------- */

static void init(tousu_calendar *cal, const tz_alloc *a, int is_24x7)
{
    memset(cal, 0, sizeof *cal);
    cal->alloc = *a;
    cal->refs = 1;
    cal->offset_min = TZ_DEFAULT_UTC_OFFSET_MIN;   /* R-SLA-12 +08:00 */
    cal->makeup_weekday = TZ_CAL_DEFAULT_MAKEUP;   /* a make-up day works like a Monday */
    cal->is_24x7 = is_24x7;
    for (int w = 0; w < 7; w++) {
        if (is_24x7)
            set_plan(&cal->week[w], 0, TZ_DAY_MIN);
        else if (w >= 1 && w <= 5) /* R-SLA-12 (seed 001) */
            set_plan(&cal->week[w], TZ_CAL_DEFAULT_START, TZ_CAL_DEFAULT_END);
    }
    borrow(cal, NULL, NULL, no_sum, NULL, 0);
    compile(cal);
    tz_ok(&cal->err);
}

static int make(tousu_calendar **out, const tz_alloc *a, int is_24x7)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    tousu_calendar *cal = tz_malloc(a, sizeof *cal);
    if (!cal)
        return TOUSU_ENOMEM;
    init(cal, a, is_24x7);
    *out = cal;
    return TOUSU_OK;
}

int tousu_calendar_new(tousu_calendar **out)
{
    tz_alloc a;
    tz_alloc_default(&a);
    return make(out, &a, 0);
}

int tousu_calendar_new_24x7(tousu_calendar **out)
{
    tz_alloc a;
    tz_alloc_default(&a);
    return make(out, &a, 1);
}

/* R-SLA-12, R-POL-3: China's announced years as data, referenced. */
void tz_cal_init_builtin(tousu_calendar *cal, const tz_alloc *a)
{
    init(cal, a, 0);
    borrow(cal, tz_cn_sday, tz_cn_spec, tz_cn_scum, tz_cn_sT, tz_cn_n_days);
    cal->first_year = tz_cn_first_year;
    cal->last_year = tz_cn_last_year;
    compile_cov(cal);
}

int tz_calendar_builtin(tousu_calendar **out, const tz_alloc *a)
{
    int rc = make(out, a, 0);
    if (rc == TOUSU_OK)
        tz_cal_init_builtin(*out, a);
    return rc;
}

int tousu_calendar_new_builtin_cn(tousu_calendar **out)
{
    tz_alloc a;
    tz_alloc_default(&a);
    return tz_calendar_builtin(out, &a);
}

void tousu_calendar_free(tousu_calendar *cal)
{
    if (!cal)
        return;
    if (__atomic_sub_fetch(&cal->refs, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    tz_alloc a = cal->alloc;
    free_days(cal);
    tz_free(&a, cal);
}

int tousu_calendar_freeze(tousu_calendar *cal)
{
    if (!cal)
        return TOUSU_EINVAL;
    __atomic_store_n(&cal->frozen, 1, __ATOMIC_RELEASE);
    return TOUSU_OK;
}

const char *tousu_calendar_errmsg(const tousu_calendar *cal)
{
    return cal ? cal->err.msg : "no calendar";
}

/* Common checks of every setter. */
static int writable(tousu_calendar *cal)
{
    if (!cal)
        return TOUSU_EINVAL;
    if (__atomic_load_n(&cal->frozen, __ATOMIC_ACQUIRE))
        return tz_fail(&cal->err, TOUSU_ESTATE, "calendar is frozen (in use by a clock or plan)");
    if (cal->is_24x7)
        return tz_fail(&cal->err, TOUSU_ESTATE, "a 24x7 calendar has no settings");
    tz_ok(&cal->err);
    return TOUSU_OK;
}

/* Remove the special days of [lo_day, hi_day). */
int tz_cal_clear_days(tousu_calendar *cal, int64_t lo_day, int64_t hi_day)
{
    int rc = writable(cal);
    if (rc != TOUSU_OK)
        return rc;
    size_t i = tz_cal_lower_bound(cal, lo_day), j = tz_cal_lower_bound(cal, hi_day);
    if (j <= i)
        return TOUSU_OK;
    if (i == 0 && j == cal->n_special) { /* all: no copy needed */
        free_days(cal);
        borrow(cal, NULL, NULL, no_sum, NULL, 0);
        (void)check_order(cal);
        return TOUSU_OK;
    }
    if ((rc = unshare(cal)) != TOUSU_OK)
        return rc;
    memmove(&cal->sday[i], &cal->sday[j], (cal->n_special - j) * sizeof(int64_t));
    memmove(&cal->spec[i], &cal->spec[j], (cal->n_special - j) * sizeof(tz_special));
    cal->n_special -= j - i;
    compile_days(cal, i);
    (void)check_order(cal); /* fewer spans stay in order: only refreshes carry_min */
    return TOUSU_OK;
}

int tousu_calendar_set_utc_offset(tousu_calendar *cal, int32_t minutes)
{
    int rc = writable(cal);
    if (rc != TOUSU_OK)
        return rc;
    if (minutes < -14 * 60 || minutes > 14 * 60)
        return tz_fail(&cal->err, TOUSU_ERANGE, "utc offset %d outside -840..840", minutes);
    cal->offset_min = minutes;
    return TOUSU_OK;
}

int tousu_calendar_set_weekday(tousu_calendar *cal, int32_t weekday, const int32_t *spans,
                               size_t n)
{
    int rc = writable(cal);
    if (rc != TOUSU_OK)
        return rc;
    if (weekday < 0 || weekday > 6)
        return tz_fail(&cal->err, TOUSU_ERANGE, "weekday %d outside 0..6", weekday);
    tz_dayplan plan;
    rc = parse_spans(&cal->err, spans, n, &plan);
    if (rc != TOUSU_OK)
        return rc;
    if (cal->n_special > 0 && (rc = unshare(cal)) != TOUSU_OK)
        return rc; /* the make-up days and differences follow the week */
    tz_dayplan old = cal->week[weekday];
    cal->week[weekday] = plan;
    compile(cal); /* make-up days may follow this weekday */
    rc = check_order(cal);
    if (rc != TOUSU_OK) {
        cal->week[weekday] = old;
        compile(cal);
        return rc;
    }
    return TOUSU_OK;
}

int tousu_calendar_set_makeup_weekday(tousu_calendar *cal, int32_t weekday)
{
    int rc = writable(cal);
    if (rc != TOUSU_OK)
        return rc;
    if (weekday < 0 || weekday > 6)
        return tz_fail(&cal->err, TOUSU_ERANGE, "weekday %d outside 0..6", weekday);
    if (cal->n_special > 0 && (rc = unshare(cal)) != TOUSU_OK)
        return rc;
    cal->makeup_weekday = weekday;
    compile(cal);
    return TOUSU_OK;
}

static int date_day(tz_error *e, int32_t y, int32_t m, int32_t d, int64_t *day)
{
    *day = 0; /* defined on every path (and the compiler can see it) */
    if (y < 1970 || y > 2199)
        return tz_fail(e, TOUSU_ERANGE, "year %d outside 1970..2199", y);
    if (m < 1 || m > 12 || d < 1 || (unsigned)d > tz_days_in_month(y, (unsigned)m))
        return tz_fail(e, TOUSU_EINVAL, "no such date %04d-%02d-%02d", y, m, d);
    *day = tz_days_from_civil(y, (unsigned)m, (unsigned)d);
    return TOUSU_OK;
}

static int set_name(tz_error *e, tz_special *s, const char *name, size_t len)
{
    if (len > 0 && !name)
        return tz_fail(e, TOUSU_EINVAL, "name: NULL with length %zu", len);
    if (len >= TZ_CAL_NAME_CAP)
        return tz_fail(e, TOUSU_ETOOBIG, "name: %zu bytes, at most %d", len, TZ_CAL_NAME_CAP - 1);
    if (len > 0 && tz_utf8_check(name, len) != len)
        return tz_fail(e, TOUSU_EUTF8, "name: malformed UTF-8 at byte %zu",
                       tz_utf8_check(name, len));
    if (len > 0)
        memcpy(s->name, name, len);
    s->name_len = (uint32_t)len;
    return TOUSU_OK;
}

int tousu_calendar_set_day(tousu_calendar *cal, int32_t year, int32_t month, int32_t day,
                           int32_t kind, const char *name, size_t name_len)
{
    int rc = writable(cal);
    if (rc != TOUSU_OK)
        return rc;
    int64_t z;
    if ((rc = date_day(&cal->err, year, month, day, &z)) != TOUSU_OK)
        return rc;
    if (kind != TOUSU_DAY_REGULAR && kind != TOUSU_DAY_HOLIDAY && kind != TOUSU_DAY_MAKEUP)
        return tz_fail(&cal->err, TOUSU_EINVAL, "day kind %d: use 0, 1 or 2 (overrides have "
                       "their own setter)", kind);
    tz_special s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    if ((rc = set_name(&cal->err, &s, name, name_len)) != TOUSU_OK)
        return rc;
    /* Replacing an override may end its night span: carry_min then shrinks. */
    const tz_special *old;
    tz_cal_plan_of(cal, z, &old);
    bool night = old && old->plan.n > 0 && old->plan.end[old->plan.n - 1] > TZ_DAY_MIN;
    size_t at;
    if ((rc = put_special(cal, z, &s, &at)) != TOUSU_OK)
        return rc;
    compile_days(cal, at);
    if (night)
        (void)check_order(cal); /* fewer spans stay in order: only refreshes carry_min */
    return TOUSU_OK;
}

int tousu_calendar_set_override(tousu_calendar *cal, int32_t year, int32_t month, int32_t day,
                                const int32_t *spans, size_t n, const char *name,
                                size_t name_len)
{
    int rc = writable(cal);
    if (rc != TOUSU_OK)
        return rc;
    int64_t z;
    if ((rc = date_day(&cal->err, year, month, day, &z)) != TOUSU_OK)
        return rc;
    tz_special s;
    memset(&s, 0, sizeof s);
    s.kind = TOUSU_DAY_OVERRIDE;
    if ((rc = parse_spans(&cal->err, spans, n, &s.plan)) != TOUSU_OK)
        return rc;
    if ((rc = set_name(&cal->err, &s, name, name_len)) != TOUSU_OK)
        return rc;
    /* Keep the old entry to undo a change that breaks the day order. */
    size_t i = tz_cal_lower_bound(cal, z);
    bool had = i < cal->n_special && cal->sday[i] == z;
    tz_special old;
    memset(&old, 0, sizeof old);
    if (had)
        old = cal->spec[i];
    size_t at;
    if ((rc = put_special(cal, z, &s, &at)) != TOUSU_OK)
        return rc;
    compile_days(cal, at);
    if ((rc = check_order(cal)) != TOUSU_OK) {
        old.kind = had ? old.kind : TOUSU_DAY_REGULAR;
        put_special(cal, z, &old, &at); /* own arrays now, in place: cannot fail */
        compile_days(cal, at);
        return rc;
    }
    return TOUSU_OK;
}

int tousu_calendar_set_years(tousu_calendar *cal, int32_t first_year, int32_t last_year)
{
    int rc = writable(cal);
    if (rc != TOUSU_OK)
        return rc;
    if (first_year == 0 && last_year == 0) {
        cal->first_year = cal->last_year = 0;
    } else {
        if (first_year < 1970 || last_year > 2199 || first_year > last_year)
            return tz_fail(&cal->err, TOUSU_ERANGE, "years %d..%d: need 1970 <= first <= last "
                           "<= 2199", first_year, last_year);
        cal->first_year = first_year;
        cal->last_year = last_year;
    }
    compile_cov(cal);
    return TOUSU_OK;
}

/* ---------- lookup ---------- */

const tz_dayplan *tz_cal_plan_of(const tousu_calendar *cal, int64_t day, const tz_special **sp)
{
    size_t i = tz_cal_lower_bound(cal, day);
    if (i < cal->n_special && cal->sday[i] == day) {
        if (sp)
            *sp = &cal->spec[i];
        return &cal->spec[i].plan;
    }
    if (sp)
        *sp = NULL;
    return &cal->week[tz_weekday_from_days(day)];
}

void tz_cal_local(const tousu_calendar *cal, int64_t t, int64_t *day, int64_t *tod)
{
    int64_t local = t + (int64_t)(cal ? cal->offset_min : 0) * TZ_MINUTE_MS;
    *day = tz_floor_div(local, TZ_DAY_MS);
    *tod = local - *day * TZ_DAY_MS;
}

int tousu_calendar_day(const tousu_calendar *cal, int32_t year, int32_t month, int32_t day,
                       tousu_day_info *out)
{
    if (!cal || !out)
        return TOUSU_EINVAL;
    if (out->struct_size < offsetof(tousu_day_info, kind) + sizeof out->kind)
        return TOUSU_ESTRUCT;
    int64_t z;
    int rc = date_day(NULL, year, month, day, &z);
    if (rc != TOUSU_OK)
        return rc;
    const tz_special *sp;
    const tz_dayplan *p = tz_cal_plan_of(cal, z, &sp);
    tousu_day_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    info.kind = sp ? sp->kind : TOUSU_DAY_REGULAR;
    info.weekday = (int32_t)tz_weekday_from_days(z);
    info.covered = z >= cal->cov_lo && z < cal->cov_hi;
    info.n_spans = (uint32_t)p->n;
    for (int32_t i = 0; i < p->n; i++) {
        info.spans[2 * i] = p->start[i];
        info.spans[2 * i + 1] = p->end[i];
    }
    info.working_ms = p->total_ms;
    info.name = sp ? sp->name : "";
    info.name_len = sp ? sp->name_len : 0;
    tz_copy_out(out, out->struct_size, &info, sizeof info);
    return TOUSU_OK;
}
