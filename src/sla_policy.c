/*
 * sla_policy.c - the SLA part of the policy (R-SLA-1..10, R-SLA-12,
 * R-ESC-5, R-POL-1): a target per (request category, urgency kind, stage),
 * which stages count on the business calendar, and the warning share. The
 * tables are plain arrays in struct tousu_policy so a policy file can
 * enumerate them (category 1..5 x kind -1..8 x stage 1..9). The policy
 * also owns a business calendar (R-POL-3), the built-in China one unless a
 * policy file or tousu_policy_set_calendar says otherwise.
 */
#include "sla_int.h"

#define MIN_MS TZ_MINUTE_MS
#define HOUR_MS TZ_HOUR_MS
#define DAY_MS TZ_DAY_MS
#define TARGET_MAX TZ_SLA_TARGET_MAX

/* The ordinary targets of SPEC.md section 10, and whether each counts on
 * the business calendar (default): the minute-sized fault steps are done by
 * staff on duty, so they count working time (seed 001 hours); targets given
 * in hours or days (24 h, 48 h, 3 days, 2 weeks, 10 days) are calendar
 * time, as a customer reads them. */
static const struct {
    int64_t ms;
    int32_t business;
} builtin[TOUSU_STAGE_COUNT_] = {
    [TOUSU_STAGE_PREPROCESS] = {30 * MIN_MS, 1},      /* R-SLA-1 */
    [TOUSU_STAGE_DISPATCH] = {10 * MIN_MS, 1},        /* R-SLA-2 */
    [TOUSU_STAGE_ENGINEER_ANSWER] = {30 * MIN_MS, 1}, /* R-SLA-3 */
    [TOUSU_STAGE_RESOLUTION_PLAN] = {24 * HOUR_MS, 0},/* R-SLA-4 */
    [TOUSU_STAGE_CALLBACK_CLOSE] = {20 * MIN_MS, 1},  /* R-SLA-5 */
    [TOUSU_STAGE_PASS_ON_ANSWER] = {48 * HOUR_MS, 0}, /* R-SLA-6 */
    [TOUSU_STAGE_RARE_ANSWER] = {3 * DAY_MS, 0},      /* R-SLA-7 */
    [TOUSU_STAGE_REFUND] = {14 * DAY_MS, 0},          /* R-SLA-8 */
    [TOUSU_STAGE_DND_REPORT] = {10 * DAY_MS, 0},      /* R-SLA-9 */
};

int64_t tz_sla_builtin_target(int32_t kind, int32_t stage)
{
    return kind == TOUSU_SLA_ORDINARY ? builtin[stage].ms : builtin[stage].ms / 2;
}

int32_t tz_sla_builtin_business(int32_t stage)
{
    return builtin[stage].business;
}

void tz_policy_init_sla(tousu_policy *p)
{
    for (int c = 0; c < TOUSU_CAT_COUNT_; c++)
        for (int s = 1; s < TOUSU_STAGE_COUNT_; s++) {
            p->sla_target[c][0][s] = builtin[s].ms;
            /* R-SLA-10 (default): urgent targets are half the ordinary. */
            for (int k = 1; k <= TOUSU_KIND_COUNT_; k++)
                p->sla_target[c][k][s] = tz_sla_builtin_target(k - 1, s);
            p->sla_business[c][s] = builtin[s].business;
        }
    p->sla_warn_permille = 800; /* R-ESC-5 */
    /* R-POL-3: the built-in calendar references the static holiday arrays,
     * so this is one small allocation (policy creation is on hot paths).
     * Out of memory leaves NULL, read as the built-in calendar. */
    if (tz_calendar_builtin(&p->calendar, &p->alloc) != TOUSU_OK)
        p->calendar = NULL;
}

void tz_policy_free_sla(tousu_policy *p)
{
    tousu_calendar_free(p->calendar);
    p->calendar = NULL;
}

static int check_keys(int32_t category, int32_t kind, int32_t stage)
{
    if (category < 1 || category >= TOUSU_CAT_COUNT_)
        return TOUSU_ERANGE;
    if (kind < TOUSU_SLA_ORDINARY || kind >= TOUSU_KIND_COUNT_)
        return TOUSU_ERANGE;
    if (stage < 1 || stage >= TOUSU_STAGE_COUNT_)
        return TOUSU_ERANGE;
    return TOUSU_OK;
}

static int check_writable(const tousu_policy *p)
{
    if (!p)
        return TOUSU_EINVAL;
    if (__atomic_load_n(&p->frozen, __ATOMIC_ACQUIRE))
        return TOUSU_ESTATE;
    return TOUSU_OK;
}

int tousu_policy_set_sla_target(tousu_policy *p, int32_t category, int32_t kind, int32_t stage,
                                int64_t ms)
{
    int rc = check_writable(p);
    if (rc == TOUSU_OK)
        rc = check_keys(category, kind, stage);
    if (rc != TOUSU_OK)
        return rc;
    if (ms < 0 || ms > TARGET_MAX)
        return TOUSU_ERANGE;
    p->sla_target[category][kind + 1][stage] = ms;
    return TOUSU_OK;
}

int tousu_policy_get_sla_target(const tousu_policy *p, int32_t category, int32_t kind,
                                int32_t stage, int64_t *ms)
{
    if (!p || !ms)
        return TOUSU_EINVAL;
    int rc = check_keys(category, kind, stage);
    if (rc != TOUSU_OK)
        return rc;
    *ms = p->sla_target[category][kind + 1][stage];
    return TOUSU_OK;
}

int tousu_policy_set_sla_business(tousu_policy *p, int32_t category, int32_t stage,
                                  int32_t business)
{
    int rc = check_writable(p);
    if (rc == TOUSU_OK)
        rc = check_keys(category, TOUSU_SLA_ORDINARY, stage);
    if (rc != TOUSU_OK)
        return rc;
    if (business != 0 && business != 1)
        return TOUSU_ERANGE;
    p->sla_business[category][stage] = business;
    return TOUSU_OK;
}

int tousu_policy_get_sla_business(const tousu_policy *p, int32_t category, int32_t stage,
                                  int32_t *business)
{
    if (!p || !business)
        return TOUSU_EINVAL;
    int rc = check_keys(category, TOUSU_SLA_ORDINARY, stage);
    if (rc != TOUSU_OK)
        return rc;
    *business = p->sla_business[category][stage];
    return TOUSU_OK;
}

int tousu_policy_set_sla_warning(tousu_policy *p, int32_t permille)
{
    int rc = check_writable(p);
    if (rc != TOUSU_OK)
        return rc;
    if (permille < 0 || permille > 1000)
        return TOUSU_ERANGE;
    p->sla_warn_permille = permille;
    return TOUSU_OK;
}

int tousu_policy_get_sla_warning(const tousu_policy *p, int32_t *permille)
{
    if (!p || !permille)
        return TOUSU_EINVAL;
    *permille = p->sla_warn_permille;
    return TOUSU_OK;
}

/* ---------- the policy's calendar (R-POL-3) ---------- */

const tousu_calendar *tz_policy_cal(const tousu_policy *p, tousu_calendar *scratch)
{
    if (p->calendar)
        return p->calendar;
    tz_cal_init_builtin(scratch, &p->alloc); /* no allocation */
    return scratch;
}

int tz_policy_cal_mut(tousu_policy *p, tousu_calendar **out)
{
    int rc = check_writable(p);
    if (rc != TOUSU_OK)
        return rc;
    if (!p->calendar && (rc = tz_calendar_builtin(&p->calendar, &p->alloc)) != TOUSU_OK)
        return rc;
    if (__atomic_load_n(&p->calendar->frozen, __ATOMIC_ACQUIRE))
        return TOUSU_ESTATE; /* shared with the host: replace it instead */
    *out = p->calendar;
    return TOUSU_OK;
}

int tousu_policy_calendar(const tousu_policy *p, tousu_calendar **out)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    if (!p)
        return TOUSU_EINVAL;
    tousu_calendar *cal = p->calendar;
    if (cal) {
        __atomic_add_fetch(&cal->refs, 1, __ATOMIC_RELAXED);
    } else { /* the policy's could not be made: an equal one */
        int rc = tz_calendar_builtin(&cal, &p->alloc);
        if (rc != TOUSU_OK)
            return rc;
    }
    tousu_calendar_freeze(cal); /* shared from now on */
    *out = cal;
    return TOUSU_OK;
}

int tousu_policy_set_calendar(tousu_policy *p, tousu_calendar *cal)
{
    int rc = check_writable(p);
    if (rc != TOUSU_OK)
        return rc;
    if (!cal)
        return TOUSU_EINVAL;
    __atomic_add_fetch(&cal->refs, 1, __ATOMIC_RELAXED);
    tousu_calendar_freeze(cal);
    tousu_calendar_free(p->calendar);
    p->calendar = cal;
    return TOUSU_OK;
}
