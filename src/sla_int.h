/*
 * sla_int.h - private declarations of the business calendar and the SLA
 * clocks and plans (calendar*.c, sla*.c, data/holidays_cn.c). Not exported.
 *
 * Model (docs/calendar.md): a local day's working time is a list of spans
 * [start, end) in minutes from local midnight; a span may run past
 * midnight (a night desk 20:00-08:00 is 1200..1920) and then belongs to
 * the day it starts on. The calendar keeps every day's work before the
 * next day's (see tz_cal_check_order), so "working time before day D" is a
 * prefix sum T(D) over days: whole weeks by multiplication plus the
 * differences of the special days (holidays, make-up days, overrides),
 * found by binary search. Due times and working time between two instants
 * are O(log special days), independent of their length.
 */
#ifndef TOUSU_SLA_INT_H
#define TOUSU_SLA_INT_H

#include "internal.h"

#define TZ_DAY_MS INT64_C(86400000)

enum {
    TZ_CAL_MAX_SPANS = TOUSU_CAL_MAX_SPANS,
    TZ_CAL_NAME_CAP = 48,
    TZ_DAY_MIN = 1440,
    TZ_PLAN_MAX_STAGES = TOUSU_PLAN_MAX_STAGES,
    /* The default week (seed 001): 08:30-18:00 Monday to Friday, make-up
     * days with Monday's hours. tools/gen_holidays.py assumes the same. */
    TZ_CAL_DEFAULT_START = 8 * 60 + 30,
    TZ_CAL_DEFAULT_END = 18 * 60,
    TZ_CAL_DEFAULT_MAKEUP = 1
};

/* ---------- calendar (calendar.c, calendar_math.c, calendar_explain.c) ---------- */

/* One day's working spans, sorted, not overlapping, in minutes. */
typedef struct tz_dayplan {
    int32_t n;
    int32_t start[TZ_CAL_MAX_SPANS];
    int32_t end[TZ_CAL_MAX_SPANS]; /* > start, at most start + 1440 and 2880 */
    int64_t total_ms;
} tz_dayplan;

/* A date whose hours differ from its weekday's (R-SLA-12). */
typedef struct tz_special {
    int32_t kind;     /* TOUSU_DAY_HOLIDAY, _MAKEUP or _OVERRIDE */
    uint32_t name_len;
    tz_dayplan plan;  /* holiday: empty; make-up: the make-up weekday's (kept in
                         step by tz_cal_compile); override: its own */
    int64_t delta_ms; /* plan.total_ms minus the weekday's total */
    char name[TZ_CAL_NAME_CAP];
} tz_special;

struct tousu_calendar {
    int refs;   /* atomic builtins */
    int frozen; /* set when a clock or plan takes it */
    tz_alloc alloc;
    tz_error err;
    int32_t is_24x7;
    int32_t offset_min;     /* UTC offset of local time */
    int32_t makeup_weekday; /* whose hours a make-up day works */
    int32_t first_year;     /* covered years, 0 = unbounded */
    int32_t last_year;
    int64_t cov_lo, cov_hi; /* covered local days [lo, hi) */
    tz_dayplan week[7];     /* 0 = Sunday .. 6 = Saturday */
    int64_t week_ms;
    int64_t pre[8];         /* pre[i]: working ms of the i days from a Thursday */
    int32_t carry_min;      /* latest end past midnight of any span, minutes (0 none) */
    int32_t borrowed;       /* 1: sday, scum, sT, spec are the static built-in arrays
                               (data/holidays_cn.c), copied before any change */
    size_t n_special, cap_special;
    int64_t *sday;  /* sorted local day numbers of the special days */
    int64_t *scum;  /* n_special + 1 prefix sums of delta_ms */
    int64_t *sT;    /* T(sday[i]): working time before each special day */
    tz_special *spec;
};

/* R-POL-3 a calendar with China's table: fills *cal (no allocation; its
 * special-day arrays are the static ones until a change copies them).
 * tz_calendar_builtin allocates one with allocator a. */
void tz_cal_init_builtin(tousu_calendar *cal, const tz_alloc *a);
int tz_calendar_builtin(tousu_calendar **out, const tz_alloc *a);
/* Remove the special days of local days [lo_day, hi_day) (a policy file's
 * `clear`). Errors: as the setters (TOUSU_ESTATE, TOUSU_ENOMEM). */
int tz_cal_clear_days(tousu_calendar *cal, int64_t lo_day, int64_t hi_day);

/* Index of the first special day at or after local day `day`. */
size_t tz_cal_lower_bound(const tousu_calendar *cal, int64_t day);
/* Working time of the regular weekdays before local day d (origin day 0). */
int64_t tz_cal_reg(const tousu_calendar *cal, int64_t d);
/* The plan in force on local day `day` (a weekday's or a special day's);
 * *sp receives the special entry or NULL. */
const tz_dayplan *tz_cal_plan_of(const tousu_calendar *cal, int64_t day, const tz_special **sp);
/* Local day number and time of day (ms) of a UTC instant. */
void tz_cal_local(const tousu_calendar *cal, int64_t t, int64_t *day, int64_t *tod);

/* R-SLA-12: due = start + n working ms (cal NULL or 24x7: plain addition).
 * Errors: TOUSU_ERANGE (times or n out of range, no working time ahead),
 * TOUSU_ENODATA (a day outside the calendar's data years). */
int tz_cal_due(const tousu_calendar *cal, int64_t start, int64_t n, int64_t *out);
/* Working ms in [from, to), from <= to. Same errors. */
int tz_cal_working(const tousu_calendar *cal, int64_t from, int64_t to, int64_t *out);

/* ---------- text output with snprintf semantics (calendar_explain.c) ---------- */

typedef struct tz_sbuf {
    char *p;
    size_t cap;
    size_t len; /* the length the full text needs */
} tz_sbuf;

void tz_sb_init(tz_sbuf *b, char *p, size_t cap);
void tz_sb_add(tz_sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void tz_sb_addn(tz_sbuf *b, const char *s, size_t n);
/* "2025-02-10 10:30" (":ss.mmm" added when not on a whole minute). */
void tz_sb_time(tz_sbuf *b, int64_t t, int32_t offset_min);
/* "2 d 3 h 30 min" style; "0 min" for zero. */
void tz_sb_duration(tz_sbuf *b, int64_t ms);
/* Finish: NUL-terminate, set *needed, TOUSU_ENOSPACE when truncated. */
int tz_sb_finish(tz_sbuf *b, size_t *needed);
/* The due-time explanation into b (the body of tousu_calendar_explain_due). */
int tz_cal_explain_into(const tousu_calendar *cal, int64_t start, int64_t n, tz_sbuf *b);

/* ---------- the built-in Chinese table (data/holidays_cn.c) ---------- */

enum { TZ_CN_OFF = 1, TZ_CN_WORK = 2 };

typedef struct tz_cn_day {
    int16_t year;
    uint8_t month;
    uint8_t day;
    uint8_t kind; /* TZ_CN_OFF or TZ_CN_WORK */
    uint8_t name; /* index into tz_cn_names */
} tz_cn_day;

extern const int32_t tz_cn_first_year;
extern const int32_t tz_cn_last_year;
extern const char *const tz_cn_names[];
extern const size_t tz_cn_n_names;
extern const tz_cn_day tz_cn_days[];
extern const size_t tz_cn_n_days;
/* The same days as a calendar with the default week holds them (sorted,
 * tz_cn_n_days entries; tz_cn_scum has one more). */
extern const int64_t tz_cn_sday[];
extern const tz_special tz_cn_spec[];
extern const int64_t tz_cn_scum[];
extern const int64_t tz_cn_sT[];

/* ---------- the policy's calendar (sla_policy.c) ---------- */

/* R-POL-3 the policy's calendar for reading: its own, or (when making it
 * failed for lack of memory) the built-in one set up in *scratch. */
const tousu_calendar *tz_policy_cal(const tousu_policy *p, tousu_calendar *scratch);
/* The policy's calendar for changing (a policy file's [calendar]): made
 * when missing. Errors: TOUSU_ESTATE (policy or calendar frozen),
 * TOUSU_ENOMEM. */
int tz_policy_cal_mut(tousu_policy *p, tousu_calendar **out);

/* ---------- clocks (sla_clock.c) ---------- */

enum { TZ_CK_IDLE = 0, TZ_CK_RUNNING = 1, TZ_CK_PAUSED = 2, TZ_CK_STOPPED = 3 };
enum { TZ_CK_WARNED = 1, TZ_CK_BREACHED = 2 };

/* R-SLA-11. Every field is saved by the codec (R-SLA-14). */
typedef struct tz_clock {
    int32_t state;
    int32_t business;      /* 1: counted on the business calendar */
    int32_t warn_permille; /* R-ESC-5 warning share of the target */
    int32_t flags;         /* TZ_CK_WARNED / TZ_CK_BREACHED, latched */
    int64_t target_ms;
    int64_t start_ms;  /* first start, 0 while idle */
    int64_t mark_ms;   /* the last transition (run start, pause start, stop) */
    int64_t accum_ms;  /* counted time before mark_ms */
    int64_t paused_ms; /* wall time paused before the current pause */
    int64_t warn_at_ms; /* latched warning instant (with TZ_CK_WARNED) */
    int64_t due_at_ms;  /* latched due instant (with TZ_CK_BREACHED) */
} tz_clock;

/* The calendar a clock counts on: NULL (24x7) unless business. */
#define TZ_CLOCK_CAL(c, cal) ((c)->business ? (cal) : NULL)

void tz_clock_init(tz_clock *c, int64_t target_ms, int32_t business, int32_t warn_permille);
int tz_clock_start(tz_clock *c, const tousu_calendar *cal, int64_t t);
int tz_clock_pause(tz_clock *c, const tousu_calendar *cal, int64_t t);
int tz_clock_resume(tz_clock *c, const tousu_calendar *cal, int64_t t);
int tz_clock_stop(tz_clock *c, const tousu_calendar *cal, int64_t t);
/* R-SLA-11 a new target (urgency or category changed), keeping the elapsed
 * and paused time. */
int tz_clock_retarget(tz_clock *c, const tousu_calendar *cal, int64_t target_ms, int64_t t);
/* Fill *st (our full struct) at instant t. */
int tz_clock_status(const tz_clock *c, const tousu_calendar *cal, int64_t t,
                    tousu_clock_status *st);
/* Is the clock breached at t (R-ESC-5)? */
int tz_clock_breached_at(const tz_clock *c, const tousu_calendar *cal, int64_t t, bool *out);
bool tz_time_ok(int64_t t);
/* The lone-clock handle (sla_clock.c), for the codec. */
int tz_clock_handle_new(tousu_clock **out, tousu_calendar *cal, const tz_clock *c);
const tz_clock *tz_clock_of(const tousu_clock *k);

/* ---------- plans (sla_plan.c) ---------- */

typedef struct tz_stage {
    int32_t stage; /* tousu_stage */
    int32_t fixed; /* R-SLA-10: due at the special limit, target set at start */
    tz_clock clock;
} tz_stage;

struct tousu_plan {
    tz_alloc alloc;
    tz_error err;
    tousu_policy *policy;   /* a reference */
    tousu_calendar *cal;    /* a reference */
    int32_t category;
    int32_t top_kind;       /* -1 ordinary */
    int32_t base_level;     /* the triage level */
    int32_t named_owner;
    int32_t urgent;
    int32_t is_complaint;
    int32_t n_stages;
    int32_t current;        /* index of the running stage; n_stages when done */
    int64_t start_ms;
    int64_t deadline_ms;    /* R-SLA-10 special limit, 0 = none */
    tz_stage stages[TZ_PLAN_MAX_STAGES];
};

/* Target and calendar of a stage under the plan's category and kind. */
int64_t tz_plan_target(const tousu_plan *p, int32_t stage);
int32_t tz_plan_business(const tousu_plan *p, int32_t stage);
/* Allocate an empty plan bound to policy and calendar (references taken). */
int tz_plan_alloc(tousu_plan **out, tousu_policy *policy, tousu_calendar *cal);
/* Projected due of stage i (started or not) at instant t; *known 0 when it
 * cannot be told (beyond the calendar's data). */
int tz_plan_projected_due(const tousu_plan *p, int32_t i, int64_t t, int64_t *due, int *known);

/* Is the stage in the category's default plan (fault: 1..5, else 6)? */
bool tz_plan_default_has(int32_t category, int32_t stage);

/* ---------- the policy's SLA tables (sla_policy.c) ---------- */

#define TZ_SLA_TARGET_MAX (INT64_C(3660) * TZ_DAY_MS) /* ten years */

/* The built-in value of a target (kind TOUSU_SLA_ORDINARY or a tousu_kind;
 * the same for every category) and of a stage's business flag. */
int64_t tz_sla_builtin_target(int32_t kind, int32_t stage);
int32_t tz_sla_builtin_business(int32_t stage);

/* ---------- names (sla_plan.c) ---------- */

const char *tz_stage_rule(int32_t stage);
const char *tz_stage_zh(int32_t stage);

#endif
