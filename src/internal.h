/*
 * internal.h - declarations shared between libtousu's source files.
 * Nothing here is exported (everything is hidden by -fvisibility=hidden and
 * the version script).
 */
#ifndef TOUSU_INTERNAL_H
#define TOUSU_INTERNAL_H

#include "tousu.h"

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

/* ---------- allocation (alloc.c) ---------- */

/* An allocator: the host's pair, or malloc/free. */
typedef struct tz_alloc {
    void *user;
    void *(*alloc)(void *user, size_t n);
    void (*free)(void *user, void *p);
} tz_alloc;

void tz_alloc_default(tz_alloc *a);
void *tz_malloc(const tz_alloc *a, size_t n);
void *tz_calloc(const tz_alloc *a, size_t count, size_t size);
void tz_free(const tz_alloc *a, void *p);
/* Grow or shrink a block of old_n bytes to new_n bytes; NULL on failure
 * (the old block is then untouched). */
void *tz_realloc(const tz_alloc *a, void *p, size_t old_n, size_t new_n);

/* ---------- errors (error.c) ---------- */

enum { TZ_ERRMSG_CAP = 256 };

typedef struct tz_error {
    int code;
    char msg[TZ_ERRMSG_CAP];
} tz_error;

/* Record an error (printf-style detail) and return code. */
int tz_fail(tz_error *e, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void tz_ok(tz_error *e);

/* ---------- struct_size handling (error.c) ---------- */

/* The largest struct_size (or array stride) a caller may give: far above
 * any layout this ABI will grow to, and far below the values an unset
 * struct_size holds by chance (a stack address, a pointer, -1), which would
 * otherwise send the check of the unknown tail into memory not the caller's
 * (docs/abi.md). */
#define TZ_STRUCT_SIZE_MAX ((size_t)65536)

/* Copy a caller struct of `their` bytes into `dst` (ours bytes), zero-filling
 * what the caller's size does not cover. Rejects their < min_size, their >
 * TZ_STRUCT_SIZE_MAX and a larger struct whose unknown tail is not all
 * zero. */
int tz_copy_in_sized(void *dst, size_t ours, const void *src, size_t their, size_t min_size);

/* tz_copy_in_sized, with the usual case (a caller built against this
 * version) inline: a copy of a constant size, a few vector moves. */
static inline int tz_copy_in(void *dst, size_t ours, const void *src, size_t their,
                             size_t min_size)
{
    if (their == ours) {
        memcpy(dst, src, ours);
        return TOUSU_OK;
    }
    return tz_copy_in_sized(dst, ours, src, their, min_size);
}
/* memset(p, 0, n) through libc: a clear of a known large size written
 * inline becomes `rep stos` or a loop of the narrow stores a portable
 * build allows, while libc picks the machine's widest (result_fill). */
void tz_memzero(void *p, size_t n);
/* Does an output struct's caller-set struct_size at least cover itself? */
bool tz_out_size_ok(const void *out);
/* Write our struct into the caller's, at most `their` bytes. */
void tz_copy_out(void *dst, size_t their, const void *src, size_t ours);

/* ---------- UTF-8 (error.c) ---------- */

/* Returns the byte offset of the first malformed sequence, or len when the
 * text is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
size_t tz_utf8_check(const char *s, size_t len);

/* ---------- civil time (civil.c) ---------- */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t tz_days_from_civil(int64_t y, unsigned m, unsigned d);
void tz_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
/* 0 = Sunday .. 6 = Saturday. */
unsigned tz_weekday_from_days(int64_t z);
unsigned tz_days_in_month(int64_t y, unsigned m);
bool tz_is_leap(int64_t y);
/* floor division that works for negative numerators. */
int64_t tz_floor_div(int64_t a, int64_t b);
/* R-REP-2: t minus `months` calendar months in the zone utc_offset_min,
 * clamping the day to the month's last day; same local time of day. */
int64_t tz_minus_months(int64_t t_ms, int64_t months, int64_t utc_offset_min);

/* tz_minus_months for many times of the same local day: the answer moves
 * with the time of day, so one computation per day serves them all (the
 * calendar arithmetic costs more than the rest of a repeat check). The
 * remembered day is [lo, hi) in UTC ms; lo > hi = nothing remembered. */
typedef struct tz_months_memo {
    int64_t lo, hi;  /* the local day, UTC ms */
    int64_t base;    /* tz_minus_months(lo, months, offset) */
    int64_t months, offset;
} tz_months_memo;

void tz_months_memo_init(tz_months_memo *m);
/* Compute and remember the day of t_ms (the memo missed). */
int64_t tz_minus_months_fill(tz_months_memo *m, int64_t t_ms, int64_t months,
                             int64_t utc_offset_min);

static inline int64_t tz_minus_months_memo(tz_months_memo *m, int64_t t_ms, int64_t months,
                                           int64_t utc_offset_min)
{
    if (t_ms < m->lo || t_ms >= m->hi || months != m->months || utc_offset_min != m->offset)
        return tz_minus_months_fill(m, t_ms, months, utc_offset_min);
    return m->base + (t_ms - m->lo);
}

/* Valid instants: 1970-01-01T00:00Z .. 2200-01-01T00:00Z (exclusive). */
#define TZ_TIME_MIN_MS INT64_C(0)
#define TZ_TIME_MAX_MS INT64_C(7258118400000)

/* ---------- policy (policy.c) ---------- */

#define TZ_MINUTE_MS INT64_C(60000)
#define TZ_HOUR_MS INT64_C(3600000)
/* R-SLA-12: the built-in policy zone, China Standard Time (+08:00). */
#define TZ_DEFAULT_UTC_OFFSET_MIN (8 * 60)

struct tousu_policy {
    int refs;        /* guarded by atomic builtins */
    int frozen;
    tz_alloc alloc;
    int64_t batch_window_ms;
    int64_t batch_ordinary;
    int64_t batch_vip;
    int64_t batch_late_ms;
    int64_t repeat_months;
    int64_t utc_offset_min;
    int64_t level_upgraded;
    int64_t level_cross_city;
    int64_t level_cross_province;
    int64_t max_text_bytes;
    int64_t vip_from_importance;
    int64_t batch_counts_faults;
    int64_t leap_level[TOUSU_BODY_COUNT_];
    int32_t priority[TOUSU_KIND_COUNT_];      /* kinds, highest first */
    int32_t rank_of_kind[TOUSU_KIND_COUNT_];  /* inverse of priority */
    /* SLA targets and the business calendar (sla_policy.c, calendar.c) */
    /* R-SLA-1..10 target in ms per (category, 1 + kind with 0 = ordinary, stage) */
    int64_t sla_target[TOUSU_CAT_COUNT_][TOUSU_KIND_COUNT_ + 1][TOUSU_STAGE_COUNT_];
    int32_t sla_business[TOUSU_CAT_COUNT_][TOUSU_STAGE_COUNT_]; /* R-SLA-12 1 = business */
    int32_t sla_warn_permille; /* R-ESC-5 warning share, default 800 */
    /* R-POL-3 the business calendar (a reference; the built-in China one by
     * default; NULL only when making it ran out of memory, and then read as
     * the built-in one) */
    tousu_calendar *calendar;
    /* Word tables and their matchers (words.c) */
    struct tz_words *words_own;   /* tables set by the host; NULL = built-in */
    tousu_matcher *matchers[3];   /* phrases, signals, QA (words.c) */
    int64_t qa_param[16];         /* R-QA weights and numbers */
};

tousu_policy *tz_policy_ref(tousu_policy *p);

/* ---------- engine (engine.c) ---------- */

typedef struct tz_members {
    uint64_t *ids;
    size_t n;
    size_t cap;
} tz_members;

/* The batch incident of the last successful triage (R-BAT-4). Its member
 * ids are fetched from the store only when the host asks for them, so a
 * triage inside a long-running batch does not copy hundreds of ids. */
typedef struct tz_last_batch {
    bool valid;   /* the last triage found a batch */
    bool fetched; /* members holds its ids */
    uint64_t matter;
    int64_t from_ms, to_ms;
} tz_last_batch;

struct tousu_engine {
    tz_alloc alloc;
    tz_error err;
    void *user;
    int (*now_ms)(void *user, int64_t *out);
    tousu_store_ops store; /* a full copy, zero-filled */
    void *store_user;
    tousu_memstore *own_store; /* the built-in store when the host gave none */
    tousu_policy *policy;
    tz_members members;  /* the last batch's member ids, once fetched */
    tz_last_batch batch; /* the last successful triage's batch, if any */
    tz_months_memo repeat_since; /* R-REP-2 start of the period, per day */
};

/* ---------- classification (classify.c) ---------- */

/* R-DEF, R-REQ, R-CUS, and the kinds that need no store: fills category,
 * handling, customer attributes, MAJOR, LEAPFROG, UPGRADED, IMPORTANT,
 * SENSITIVE, SPECIAL_DEADLINE with evidence. */
void tz_classify(const tousu_policy *p, const tousu_contact *c, tousu_result *r);
/* Append evidence; ignores overflow beyond TOUSU_MAX_EVIDENCE. */
void tz_add_evidence(tousu_result *r, int32_t kind, int32_t source, int64_t v, int64_t v2);
/* R-CLS-11: top kind, priority tier, urgent, named owner. */
void tz_rank(const tousu_policy *p, tousu_result *r);
/* Is a contact of this category ordinary or urgent (R-CLS)? Complaints
 * and disputes, and (default) fault reports, whose SLA targets depend on
 * it (R-SLA); a consultation or a suggestion is neither. Whether fault
 * reports count toward batches (TOUSU_P_BATCH_COUNTS_FAULTS) does not
 * change this. */
static inline bool tz_has_urgency(int32_t category)
{
    const uint32_t urgent_able =
        1u << TOUSU_CAT_COMPLAINT | 1u << TOUSU_CAT_DISPUTE | 1u << TOUSU_CAT_FAULT;
    return ((uint32_t)category < 32) & (urgent_able >> ((uint32_t)category & 31) & 1u);
}

/* Does this category go into batch windows? (A bit test: asked three times
 * per triage, on a category that varies from contact to contact.) */
static inline bool tz_counts_in_window(const tousu_policy *p, int32_t category)
{
    const uint32_t in = 1u << TOUSU_CAT_COMPLAINT | 1u << TOUSU_CAT_DISPUTE |
                        (uint32_t)(p->batch_counts_faults != 0) << TOUSU_CAT_FAULT;
    return ((uint32_t)category < 32) & (in >> ((uint32_t)category & 31) & 1u);
}

/* ---------- escalation (escalate.c) ---------- */

/* R-LEAP-2, R-XRG, R-REP-4, R-CLS-7, R-ESC-3/4/6: reasons, level, recusal,
 * coordination. Needs r's repeat fields filled first. */
void tz_escalate(const tousu_policy *p, const tousu_contact *c, const tousu_history *h,
                 tousu_result *r);
void tz_add_reason(tousu_result *r, int32_t code, int32_t level, int64_t value);
/* R-XRG: 0 none, 1 another city in the province, 2 another province;
 * *other receives the first region that differs. */
int tz_region_span(const tousu_contact *c, uint32_t *other);

/* ---------- batch (batch.c) ---------- */

/* R-BAT-1: is (ordinary, vip) a batch under the policy? */
bool tz_is_batch(const tousu_policy *p, uint64_t ordinary, uint64_t vip);
/* R-BAT-1..3 through the store (R-BAT-4 members are fetched on demand). */
int tz_batch_check(tousu_engine *e, const tousu_contact *c, int64_t t, tousu_result *r);

/* ---------- repeat (repeat.c) ---------- */

/* R-REP-1..3 through the store; fills r's repeat/follow-up fields and *h. */
int tz_repeat_check(tousu_engine *e, const tousu_contact *c, int64_t t, tousu_result *r,
                    tousu_history *h);

/* engine.c: report a failed store callback (sets the engine's error). */
int tz_store_failed(tousu_engine *e, const char *op, int rc);

/* ---------- free-text signals (phrase.c) ---------- */

/* R-CLS-12: fill r->suggested_kinds, n_signals, signals from the text
 * (already validated UTF-8). Never changes kinds or level. */
void tz_suggest_from_text(const tousu_policy *p, const char *text, size_t len, tousu_result *r);

/* ---------- in-memory store (store_mem.c) ---------- */

int tz_memstore_new(tousu_memstore **out, const tousu_policy *p, const tz_alloc *a);
/* Keep what policy p needs from now on (tousu_memstore_set_policy). */
void tz_memstore_adopt(tousu_memstore *s, const tousu_policy *p);

/* ---------- SLA (sla_policy.c; the rest is in sla_int.h) ---------- */

/* R-SLA-1..10, R-ESC-5: the built-in SLA tables of SPEC.md section 10. */
void tz_policy_init_sla(tousu_policy *p);

/* ---------- words (words.c): scripts, flows, phrases, QA tables ---------- */

/* Put the built-in tables and QA numbers in p and build its matchers
 * (a failed build is retried lazily on first use). */
void tz_words_policy_init(tousu_policy *p);
/* Release what tz_words_policy_init or tousu_policy_set_words made. */
void tz_words_policy_free(tousu_policy *p);

/* ---------- the policy's calendar (sla_policy.c, issue 6) ---------- */

/* R-POL-3 release the policy's calendar (policy.c release_tables). */
void tz_policy_free_sla(tousu_policy *p);

#endif
