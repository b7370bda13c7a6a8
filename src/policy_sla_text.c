/*
 * policy_sla_text.c - the [sla] and [calendar] sections of the policy file
 * (docs/policy.md; R-POL-1: the SLA tables are policy parameters; R-POL-3:
 * the business calendar is part of the policy). They plug into the section
 * table of policy_file.c like the built-in sections: one `key = value`
 * line at a time onto the fresh policy the loader builds, and a dumper
 * that writes what loads back to the same policy (dump -> load -> dump is
 * byte-identical).
 *
 * Every setter error becomes a load error at its line; the loader drops
 * the half-made policy, so the policy in force never changes.
 */
#include "policy_text.h"
#include "sla_int.h"

#include <string.h>

/* ---------- names ---------- */

static const char *const cat_keys[TOUSU_CAT_COUNT_] = {
    NULL, "consultation", "complaint", "fault", "dispute", "suggestion"};

/* The names of policy_file.c's kind_keys ([priority]). */
static const char *const kind_keys[TOUSU_KIND_COUNT_] = {
    "major",        "leapfrog",  "batch",     "repeat",          "upgraded",
    "cross_region", "important", "sensitive", "special_deadline"};

/* tousu_stage, 1..9 (stable: files name them). */
static const char *const stage_keys[TOUSU_STAGE_COUNT_] = {
    NULL,           "preprocess",     "dispatch",    "engineer_answer", "resolution_plan",
    "callback_close", "pass_on_answer", "rare_answer", "refund",        "dnd_report"};

static const char *const day_keys[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

/* Index of t in names[0..n), NULL entries skipped; -1 when absent. */
static int find_name(const tz_text *t, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (names[i] && tz_text_eq(t, names[i]))
            return i;
    return -1;
}

/* Split key at '.' into at most max parts; returns the number of parts
 * (max + 1 when there are more). */
static int split_dots(const tz_text *key, tz_text *parts, int max)
{
    int n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= key->len; i++) {
        if (i < key->len && key->s[i] != '.')
            continue;
        if (n == max)
            return max + 1;
        parts[n].s = key->s + start;
        parts[n].len = i - start;
        n++;
        start = i + 1;
    }
    return n;
}

static int unknown(tz_load *ld, const char *what, const tz_text *t)
{
    return tz_load_fail(ld, TOUSU_ENOTFOUND, "unknown %s '%.*s'", what, (int)t->len, t->s);
}

/* A whole number in [lo, hi] with the load errors of docs/policy.md. */
static int parse_num(const tz_text *v, int64_t lo, int64_t hi, int64_t *out, tz_load *ld)
{
    int rc = tz_parse_int(v->s, v->len, lo, hi, out);
    if (rc == TOUSU_EPARSE)
        return tz_load_fail(ld, rc, "'%.*s' is not a whole number", (int)v->len, v->s);
    if (rc == TOUSU_ERANGE)
        return tz_load_fail(ld, rc, "'%.*s' is outside %lld..%lld", (int)v->len, v->s,
                            (long long)lo, (long long)hi);
    return TOUSU_OK;
}

/* ---------- [sla] (R-SLA-1..10, R-SLA-12, R-ESC-5) ---------- */

/* target.<category>.<kind|ordinary>.<stage> = ms */
static int parse_target(tousu_policy *p, const tz_text *parts, const tz_text *value, tz_load *ld)
{
    int c = find_name(&parts[1], cat_keys, TOUSU_CAT_COUNT_);
    if (c < 0)
        return unknown(ld, "category", &parts[1]);
    int k = TOUSU_SLA_ORDINARY;
    if (!tz_text_eq(&parts[2], "ordinary") &&
        (k = find_name(&parts[2], kind_keys, TOUSU_KIND_COUNT_)) < 0)
        return unknown(ld, "kind", &parts[2]);
    int s = find_name(&parts[3], stage_keys, TOUSU_STAGE_COUNT_);
    if (s < 0)
        return unknown(ld, "stage", &parts[3]);
    int64_t ms;
    int rc = parse_num(value, 0, TZ_SLA_TARGET_MAX, &ms, ld);
    if (rc == TOUSU_OK)
        rc = tousu_policy_set_sla_target(p, c, k, s, ms);
    return rc;
}

/* business.<category>.<stage> = 0|1 */
static int parse_business(tousu_policy *p, const tz_text *parts, const tz_text *value,
                          tz_load *ld)
{
    int c = find_name(&parts[1], cat_keys, TOUSU_CAT_COUNT_);
    if (c < 0)
        return unknown(ld, "category", &parts[1]);
    int s = find_name(&parts[2], stage_keys, TOUSU_STAGE_COUNT_);
    if (s < 0)
        return unknown(ld, "stage", &parts[2]);
    int64_t b;
    int rc = parse_num(value, 0, 1, &b, ld);
    if (rc == TOUSU_OK)
        rc = tousu_policy_set_sla_business(p, c, s, (int32_t)b);
    return rc;
}

int tz_sla_text_parse(tousu_policy *p, const char *section, const tz_text *key,
                      const tz_text *value, tz_load *ld)
{
    (void)section;
    tz_text parts[4];
    int n = split_dots(key, parts, 4);
    if (n == 1 && tz_text_eq(key, "warning_permille")) {
        int64_t v;
        int rc = parse_num(value, 0, 1000, &v, ld);
        return rc ? rc : tousu_policy_set_sla_warning(p, (int32_t)v);
    }
    if (n == 4 && tz_text_eq(&parts[0], "target"))
        return parse_target(p, parts, value, ld);
    if (n == 3 && tz_text_eq(&parts[0], "business"))
        return parse_business(p, parts, value, ld);
    return tz_load_fail(ld, TOUSU_ENOTFOUND, "unknown key '%.*s' in [sla]", (int)key->len,
                        key->s);
}

/* The dump rule (exact, docs/policy.md): an entry is written when its
 * stage belongs to the category's default plan, or when it differs from
 * the built-in value. Whatever is left out equals the built-in value, onto
 * which a load merges, so the policy comes back whole; and the rule looks
 * only at values, so a reloaded policy writes the same lines. */
void tz_sla_text_dump(const tousu_policy *p, const char *section, tz_sink *s)
{
    tz_sink_put(s, "\n[%s]\n# targets in ms: the stages of each category's default plan, and any\n"
                   "# entry that differs from the built-in value\n",
                section);
    tz_sink_put(s, "warning_permille = %d\n", (int)p->sla_warn_permille);
    for (int32_t c = 1; c < TOUSU_CAT_COUNT_; c++)
        for (int32_t st = 1; st < TOUSU_STAGE_COUNT_; st++) {
            bool all = tz_plan_default_has(c, st);
            if (all || p->sla_business[c][st] != tz_sla_builtin_business(st))
                tz_sink_put(s, "business.%s.%s = %d\n", cat_keys[c], stage_keys[st],
                            (int)p->sla_business[c][st]);
            for (int32_t k = TOUSU_SLA_ORDINARY; k < TOUSU_KIND_COUNT_; k++) {
                int64_t v = p->sla_target[c][k + 1][st];
                if (all || v != tz_sla_builtin_target(k, st))
                    tz_sink_put(s, "target.%s.%s.%s = %lld\n", cat_keys[c],
                                k < 0 ? "ordinary" : kind_keys[k], stage_keys[st],
                                (long long)v);
            }
        }
}

/* ---------- [calendar] (R-SLA-12, R-POL-3) ---------- */

/* A cursor over a value's space-separated tokens. */
typedef struct cursor {
    const char *s;
    size_t len, pos;
} cursor;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool next_token(cursor *c, tz_text *tok)
{
    while (c->pos < c->len && is_blank(c->s[c->pos]))
        c->pos++;
    size_t start = c->pos;
    while (c->pos < c->len && !is_blank(c->s[c->pos]))
        c->pos++;
    tok->s = c->s + start;
    tok->len = c->pos - start;
    return tok->len > 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* n decimal digits at s into *out; false when any is not a digit. */
static bool digits(const char *s, size_t n, int32_t *out)
{
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* YYYY-MM-DD: EPARSE for the shape, ERANGE for a date that does not exist
 * or a year outside 1970..2199. */
static int parse_date(const tz_text *t, int32_t ymd[3], tz_load *ld)
{
    if (t->len != 10 || t->s[4] != '-' || t->s[7] != '-' || !digits(t->s, 4, &ymd[0]) ||
        !digits(t->s + 5, 2, &ymd[1]) || !digits(t->s + 8, 2, &ymd[2]))
        return tz_load_fail(ld, TOUSU_EPARSE, "'%.*s' is not a date YYYY-MM-DD", (int)t->len,
                            t->s);
    if (ymd[0] < 1970 || ymd[0] > 2199 || ymd[1] < 1 || ymd[1] > 12 || ymd[2] < 1 ||
        (unsigned)ymd[2] > tz_days_in_month(ymd[0], (unsigned)ymd[1]))
        return tz_load_fail(ld, TOUSU_ERANGE, "no such date %.*s (years 1970..2199)",
                            (int)t->len, t->s);
    return TOUSU_OK;
}

/* H:MM or HH:MM; up to 23:59, or 24:00 when end is allowed. */
static int parse_clock(const char *s, size_t n, bool end, int32_t *min)
{
    size_t h = n == 4 ? 1 : 2;
    int32_t hh, mm;
    if ((n != 4 && n != 5) || s[h] != ':' || !digits(s, h, &hh) || !digits(s + h + 1, 2, &mm))
        return TOUSU_EPARSE;
    if (mm > 59 || hh > 24 || (hh == 24 && (!end || mm != 0)))
        return TOUSU_ERANGE;
    *min = hh * 60 + mm;
    return TOUSU_OK;
}

/* One span HH:MM-HH:MM into spans[2i], spans[2i+1] (an end at or before
 * the start runs past midnight; the calendar checks the rest). */
static int parse_span(const tz_text *t, int32_t *pair, tz_load *ld)
{
    const char *dash = memchr(t->s, '-', t->len);
    int rc = TOUSU_EPARSE;
    if (dash) {
        size_t a = (size_t)(dash - t->s);
        rc = parse_clock(t->s, a, false, &pair[0]);
        if (rc == TOUSU_OK)
            rc = parse_clock(dash + 1, t->len - a - 1, true, &pair[1]);
    }
    if (rc == TOUSU_EPARSE)
        return tz_load_fail(ld, rc, "'%.*s' is not a span HH:MM-HH:MM", (int)t->len, t->s);
    if (rc == TOUSU_ERANGE)
        return tz_load_fail(ld, rc, "span '%.*s': a start is 00:00..23:59, an end "
                            "00:00..24:00", (int)t->len, t->s);
    return TOUSU_OK;
}

typedef struct spans {
    int32_t v[2 * TZ_CAL_MAX_SPANS];
    size_t n;
} spans;

/* `off`, or spans up to the first token that does not start with a digit
 * (where an override's name begins). */
static int parse_spans(cursor *c, spans *out, tz_load *ld)
{
    out->n = 0;
    tz_text tok;
    size_t mark = c->pos;
    if (next_token(c, &tok) && tz_text_eq(&tok, "off"))
        return TOUSU_OK;
    c->pos = mark;
    for (;;) {
        mark = c->pos;
        if (!next_token(c, &tok) || !is_digit(tok.s[0])) {
            c->pos = mark; /* not a span: the name starts here */
            break;
        }
        if (out->n == TZ_CAL_MAX_SPANS)
            return tz_load_fail(ld, TOUSU_ERANGE, "more than %d spans", TZ_CAL_MAX_SPANS);
        int rc = parse_span(&tok, &out->v[2 * out->n], ld);
        if (rc)
            return rc;
        out->n++;
    }
    if (out->n == 0)
        return tz_load_fail(ld, TOUSU_EPARSE, "expected spans HH:MM-HH:MM or 'off'");
    return TOUSU_OK;
}

static int hex(char c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The rest of the value is a day's name; `\xHH` stands for a byte (the
 * dump writes control characters, `\` and edge spaces that way). */
static int parse_name(cursor *c, char *name, size_t *len, tz_load *ld)
{
    while (c->pos < c->len && is_blank(c->s[c->pos]))
        c->pos++;
    size_t n = 0;
    for (size_t i = c->pos; i < c->len; i++) {
        char b = c->s[i];
        if (b == '\\') {
            if (i + 3 >= c->len || c->s[i + 1] != 'x' || hex(c->s[i + 2]) < 0 ||
                hex(c->s[i + 3]) < 0)
                return tz_load_fail(ld, TOUSU_EPARSE, "bad escape in a name: use \\xHH");
            b = (char)(hex(c->s[i + 2]) * 16 + hex(c->s[i + 3]));
            i += 3;
        }
        if (n + 1 >= TZ_CAL_NAME_CAP)
            return tz_load_fail(ld, TOUSU_ETOOBIG, "a name is at most %d bytes",
                                TZ_CAL_NAME_CAP - 1);
        name[n++] = b;
    }
    *len = n;
    return TOUSU_OK;
}

/* A calendar setter refused: the load error at this line. A value the
 * calendar rejects as inconsistent (overlapping spans, a night span into
 * the next day's work) is out of bounds like any other. */
static int cal_fail(tz_load *ld, const tousu_calendar *cal, int rc)
{
    return tz_load_fail(ld, rc == TOUSU_EINVAL ? TOUSU_ERANGE : rc, "%s",
                        tousu_calendar_errmsg(cal));
}

/* holiday | workday = YYYY-MM-DD [name] */
static int parse_day(tousu_calendar *cal, int32_t kind, cursor *c, tz_load *ld)
{
    tz_text tok;
    int32_t ymd[3];
    char name[TZ_CAL_NAME_CAP];
    size_t n = 0;
    next_token(c, &tok);
    int rc = parse_date(&tok, ymd, ld);
    if (rc == TOUSU_OK)
        rc = parse_name(c, name, &n, ld);
    if (rc == TOUSU_OK && (rc = tousu_calendar_set_day(cal, ymd[0], ymd[1], ymd[2], kind, name,
                                                       n)) != TOUSU_OK)
        return cal_fail(ld, cal, rc);
    return rc;
}

/* override = YYYY-MM-DD spans|off [name] */
static int parse_override(tousu_calendar *cal, cursor *c, tz_load *ld)
{
    tz_text tok;
    int32_t ymd[3];
    spans sp;
    char name[TZ_CAL_NAME_CAP];
    size_t n = 0;
    next_token(c, &tok);
    int rc = parse_date(&tok, ymd, ld);
    if (rc == TOUSU_OK)
        rc = parse_spans(c, &sp, ld);
    if (rc == TOUSU_OK)
        rc = parse_name(c, name, &n, ld);
    if (rc == TOUSU_OK && (rc = tousu_calendar_set_override(cal, ymd[0], ymd[1], ymd[2], sp.v,
                                                            sp.n, name, n)) != TOUSU_OK)
        return cal_fail(ld, cal, rc);
    return rc;
}

/* YYYY or YYYY-YYYY into first, last. */
static int parse_years(const tz_text *v, int32_t *first, int32_t *last, tz_load *ld)
{
    const char *dash = memchr(v->s, '-', v->len);
    size_t a = dash ? (size_t)(dash - v->s) : v->len;
    int64_t y0 = 0, y1 = 0;
    int rc = parse_num(&(tz_text){v->s, a}, 1970, 2199, &y0, ld);
    if (rc != TOUSU_OK)
        return rc;
    y1 = y0;
    if (dash && (rc = parse_num(&(tz_text){dash + 1, v->len - a - 1}, 1970, 2199, &y1, ld)))
        return rc;
    if (y1 < y0)
        return tz_load_fail(ld, TOUSU_ERANGE, "years %lld-%lld: first after last",
                            (long long)y0, (long long)y1);
    *first = (int32_t)y0;
    *last = (int32_t)y1;
    return TOUSU_OK;
}

static int parse_weekday_name(const tz_text *v, tz_load *ld)
{
    int w = find_name(v, day_keys, 7);
    return w >= 0 ? w : unknown(ld, "weekday", v);
}

/* The keys that take a list of days or a plain setting. */
static int parse_cal_key(tousu_calendar *cal, const tz_text *key, const tz_text *value,
                         tz_load *ld)
{
    cursor c = {value->s, value->len, 0};
    int64_t v;
    int32_t y0, y1;
    int rc;
    if (tz_text_eq(key, "holiday"))
        return parse_day(cal, TOUSU_DAY_HOLIDAY, &c, ld);
    if (tz_text_eq(key, "workday"))
        return parse_day(cal, TOUSU_DAY_MAKEUP, &c, ld);
    if (tz_text_eq(key, "override"))
        return parse_override(cal, &c, ld);
    if (tz_text_eq(key, "utc_offset_min")) {
        if ((rc = parse_num(value, -14 * 60, 14 * 60, &v, ld)) != TOUSU_OK)
            return rc;
        rc = tousu_calendar_set_utc_offset(cal, (int32_t)v);
    } else if (tz_text_eq(key, "makeup_weekday")) {
        int w = parse_weekday_name(value, ld);
        if (w < 0)
            return w;
        rc = tousu_calendar_set_makeup_weekday(cal, w);
    } else if (tz_text_eq(key, "years")) {
        if (tz_text_eq(value, "any"))
            y0 = y1 = 0;
        else if ((rc = parse_years(value, &y0, &y1, ld)) != TOUSU_OK)
            return rc;
        rc = tousu_calendar_set_years(cal, y0, y1);
    } else if (tz_text_eq(key, "clear") || tz_text_eq(key, "clear_days")) {
        if (tz_text_eq(value, "all"))
            rc = tz_cal_clear_days(cal, INT64_MIN, INT64_MAX);
        else if ((rc = parse_years(value, &y0, &y1, ld)) != TOUSU_OK)
            return rc;
        else
            rc = tz_cal_clear_days(cal, tz_days_from_civil(y0, 1, 1),
                                   tz_days_from_civil((int64_t)y1 + 1, 1, 1));
    } else {
        return tz_load_fail(ld, TOUSU_ENOTFOUND, "unknown key '%.*s' in [calendar]",
                            (int)key->len, key->s);
    }
    return rc == TOUSU_OK ? rc : cal_fail(ld, cal, rc);
}

int tz_cal_text_parse(tousu_policy *p, const char *section, const tz_text *key,
                      const tz_text *value, tz_load *ld)
{
    (void)section;
    tousu_calendar *cal;
    int rc = tz_policy_cal_mut(p, &cal);
    if (rc != TOUSU_OK)
        return tz_load_fail(ld, rc, "the policy's calendar cannot change: %s",
                            tousu_strerror(rc));
    tz_text parts[2];
    if (split_dots(key, parts, 2) == 2 && tz_text_eq(&parts[0], "weekday")) {
        int w = parse_weekday_name(&parts[1], ld);
        if (w < 0)
            return w;
        spans sp;
        cursor c = {value->s, value->len, 0};
        tz_text extra;
        if ((rc = parse_spans(&c, &sp, ld)) != TOUSU_OK)
            return rc;
        if (next_token(&c, &extra))
            return tz_load_fail(ld, TOUSU_EPARSE, "'%.*s' is not a span", (int)extra.len,
                                extra.s);
        rc = tousu_calendar_set_weekday(cal, w, sp.v, sp.n);
        return rc == TOUSU_OK ? rc : cal_fail(ld, cal, rc);
    }
    return parse_cal_key(cal, key, value, ld);
}

/* ---------- [calendar] dump ---------- */

static void put_clock(tz_sink *s, int32_t min)
{
    tz_sink_put(s, "%02d:%02d", (int)(min / 60), (int)(min % 60));
}

/* The inverse of parse_spans: an end past midnight is written as its time
 * of day (at or before the start), an end at midnight as 24:00. */
static void put_spans(tz_sink *s, const tz_dayplan *p)
{
    if (p->n == 0)
        tz_sink_put(s, " off");
    for (int32_t i = 0; i < p->n; i++) {
        tz_sink_put(s, " ");
        put_clock(s, p->start[i]);
        tz_sink_put(s, "-");
        put_clock(s, p->end[i] > TZ_DAY_MIN ? p->end[i] - TZ_DAY_MIN : p->end[i]);
    }
}

/* The inverse of parse_name: bytes the loader would drop or misread are
 * written as \xHH (control characters, `\`, spaces at either end, and a
 * leading digit after an override's spans). */
static void put_name(tz_sink *s, const char *name, size_t n, bool after_spans)
{
    if (n > 0)
        tz_sink_put(s, " ");
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)name[i];
        bool edge = i == 0 || i == n - 1;
        if (b < 0x20 || b == 0x7f || b == '\\' || (b == ' ' && edge) ||
            (i == 0 && after_spans && is_digit((char)b)))
            tz_sink_put(s, "\\x%02x", b);
        else
            tz_sink_put(s, "%c", (char)b);
    }
}

static void put_years(tz_sink *s, const char *key, int32_t first, int32_t last)
{
    if (first == 0)
        tz_sink_put(s, "%s = any\n", key);
    else
        tz_sink_put(s, "%s = %d-%d\n", key, (int)first, (int)last);
}

static bool night_spans(const tousu_calendar *cal)
{
    for (size_t i = 0; i < 7 + cal->n_special; i++) {
        const tz_dayplan *d = i < 7 ? &cal->week[i] : &cal->spec[i - 7].plan;
        if (d->n > 0 && d->end[d->n - 1] > TZ_DAY_MIN)
            return true;
    }
    return false;
}

/* The whole calendar, so a load gives exactly it whatever the built-in
 * one holds: the settings, `clear = all`, the week, then every special day
 * in date order. Each line must leave a calendar whose days stay in order
 * (no night span past a day's first start). Over the built-in week (no
 * night spans) that holds at every step when the final calendar has no
 * night span either; otherwise every weekday is set `off` first, and then
 * each step holds a subset of the final spans, which are in order. */
void tz_cal_text_dump(const tousu_policy *p, const char *section, tz_sink *s)
{
    tousu_calendar scratch;
    const tousu_calendar *cal = tz_policy_cal(p, &scratch);
    tz_sink_put(s, "\n[%s]\nutc_offset_min = %d\n", section, (int)cal->offset_min);
    tz_sink_put(s, "makeup_weekday = %s\n", day_keys[cal->makeup_weekday]);
    put_years(s, "years", cal->first_year, cal->last_year);
    tz_sink_put(s, "clear = all\n");
    if (night_spans(cal)) {
        tz_sink_put(s, "# night spans: every day off first, so each line keeps the days in "
                       "order\n");
        for (int i = 1; i <= 7; i++)
            tz_sink_put(s, "weekday.%s = off\n", day_keys[i % 7]);
    }
    for (int i = 1; i <= 7; i++) {
        tz_sink_put(s, "weekday.%s =", day_keys[i % 7]);
        put_spans(s, &cal->week[i % 7]);
        tz_sink_put(s, "\n");
    }
    static const char *const kind_key[] = {"", "holiday", "workday", "override"};
    for (size_t i = 0; i < cal->n_special; i++) {
        const tz_special *sp = &cal->spec[i];
        int64_t y;
        unsigned m, d;
        tz_civil_from_days(cal->sday[i], &y, &m, &d);
        tz_sink_put(s, "%s = %04d-%02u-%02u", kind_key[sp->kind], (int)y, m, d);
        if (sp->kind == TOUSU_DAY_OVERRIDE)
            put_spans(s, &sp->plan);
        put_name(s, sp->name, sp->name_len, sp->kind == TOUSU_DAY_OVERRIDE);
        tz_sink_put(s, "\n");
    }
}
