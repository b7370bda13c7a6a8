/*
 * sla_plan.c - a ticket's SLA stage plan (R-SLA-1..10, R-ESC-5): the
 * stages of a fault ticket or of a complaint or enquiry, made from a triage
 * result, each stage's clock starting when the previous stage is done;
 * urgency and category changes; status, projected due times and the
 * breach reasons that raise the owning level one step per breached stage.
 */
#include "sla_int.h"

#include <string.h>

/* R-SLA-1..5 a fault ticket, from intake. */
static const int32_t fault_plan[] = {
    TOUSU_STAGE_PREPROCESS, TOUSU_STAGE_DISPATCH, TOUSU_STAGE_ENGINEER_ANSWER,
    TOUSU_STAGE_RESOLUTION_PLAN, TOUSU_STAGE_CALLBACK_CLOSE};
/* R-SLA-6 a complaint or enquiry is answered (passed on when it must be);
 * R-SLA-7..9 stages are added by the host with tousu_plan_new_custom. */
static const int32_t answer_plan[] = {TOUSU_STAGE_PASS_ON_ANSWER};

/* Is the stage in the category's default plan? (A policy dump writes the
 * SLA entries of these stages, policy_sla_text.c.) */
bool tz_plan_default_has(int32_t category, int32_t stage)
{
    const int32_t *list = category == TOUSU_CAT_FAULT ? fault_plan : answer_plan;
    size_t n = category == TOUSU_CAT_FAULT ? sizeof fault_plan / sizeof fault_plan[0]
                                           : sizeof answer_plan / sizeof answer_plan[0];
    for (size_t i = 0; i < n; i++)
        if (list[i] == stage)
            return true;
    return false;
}

/* ---------- names ---------- */

static const char *const stage_names[TOUSU_STAGE_COUNT_][3] = {
    [TOUSU_STAGE_PREPROCESS] = {"pre-process", "R-SLA-1", "预处理"},
    [TOUSU_STAGE_DISPATCH] = {"dispatch", "R-SLA-2", "派单"},
    [TOUSU_STAGE_ENGINEER_ANSWER] = {"engineer answer", "R-SLA-3", "工程师答复"},
    [TOUSU_STAGE_RESOLUTION_PLAN] = {"resolution plan", "R-SLA-4", "解决方案"},
    [TOUSU_STAGE_CALLBACK_CLOSE] = {"callback and close", "R-SLA-5", "回访销障"},
    [TOUSU_STAGE_PASS_ON_ANSWER] = {"pass-on answer", "R-SLA-6", "转办答复"},
    [TOUSU_STAGE_RARE_ANSWER] = {"rare-problem answer", "R-SLA-7", "罕见问题答复"},
    [TOUSU_STAGE_REFUND] = {"refund", "R-SLA-8", "退费"},
    [TOUSU_STAGE_DND_REPORT] = {"do-not-disturb report", "R-SLA-9", "免打扰报备"},
};

static const char *stage_field(int32_t stage, int f)
{
    if (stage < 1 || stage >= TOUSU_STAGE_COUNT_)
        return "?";
    return stage_names[stage][f];
}

const char *tousu_stage_name(int32_t stage)
{
    return stage_field(stage, 0);
}

const char *tz_stage_rule(int32_t stage)
{
    return stage_field(stage, 1);
}

const char *tz_stage_zh(int32_t stage)
{
    return stage_field(stage, 2);
}

const char *tousu_clock_state_name(int32_t state)
{
    static const char *const names[] = {"idle", "running", "paused", "met", "warning", "breached"};
    if (state < 0 || state > TOUSU_CLOCK_BREACHED)
        return "?";
    return names[state];
}

/* ---------- targets ---------- */

int64_t tz_plan_target(const tousu_plan *p, int32_t stage)
{
    return p->policy->sla_target[p->category][p->top_kind + 1][stage];
}

int32_t tz_plan_business(const tousu_plan *p, int32_t stage)
{
    return p->policy->sla_business[p->category][stage];
}

/* R-SLA-10: a stage due at the special limit counts on the 24x7 clock with
 * the time left until the limit when it starts (0 when already past). */
static int start_stage(tousu_plan *p, tz_stage *s, int64_t t)
{
    if (s->fixed)
        s->clock.target_ms = p->deadline_ms > t ? p->deadline_ms - t : 0;
    return tz_clock_start(&s->clock, p->cal, t);
}

/* ---------- making ---------- */

int tz_plan_alloc(tousu_plan **out, tousu_policy *policy, tousu_calendar *cal)
{
    tz_alloc a;
    tz_alloc_default(&a);
    tousu_plan *p = tz_calloc(&a, 1, sizeof *p);
    if (!p)
        return TOUSU_ENOMEM;
    p->alloc = a;
    if (policy) {
        p->policy = tz_policy_ref(policy);
    } else if (tousu_policy_new(&p->policy) != TOUSU_OK) {
        tz_free(&a, p);
        return TOUSU_ENOMEM;
    }
    tousu_policy_freeze(p->policy);
    __atomic_add_fetch(&cal->refs, 1, __ATOMIC_RELAXED);
    tousu_calendar_freeze(cal);
    p->cal = cal;
    tz_ok(&p->err);
    *out = p;
    return TOUSU_OK;
}

/* R-SLA-10: the special limit that came with the complaint, 0 = none. */
static int64_t special_limit(const tousu_result *r)
{
    int64_t limit = 0;
    uint32_t n = r->n_evidence < TOUSU_MAX_EVIDENCE ? r->n_evidence : TOUSU_MAX_EVIDENCE;
    for (uint32_t i = 0; i < n; i++) {
        const tousu_evidence *e = &r->evidence[i];
        if (e->source == TOUSU_EV_DEADLINE && e->value2 > 0 && (!limit || e->value2 < limit))
            limit = e->value2;
    }
    return limit;
}

static int check_result(const tousu_result *r, int64_t start)
{
    if (r->category < 1 || r->category >= TOUSU_CAT_COUNT_)
        return TOUSU_ERANGE;
    if (r->top_kind < TOUSU_SLA_ORDINARY || r->top_kind >= TOUSU_KIND_COUNT_)
        return TOUSU_ERANGE;
    if (r->level < 0 || r->level > TOUSU_LEVEL_GROUP)
        return TOUSU_ERANGE;
    if (!tz_time_ok(start))
        return TOUSU_ERANGE;
    return TOUSU_OK;
}

static int plan_new(tousu_plan **out, tousu_policy *policy, tousu_calendar *cal,
                    const tousu_result *triage, int64_t start_ms, const int32_t *stages, size_t n)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    if (!cal || !triage || (n > 0 && !stages))
        return TOUSU_EINVAL;
    tousu_result r;
    int rc = tz_copy_in(&r, sizeof r, triage, triage->struct_size,
                        offsetof(tousu_result, n_recused));
    if (rc != TOUSU_OK)
        return rc;
    if (start_ms == 0)
        start_ms = r.intake_ms;
    if ((rc = check_result(&r, start_ms)) != TOUSU_OK)
        return rc;
    if (n == 0) {
        stages = r.category == TOUSU_CAT_FAULT ? fault_plan : answer_plan;
        n = r.category == TOUSU_CAT_FAULT ? sizeof fault_plan / sizeof fault_plan[0] : 1;
    }
    if (n > TZ_PLAN_MAX_STAGES)
        return TOUSU_ERANGE;
    for (size_t i = 0; i < n; i++)
        if (stages[i] < 1 || stages[i] >= TOUSU_STAGE_COUNT_)
            return TOUSU_ERANGE;
    tousu_plan *p;
    if ((rc = tz_plan_alloc(&p, policy, cal)) != TOUSU_OK)
        return rc;
    p->category = r.category;
    p->top_kind = r.top_kind;
    p->base_level = r.level;
    p->is_complaint = r.is_complaint != 0;
    p->urgent = r.urgent != 0 || r.top_kind >= 0;
    /* R-SLA-10 / R-CLS-2: an urgent complaint gets a named owner at once. */
    p->named_owner = r.named_owner != 0 || (p->urgent && p->is_complaint);
    p->deadline_ms = special_limit(&r);
    p->start_ms = start_ms;
    p->n_stages = (int32_t)n;
    for (size_t i = 0; i < n; i++) {
        tz_stage *s = &p->stages[i];
        s->stage = stages[i];
        /* R-SLA-10: the special limit is the deadline of the last stage. */
        s->fixed = p->deadline_ms && i == n - 1;
        tz_clock_init(&s->clock, tz_plan_target(p, s->stage),
                      s->fixed ? 0 : tz_plan_business(p, s->stage),
                      p->policy->sla_warn_permille);
    }
    if ((rc = start_stage(p, &p->stages[0], start_ms)) != TOUSU_OK) {
        tousu_plan_free(p);
        return rc;
    }
    *out = p;
    return TOUSU_OK;
}

int tousu_plan_new_from_result(tousu_plan **out, tousu_policy *policy, tousu_calendar *cal,
                               const tousu_result *triage, int64_t start_ms)
{
    return plan_new(out, policy, cal, triage, start_ms, NULL, 0);
}

int tousu_plan_new_custom(tousu_plan **out, tousu_policy *policy, tousu_calendar *cal,
                          const tousu_result *triage, int64_t start_ms, const int32_t *stages,
                          size_t n)
{
    if (n == 0 || !stages) {
        if (out)
            *out = NULL;
        return n == 0 && stages ? TOUSU_ERANGE : TOUSU_EINVAL;
    }
    return plan_new(out, policy, cal, triage, start_ms, stages, n);
}

void tousu_plan_free(tousu_plan *p)
{
    if (!p)
        return;
    tousu_policy_free(p->policy);
    tousu_calendar_free(p->cal);
    tz_alloc a = p->alloc;
    tz_free(&a, p);
}

const char *tousu_plan_errmsg(const tousu_plan *p)
{
    return p ? p->err.msg : "no plan";
}

/* ---------- transitions ---------- */

static int fail(tousu_plan *p, int rc, const char *what, int64_t t)
{
    switch (rc) {
    case TOUSU_OK: tz_ok(&p->err); return rc;
    case TOUSU_ESTATE: return tz_fail(&p->err, rc, "%s: wrong state (plan done, or stage "
                                      "not running/paused)", what);
    case TOUSU_ENODATA:
        return tz_fail(&p->err, rc, "%s at %lld: outside the calendar's data years", what,
                       (long long)t);
    default:
        return tz_fail(&p->err, rc, "%s at %lld: out of range or before the last change", what,
                       (long long)t);
    }
}

int tousu_plan_stage_done(tousu_plan *p, int64_t t)
{
    if (!p)
        return TOUSU_EINVAL;
    if (p->current >= p->n_stages)
        return fail(p, TOUSU_ESTATE, "stage done", t);
    /* Both clocks change or neither. */
    tz_stage cur = p->stages[p->current];
    int rc = tz_clock_stop(&cur.clock, p->cal, t);
    tz_stage next;
    bool more = p->current + 1 < p->n_stages;
    if (rc == TOUSU_OK && more) {
        next = p->stages[p->current + 1];
        rc = start_stage(p, &next, t);
    }
    if (rc != TOUSU_OK)
        return fail(p, rc, "stage done", t);
    p->stages[p->current] = cur;
    if (more)
        p->stages[p->current + 1] = next;
    p->current++;
    return fail(p, TOUSU_OK, "", t);
}

int tousu_plan_pause(tousu_plan *p, int64_t t)
{
    if (!p)
        return TOUSU_EINVAL;
    if (p->current >= p->n_stages)
        return fail(p, TOUSU_ESTATE, "pause", t);
    return fail(p, tz_clock_pause(&p->stages[p->current].clock, p->cal, t), "pause", t);
}

int tousu_plan_resume(tousu_plan *p, int64_t t)
{
    if (!p)
        return TOUSU_EINVAL;
    if (p->current >= p->n_stages)
        return fail(p, TOUSU_ESTATE, "resume", t);
    return fail(p, tz_clock_resume(&p->stages[p->current].clock, p->cal, t), "resume", t);
}

/* R-SLA-10/11: every stage not yet done takes the target of the new
 * (category, kind); the running one keeps its elapsed and paused time. */
static int retarget_all(tousu_plan *p, int32_t category, int32_t kind, int64_t t)
{
    if (p->current >= p->n_stages)
        return TOUSU_ESTATE;
    tousu_plan n = *p;
    n.category = category;
    n.top_kind = kind;
    for (int32_t i = n.current; i < n.n_stages; i++) {
        tz_stage *s = &n.stages[i];
        if (s->fixed)
            continue; /* the special limit does not move */
        int rc = tz_clock_retarget(&s->clock, n.cal, tz_plan_target(&n, s->stage), t);
        if (rc != TOUSU_OK)
            return rc;
    }
    n.is_complaint = category == TOUSU_CAT_COMPLAINT || category == TOUSU_CAT_DISPUTE;
    n.urgent = kind >= 0;
    n.named_owner = n.named_owner || (n.urgent && n.is_complaint);
    *p = n;
    return TOUSU_OK;
}

int tousu_plan_set_urgency(tousu_plan *p, int32_t top_kind, int64_t t)
{
    if (!p)
        return TOUSU_EINVAL;
    if (top_kind < TOUSU_SLA_ORDINARY || top_kind >= TOUSU_KIND_COUNT_)
        return fail(p, TOUSU_ERANGE, "set urgency", t);
    return fail(p, retarget_all(p, p->category, top_kind, t), "set urgency", t);
}

int tousu_plan_set_category(tousu_plan *p, int32_t category, int64_t t)
{
    if (!p)
        return TOUSU_EINVAL;
    if (category < 1 || category >= TOUSU_CAT_COUNT_)
        return fail(p, TOUSU_ERANGE, "set category", t);
    return fail(p, retarget_all(p, category, p->top_kind, t), "set category", t);
}

/* ---------- reading ---------- */

/* Projected due of stage i: its clock's, or, for a stage not started, the
 * previous stage's projected due plus its target on its own calendar. */
int tz_plan_projected_due(const tousu_plan *p, int32_t i, int64_t t, int64_t *due, int *known)
{
    int64_t d = 0;
    int32_t k = p->current < p->n_stages ? p->current : p->n_stages - 1;
    if (i < k)
        k = i;
    tousu_clock_status st;
    int rc = tz_clock_status(&p->stages[k].clock, p->cal, t, &st);
    if (rc != TOUSU_OK)
        return rc;
    *known = st.due_known;
    d = st.due_ms;
    for (int32_t j = k + 1; j <= i && *known; j++) {
        const tz_stage *s = &p->stages[j];
        if (s->fixed) {
            d = p->deadline_ms > d ? p->deadline_ms : d;
            continue;
        }
        if (tz_cal_due(TZ_CLOCK_CAL(&s->clock, p->cal), d, s->clock.target_ms, &d) != TOUSU_OK)
            *known = 0;
    }
    *due = *known ? d : 0;
    return TOUSU_OK;
}

static int stage_status(const tousu_plan *p, int32_t i, int64_t t, tousu_clock_status *st)
{
    const tz_stage *s = &p->stages[i];
    int rc;
    if (s->clock.state != TZ_CK_IDLE || i == 0) {
        rc = tz_clock_status(&s->clock, p->cal, t, st);
    } else {
        /* Not started: idle, with the due time if every earlier stage takes
         * its full target. */
        int64_t start;
        int known;
        rc = tz_clock_status(&s->clock, p->cal, t, st);
        if (rc == TOUSU_OK)
            rc = tz_plan_projected_due(p, i - 1, t, &start, &known);
        if (rc == TOUSU_OK && known) {
            const tousu_calendar *cal = TZ_CLOCK_CAL(&s->clock, p->cal);
            int64_t target = s->fixed ? (p->deadline_ms > start ? p->deadline_ms - start : 0)
                                      : s->clock.target_ms;
            int64_t share = target * s->clock.warn_permille / 1000;
            known = tz_cal_due(cal, start, target, &st->due_ms) == TOUSU_OK &&
                    tz_cal_due(cal, start, share, &st->warning_ms) == TOUSU_OK;
            st->target_ms = target;
            st->remaining_ms = target;
        }
        if (rc == TOUSU_OK)
            st->due_known = known;
        if (rc == TOUSU_OK && !known)
            st->due_ms = st->warning_ms = 0;
    }
    st->stage = s->stage;
    return rc;
}

static int check_plan_time(const tousu_plan *p, int64_t t)
{
    if (!tz_time_ok(t))
        return TOUSU_ERANGE;
    int32_t k = p->current < p->n_stages ? p->current : p->n_stages - 1;
    return t < p->stages[k].clock.mark_ms ? TOUSU_ERANGE : TOUSU_OK;
}

int tousu_plan_get_stage(const tousu_plan *p, int32_t index, int64_t t, tousu_clock_status *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    if (out->struct_size < offsetof(tousu_clock_status, state) + sizeof out->state)
        return TOUSU_ESTRUCT;
    if (index < 0 || index >= p->n_stages)
        return TOUSU_ERANGE;
    int rc = check_plan_time(p, t);
    if (rc != TOUSU_OK)
        return rc;
    tousu_clock_status st;
    if ((rc = stage_status(p, index, t, &st)) != TOUSU_OK)
        return rc;
    tz_copy_out(out, out->struct_size, &st, sizeof st);
    return TOUSU_OK;
}

/* R-ESC-5: visit the breached stages in order. */
static int breaches(const tousu_plan *p, int64_t t, tousu_reason *out, size_t cap, size_t *n,
                    int32_t *warned)
{
    *n = 0;
    if (warned)
        *warned = 0;
    int rc = check_plan_time(p, t);
    if (rc != TOUSU_OK)
        return rc;
    for (int32_t i = 0; i < p->n_stages && i <= p->current; i++) {
        tousu_clock_status st;
        if ((rc = tz_clock_status(&p->stages[i].clock, p->cal, t, &st)) != TOUSU_OK)
            return rc;
        if (warned && st.warned)
            (*warned)++;
        if (!st.breached)
            continue;
        if (*n < cap) {
            int32_t level = p->base_level + (int32_t)*n + 1;
            out[*n].code = TOUSU_REASON_SLA_BREACH;
            out[*n].level = level > TOUSU_LEVEL_GROUP ? TOUSU_LEVEL_GROUP : level;
            out[*n].value = p->stages[i].stage;
        }
        (*n)++;
    }
    return TOUSU_OK;
}

int tousu_plan_reasons(const tousu_plan *p, int64_t t, tousu_reason *out, size_t cap, size_t *n)
{
    if (!p || !n || (!out && cap))
        return TOUSU_EINVAL;
    return breaches(p, t, out, cap, n, NULL);
}

int tousu_plan_get_status(const tousu_plan *p, int64_t t, tousu_plan_status *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    if (out->struct_size < offsetof(tousu_plan_status, category) + sizeof out->category)
        return TOUSU_ESTRUCT;
    tousu_plan_status st;
    memset(&st, 0, sizeof st);
    st.struct_size = sizeof st;
    size_t nb;
    int rc = breaches(p, t, NULL, 0, &nb, &st.n_warned);
    if (rc != TOUSU_OK)
        return rc;
    st.category = p->category;
    st.top_kind = p->top_kind;
    st.n_stages = p->n_stages;
    st.done = p->current >= p->n_stages;
    st.current = st.done ? -1 : p->current;
    st.stage = st.done ? 0 : p->stages[p->current].stage;
    st.base_level = p->base_level;
    st.n_breached = (int32_t)nb;
    st.level = p->base_level + st.n_breached; /* R-ESC-5 one level per breached stage */
    if (st.level > TOUSU_LEVEL_GROUP)
        st.level = TOUSU_LEVEL_GROUP;
    st.named_owner = p->named_owner;
    st.deadline_ms = p->deadline_ms;
    st.due_known = 1;
    if (!st.done) {
        int known;
        if ((rc = tz_plan_projected_due(p, p->current, t, &st.due_ms, &known)) != TOUSU_OK)
            return rc;
        st.due_known = known;
    }
    tz_copy_out(out, out->struct_size, &st, sizeof st);
    return TOUSU_OK;
}
