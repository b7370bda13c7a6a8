/*
 * policy.c - the built-in policy (SPEC.md's numbers) and the integer
 * parameter setters. A policy is mutable until an engine takes it or
 * tousu_policy_freeze is called; then it is immutable and shared (R-POL-4).
 * The text policy loader lives in policy_file.c.
 */
#include "internal.h"

#include <string.h>

typedef struct param_desc {
    int32_t id;
    size_t offset; /* of the int64_t field in struct tousu_policy */
    int64_t lo, hi;
} param_desc;

#define FIELD(f) offsetof(struct tousu_policy, f)

/* R-POL-1: every number is a parameter, with the range it may take. */
static const param_desc params[] = {
    {TOUSU_P_BATCH_WINDOW_MS, FIELD(batch_window_ms), TZ_MINUTE_MS, 7 * 24 * TZ_HOUR_MS},
    {TOUSU_P_BATCH_ORDINARY, FIELD(batch_ordinary), 1, 100000},
    {TOUSU_P_BATCH_VIP, FIELD(batch_vip), 1, 100000},
    {TOUSU_P_BATCH_LATE_MS, FIELD(batch_late_ms), 0, 30 * 24 * TZ_HOUR_MS},
    {TOUSU_P_REPEAT_MONTHS, FIELD(repeat_months), 0, 120},
    {TOUSU_P_UTC_OFFSET_MIN, FIELD(utc_offset_min), -14 * 60, 14 * 60},
    {TOUSU_P_LEVEL_UPGRADED, FIELD(level_upgraded), 0, TOUSU_LEVEL_GROUP},
    {TOUSU_P_LEVEL_CROSS_CITY, FIELD(level_cross_city), 0, TOUSU_LEVEL_GROUP},
    {TOUSU_P_LEVEL_CROSS_PROVINCE, FIELD(level_cross_province), 0, TOUSU_LEVEL_GROUP},
    {TOUSU_P_MAX_TEXT_BYTES, FIELD(max_text_bytes), 0, 64 * 1024 * 1024},
    {TOUSU_P_VIP_FROM_IMPORTANCE, FIELD(vip_from_importance), 0, 1},
    {TOUSU_P_BATCH_COUNTS_FAULTS, FIELD(batch_counts_faults), 0, 1},
};

static void set_priority(tousu_policy *p, const int32_t *kinds)
{
    for (int32_t i = 0; i < TOUSU_KIND_COUNT_; i++) {
        p->priority[i] = kinds[i];
        p->rank_of_kind[kinds[i]] = i;
    }
}

/* The numbers of SPEC.md, each with the rule that sets it. */
static void init_builtin(tousu_policy *p)
{
    p->batch_window_ms = 60 * TZ_MINUTE_MS; /* R-BAT-1 */
    p->batch_ordinary = 10;                 /* R-BAT-1 more than 10 ordinary */
    p->batch_vip = 5;                       /* R-BAT-1 more than 5 VIP */
    p->batch_late_ms = 60 * TZ_MINUTE_MS;   /* R-BAT-3 (default) */
    p->repeat_months = 3;                   /* R-REP-1 */
    p->utc_offset_min = TZ_DEFAULT_UTC_OFFSET_MIN; /* R-SLA-12 +08:00 */
    p->level_upgraded = TOUSU_LEVEL_PROVINCE;       /* R-CLS-7 */
    p->level_cross_city = TOUSU_LEVEL_PROVINCE;     /* R-XRG-1 */
    p->level_cross_province = TOUSU_LEVEL_GROUP;    /* R-XRG-2 */
    p->max_text_bytes = 64 * 1024;
    p->vip_from_importance = 1;             /* R-CUS-5 (default) */
    p->batch_counts_faults = 1;

    /* R-LEAP-2 */
    p->leap_level[TOUSU_BODY_COMPANY] = TOUSU_LEVEL_AGENT;
    p->leap_level[TOUSU_BODY_CITY_GOVERNMENT] = TOUSU_LEVEL_CITY;
    p->leap_level[TOUSU_BODY_CITY_MEDIA] = TOUSU_LEVEL_CITY;
    p->leap_level[TOUSU_BODY_CITY_CONSUMER] = TOUSU_LEVEL_CITY;
    p->leap_level[TOUSU_BODY_PROV_LEADERS] = TOUSU_LEVEL_PROVINCE;
    p->leap_level[TOUSU_BODY_PROV_HOTLINE] = TOUSU_LEVEL_PROVINCE;
    p->leap_level[TOUSU_BODY_PROV_GOVERNMENT] = TOUSU_LEVEL_PROVINCE;
    p->leap_level[TOUSU_BODY_PROV_MEDIA] = TOUSU_LEVEL_PROVINCE;
    p->leap_level[TOUSU_BODY_PROV_CONSUMER] = TOUSU_LEVEL_PROVINCE;
    p->leap_level[TOUSU_BODY_PROV_COMM_ADMIN] = TOUSU_LEVEL_PROVINCE;
    p->leap_level[TOUSU_BODY_GROUP_COMPANY] = TOUSU_LEVEL_GROUP;
    p->leap_level[TOUSU_BODY_NATIONAL_REGULATOR] = TOUSU_LEVEL_GROUP;
    p->leap_level[TOUSU_BODY_NATIONAL_MEDIA] = TOUSU_LEVEL_GROUP;

    /* R-CLS-11 the seed's order */
    static const int32_t order[TOUSU_KIND_COUNT_] = {
        TOUSU_KIND_MAJOR,     TOUSU_KIND_LEAPFROG,     TOUSU_KIND_BATCH,
        TOUSU_KIND_REPEAT,    TOUSU_KIND_UPGRADED,     TOUSU_KIND_CROSS_REGION,
        TOUSU_KIND_IMPORTANT, TOUSU_KIND_SENSITIVE,    TOUSU_KIND_SPECIAL_DEADLINE};
    set_priority(p, order);

    tz_policy_init_sla(p);
    tz_words_policy_init(p);
}

static void release_tables(tousu_policy *p)
{
    tz_policy_free_sla(p);
    tz_words_policy_free(p);
}

int tousu_policy_new(tousu_policy **out)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    tz_alloc a;
    tz_alloc_default(&a);
    tousu_policy *p = tz_calloc(&a, 1, sizeof *p);
    if (!p)
        return TOUSU_ENOMEM;
    p->alloc = a;
    p->refs = 1;
    init_builtin(p);
    *out = p;
    return TOUSU_OK;
}

tousu_policy *tz_policy_ref(tousu_policy *p)
{
    __atomic_add_fetch(&p->refs, 1, __ATOMIC_RELAXED);
    return p;
}

void tousu_policy_free(tousu_policy *p)
{
    if (!p)
        return;
    if (__atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    release_tables(p);
    tz_alloc a = p->alloc;
    tz_free(&a, p);
}

int tousu_policy_freeze(tousu_policy *p)
{
    if (!p)
        return TOUSU_EINVAL;
    __atomic_store_n(&p->frozen, 1, __ATOMIC_RELEASE);
    return TOUSU_OK;
}

static const param_desc *find_param(int32_t id)
{
    if (id >= TOUSU_P_LEAP_LEVEL_BASE && id < TOUSU_P_LEAP_LEVEL_BASE + TOUSU_BODY_COUNT_) {
        static const param_desc leap = {0, 0, 0, TOUSU_LEVEL_GROUP};
        return &leap;
    }
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
        if (params[i].id == id)
            return &params[i];
    return NULL;
}

static int64_t *param_slot(tousu_policy *p, int32_t id, const param_desc *d)
{
    if (id >= TOUSU_P_LEAP_LEVEL_BASE)
        return &p->leap_level[id - TOUSU_P_LEAP_LEVEL_BASE];
    return (int64_t *)(void *)((char *)p + d->offset);
}

int tousu_param_bounds(int32_t param, int64_t *lo, int64_t *hi)
{
    if (!lo || !hi)
        return TOUSU_EINVAL;
    const param_desc *d = find_param(param);
    if (!d)
        return TOUSU_ENOTFOUND;
    *lo = d->lo;
    *hi = d->hi;
    return TOUSU_OK;
}

int tousu_policy_set_int(tousu_policy *p, int32_t param, int64_t value)
{
    if (!p)
        return TOUSU_EINVAL;
    if (__atomic_load_n(&p->frozen, __ATOMIC_ACQUIRE))
        return TOUSU_ESTATE;
    const param_desc *d = find_param(param);
    if (!d)
        return TOUSU_ENOTFOUND;
    if (value < d->lo || value > d->hi)
        return TOUSU_ERANGE;
    *param_slot(p, param, d) = value;
    return TOUSU_OK;
}

int tousu_policy_get_int(const tousu_policy *p, int32_t param, int64_t *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    const param_desc *d = find_param(param);
    if (!d)
        return TOUSU_ENOTFOUND;
    *out = *param_slot((tousu_policy *)(uintptr_t)p, param, d);
    return TOUSU_OK;
}

int tousu_policy_set_priority(tousu_policy *p, const int32_t *kinds, size_t n)
{
    if (!p || !kinds)
        return TOUSU_EINVAL;
    if (__atomic_load_n(&p->frozen, __ATOMIC_ACQUIRE))
        return TOUSU_ESTATE;
    if (n != TOUSU_KIND_COUNT_)
        return TOUSU_ERANGE;
    bool seen[TOUSU_KIND_COUNT_] = {false};
    for (size_t i = 0; i < n; i++) {
        if (kinds[i] < 0 || kinds[i] >= TOUSU_KIND_COUNT_ || seen[kinds[i]])
            return TOUSU_ERANGE;
        seen[kinds[i]] = true;
    }
    set_priority(p, kinds);
    return TOUSU_OK;
}
