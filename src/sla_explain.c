/*
 * sla_explain.c - a stage plan as text for people (R-SLA-1..11, R-ESC-5):
 * each stage with its rule, target, calendar, start, due and warning time
 * in the calendar's local time, and its state at the instant asked; the
 * owning level with the breaches that raised it. Used by demos and
 * supervisor screens; the layout is for reading, not for parsing.
 */
#include "sla_int.h"

#include <stdlib.h>

static void sb_local(tz_sbuf *b, const tousu_plan *p, int64_t t)
{
    tz_sb_time(b, t, p->cal->offset_min);
}

static void explain_stage(tz_sbuf *b, const tousu_plan *p, int32_t i,
                          const tousu_clock_status *st)
{
    const tz_stage *s = &p->stages[i];
    tz_sb_add(b, " %d. %s (%s) [%s] target ", (int)i + 1, tousu_stage_name(s->stage),
              tz_stage_zh(s->stage), tz_stage_rule(s->stage));
    tz_sb_duration(b, st->target_ms);
    tz_sb_add(b, " %s", s->fixed ? "special limit (R-SLA-10)"
                        : st->business && !p->cal->is_24x7 ? "business time" : "24x7");
    if (st->state == TOUSU_CLOCK_IDLE) {
        tz_sb_add(b, ": not started");
        if (st->due_known) {
            tz_sb_add(b, ", projected due ");
            sb_local(b, p, st->due_ms);
        } else {
            tz_sb_add(b, ", due beyond the calendar's data");
        }
        tz_sb_add(b, "\n");
        return;
    }
    tz_sb_add(b, ": started ");
    sb_local(b, p, st->started_ms);
    if (st->due_known) {
        tz_sb_add(b, st->state == TOUSU_CLOCK_PAUSED && !st->breached ? ", due if resumed now "
                                                                       : ", due ");
        sb_local(b, p, st->due_ms);
        tz_sb_add(b, ", warning ");
        sb_local(b, p, st->warning_ms);
    } else {
        tz_sb_add(b, ", due beyond the calendar's data");
    }
    if (st->stopped_ms) {
        tz_sb_add(b, ", done ");
        sb_local(b, p, st->stopped_ms);
    }
    tz_sb_add(b, ": %s", tousu_clock_state_name(st->state));
    if (st->state == TOUSU_CLOCK_PAUSED && st->breached)
        tz_sb_add(b, " (breached)");
    tz_sb_add(b, ", elapsed ");
    tz_sb_duration(b, st->elapsed_ms);
    tz_sb_add(b, st->remaining_ms < 0 ? ", over by " : ", remaining ");
    tz_sb_duration(b, llabs(st->remaining_ms));
    if (st->paused_ms) {
        tz_sb_add(b, ", paused ");
        tz_sb_duration(b, st->paused_ms);
    }
    tz_sb_add(b, "\n");
}

static int explain_into(const tousu_plan *p, int64_t t, tz_sbuf *b)
{
    tousu_plan_status ps;
    ps.struct_size = sizeof ps;
    int rc = tousu_plan_get_status(p, t, &ps);
    if (rc != TOUSU_OK)
        return rc;
    const int32_t off = p->cal->offset_min;
    tz_sb_add(b, "SLA plan at ");
    sb_local(b, p, t);
    tz_sb_add(b, " (UTC%c%02d:%02d)\n", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
    tz_sb_add(b, "category %s, %s%s\n", tousu_category_name(p->category),
              p->top_kind < 0 ? "ordinary (普通)" : "urgent (紧急): ",
              p->top_kind < 0 ? "" : tousu_kind_name(p->top_kind));
    if (p->deadline_ms) {
        tz_sb_add(b, "special limit ");
        sb_local(b, p, p->deadline_ms);
        tz_sb_add(b, " (R-SLA-10)\n");
    }
    tz_sb_add(b, "named owner (专人跟进): %s\n", p->named_owner ? "yes" : "no");
    for (int32_t i = 0; i < p->n_stages; i++) {
        tousu_clock_status st;
        st.struct_size = sizeof st;
        if ((rc = tousu_plan_get_stage(p, i, t, &st)) != TOUSU_OK)
            return rc;
        explain_stage(b, p, i, &st);
    }
    tz_sb_add(b, "%s", ps.done ? "all stages done\n" : "");
    tz_sb_add(b, "owning level %d %s", (int)ps.level, tousu_level_name(ps.level));
    if (ps.n_breached)
        tz_sb_add(b, ": triage level %d + %d breached stage%s (R-ESC-5)", (int)ps.base_level,
                  (int)ps.n_breached, ps.n_breached > 1 ? "s" : "");
    tz_sb_add(b, "\n");
    tousu_reason r[TZ_PLAN_MAX_STAGES];
    size_t n;
    if ((rc = tousu_plan_reasons(p, t, r, TZ_PLAN_MAX_STAGES, &n)) != TOUSU_OK)
        return rc;
    for (size_t i = 0; i < n && i < TZ_PLAN_MAX_STAGES; i++)
        tz_sb_add(b, "reason: %s, stage %s -> level %d\n", tousu_reason_name(r[i].code),
                  tousu_stage_name((int32_t)r[i].value), (int)r[i].level);
    return TOUSU_OK;
}

int tousu_plan_explain(const tousu_plan *p, int64_t t, char *buf, size_t cap, size_t *needed)
{
    if (!p || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    tz_sbuf b;
    tz_sb_init(&b, buf, cap);
    int rc = explain_into(p, t, &b);
    if (rc != TOUSU_OK) {
        *needed = 0;
        return rc;
    }
    return tz_sb_finish(&b, needed);
}
