/*
 * sla_clock.c - SLA clocks (R-SLA-11, R-SLA-13, R-ESC-5): a target counted
 * on the 24x7 clock or a business calendar; start, pause, resume, stop,
 * target changes; elapsed, remaining, due, warning and state at any
 * instant the host gives. The lone-clock handle is at the end.
 *
 * A clock keeps only what its future needs: the counted time before its
 * last transition (accum_ms), that transition's instant (mark_ms) and the
 * warning and breach instants once they have passed (latched, because the
 * run they fell in is forgotten). Due and warning instants of the running
 * stretch are computed from (mark, target - accum) when asked, so a start
 * or resume never needs calendar data beyond "now".
 *
 * Deadline convention: a stage done at its due instant is met; the clock is
 * breached at any instant after it (due_ms + 1 ms onwards). The warning is
 * raised at the instant the warning share of the target has been counted.
 */
#include "sla_int.h"

#include <string.h>

void tz_clock_init(tz_clock *c, int64_t target_ms, int32_t business, int32_t warn_permille)
{
    memset(c, 0, sizeof *c);
    c->state = TZ_CK_IDLE;
    c->business = business;
    c->warn_permille = warn_permille;
    c->target_ms = target_ms;
}

static int64_t warn_target(const tz_clock *c)
{
    return c->target_ms * c->warn_permille / 1000;
}

/* Counted time at t (t >= mark). */
static int elapsed_at(const tz_clock *c, const tousu_calendar *cal, int64_t t, int64_t *out)
{
    if (c->state != TZ_CK_RUNNING) {
        *out = c->accum_ms;
        return TOUSU_OK;
    }
    int64_t w;
    int rc = tz_cal_working(TZ_CLOCK_CAL(c, cal), c->mark_ms, t, &w);
    *out = c->accum_ms + w;
    return rc;
}

/* The instant `amount` of counted time is reached, counting from `from`
 * with accum already counted; `from` itself when already reached. */
static int reach(const tz_clock *c, const tousu_calendar *cal, int64_t from, int64_t amount,
                 int64_t *out)
{
    if (amount <= c->accum_ms) {
        *out = from;
        return TOUSU_OK;
    }
    return tz_cal_due(TZ_CLOCK_CAL(c, cal), from, amount - c->accum_ms, out);
}

/* R-ESC-5: at a transition at t of a running clock, latch the warning and
 * the breach that have happened during the stretch since mark. */
static int latch(tz_clock *c, const tousu_calendar *cal, int64_t t, int64_t elapsed)
{
    int rc = TOUSU_OK;
    if (!(c->flags & TZ_CK_WARNED) && elapsed >= warn_target(c)) {
        if ((rc = reach(c, cal, c->mark_ms, warn_target(c), &c->warn_at_ms)) != TOUSU_OK)
            return rc;
        c->flags |= TZ_CK_WARNED;
    }
    if (!(c->flags & TZ_CK_BREACHED) && elapsed >= c->target_ms) {
        int64_t due;
        if ((rc = reach(c, cal, c->mark_ms, c->target_ms, &due)) != TOUSU_OK)
            return rc;
        if (t > due) {
            c->flags |= TZ_CK_BREACHED;
            c->due_at_ms = due;
        }
    }
    return TOUSU_OK;
}

static int check_time(const tz_clock *c, int64_t t)
{
    if (!tz_time_ok(t))
        return TOUSU_ERANGE;
    if (c->state != TZ_CK_IDLE && t < c->mark_ms)
        return TOUSU_ERANGE; /* R-SLA-13: time never runs back */
    return TOUSU_OK;
}

int tz_clock_start(tz_clock *c, const tousu_calendar *cal, int64_t t)
{
    (void)cal;
    if (c->state != TZ_CK_IDLE)
        return TOUSU_ESTATE;
    if (!tz_time_ok(t))
        return TOUSU_ERANGE;
    c->state = TZ_CK_RUNNING;
    c->start_ms = c->mark_ms = t;
    c->accum_ms = 0;
    return TOUSU_OK;
}

/* Fold the running stretch [mark, t] into accum, latching what passed. */
static int rebase(tz_clock *c, const tousu_calendar *cal, int64_t t)
{
    int64_t e;
    int rc = elapsed_at(c, cal, t, &e);
    if (rc == TOUSU_OK)
        rc = latch(c, cal, t, e);
    if (rc != TOUSU_OK)
        return rc;
    c->accum_ms = e;
    c->mark_ms = t;
    return TOUSU_OK;
}

int tz_clock_pause(tz_clock *c, const tousu_calendar *cal, int64_t t)
{
    if (c->state != TZ_CK_RUNNING)
        return TOUSU_ESTATE;
    int rc = check_time(c, t);
    if (rc != TOUSU_OK)
        return rc;
    tz_clock n = *c;
    if ((rc = rebase(&n, cal, t)) != TOUSU_OK)
        return rc;
    n.state = TZ_CK_PAUSED;
    *c = n;
    return TOUSU_OK;
}

int tz_clock_resume(tz_clock *c, const tousu_calendar *cal, int64_t t)
{
    (void)cal;
    if (c->state != TZ_CK_PAUSED)
        return TOUSU_ESTATE;
    int rc = check_time(c, t);
    if (rc != TOUSU_OK)
        return rc;
    c->paused_ms += t - c->mark_ms;
    c->mark_ms = t;
    c->state = TZ_CK_RUNNING;
    return TOUSU_OK;
}

int tz_clock_stop(tz_clock *c, const tousu_calendar *cal, int64_t t)
{
    if (c->state != TZ_CK_RUNNING && c->state != TZ_CK_PAUSED)
        return TOUSU_ESTATE;
    int rc = check_time(c, t);
    if (rc != TOUSU_OK)
        return rc;
    tz_clock n = *c;
    if (n.state == TZ_CK_RUNNING)
        rc = rebase(&n, cal, t);
    else {
        n.paused_ms += t - n.mark_ms;
        n.mark_ms = t;
    }
    if (rc != TOUSU_OK)
        return rc;
    /* Keep the due and warning instants in force at the stop, for reports;
     * -1 when they lie beyond the calendar's data. */
    if (!(n.flags & TZ_CK_BREACHED) && reach(&n, cal, t, n.target_ms, &n.due_at_ms) != TOUSU_OK)
        n.due_at_ms = -1;
    if (!(n.flags & TZ_CK_WARNED) && reach(&n, cal, t, warn_target(&n), &n.warn_at_ms) != TOUSU_OK)
        n.warn_at_ms = -1;
    n.state = TZ_CK_STOPPED;
    *c = n;
    return TOUSU_OK;
}

/* R-SLA-10/11: a new target keeps the counted and paused time; a target
 * already used up makes the clock breached (and warned) as of t. */
int tz_clock_retarget(tz_clock *c, const tousu_calendar *cal, int64_t target_ms, int64_t t)
{
    if (c->state == TZ_CK_STOPPED)
        return TOUSU_ESTATE;
    if (target_ms < 0 || target_ms > TZ_TIME_MAX_MS)
        return TOUSU_ERANGE;
    int rc = check_time(c, t);
    if (rc != TOUSU_OK)
        return rc;
    tz_clock n = *c;
    if (n.state == TZ_CK_RUNNING && (rc = rebase(&n, cal, t)) != TOUSU_OK)
        return rc;
    n.target_ms = target_ms;
    if (n.state != TZ_CK_IDLE) {
        if (!(n.flags & TZ_CK_WARNED) && n.accum_ms > warn_target(&n)) {
            n.flags |= TZ_CK_WARNED;
            n.warn_at_ms = t;
        }
        if (!(n.flags & TZ_CK_BREACHED) && n.accum_ms > n.target_ms) {
            n.flags |= TZ_CK_BREACHED;
            n.due_at_ms = t;
        }
    }
    *c = n;
    return TOUSU_OK;
}

/* The due and warning instants at t: latched, or of the running stretch, or
 * (paused) as if resumed at t. *known = 0 when beyond the calendar's data. */
static void due_and_warning(const tz_clock *c, const tousu_calendar *cal, int64_t t,
                            tousu_clock_status *st)
{
    int64_t from = c->state == TZ_CK_RUNNING ? c->mark_ms : t;
    int ok = 1;
    if (c->state == TZ_CK_STOPPED) {
        st->due_ms = c->due_at_ms;
        st->warning_ms = c->warn_at_ms;
        ok = c->due_at_ms >= 0 && c->warn_at_ms >= 0;
    } else {
        if (c->flags & TZ_CK_BREACHED)
            st->due_ms = c->due_at_ms;
        else if (reach(c, cal, from, c->target_ms, &st->due_ms) != TOUSU_OK)
            ok = 0;
        if (c->flags & TZ_CK_WARNED)
            st->warning_ms = c->warn_at_ms;
        else if (reach(c, cal, from, warn_target(c), &st->warning_ms) != TOUSU_OK)
            ok = 0;
    }
    if (!ok) {
        st->due_ms = st->due_ms < 0 ? 0 : st->due_ms;
        st->warning_ms = st->warning_ms < 0 ? 0 : st->warning_ms;
    }
    st->due_known = ok;
}

/* R-SLA-11 */
int tz_clock_status(const tz_clock *c, const tousu_calendar *cal, int64_t t,
                    tousu_clock_status *st)
{
    int rc = check_time(c, t);
    if (rc != TOUSU_OK)
        return rc;
    memset(st, 0, sizeof *st);
    st->struct_size = sizeof *st;
    st->business = c->business;
    st->target_ms = c->target_ms;
    if (c->state == TZ_CK_IDLE) {
        st->state = TOUSU_CLOCK_IDLE;
        st->remaining_ms = c->target_ms;
        st->due_known = 1;
        return TOUSU_OK;
    }
    int64_t e;
    if ((rc = elapsed_at(c, cal, t, &e)) != TOUSU_OK)
        return rc;
    st->elapsed_ms = e;
    st->remaining_ms = c->target_ms - e;
    st->started_ms = c->start_ms;
    st->paused_ms = c->paused_ms + (c->state == TZ_CK_PAUSED ? t - c->mark_ms : 0);
    due_and_warning(c, cal, t, st);
    st->warned = (c->flags & TZ_CK_WARNED) != 0;
    st->breached = (c->flags & TZ_CK_BREACHED) != 0;
    switch (c->state) {
    case TZ_CK_RUNNING:
        /* e >= share <=> t at or past the warning instant; breached only
         * strictly after the due instant (computable then: it is <= t). */
        st->warned = st->warned || e >= warn_target(c);
        st->breached = st->breached || (e >= c->target_ms && t > st->due_ms);
        st->state = st->breached ? TOUSU_CLOCK_BREACHED
                                 : st->warned ? TOUSU_CLOCK_WARNING : TOUSU_CLOCK_RUNNING;
        break;
    case TZ_CK_PAUSED:
        st->state = TOUSU_CLOCK_PAUSED;
        break;
    default:
        st->state = st->breached ? TOUSU_CLOCK_BREACHED : TOUSU_CLOCK_MET;
        st->stopped_ms = c->mark_ms;
        break;
    }
    return TOUSU_OK;
}

int tz_clock_breached_at(const tz_clock *c, const tousu_calendar *cal, int64_t t, bool *out)
{
    tousu_clock_status st;
    int rc = tz_clock_status(c, cal, t, &st);
    *out = rc == TOUSU_OK && st.breached;
    return rc;
}

/* ---------- the lone clock handle ---------- */

struct tousu_clock {
    tz_alloc alloc;
    tz_error err;
    tousu_calendar *cal; /* a reference, NULL = 24x7 */
    tz_clock c;
};

/* Shared by tousu_clock_new and the codec. */
int tz_clock_handle_new(tousu_clock **out, tousu_calendar *cal, const tz_clock *c)
{
    tz_alloc a;
    tz_alloc_default(&a);
    tousu_clock *k = tz_calloc(&a, 1, sizeof *k);
    if (!k)
        return TOUSU_ENOMEM;
    k->alloc = a;
    k->c = *c;
    if (cal) {
        __atomic_add_fetch(&cal->refs, 1, __ATOMIC_RELAXED);
        tousu_calendar_freeze(cal);
        k->cal = cal;
    }
    tz_ok(&k->err);
    *out = k;
    return TOUSU_OK;
}

const tz_clock *tz_clock_of(const tousu_clock *k)
{
    return &k->c;
}

int tousu_clock_new(tousu_clock **out, tousu_calendar *cal, int64_t target_ms)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    if (target_ms < 0 || target_ms > TZ_TIME_MAX_MS)
        return TOUSU_ERANGE;
    tz_clock c;
    tz_clock_init(&c, target_ms, cal != NULL, 800); /* R-ESC-5 80% */
    return tz_clock_handle_new(out, cal, &c);
}

void tousu_clock_free(tousu_clock *k)
{
    if (!k)
        return;
    tousu_calendar_free(k->cal);
    tz_alloc a = k->alloc;
    tz_free(&a, k);
}

const char *tousu_clock_errmsg(const tousu_clock *k)
{
    return k ? k->err.msg : "no clock";
}

int tousu_clock_set_warning(tousu_clock *k, int32_t permille)
{
    if (!k)
        return TOUSU_EINVAL;
    if (permille < 0 || permille > 1000)
        return tz_fail(&k->err, TOUSU_ERANGE, "warning share %d outside 0..1000", permille);
    if (k->c.state != TZ_CK_IDLE)
        return tz_fail(&k->err, TOUSU_ESTATE, "the clock has started");
    k->c.warn_permille = permille;
    tz_ok(&k->err);
    return TOUSU_OK;
}

/* Report a transition's result with a message. */
static int done(tousu_clock *k, int rc, const char *what, int64_t t)
{
    switch (rc) {
    case TOUSU_OK: tz_ok(&k->err); return rc;
    case TOUSU_ESTATE:
        return tz_fail(&k->err, rc, "%s: wrong state for this call", what);
    case TOUSU_ENODATA:
        return tz_fail(&k->err, rc, "%s at %lld: outside the calendar's data years", what,
                       (long long)t);
    default:
        return tz_fail(&k->err, rc, "%s at %lld: time out of range or before the last change",
                       what, (long long)t);
    }
}

int tousu_clock_start(tousu_clock *k, int64_t t)
{
    return k ? done(k, tz_clock_start(&k->c, k->cal, t), "start", t) : TOUSU_EINVAL;
}

int tousu_clock_pause(tousu_clock *k, int64_t t)
{
    return k ? done(k, tz_clock_pause(&k->c, k->cal, t), "pause", t) : TOUSU_EINVAL;
}

int tousu_clock_resume(tousu_clock *k, int64_t t)
{
    return k ? done(k, tz_clock_resume(&k->c, k->cal, t), "resume", t) : TOUSU_EINVAL;
}

int tousu_clock_stop(tousu_clock *k, int64_t t)
{
    return k ? done(k, tz_clock_stop(&k->c, k->cal, t), "stop", t) : TOUSU_EINVAL;
}

int tousu_clock_set_target(tousu_clock *k, int64_t target_ms, int64_t t)
{
    return k ? done(k, tz_clock_retarget(&k->c, k->cal, target_ms, t), "set target", t)
             : TOUSU_EINVAL;
}

int tousu_clock_get_status(const tousu_clock *k, int64_t t, tousu_clock_status *out)
{
    if (!k || !out)
        return TOUSU_EINVAL;
    if (out->struct_size < offsetof(tousu_clock_status, state) + sizeof out->state)
        return TOUSU_ESTRUCT;
    tousu_clock_status st;
    int rc = tz_clock_status(&k->c, k->cal, t, &st);
    if (rc != TOUSU_OK)
        return rc;
    tz_copy_out(out, out->struct_size, &st, sizeof st);
    return TOUSU_OK;
}
