/*
 * policy_file.c - the line-based policy text format (docs/policy.md,
 * R-POL-2): load merges a file over the built-in policy; dump writes a
 * policy back in the same format. A file is checked completely before
 * anything is published, so a bad file leaves the policy in force as it was.
 *
 * Each section is a row of `sections[]` with a line parser and a dumper;
 * the sections of other modules (SLA targets, calendars, word tables) plug
 * in the same way.
 */
#include "internal.h"
#include "policy_text.h"

#include <stdio.h>
#include <string.h>

enum { FORMAT_VERSION = 1, MAX_LINE = 4096 };

/* ---------- number parsing ---------- */

int tz_parse_int(const char *s, size_t n, int64_t lo, int64_t hi, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    if (i == n)
        return TOUSU_EPARSE;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return TOUSU_EPARSE;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return TOUSU_ERANGE;
        v = v * 10 + d;
    }
    if (v > (uint64_t)INT64_MAX + (uint64_t)neg)
        return TOUSU_ERANGE;
    int64_t x = neg ? (int64_t)(0 - v) : (int64_t)v;
    if (x < lo || x > hi)
        return TOUSU_ERANGE;
    *out = x;
    return TOUSU_OK;
}

bool tz_text_eq(const tz_text *t, const char *lit)
{
    size_t n = strlen(lit);
    return t->len == n && memcmp(t->s, lit, n) == 0;
}

/* ---------- the built-in sections ---------- */

typedef struct int_key {
    const char *section, *key;
    int32_t param;
} int_key;

static const int_key int_keys[] = {
    {"batch", "window_ms", TOUSU_P_BATCH_WINDOW_MS},
    {"batch", "ordinary", TOUSU_P_BATCH_ORDINARY},
    {"batch", "vip", TOUSU_P_BATCH_VIP},
    {"batch", "late_ms", TOUSU_P_BATCH_LATE_MS},
    {"batch", "counts_faults", TOUSU_P_BATCH_COUNTS_FAULTS},
    {"repeat", "months", TOUSU_P_REPEAT_MONTHS},
    {"zone", "utc_offset_min", TOUSU_P_UTC_OFFSET_MIN},
    {"levels", "upgraded", TOUSU_P_LEVEL_UPGRADED},
    {"levels", "cross_city", TOUSU_P_LEVEL_CROSS_CITY},
    {"levels", "cross_province", TOUSU_P_LEVEL_CROSS_PROVINCE},
    {"customers", "vip_from_importance", TOUSU_P_VIP_FROM_IMPORTANCE},
    {"text", "max_bytes", TOUSU_P_MAX_TEXT_BYTES},
};

static const char *const body_keys[TOUSU_BODY_COUNT_] = {
    "company",        "city_government", "city_media",      "city_consumer",
    "prov_leaders",   "prov_hotline",    "prov_government", "prov_media",
    "prov_consumer",  "prov_comm_admin", "group_company",   "national_regulator",
    "national_media"};

static const char *const kind_keys[TOUSU_KIND_COUNT_] = {
    "major",     "leapfrog",     "batch",     "repeat",          "upgraded",
    "cross_region", "important", "sensitive", "special_deadline"};

static int set_param(tousu_policy *p, int32_t param, const tz_text *value, tz_load *ld)
{
    int64_t lo, hi, v;
    tousu_param_bounds(param, &lo, &hi);
    int rc = tz_parse_int(value->s, value->len, lo, hi, &v);
    if (rc == TOUSU_EPARSE)
        return tz_load_fail(ld, rc, "'%.*s' is not a whole number", (int)value->len, value->s);
    if (rc == TOUSU_ERANGE)
        return tz_load_fail(ld, rc, "'%.*s' is outside %lld..%lld", (int)value->len, value->s,
                            (long long)lo, (long long)hi);
    return tousu_policy_set_int(p, param, v);
}

static int parse_ints(tousu_policy *p, const char *section, const tz_text *key,
                      const tz_text *value, tz_load *ld)
{
    for (size_t i = 0; i < sizeof int_keys / sizeof int_keys[0]; i++)
        if (strcmp(int_keys[i].section, section) == 0 && tz_text_eq(key, int_keys[i].key))
            return set_param(p, int_keys[i].param, value, ld);
    return tz_load_fail(ld, TOUSU_ENOTFOUND, "unknown key '%.*s' in [%s]", (int)key->len, key->s,
                        section);
}

static int parse_simple(tousu_policy *p, const char *section, const tz_text *key,
                        const tz_text *value, tz_load *ld)
{
    if (strcmp(section, "levels") == 0 && key->len > 5 && memcmp(key->s, "leap.", 5) == 0) {
        tz_text body = {key->s + 5, key->len - 5};
        for (int32_t b = 0; b < TOUSU_BODY_COUNT_; b++)
            if (tz_text_eq(&body, body_keys[b]))
                return set_param(p, TOUSU_P_LEAP_LEVEL_BASE + b, value, ld);
        return tz_load_fail(ld, TOUSU_ENOTFOUND, "unknown body '%.*s'", (int)body.len, body.s);
    }
    return parse_ints(p, section, key, value, ld);
}

/* [priority] order = major leapfrog ... (R-CLS-11) */
static int parse_priority(tousu_policy *p, const char *section, const tz_text *key,
                          const tz_text *value, tz_load *ld)
{
    (void)section;
    if (!tz_text_eq(key, "order"))
        return tz_load_fail(ld, TOUSU_ENOTFOUND, "unknown key '%.*s' in [priority]",
                            (int)key->len, key->s);
    int32_t order[TOUSU_KIND_COUNT_];
    size_t n = 0, i = 0;
    while (i < value->len) {
        while (i < value->len && value->s[i] == ' ')
            i++;
        size_t j = i;
        while (j < value->len && value->s[j] != ' ')
            j++;
        if (j == i)
            break;
        tz_text word = {value->s + i, j - i};
        int32_t k = -1;
        for (int32_t x = 0; x < TOUSU_KIND_COUNT_; x++)
            if (tz_text_eq(&word, kind_keys[x]))
                k = x;
        if (k < 0)
            return tz_load_fail(ld, TOUSU_ENOTFOUND, "unknown kind '%.*s'", (int)word.len,
                                word.s);
        if (n == TOUSU_KIND_COUNT_)
            return tz_load_fail(ld, TOUSU_ERANGE, "more than %d kinds", TOUSU_KIND_COUNT_);
        order[n++] = k;
        i = j;
    }
    if (tousu_policy_set_priority(p, order, n) != TOUSU_OK)
        return tz_load_fail(ld, TOUSU_ERANGE, "order must name each of the %d kinds once",
                            TOUSU_KIND_COUNT_);
    return TOUSU_OK;
}

static void dump_section_ints(const tousu_policy *p, const char *section, tz_sink *s)
{
    tz_sink_put(s, "\n[%s]\n", section);
    for (size_t i = 0; i < sizeof int_keys / sizeof int_keys[0]; i++) {
        if (strcmp(int_keys[i].section, section) != 0)
            continue;
        int64_t v = 0;
        tousu_policy_get_int(p, int_keys[i].param, &v);
        tz_sink_put(s, "%s = %lld\n", int_keys[i].key, (long long)v);
    }
}

static void dump_simple(const tousu_policy *p, const char *section, tz_sink *s)
{
    dump_section_ints(p, section, s);
    if (strcmp(section, "levels") == 0)
        for (int32_t b = 1; b < TOUSU_BODY_COUNT_; b++)
            tz_sink_put(s, "leap.%s = %lld\n", body_keys[b], (long long)p->leap_level[b]);
}

static void dump_priority(const tousu_policy *p, const char *section, tz_sink *s)
{
    tz_sink_put(s, "\n[%s]\norder =", section);
    for (int32_t i = 0; i < TOUSU_KIND_COUNT_; i++)
        tz_sink_put(s, " %s", kind_keys[p->priority[i]]);
    tz_sink_put(s, "\n");
}

/* The sections, in dump order. */
static const tz_section sections[] = {
    {"batch", parse_simple, dump_simple, NULL},
    {"repeat", parse_simple, dump_simple, NULL},
    {"zone", parse_simple, dump_simple, NULL},
    {"levels", parse_simple, dump_simple, NULL},
    {"priority", parse_priority, dump_priority, NULL},
    {"customers", parse_simple, dump_simple, NULL},
    {"text", parse_simple, dump_simple, NULL},
    {"sla", tz_sla_text_parse, tz_sla_text_dump, NULL},           /* policy_sla_text.c */
    {"calendar", tz_cal_text_parse, tz_cal_text_dump, NULL},      /* policy_sla_text.c */
    {"words", NULL, tz_words_text_dump, tz_words_text_line},      /* policy_words_text.c */
};

enum { N_SECTIONS = sizeof sections / sizeof sections[0] };

/* ---------- errors ---------- */

int tz_load_fail(tz_load *ld, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char detail[200];
    int n = vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    if (n < 0)
        detail[0] = '\0';
    ld->err.code = code;
    ld->err.line = (int32_t)(ld->line > INT32_MAX ? INT32_MAX : ld->line);
    snprintf(ld->err.message, sizeof ld->err.message, "%s:%zu: %s", ld->name, ld->line, detail);
    return code;
}

/* ---------- the line reader ---------- */

static void trim(tz_text *t)
{
    while (t->len && (t->s[0] == ' ' || t->s[0] == '\t')) {
        t->s++;
        t->len--;
    }
    while (t->len && (t->s[t->len - 1] == ' ' || t->s[t->len - 1] == '\t' ||
                      t->s[t->len - 1] == '\r'))
        t->len--;
}

static int parse_header(const tz_text *line, tz_load *ld)
{
    static const char magic[] = "tousu-policy ";
    if (line->len < sizeof magic - 1 || memcmp(line->s, magic, sizeof magic - 1) != 0)
        return tz_load_fail(ld, TOUSU_EPARSE, "the first line must be 'tousu-policy %d'",
                            FORMAT_VERSION);
    int64_t v;
    int rc = tz_parse_int(line->s + sizeof magic - 1, line->len - (sizeof magic - 1), 1,
                          INT32_MAX, &v);
    if (rc)
        return tz_load_fail(ld, TOUSU_EPARSE, "bad format version");
    if (v > FORMAT_VERSION)
        return tz_load_fail(ld, TOUSU_EVERSION,
                            "format version %lld is newer than this library's %d",
                            (long long)v, FORMAT_VERSION);
    return TOUSU_OK;
}

static int parse_section_line(const tz_text *line, tz_load *ld, bool *seen)
{
    if (line->s[line->len - 1] != ']')
        return tz_load_fail(ld, TOUSU_EPARSE, "section header without ']'");
    tz_text name = {line->s + 1, line->len - 2};
    trim(&name);
    for (size_t i = 0; i < N_SECTIONS; i++) {
        if (!tz_text_eq(&name, sections[i].name))
            continue;
        if (seen[i])
            return tz_load_fail(ld, TOUSU_EDUPLICATE, "section [%s] appears twice",
                                sections[i].name);
        seen[i] = true;
        ld->section = (int)i;
        ld->section_line = ld->line;
        return TOUSU_OK;
    }
    return tz_load_fail(ld, TOUSU_ENOTFOUND, "unknown section [%.*s]", (int)name.len, name.s);
}

static int parse_line(tousu_policy *p, tz_text line, tz_load *ld, bool *seen)
{
    trim(&line);
    if (line.len == 0 || line.s[0] == '#')
        return TOUSU_OK;
    if (!ld->have_header) {
        ld->have_header = true;
        return parse_header(&line, ld);
    }
    if (line.s[0] == '[')
        return parse_section_line(&line, ld, seen);
    if (ld->section < 0)
        return tz_load_fail(ld, TOUSU_EPARSE, "a setting before any [section]");
    const tz_section *sec = &sections[ld->section];
    if (sec->parse_raw) /* a section of records, not key = value */
        return sec->parse_raw(p, sec->name, &line, ld);
    const char *eq = memchr(line.s, '=', line.len);
    if (!eq)
        return tz_load_fail(ld, TOUSU_EPARSE, "expected 'key = value'");
    tz_text key = {line.s, (size_t)(eq - line.s)};
    tz_text value = {eq + 1, line.len - key.len - 1};
    trim(&key);
    trim(&value);
    if (!key.len)
        return tz_load_fail(ld, TOUSU_EPARSE, "missing key before '='");
    if (!value.len)
        return tz_load_fail(ld, TOUSU_EPARSE, "missing value for '%.*s'", (int)key.len, key.s);
    return sec->parse(p, sec->name, &key, &value, ld);
}

static int parse_text(tousu_policy *p, const char *text, size_t len, tz_load *ld)
{
    bool seen[N_SECTIONS] = {false};
    size_t pos = 0;
    while (pos < len) {
        ld->line++;
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (end - pos > MAX_LINE)
            return tz_load_fail(ld, TOUSU_ETOOBIG, "line longer than %d bytes", MAX_LINE);
        tz_text line = {text + pos, end - pos};
        if (memchr(line.s, '\0', line.len))
            return tz_load_fail(ld, TOUSU_EPARSE, "NUL byte in line");
        size_t bad = tz_utf8_check(line.s, line.len);
        if (bad != line.len)
            return tz_load_fail(ld, TOUSU_EUTF8, "malformed UTF-8 at column %zu", bad + 1);
        int rc = parse_line(p, line, ld, seen);
        if (rc)
            return rc;
        pos = nl ? end + 1 : len;
    }
    if (!ld->have_header)
        return tz_load_fail(ld, TOUSU_EPARSE, "empty file: no 'tousu-policy %d' line",
                            FORMAT_VERSION);
    return TOUSU_OK;
}

int tousu_policy_load(tousu_policy **out, const char *text, size_t len, const char *name,
                      tousu_load_error *err)
{
    tz_load ld;
    memset(&ld, 0, sizeof ld);
    ld.name = name && *name ? name : "policy";
    ld.section = -1;
    ld.err.struct_size = sizeof ld.err;
    if (err && err->struct_size < sizeof(size_t))
        return TOUSU_ESTRUCT;
    int rc = TOUSU_OK;
    if (!out || (!text && len))
        rc = tz_load_fail(&ld, TOUSU_EINVAL, "out and text are required");
    if (out)
        *out = NULL;
    tousu_policy *p = NULL;
    if (rc == TOUSU_OK && (rc = tousu_policy_new(&p)) != TOUSU_OK)
        tz_load_fail(&ld, rc, "out of memory");
    if (rc == TOUSU_OK)
        rc = parse_text(p, text ? text : "", len, &ld);
    if (rc == TOUSU_OK)
        rc = tz_policy_finish_load(p, &ld);
    if (rc != TOUSU_OK) {
        if (!ld.err.code) /* a setter refused without a message */
            tz_load_fail(&ld, rc, "%s", tousu_strerror(rc));
        tousu_policy_free(p);
        if (err)
            tz_copy_out(err, err->struct_size, &ld.err, sizeof ld.err);
        return rc;
    }
    if (err) {
        ld.err.code = TOUSU_OK;
        tz_copy_out(err, err->struct_size, &ld.err, sizeof ld.err);
    }
    *out = p;
    return TOUSU_OK;
}

int tz_policy_finish_load(tousu_policy *p, tz_load *ld)
{
    return tz_words_text_finish(p, ld); /* [words] over the tables */
}

int tousu_policy_dump(const tousu_policy *p, char *buf, size_t cap, size_t *needed)
{
    if (!p || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    tz_sink s = {buf, cap, 0};
    if (cap)
        buf[0] = '\0';
    tz_sink_put(&s, "tousu-policy %d\n# libtousu %s policy (docs/policy.md)\n", FORMAT_VERSION,
                tousu_version_string());
    for (size_t i = 0; i < N_SECTIONS; i++)
        sections[i].dump(p, sections[i].name, &s);
    *needed = s.len;
    return s.len < cap ? TOUSU_OK : TOUSU_ENOSPACE;
}

void tz_sink_put(tz_sink *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *dst = s->len < s->cap ? s->buf + s->len : NULL;
    size_t room = s->len < s->cap ? s->cap - s->len : 0;
    int n = vsnprintf(dst, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->len += (size_t)n;
}
