/*
 * dayfile.c - read tousu-triage's day files (format: tousu-triage.c and
 * examples/README.md). Every field is checked for its syntax here; whether
 * the values make sense (ranges, six-digit region codes, UTF-8) is left to
 * the library, so its own error messages show in the demo.
 */
#include "dayfile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { N_CONTACT_FIELDS = 15, N_ARCHIVE_FIELDS = 7, MAX_FIELDS = 16 };

typedef struct name_value {
    const char *name;
    int64_t value;
} name_value;

static const name_value categories[] = {{"consult", TOUSU_CAT_CONSULTATION},
                                        {"consultation", TOUSU_CAT_CONSULTATION},
                                        {"complaint", TOUSU_CAT_COMPLAINT},
                                        {"fault", TOUSU_CAT_FAULT},
                                        {"dispute", TOUSU_CAT_DISPUTE},
                                        {"suggestion", TOUSU_CAT_SUGGESTION},
                                        {NULL, 0}};

static const name_value channels[] = {{"hall", TOUSU_CH_HALL},
                                      {"hotline", TOUSU_CH_HOTLINE},
                                      {"manager", TOUSU_CH_ACCOUNT_MANAGER},
                                      {"account-manager", TOUSU_CH_ACCOUNT_MANAGER},
                                      {"website", TOUSU_CH_WEBSITE},
                                      {"petition", TOUSU_CH_PETITION},
                                      {"phone", TOUSU_CH_PHONE},
                                      {"fax", TOUSU_CH_FAX},
                                      {"letter", TOUSU_CH_LETTER},
                                      {"media", TOUSU_CH_MEDIA},
                                      {"onsite", TOUSU_CH_ONSITE},
                                      {NULL, 0}};

static const name_value bodies[] = {{"company", TOUSU_BODY_COMPANY},
                                    {"city-gov", TOUSU_BODY_CITY_GOVERNMENT},
                                    {"city-media", TOUSU_BODY_CITY_MEDIA},
                                    {"city-consumer", TOUSU_BODY_CITY_CONSUMER},
                                    {"prov-leaders", TOUSU_BODY_PROV_LEADERS},
                                    {"prov-hotline", TOUSU_BODY_PROV_HOTLINE},
                                    {"prov-gov", TOUSU_BODY_PROV_GOVERNMENT},
                                    {"prov-media", TOUSU_BODY_PROV_MEDIA},
                                    {"prov-consumer", TOUSU_BODY_PROV_CONSUMER},
                                    {"prov-comm-admin", TOUSU_BODY_PROV_COMM_ADMIN},
                                    {"group", TOUSU_BODY_GROUP_COMPANY},
                                    {"regulator", TOUSU_BODY_NATIONAL_REGULATOR},
                                    {"national-media", TOUSU_BODY_NATIONAL_MEDIA},
                                    {NULL, 0}};

static const name_value tiers[] = {{"ordinary", TOUSU_TIER_ORDINARY},
                                   {"key-city", TOUSU_TIER_KEY_CITY},
                                   {"key-prov", TOUSU_TIER_KEY_PROVINCE},
                                   {"key-national", TOUSU_TIER_KEY_NATIONAL},
                                   {NULL, 0}};

/* "vip"/"not-vip" also set VIP_KNOWN: the host states VIP either way, so the
 * R-CUS-5 default (important and key accounts count as VIP) does not apply. */
static const name_value customer_flags[] = {{"vip", TOUSU_CUST_VIP | TOUSU_CUST_VIP_KNOWN},
                                            {"not-vip", TOUSU_CUST_VIP_KNOWN},
                                            {"important", TOUSU_CUST_IMPORTANT},
                                            {"gold", TOUSU_CUST_GOLD_CARD},
                                            {"gov", TOUSU_CUST_GOV_CONTACT},
                                            {"group-a", TOUSU_CUST_GROUP_A_CONTACT},
                                            {"sensitive", TOUSU_CUST_SENSITIVE},
                                            {NULL, 0}};

static const name_value contact_flags[] = {{"dissatisfied", TOUSU_F_DISSATISFIED},
                                           {"demands", TOUSU_F_DEMANDS_RESOLUTION},
                                           {"demands-resolution", TOUSU_F_DEMANDS_RESOLUTION},
                                           {"harm", TOUSU_F_MAJOR_HARM},
                                           {"media", TOUSU_F_MAJOR_MEDIA},
                                           {"public", TOUSU_F_MAJOR_PUBLIC},
                                           {"government", TOUSU_F_MAJOR_GOVERNMENT},
                                           {"litigation", TOUSU_F_MAJOR_LITIGATION},
                                           {"operations", TOUSU_F_MAJOR_OPERATIONS},
                                           {"leaders", TOUSU_F_MAJOR_LEADERS},
                                           {"upgraded", TOUSU_F_UPGRADED},
                                           {"not-on-spot", TOUSU_F_NOT_ON_SPOT},
                                           {"manager-dispute", TOUSU_F_MANAGER_DISPUTE},
                                           {"special-deadline", TOUSU_F_SPECIAL_DEADLINE},
                                           {NULL, 0}};

static const name_value departments[] = {{"network", TOUSU_DEPT_NETWORK},
                                         {"billing", TOUSU_DEPT_BILLING},
                                         {"marketing", TOUSU_DEPT_MARKETING},
                                         {"it", TOUSU_DEPT_IT},
                                         {"device", TOUSU_DEPT_DEVICE_MAKER},
                                         {"legal", TOUSU_DEPT_LEGAL},
                                         {"cs", TOUSU_DEPT_CUSTOMER_SERVICE},
                                         {"other", TOUSU_DEPT_OTHER},
                                         {NULL, 0}};

static const name_value causes[] = {{"promise", TOUSU_CAUSE_PROMISE_NOT_KEPT},
                                    {"unsolved", TOUSU_CAUSE_NOT_SOLVED_OR_WRONG},
                                    {"unconsented", TOUSU_CAUSE_SUBSCRIBED_WITHOUT_CONSENT},
                                    {"ignored", TOUSU_CAUSE_IGNORED_UNTIL_SHOUTING},
                                    {"cold", TOUSU_CAUSE_COLD_OR_EVASIVE},
                                    {"distrust", TOUSU_CAUSE_CREDIBILITY_QUESTIONED},
                                    {"slow", TOUSU_CAUSE_TOO_SLOW},
                                    {NULL, 0}};

static const name_value levels[] = {{"agent", TOUSU_LEVEL_AGENT},
                                    {"supervisor", TOUSU_LEVEL_SUPERVISOR},
                                    {"city", TOUSU_LEVEL_CITY},
                                    {"province", TOUSU_LEVEL_PROVINCE},
                                    {"group", TOUSU_LEVEL_GROUP},
                                    {"0", 0},
                                    {"1", 1},
                                    {"2", 2},
                                    {"3", 3},
                                    {"4", 4},
                                    {NULL, 0}};

/* ------------------------------------------------------------------ */
/* Small parsers                                                       */
/* ------------------------------------------------------------------ */

/* Record what is wrong with the line; always returns 0 (failure). */
static int fail(dayfile_record *out, const char *what, const char *value)
{
    snprintf(out->error, sizeof out->error, "bad %s \"%s\"", what, value);
    out->kind = DAYFILE_BAD;
    return 0;
}

/* A field with nothing in it: empty or "-". */
static int is_unset(const char *s)
{
    return s[0] == '\0' || strcmp(s, "-") == 0;
}

static int lookup(const name_value *table, const char *s, int64_t *out)
{
    for (const name_value *nv = table; nv->name; nv++) {
        if (strcmp(nv->name, s) == 0) {
            *out = nv->value;
            return 1;
        }
    }
    return 0;
}

/* Strip leading and trailing blanks (and the line end) in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* A decimal integer that fills the whole string. */
static int parse_u64(const char *s, uint64_t *out)
{
    if (!isdigit((unsigned char)s[0]))
        return 0;
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end != '\0')
        return 0;
    *out = (uint64_t)v;
    return 1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mdays[m - 1] + (m == 2 && leap);
}

/* The built-in policy's zone is +08:00 (R-SLA-12); the library takes UTC
 * milliseconds (R-SLA-13), so the conversion is the host's job. */
int dayfile_parse_time(const char *s, int64_t *out_ms)
{
    int y, mo, d, h, mi, sec = 0, used = 0;
    if (sscanf(s, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &used) != 5)
        return 0;
    if (s[used] == ':') {
        int more = 0;
        if (sscanf(s + used, ":%2d%n", &sec, &more) != 1)
            return 0;
        used += more;
    }
    if (s[used] != '\0' || y < 1970 || y > 2199 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 ||
        mi < 0 || mi > 59 || sec < 0 || sec > 59 || d > days_in_month(y, mo))
        return 0;
    int64_t local_s = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    *out_ms = (local_s - 8 * 3600) * 1000;
    return 1;
}

void dayfile_format_hhmm(int64_t utc_ms, char buf[8])
{
    int64_t local_s = utc_ms / 1000 + 8 * 3600;
    int64_t sod = ((local_s % 86400) + 86400) % 86400;
    snprintf(buf, 8, "%02d:%02d", (int)(sod / 3600), (int)(sod / 60 % 60));
}

/* The inverse of days_from_civil (H. Hinnant's civil_from_days). */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void dayfile_format_local(int64_t utc_ms, char buf[DAYFILE_TIME_LEN])
{
    static const char *const wd[7] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    int64_t local_min = utc_ms / 60000 + 8 * 60; /* whole minutes: seconds are not shown */
    if (utc_ms % 60000 < 0)
        local_min--; /* floor before 1970 */
    int64_t days = local_min / 1440 - (local_min % 1440 < 0);
    int64_t mod = local_min - days * 1440;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    /* 1970-01-01 was a Thursday. The modulos only tell the compiler how
     * wide each number is (the years the library takes have four digits). */
    snprintf(buf, DAYFILE_TIME_LEN, "%s %04u-%02u-%02u %02u:%02u", wd[((days % 7) + 7) % 7],
             (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u,
             (unsigned)(mod / 60) % 100u, (unsigned)(mod % 60) % 100u);
}

/* R-BAT-5 a matter key: a number, or a name hashed with FNV-1a 64 (the
 * library never guesses what "the same matter" is; the host names it). */
static int parse_matter(const char *s, uint64_t *out)
{
    *out = 0;
    if (is_unset(s))
        return 1;
    if (isdigit((unsigned char)s[0]))
        return parse_u64(s, out) && *out != 0;
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= UINT64_C(0x100000001b3);
    }
    *out = h ? h : 1;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Fields of a contact                                                 */
/* ------------------------------------------------------------------ */

static int field_id(dayfile_record *out, const char *what, const char *s, uint64_t *id)
{
    if (!parse_u64(s, id) || *id == 0)
        return fail(out, what, s);
    return 1;
}

static int field_enum(dayfile_record *out, const name_value *table, const char *what, const char *s,
                      int32_t *value)
{
    int64_t v = 0;
    *value = 0;
    if (is_unset(s))
        return 1;
    if (!lookup(table, s, &v))
        return fail(out, what, s);
    *value = (int32_t)v;
    return 1;
}

static int field_customer_flags(dayfile_record *out, char *s, uint32_t *flags)
{
    *flags = 0;
    if (is_unset(s))
        return 1;
    for (char *item = strtok(s, "|"); item; item = strtok(NULL, "|")) {
        int64_t v;
        item = trim(item);
        if (!lookup(customer_flags, item, &v))
            return fail(out, "customer flag", item);
        *flags |= (uint32_t)v;
    }
    return 1;
}

/* One contact flag: a plain flag, dept:X (R-ESC-6), cause:X (R-DEF-2) or
 * deadline=TIME (R-CLS-2). */
static int contact_flag_item(dayfile_record *out, char *item, tousu_contact *c)
{
    int64_t v;
    if (strncmp(item, "dept:", 5) == 0 && lookup(departments, item + 5, &v))
        c->departments |= (uint32_t)v;
    else if (strncmp(item, "cause:", 6) == 0 && lookup(causes, item + 6, &v))
        c->causes |= (uint32_t)v;
    else if (strncmp(item, "deadline=", 9) == 0 &&
             dayfile_parse_time(item + 9, &c->special_deadline_ms))
        c->flags |= TOUSU_F_SPECIAL_DEADLINE;
    else if (lookup(contact_flags, item, &v))
        c->flags |= (uint32_t)v;
    else
        return fail(out, "contact flag", item);
    return 1;
}

static int field_contact_flags(dayfile_record *out, char *s, tousu_contact *c)
{
    if (is_unset(s))
        return 1;
    for (char *item = strtok(s, "|"); item; item = strtok(NULL, "|"))
        if (!contact_flag_item(out, trim(item), c))
            return 0;
    return 1;
}

/* The library checks that a region is a six-digit division code. */
static int field_region(dayfile_record *out, const char *what, const char *s, uint32_t *region)
{
    uint64_t v = 0;
    *region = 0;
    if (is_unset(s))
        return 1;
    if (!parse_u64(s, &v) || v > UINT32_MAX)
        return fail(out, what, s);
    *region = (uint32_t)v;
    return 1;
}

static int field_needed(dayfile_record *out, char *s, tousu_contact *c)
{
    if (is_unset(s))
        return 1;
    for (char *item = strtok(s, "|"); item; item = strtok(NULL, "|")) {
        if (c->n_needed_regions == TOUSU_MAX_REGIONS)
            return fail(out, "needed regions (too many)", item);
        if (!field_region(out, "needed region", trim(item),
                          &c->needed_regions[c->n_needed_regions]))
            return 0;
        c->n_needed_regions++;
    }
    return 1;
}

/* STAFF[@LEVEL] (R-ESC-3 complained about) and/or am=ID (the account
 * manager of a dispute). */
static int field_staff(dayfile_record *out, char *s, tousu_contact *c)
{
    if (is_unset(s))
        return 1;
    for (char *item = strtok(s, "|"); item; item = strtok(NULL, "|")) {
        item = trim(item);
        uint64_t id = 0, level = 0;
        if (strncmp(item, "am=", 3) == 0) {
            if (!parse_u64(item + 3, &id))
                return fail(out, "account manager", item);
            c->account_manager_id = id;
            continue;
        }
        char *at = strchr(item, '@');
        if (at)
            *at = '\0';
        if (!parse_u64(item, &id) || (at && (!parse_u64(at + 1, &level) || level > 4))) {
            if (at)
                *at = '@';
            return fail(out, "staff", item);
        }
        c->staff_id = id;
        c->staff_level = (int32_t)level;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

static int parse_contact(char **f, dayfile_record *out)
{
    tousu_contact *c = &out->contact;
    c->struct_size = sizeof *c;
    out->matter = is_unset(f[2]) ? "-" : f[2];
    out->when = f[3];
    if (!field_id(out, "contact id", f[0], &c->contact_id) ||
        !field_id(out, "customer id", f[1], &c->customer_id))
        return 0;
    if (!parse_matter(f[2], &c->matter))
        return fail(out, "matter key", f[2]);
    if (!dayfile_parse_time(f[3], &c->intake_ms))
        return fail(out, "time (want YYYY-MM-DD HH:MM, local +08:00)", f[3]);
    if (!field_enum(out, categories, "category", f[4], &c->category) ||
        !field_enum(out, channels, "channel", f[5], &c->channel) ||
        !field_enum(out, bodies, "body", f[6], &c->body) ||
        !field_enum(out, tiers, "tier", f[7], &c->tier) ||
        !field_customer_flags(out, f[8], &c->customer_flags) ||
        !field_contact_flags(out, f[9], c) ||
        !field_region(out, "customer region", f[10], &c->customer_region) ||
        !field_region(out, "handling region", f[11], &c->handling_region) ||
        !field_needed(out, f[12], c) || !field_staff(out, f[13], c))
        return 0;
    c->text = f[14];
    c->text_len = strlen(f[14]);
    out->kind = DAYFILE_CONTACT;
    return 1;
}

static int parse_archive(char **f, dayfile_record *out)
{
    tousu_archive *a = &out->archive;
    int64_t level = 0;
    a->struct_size = sizeof *a;
    out->matter = f[3];
    out->when = f[4];
    if (!field_id(out, "archive contact id", f[1], &a->contact_id) ||
        !field_id(out, "archive customer id", f[2], &a->customer_id))
        return 0;
    if (!parse_matter(f[3], &a->matter) || a->matter == 0)
        return fail(out, "archive matter key", f[3]);
    if (!dayfile_parse_time(f[4], &a->archived_ms))
        return fail(out, "archive time (want YYYY-MM-DD HH:MM, local +08:00)", f[4]);
    if (!lookup(levels, f[5], &level))
        return fail(out, "archive level", f[5]);
    a->level = (int32_t)level;
    if (!is_unset(f[6]) && !parse_u64(f[6], &a->closed_by))
        return fail(out, "archive closed_by", f[6]);
    out->kind = DAYFILE_ARCHIVE;
    return 1;
}

/* Split on commas into at most max fields; the last field keeps the rest of
 * the line, so the free text may contain commas. */
static size_t split(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n + 1 < max) {
        char *comma = strchr(p, ',');
        if (!comma)
            break;
        *comma = '\0';
        fields[n++] = trim(p);
        p = comma + 1;
    }
    fields[n++] = trim(p);
    return n;
}

int dayfile_parse(char *line, dayfile_record *out)
{
    memset(out, 0, sizeof *out);
    out->matter = out->when = "-";
    char *s = trim(line);
    if (*s == '\0' || *s == '#')
        return out->kind = DAYFILE_NOTHING;
    int is_archive = strncmp(s, "archive,", 8) == 0;
    size_t want = is_archive ? N_ARCHIVE_FIELDS : N_CONTACT_FIELDS;
    char *f[MAX_FIELDS];
    size_t n = split(s, f, want);
    if (n != want) {
        snprintf(out->error, sizeof out->error, "%zu fields, %s lines have %zu", n,
                 is_archive ? "archive" : "contact", want);
        return out->kind = DAYFILE_BAD;
    }
    if (is_archive)
        parse_archive(f, out);
    else
        parse_contact(f, out);
    return out->kind;
}

int dayfile_read_line(FILE *fp, char **buf, size_t *cap)
{
    size_t len = 0;
    int ch;
    while ((ch = fgetc(fp)) != EOF) {
        if (len + 2 > *cap) {
            size_t nc = *cap ? *cap * 2 : 256;
            char *b = realloc(*buf, nc);
            if (!b)
                return -1;
            *buf = b;
            *cap = nc;
        }
        (*buf)[len++] = (char)ch;
        if (ch == '\n')
            break;
    }
    if (len == 0)
        return 0;
    (*buf)[len] = '\0';
    return 1;
}
