/*
 * tousu-sla - the SLA plans of a few tickets taken in just before China's
 * National Day holiday, watched at chosen instants: each stage's target,
 * due time in local time and state, and the escalations its breaches cause.
 *
 * An example program, not part of the library: it uses only the public
 * header <tousu.h> and links the shared library, as a call-centre host
 * would. Everything runs on the built-in policy (SPEC.md) and the built-in
 * China business calendar (08:30-18:00 Monday to Friday, public holidays
 * and make-up working days of 2024-2026).
 *
 *   tousu-sla            print the story below
 *
 * The story (times are local, +08:00):
 *  - On Tuesday 2025-09-30, the last working day before the National Day
 *    and Mid-Autumn holiday (10-01 .. 10-08), four contacts arrive after
 *    17:30: a broadband fault, an ordinary billing complaint, a complaint
 *    by a gold-card customer (urgent: important customer, R-CLS-9) and a
 *    complaint whose answer a superior wants by 10-01 12:00 (urgent:
 *    special limit, R-CLS-2).
 *  - Each is triaged (tousu_triage), then gets its stage plan
 *    (tousu_plan_new_from_result, R-SLA-1..10): the fault its five stages,
 *    the complaints the passed-on answer (R-SLA-6, 48 h). The urgent ones
 *    get half the target, or the special limit, and a named owner (R-SLA-10).
 *  - Staff mark stages done, and pause a clock while waiting for the
 *    customer, at the instants of the EVENTS table; the plans are printed
 *    at the instants of the SNAPSHOTS table (R-SLA-11).
 *  - At the end: why the fault's pre-processing is due on the 9th
 *    (tousu_calendar_explain_due) and the library's own text of that plan
 *    (tousu_plan_explain).
 *
 * The tickets are written as tousu-triage day-file lines (dayfile.c reads
 * them; the format is in examples/README.md).
 *
 * Exit status: 0 done; 1 a library call failed (the message is printed).
 */
#include "dayfile.h"

#include <tousu.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The story                                                           */
/* ------------------------------------------------------------------ */

/* Day-file lines (15 fields: id, customer, matter, time, category, channel,
 * body, tier, customer flags, contact flags, customer region, handling
 * region, needed regions, staff, text), in intake order. */
static const char *const TICKETS[] = {
    "3001,31000301,FTTH-440106-31000301,2025-09-30 17:40,fault,hotline,company,-,-,"
    "dept:network,440106,440100,-,-,家里宽带从下午开始断网，光猫LOS灯一直红色闪烁",
    "3002,31000302,BILL-202509-31000302,2025-09-30 17:42,complaint,hotline,company,-,-,"
    "dissatisfied|demands|cause:unsolved|dept:billing,440106,440100,-,-,"
    "九月账单多扣了30元流量费，上个月也这样，要求退还并说明原因",
    "3003,31000303,ROAM-DUP-31000303,2025-09-30 17:46,complaint,hotline,company,-,gold,"
    "dissatisfied|demands|cause:ignored|dept:billing,440106,440100,-,-,"
    "国际漫游包被重复扣费，已经打了两次电话都没人处理",
    "3004,31000304,INSTALL-31000304,2025-09-30 17:55,complaint,hotline,company,-,-,"
    "dissatisfied|demands|cause:promise|deadline=2025-10-01 12:00,440106,440100,-,-,"
    "预约装宽带三次都没人上门；省公司要求10月1日中午前答复客户",
};
enum { N_TICKETS = sizeof TICKETS / sizeof TICKETS[0] };

enum action { STAGE_DONE, PAUSE, RESUME };

/* What staff did, in time order: ticket index, local time, action, note. */
typedef struct event {
    int ticket;
    const char *when;
    enum action action;
    const char *note;
} event;

static const event EVENTS[] = {
    {1, "2025-10-01 10:00", PAUSE, "waiting for the customer's photo of the bill"},
    {3, "2025-10-01 11:20", STAGE_DONE, "the duty manager calls the customer back"},
    {2, "2025-10-01 18:30", STAGE_DONE, "the customer gets the answer, 44 min late"},
    {1, "2025-10-02 09:00", RESUME, "the photo arrives"},
    {1, "2025-10-02 15:30", STAGE_DONE, "the refund is confirmed to the customer"},
    {0, "2025-10-09 08:36", STAGE_DONE, "pre-processed: line fault, not the modem"},
    {0, "2025-10-09 08:49", STAGE_DONE, "dispatched to the engineer, 3 min late"},
    {0, "2025-10-09 09:17", STAGE_DONE, "the engineer answers: fibre cut, splice tomorrow"},
};
enum { N_EVENTS = sizeof EVENTS / sizeof EVENTS[0] };

/* The instants at which the plans are shown. */
typedef struct snapshot {
    const char *when;
    const char *title;
} snapshot;

static const snapshot SNAPSHOTS[] = {
    {"2025-10-01 13:30", "National Day: the office is closed"},
    {"2025-10-09 09:15", "the first working morning after the holiday"},
    {"2025-10-10 09:30", "the next morning: no resolution plan yet"},
};
enum { N_SNAPSHOTS = sizeof SNAPSHOTS / sizeof SNAPSHOTS[0] };

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

typedef struct ticket {
    char line[512];      /* dayfile_parse works in place */
    dayfile_record rec;  /* rec.contact points into line */
    tousu_result result; /* the triage */
    tousu_plan *plan;    /* its SLA plan */
} ticket;

typedef struct demo {
    tousu_policy *policy;  /* the built-in policy, shared by engine and plans */
    tousu_engine *engine;  /* triage, with the in-memory store */
    tousu_calendar *cal;   /* the China business calendar */
    ticket t[N_TICKETS];
    int next_event;        /* EVENTS applied so far */
    int32_t warn_permille; /* R-ESC-5 warning share */
    char *text;            /* buffer for the library's texts */
    size_t text_cap;
} demo;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* Report a failed library call; returns 0 so callers can `return fail(..)`. */
static int fail(const char *what, int rc, const char *detail)
{
    fflush(stdout);
    fprintf(stderr, "tousu-sla: %s failed: %s (%d)%s%s\n", what, tousu_strerror(rc), rc,
            detail && *detail ? ": " : "", detail ? detail : "");
    return 0;
}

static int64_t local_time(const char *s)
{
    int64_t ms = 0;
    if (!dayfile_parse_time(s, &ms)) {
        /* The tables above are ours: a bad time is a bug in this file. */
        fprintf(stderr, "tousu-sla: bad time in a table: %s\n", s);
        exit(1);
    }
    return ms;
}

static const char *when(int64_t utc_ms, char buf[DAYFILE_TIME_LEN])
{
    dayfile_format_local(utc_ms, buf);
    return buf;
}

/* "2 d", "18 h 20 min", "30 min" (to the minute; sub-minute parts dropped). */
static const char *duration(int64_t ms, char buf[32])
{
    int64_t min = (ms < 0 ? -ms : ms) / 60000;
    int64_t d = min / 1440, h = min / 60 % 24, m = min % 60;
    int n = 0;
    buf[0] = '\0';
    if (d)
        n += snprintf(buf + n, (size_t)(32 - n), "%lld d", (long long)d);
    if (h)
        n += snprintf(buf + n, (size_t)(32 - n), "%s%lld h", n ? " " : "", (long long)h);
    if (m || n == 0)
        snprintf(buf + n, (size_t)(32 - n), "%s%lld min", n ? " " : "", (long long)m);
    return buf;
}

/* A library text with snprintf semantics, grown to fit. Returns NULL (and
 * reports) on failure. `call` fills buf (cap) and needed. */
typedef int (*text_fn)(const void *arg, int64_t t, char *buf, size_t cap, size_t *needed);

static const char *library_text(demo *dm, text_fn call, const void *arg, int64_t t,
                                const char *what)
{
    size_t needed = 0;
    int rc = call(arg, t, dm->text, dm->text_cap, &needed);
    if (rc == TOUSU_ENOSPACE) {
        char *bigger = realloc(dm->text, needed + 1);
        if (!bigger) {
            fail(what, TOUSU_ENOMEM, NULL);
            return NULL;
        }
        dm->text = bigger;
        dm->text_cap = needed + 1;
        rc = call(arg, t, dm->text, dm->text_cap, &needed);
    }
    if (rc != TOUSU_OK) {
        fail(what, rc, NULL);
        return NULL;
    }
    return dm->text;
}

/* Print text with every line indented. */
static void indented(const char *text, const char *indent)
{
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text);
        printf("%s%.*s\n", indent, (int)len, text);
        text += len + (nl != NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Intake: triage and plan                                             */
/* ------------------------------------------------------------------ */

/* The urgent target against the ordinary one, to show R-SLA-10's halving. */
static void print_urgent_targets(const demo *dm, const ticket *tk)
{
    const tousu_result *r = &tk->result;
    tousu_clock_status st;
    memset(&st, 0, sizeof st);
    st.struct_size = sizeof st;
    if (tousu_plan_get_stage(tk->plan, 0, r->intake_ms, &st) != TOUSU_OK)
        return;
    int64_t ordinary = 0, urgent = 0;
    if (tousu_policy_get_sla_target(dm->policy, r->category, TOUSU_SLA_ORDINARY, st.stage,
                                    &ordinary) != TOUSU_OK ||
        tousu_policy_get_sla_target(dm->policy, r->category, r->top_kind, st.stage, &urgent) !=
            TOUSU_OK)
        return;
    char a[32], b[32], c[32];
    if (r->kinds & (1u << TOUSU_KIND_SPECIAL_DEADLINE) && st.target_ms != urgent)
        printf("  SLA (R-SLA-10): the special limit is the deadline of the last stage: "
               "%s from intake instead of the urgent %s (ordinary %s)\n",
               duration(st.target_ms, a), duration(urgent, b), duration(ordinary, c));
    else
        printf("  SLA (R-SLA-10): urgent targets, %s for the %s instead of the ordinary %s\n",
               duration(urgent, a), tousu_stage_name(st.stage), duration(ordinary, b));
}

static void print_intake(const demo *dm, const ticket *tk)
{
    const tousu_contact *c = &tk->rec.contact;
    const tousu_result *r = &tk->result;
    char tb[DAYFILE_TIME_LEN];
    printf("#%llu  %s  customer %llu  via %s\n", (unsigned long long)c->contact_id,
           when(c->intake_ms, tb), (unsigned long long)c->customer_id,
           tousu_channel_name(c->channel));
    printf("  says: %s\n", c->text);
    printf("  triage: %s, ", tousu_category_name(r->category));
    if (r->urgent)
        printf("URGENT (紧急) %s, priority tier %d", tousu_kind_name(r->top_kind),
               (int)r->priority_tier);
    else
        printf("ordinary (普通)");
    printf(", owner %s\n", tousu_level_name(r->level));
    if (r->category == TOUSU_CAT_FAULT)
        printf("  plan: a fault ticket's five stages, R-SLA-1..5\n");
    else
        printf("  plan: the passed-on answer, R-SLA-6\n");
    if (r->urgent) {
        print_urgent_targets(dm, tk);
        printf("  named owner (专人跟进) at once (R-SLA-10)\n");
    }
    printf("\n");
}

static int intake(demo *dm, ticket *tk, const char *line)
{
    snprintf(tk->line, sizeof tk->line, "%s", line);
    if (dayfile_parse(tk->line, &tk->rec) != DAYFILE_CONTACT) {
        fprintf(stderr, "tousu-sla: bad ticket line: %s\n", tk->rec.error);
        return 0;
    }
    memset(&tk->result, 0, sizeof tk->result);
    tk->result.struct_size = sizeof tk->result;
    int rc = tousu_triage(dm->engine, &tk->rec.contact, &tk->result);
    if (rc != TOUSU_OK)
        return fail("tousu_triage", rc, tousu_engine_errmsg(dm->engine));
    /* R-SLA-1..10: the plan starts at the intake (start 0). Business-time
     * stages count on dm->cal; the plan takes references to both. */
    rc = tousu_plan_new_from_result(&tk->plan, dm->policy, dm->cal, &tk->result, 0);
    if (rc != TOUSU_OK)
        return fail("tousu_plan_new_from_result", rc, NULL);
    print_intake(dm, tk);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

static const char *action_name(enum action a)
{
    switch (a) {
    case STAGE_DONE: return "done";
    case PAUSE: return "pause";
    case RESUME: return "resume";
    }
    return "?";
}

/* Apply one event: R-SLA-11 transitions at the host's instant (R-SLA-13). */
static int apply(demo *dm, const event *ev)
{
    ticket *tk = &dm->t[ev->ticket];
    int64_t t = local_time(ev->when);
    tousu_plan_status ps;
    memset(&ps, 0, sizeof ps);
    ps.struct_size = sizeof ps;
    int rc = tousu_plan_get_status(tk->plan, t, &ps);
    if (rc != TOUSU_OK)
        return fail("tousu_plan_get_status", rc, tousu_plan_errmsg(tk->plan));
    switch (ev->action) {
    case STAGE_DONE: rc = tousu_plan_stage_done(tk->plan, t); break;
    case PAUSE: rc = tousu_plan_pause(tk->plan, t); break;
    case RESUME: rc = tousu_plan_resume(tk->plan, t); break;
    }
    if (rc != TOUSU_OK)
        return fail(action_name(ev->action), rc, tousu_plan_errmsg(tk->plan));
    char tb[DAYFILE_TIME_LEN];
    printf("  %s  #%llu  %-6s %-18s %s\n", when(t, tb),
           (unsigned long long)tk->rec.contact.contact_id, action_name(ev->action),
           tousu_stage_name(ps.stage), ev->note);
    return 1;
}

/* Apply every event up to instant t, in order. */
static int apply_until(demo *dm, int64_t t)
{
    int any = 0;
    while (dm->next_event < N_EVENTS && local_time(EVENTS[dm->next_event].when) <= t) {
        if (!any)
            printf("What happened since (R-SLA-11):\n");
        any = 1;
        if (!apply(dm, &EVENTS[dm->next_event]))
            return 0;
        dm->next_event++;
    }
    if (any)
        printf("\n");
    return 1;
}

/* ------------------------------------------------------------------ */
/* A plan at an instant                                                */
/* ------------------------------------------------------------------ */

/* The state as the table shows it: warning and breached in capitals. */
static const char *state_label(int32_t state, char buf[16])
{
    snprintf(buf, 16, "%s", tousu_clock_state_name(state));
    if (state == TOUSU_CLOCK_WARNING || state == TOUSU_CLOCK_BREACHED)
        for (char *p = buf; *p; p++)
            *p = (char)toupper((unsigned char)*p);
    return buf;
}

/* What the state column adds: progress of a running clock, or when a
 * stopped one stopped. */
static void print_progress(const tousu_clock_status *st)
{
    char a[32], b[32], tb[DAYFILE_TIME_LEN];
    switch (st->state) {
    case TOUSU_CLOCK_IDLE: printf("(not started: projected)"); break;
    case TOUSU_CLOCK_MET:
    case TOUSU_CLOCK_BREACHED:
        if (st->stopped_ms) {
            printf("done %s", when(st->stopped_ms, tb));
            if (st->remaining_ms < 0)
                printf(", over by %s", duration(st->remaining_ms, a));
            break;
        }
        /* running past due */
        printf("%s counted, over by %s", duration(st->elapsed_ms, a),
               duration(st->remaining_ms, b));
        break;
    default:
        printf("%s counted, %s left", duration(st->elapsed_ms, a), duration(st->remaining_ms, b));
        if (st->paused_ms)
            printf(", %s paused", duration(st->paused_ms, a));
    }
}

/* One stage a line; the header uses the same widths. */
#define ROW_FORMAT "   %d %-18s %-7s  %-11s %-8s  %-20s  %-8s  "
#define HEAD_FORMAT "   %s %-18s %-7s  %-11s %-8s  %-20s  %-8s  %s\n"

static int print_stage(const ticket *tk, int32_t i, int64_t t)
{
    tousu_clock_status st;
    memset(&st, 0, sizeof st);
    st.struct_size = sizeof st;
    int rc = tousu_plan_get_stage(tk->plan, i, t, &st);
    if (rc != TOUSU_OK)
        return fail("tousu_plan_get_stage", rc, tousu_plan_errmsg(tk->plan));
    char target[32], sb[16], tb[DAYFILE_TIME_LEN];
    duration(st.target_ms, target);
    /* Rule ids follow the stage numbers: stage n is R-SLA-n. */
    char rule[16];
    snprintf(rule, sizeof rule, "R-SLA-%d", (int)st.stage);
    printf(ROW_FORMAT, (int)i + 1, tousu_stage_name(st.stage), rule, target,
           st.business ? "business" : "24x7",
           st.due_known ? when(st.due_ms, tb) : "(beyond the data)", state_label(st.state, sb));
    print_progress(&st);
    printf("\n");
    return 1;
}

/* R-ESC-5 the owning level: the triage reasons, then one per breached
 * stage (tousu_plan_reasons), as a supervisor's screen would list them. */
static int print_reasons(const ticket *tk, int64_t t, const tousu_plan_status *ps)
{
    const tousu_result *r = &tk->result;
    printf("   owner: %s", tousu_level_name(ps->level));
    if (ps->n_breached)
        printf(", triage level %d + %d breached stage%s (R-ESC-5)", (int)ps->base_level,
               (int)ps->n_breached, ps->n_breached == 1 ? "" : "s");
    printf("\n");
    for (uint32_t i = 0; i < r->n_reasons && i < TOUSU_MAX_REASONS; i++)
        printf("     - %s -> %s  (triage)\n", tousu_reason_name(r->reasons[i].code),
               tousu_level_name(r->reasons[i].level));
    tousu_reason sla[TOUSU_PLAN_MAX_STAGES];
    size_t n = 0;
    int rc = tousu_plan_reasons(tk->plan, t, sla, TOUSU_PLAN_MAX_STAGES, &n);
    if (rc != TOUSU_OK)
        return fail("tousu_plan_reasons", rc, tousu_plan_errmsg(tk->plan));
    for (size_t i = 0; i < n && i < TOUSU_PLAN_MAX_STAGES; i++)
        printf("     - %s: %s (R-SLA-%d) -> %s  (R-ESC-5)\n", tousu_reason_name(sla[i].code),
               tousu_stage_name((int32_t)sla[i].value), (int)sla[i].value,
               tousu_level_name(sla[i].level));
    return 1;
}

static int print_plan(const ticket *tk, int64_t t)
{
    const tousu_result *r = &tk->result;
    tousu_plan_status ps;
    memset(&ps, 0, sizeof ps);
    ps.struct_size = sizeof ps;
    int rc = tousu_plan_get_status(tk->plan, t, &ps);
    if (rc != TOUSU_OK)
        return fail("tousu_plan_get_status", rc, tousu_plan_errmsg(tk->plan));
    printf("#%llu %s, %s%s%s\n", (unsigned long long)tk->rec.contact.contact_id,
           tousu_category_name(r->category), r->urgent ? "urgent: " : "ordinary",
           r->urgent ? tousu_kind_name(r->top_kind) : "",
           ps.done ? "; every stage done" : "");
    for (int32_t i = 0; i < ps.n_stages; i++)
        if (!print_stage(tk, i, t))
            return 0;
    return print_reasons(tk, t, &ps);
}

/* One list of the stages in `state` at t: "#3001 dispatch, #3003 ...". */
static int print_alert_list(const demo *dm, int64_t t, int32_t state, const char *label)
{
    int n = 0;
    printf("   %-9s", label);
    for (int i = 0; i < N_TICKETS; i++) {
        const ticket *tk = &dm->t[i];
        tousu_plan_status ps;
        memset(&ps, 0, sizeof ps);
        ps.struct_size = sizeof ps;
        int rc = tousu_plan_get_status(tk->plan, t, &ps);
        if (rc != TOUSU_OK)
            return fail("tousu_plan_get_status", rc, tousu_plan_errmsg(tk->plan));
        for (int32_t k = 0; k < ps.n_stages; k++) {
            tousu_clock_status st;
            memset(&st, 0, sizeof st);
            st.struct_size = sizeof st;
            rc = tousu_plan_get_stage(tk->plan, k, t, &st);
            if (rc != TOUSU_OK)
                return fail("tousu_plan_get_stage", rc, tousu_plan_errmsg(tk->plan));
            if (st.state != state)
                continue;
            printf("%s#%llu %s", n++ ? ", " : " ", (unsigned long long)tk->rec.contact.contact_id,
                   tousu_stage_name(st.stage));
            if (st.state == TOUSU_CLOCK_BREACHED && !st.stopped_ms)
                printf(" (still open)");
        }
    }
    printf("%s\n", n ? "" : " none");
    return 1;
}

/* R-ESC-5 what a supervisor's wallboard would flag at t. */
static int print_alerts(const demo *dm, int64_t t)
{
    char tb[DAYFILE_TIME_LEN];
    printf("At %s (R-ESC-5: warning once %d%% of a target is used, one level up per "
           "breached stage):\n",
           when(t, tb), (int)(dm->warn_permille / 10));
    if (!print_alert_list(dm, t, TOUSU_CLOCK_WARNING, "warning:") ||
        !print_alert_list(dm, t, TOUSU_CLOCK_BREACHED, "breached:"))
        return 0;
    printf("\n");
    return 1;
}

static int print_snapshot(demo *dm, const snapshot *s)
{
    int64_t t = local_time(s->when);
    char tb[DAYFILE_TIME_LEN];
    printf("---- %s (UTC+08:00): %s ----\n\n", when(t, tb), s->title);
    if (!apply_until(dm, t))
        return 0;
    printf(HEAD_FORMAT, "#", "stage", "rule", "target", "counted", "due (+08:00)", "state",
           "progress");
    for (int i = 0; i < N_TICKETS; i++) {
        if (!print_plan(&dm->t[i], t))
            return 0;
        printf("\n");
    }
    return print_alerts(dm, t);
}

/* ------------------------------------------------------------------ */
/* "Why is this due on the 9th?"                                      */
/* ------------------------------------------------------------------ */

typedef struct due_question {
    const tousu_calendar *cal;
    int64_t working_ms;
} due_question;

static int explain_due_fn(const void *arg, int64_t t, char *buf, size_t cap, size_t *needed)
{
    const due_question *q = arg;
    return tousu_calendar_explain_due(q->cal, t, q->working_ms, buf, cap, needed);
}

static int plan_explain_fn(const void *arg, int64_t t, char *buf, size_t cap, size_t *needed)
{
    return tousu_plan_explain(arg, t, buf, cap, needed);
}

static int print_why(demo *dm)
{
    const ticket *fault = &dm->t[0];
    tousu_clock_status st;
    memset(&st, 0, sizeof st);
    st.struct_size = sizeof st;
    int64_t last = local_time(SNAPSHOTS[N_SNAPSHOTS - 1].when);
    int rc = tousu_plan_get_stage(fault->plan, 0, last, &st);
    if (rc != TOUSU_OK)
        return fail("tousu_plan_get_stage", rc, tousu_plan_errmsg(fault->plan));
    char tb[DAYFILE_TIME_LEN], a[32];
    printf("---- Why was #%llu's %s due on %s? ----\n",
           (unsigned long long)fault->rec.contact.contact_id, tousu_stage_name(st.stage),
           when(st.due_ms, tb));
    printf("tousu_calendar_explain_due(calendar, intake, %s of working time):\n\n",
           duration(st.target_ms, a));
    due_question q = {dm->cal, st.target_ms};
    const char *text = library_text(dm, explain_due_fn, &q, st.started_ms, "explain_due");
    if (!text)
        return 0;
    indented(text, "  ");
    printf("\n---- The library's own text of #%llu's plan at %s (tousu_plan_explain) "
           "----\n\n",
           (unsigned long long)fault->rec.contact.contact_id, when(last, tb));
    text = library_text(dm, plan_explain_fn, fault->plan, last, "tousu_plan_explain");
    if (!text)
        return 0;
    indented(text, "  ");
    return 1;
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

static int setup(demo *dm)
{
    int rc = tousu_policy_new(&dm->policy);
    if (rc != TOUSU_OK)
        return fail("tousu_policy_new", rc, NULL);
    /* The engine and every plan share the one (frozen) policy. */
    rc = tousu_engine_new(&dm->engine, NULL, dm->policy);
    if (rc != TOUSU_OK)
        return fail("tousu_engine_new", rc, NULL);
    rc = tousu_calendar_new_builtin_cn(&dm->cal);
    if (rc != TOUSU_OK)
        return fail("tousu_calendar_new_builtin_cn", rc, NULL);
    dm->warn_permille = 800;
    (void)tousu_policy_get_sla_warning(dm->policy, &dm->warn_permille);
    return 1;
}

static void teardown(demo *dm)
{
    for (int i = 0; i < N_TICKETS; i++)
        tousu_plan_free(dm->t[i].plan);
    tousu_calendar_free(dm->cal);
    tousu_engine_free(dm->engine);
    tousu_policy_free(dm->policy);
    free(dm->text);
}

static int run(demo *dm)
{
    if (!setup(dm))
        return 0;
    printf("tousu-sla: libtousu %s, built-in policy, built-in China business calendar\n"
           "(08:30-18:00 Mon-Fri, public holidays and make-up days; UTC+08:00)\n\n"
           "---- Intake: the evening before National Day (国庆节, 10-01 .. 10-08) ----\n\n",
           tousu_version_string());
    for (int i = 0; i < N_TICKETS; i++)
        if (!intake(dm, &dm->t[i], TICKETS[i]))
            return 0;
    for (int i = 0; i < N_SNAPSHOTS; i++)
        if (!print_snapshot(dm, &SNAPSHOTS[i]))
            return 0;
    return print_why(dm);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        int help = strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0;
        fprintf(help ? stdout : stderr,
                "usage: tousu-sla\n"
                "  Show the SLA plans of a fault ticket and three complaints taken in\n"
                "  before China's National Day, at three instants (examples/README.md).\n");
        return help ? 0 : 2;
    }
    demo dm;
    memset(&dm, 0, sizeof dm);
    int ok = run(&dm);
    teardown(&dm);
    return ok ? 0 : 1;
}
