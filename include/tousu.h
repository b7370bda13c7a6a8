/*
 * tousu.h - the public interface of libtousu, the complaint-handling
 * library for call-centre software (classification, escalation, SLA
 * clocks, scripts), following a Chinese telecom operator's service norms.
 *
 * This header is the ABI contract (docs/abi.md):
 *  - every exported name starts with tousu_ / TOUSU_;
 *  - long-lived objects are opaque handles made by *_new and freed by
 *    *_free (NULL-safe);
 *  - structs the host fills start with `size_t struct_size`; the library
 *    reads only what the caller's size covers and treats the rest as zero;
 *    a larger struct whose unknown tail is not all zero is rejected;
 *  - output structs also start with struct_size: the library writes at most
 *    that many bytes;
 *  - fixed-width types only, no bitfields, no varargs, no struct by value,
 *    enums passed as int32_t;
 *  - times are int64_t UTC milliseconds since 1970-01-01 (R-SLA-13);
 *  - strings are UTF-8 pointer + byte length;
 *  - functions return int: 0 (TOUSU_OK) or a negative TOUSU_E* code.
 *
 * Threads: the library has no global mutable state. An engine is used by one
 * thread at a time (the host serialises calls on a shared engine). A policy,
 * once handed to an engine, is immutable and may be shared read-only by many
 * engines and threads (R-POL-4).
 *
 * `cc -E -P include/tousu.h` yields plain declarations that Python ctypes
 * users can read and LuaJIT's ffi.cdef accepts.
 */
#ifndef TOUSU_H
#define TOUSU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(TOUSU_BUILDING) && defined(__GNUC__)
#define TOUSU_API __attribute__((visibility("default")))
#else
#define TOUSU_API
#endif

/* ------------------------------------------------------------------ */
/* Version                                                             */
/* ------------------------------------------------------------------ */

enum {
    TOUSU_VERSION_MAJOR = 1,
    TOUSU_VERSION_MINOR = 0,
    TOUSU_VERSION_PATCH = 0,
    TOUSU_VERSION_NUMBER = 10000 /* major*10000 + minor*100 + patch */
};

/* The version of the library actually loaded, as
 * major*10000 + minor*100 + patch. Thread-safe. */
TOUSU_API int32_t tousu_version(void);

/* The same as a static string, e.g. "1.0.0". Never NULL. Thread-safe. */
TOUSU_API const char *tousu_version_string(void);

/* ------------------------------------------------------------------ */
/* Status codes (fixed numbers; never renumbered)                      */
/* ------------------------------------------------------------------ */

typedef enum tousu_status {
    TOUSU_OK = 0,
    TOUSU_EINVAL = -1,     /* NULL where a pointer is required, bad argument */
    TOUSU_ERANGE = -2,     /* a number or enum value out of its range */
    TOUSU_ESTRUCT = -3,    /* struct_size too small, or unknown non-zero tail */
    TOUSU_EUTF8 = -4,      /* malformed UTF-8 */
    TOUSU_ETOOBIG = -5,    /* text or input larger than the policy allows */
    TOUSU_ENOMEM = -6,     /* allocation failed */
    TOUSU_ECALLBACK = -7,  /* a host callback (time, store) failed */
    TOUSU_ENOTFOUND = -8,  /* the thing asked for does not exist */
    TOUSU_ESTATE = -9,     /* the object is in the wrong state for this call */
    TOUSU_ENOSPACE = -10,  /* a caller buffer is too small */
    TOUSU_ECORRUPT = -11,  /* an encoded buffer or file is malformed */
    TOUSU_EVERSION = -12,  /* an encoded buffer or file has a newer version */
    TOUSU_EPARSE = -13,    /* a text file has a syntax error */
    TOUSU_ENODATA = -14,   /* the policy has no data for this (e.g. a year) */
    TOUSU_EDUPLICATE = -15 /* an id or key that must be unique is repeated */
} tousu_status;

/* A static English description of a status code; never NULL (unknown codes
 * give "unknown error"). Thread-safe. */
TOUSU_API const char *tousu_strerror(int32_t code);

/* ------------------------------------------------------------------ */
/* Domain enumerations (values are fixed; new ones are only appended)   */
/* ------------------------------------------------------------------ */

/* R-REQ-1 request categories; R-DEF-1 decides whether a contact is a
 * complaint. The result's category follows R-DEF-1 first: a contact that
 * meets it is a complaint (or a dispute) whatever the host chose, one that
 * does not is a fault report or a suggestion when the host says so and a
 * consultation otherwise. Complaints, disputes and fault reports are
 * ordinary or urgent (R-CLS); consultations and suggestions are neither. */
typedef enum tousu_category {
    TOUSU_CAT_UNSET = 0,        /* host: let the library decide */
    TOUSU_CAT_CONSULTATION = 1, /* (1) products, prices, services */
    TOUSU_CAT_COMPLAINT = 2,    /* (2) ordinary complaint */
    TOUSU_CAT_FAULT = 3,        /* (3) equipment fault report */
    TOUSU_CAT_DISPUTE = 4,      /* (4) serious complaint or dispute */
    TOUSU_CAT_SUGGESTION = 5,   /* a suggestion (R-DEF-1 "otherwise") */
    TOUSU_CAT_COUNT_ = 6
} tousu_category;

/* R-REQ-2 how a category is handled. */
typedef enum tousu_handling {
    TOUSU_HANDLE_PHONE = 1,  /* categories (1), (2): by telephone */
    TOUSU_HANDLE_ONSITE = 2  /* (3), (4): departments and staff on site */
} tousu_handling;

/* R-REQ-3 intake channels. The first three are the regular channels. */
typedef enum tousu_channel {
    TOUSU_CH_UNSET = 0,
    TOUSU_CH_HALL = 1,            /* service hall */
    TOUSU_CH_HOTLINE = 2,         /* the service hotline */
    TOUSU_CH_ACCOUNT_MANAGER = 3, /* through the customer's account manager */
    TOUSU_CH_WEBSITE = 4,
    TOUSU_CH_PETITION = 5, /* petition visit (上访) */
    TOUSU_CH_PHONE = 6,    /* a phone call to some other body */
    TOUSU_CH_FAX = 7,
    TOUSU_CH_LETTER = 8,
    TOUSU_CH_MEDIA = 9,
    TOUSU_CH_ONSITE = 10,
    TOUSU_CH_COUNT_ = 11
} tousu_channel;

/* R-LEAP-1 the body the contact was addressed to. TOUSU_BODY_COMPANY is the
 * operator's own branch (no leapfrog). R-LEAP-2 gives each body the level
 * that must own it (policy parameters TOUSU_P_LEAP_LEVEL_BASE + body). */
typedef enum tousu_body {
    TOUSU_BODY_COMPANY = 0,            /* the branch itself: not leapfrog */
    TOUSU_BODY_CITY_GOVERNMENT = 1,    /* government department, city level */
    TOUSU_BODY_CITY_MEDIA = 2,         /* media at city level */
    TOUSU_BODY_CITY_CONSUMER = 3,      /* consumer assoc./social body, city */
    TOUSU_BODY_PROV_LEADERS = 4,       /* the provincial company's leaders */
    TOUSU_BODY_PROV_HOTLINE = 5,       /* provincial supervision hotline */
    TOUSU_BODY_PROV_GOVERNMENT = 6,    /* provincial government department */
    TOUSU_BODY_PROV_MEDIA = 7,         /* provincial media */
    TOUSU_BODY_PROV_CONSUMER = 8,      /* provincial consumer association */
    TOUSU_BODY_PROV_COMM_ADMIN = 9,    /* provincial communications admin. */
    TOUSU_BODY_GROUP_COMPANY = 10,     /* the group (national) company */
    TOUSU_BODY_NATIONAL_REGULATOR = 11,/* MIIT, 12300 */
    TOUSU_BODY_NATIONAL_MEDIA = 12,
    TOUSU_BODY_COUNT_ = 13
} tousu_body;

/* R-CUS-1 customer tier by importance and network reach. */
typedef enum tousu_tier {
    TOUSU_TIER_ORDINARY = 0,
    TOUSU_TIER_KEY_CITY = 1,     /* prefecture (city) level key account */
    TOUSU_TIER_KEY_PROVINCE = 2, /* provincial key account */
    TOUSU_TIER_KEY_NATIONAL = 3, /* national key account */
    TOUSU_TIER_COUNT_ = 4
} tousu_tier;

/* R-CUS-2 industry (carried through; 0 = not given). */
typedef enum tousu_industry {
    TOUSU_IND_UNSET = 0,
    TOUSU_IND_FINANCE = 1,
    TOUSU_IND_TOURISM_HOTEL_ENTERTAINMENT = 2,
    TOUSU_IND_PARTY_GOVERNMENT_MILITARY = 3,
    TOUSU_IND_WHOLESALE_RETAIL = 4,
    TOUSU_IND_CATERING = 5,
    TOUSU_IND_REAL_ESTATE = 6,
    TOUSU_IND_TRANSPORT = 7,
    TOUSU_IND_TELECOM = 8,
    TOUSU_IND_MANUFACTURING = 9,
    TOUSU_IND_PUBLIC_SERVICES = 10,
    TOUSU_IND_CULTURE_HEALTH = 11,
    TOUSU_IND_SCIENCE_EDUCATION = 12,
    TOUSU_IND_OTHER = 13,
    TOUSU_IND_COUNT_ = 14
} tousu_industry;

/* Customer flags (tousu_contact.customer_flags). */
typedef enum tousu_customer_flag {
    TOUSU_CUST_GOV_CONTACT = 1u << 0,   /* R-CUS-3 leader/contact of a government dept */
    TOUSU_CUST_GOLD_CARD = 1u << 1,     /* R-CUS-3 gold-card level or above */
    TOUSU_CUST_GROUP_A_CONTACT = 1u << 2, /* R-CUS-3 leader/contact of a class-A+ group */
    TOUSU_CUST_IMPORTANT = 1u << 3,     /* R-CUS-3 marked important by the host */
    TOUSU_CUST_SENSITIVE = 1u << 4,     /* R-CUS-4 marked sensitive */
    TOUSU_CUST_VIP = 1u << 5,           /* R-CUS-5 the operator's VIP grade */
    TOUSU_CUST_VIP_KNOWN = 1u << 6      /* R-CUS-5 the host states VIP either way:
                                           TOUSU_CUST_VIP alone decides */
} tousu_customer_flag;

/* Contact flags (tousu_contact.flags): what the agent established. */
typedef enum tousu_contact_flag {
    TOUSU_F_DISSATISFIED = 1u << 0,       /* R-DEF-1 states dissatisfaction */
    TOUSU_F_DEMANDS_RESOLUTION = 1u << 1, /* R-DEF-1 a specific matter to resolve and answer */
    TOUSU_F_MAJOR_HARM = 1u << 2,         /* R-CLS-3 serious harm to customer perception */
    TOUSU_F_MAJOR_MEDIA = 1u << 3,        /* R-CLS-3 media coverage */
    TOUSU_F_MAJOR_PUBLIC = 1u << 4,       /* R-CLS-3 public attention */
    TOUSU_F_MAJOR_GOVERNMENT = 1u << 5,   /* R-CLS-3 government intervention */
    TOUSU_F_MAJOR_LITIGATION = 1u << 6,   /* R-CLS-3 litigation or arbitration */
    TOUSU_F_MAJOR_OPERATIONS = 1u << 7,   /* R-CLS-3 serious impact on operations/reputation */
    TOUSU_F_MAJOR_LEADERS = 1u << 8,      /* R-CLS-3 company leaders' attention */
    TOUSU_F_UPGRADED = 1u << 9,           /* R-CLS-7 branch cannot resolve; raised to province */
    TOUSU_F_NOT_ON_SPOT = 1u << 10,       /* R-ESC-4 cannot be resolved on the spot */
    TOUSU_F_MANAGER_DISPUTE = 1u << 11,   /* R-ESC-3 account manager's handling became a dispute */
    TOUSU_F_SPECIAL_DEADLINE = 1u << 12   /* R-CLS-2 leaders/superior set a special limit */
} tousu_contact_flag;

/* R-DEF-2 cause codes (tousu_contact.causes, a bit set). */
typedef enum tousu_cause {
    TOUSU_CAUSE_PROMISE_NOT_KEPT = 1u << 0,
    TOUSU_CAUSE_NOT_SOLVED_OR_WRONG = 1u << 1,
    TOUSU_CAUSE_SUBSCRIBED_WITHOUT_CONSENT = 1u << 2,
    TOUSU_CAUSE_IGNORED_UNTIL_SHOUTING = 1u << 3,
    TOUSU_CAUSE_COLD_OR_EVASIVE = 1u << 4,
    TOUSU_CAUSE_CREDIBILITY_QUESTIONED = 1u << 5,
    TOUSU_CAUSE_TOO_SLOW = 1u << 6,
    TOUSU_CAUSE_ALL_ = 0x7f
} tousu_cause;

/* R-ESC-6 departments a resolution needs (tousu_contact.departments). */
typedef enum tousu_department {
    TOUSU_DEPT_NETWORK = 1u << 0,
    TOUSU_DEPT_BILLING = 1u << 1,
    TOUSU_DEPT_MARKETING = 1u << 2,
    TOUSU_DEPT_IT = 1u << 3,
    TOUSU_DEPT_DEVICE_MAKER = 1u << 4,
    TOUSU_DEPT_LEGAL = 1u << 5,
    TOUSU_DEPT_CUSTOMER_SERVICE = 1u << 6,
    TOUSU_DEPT_OTHER = 1u << 7,
    TOUSU_DEPT_ALL_ = 0xff
} tousu_department;

/* R-CLS urgent kinds. The enum value is the bit number in
 * tousu_result.kinds. TOUSU_KIND_SPECIAL_DEADLINE is R-CLS-2's "leaders or a
 * superior body set a special limit" (default: ranked after sensitive). */
typedef enum tousu_kind {
    TOUSU_KIND_MAJOR = 0,        /* R-CLS-3 */
    TOUSU_KIND_LEAPFROG = 1,     /* R-CLS-4, R-LEAP */
    TOUSU_KIND_BATCH = 2,        /* R-CLS-5, R-BAT */
    TOUSU_KIND_REPEAT = 3,       /* R-CLS-6, R-REP */
    TOUSU_KIND_UPGRADED = 4,     /* R-CLS-7 */
    TOUSU_KIND_CROSS_REGION = 5, /* R-CLS-8, R-XRG */
    TOUSU_KIND_IMPORTANT = 6,    /* R-CLS-9 */
    TOUSU_KIND_SENSITIVE = 7,    /* R-CLS-10 */
    TOUSU_KIND_SPECIAL_DEADLINE = 8, /* R-CLS-2 */
    TOUSU_KIND_COUNT_ = 9
} tousu_kind;

/* R-ESC-1 escalation levels. */
typedef enum tousu_level {
    TOUSU_LEVEL_AGENT = 0,
    TOUSU_LEVEL_SUPERVISOR = 1,
    TOUSU_LEVEL_CITY = 2,
    TOUSU_LEVEL_PROVINCE = 3,
    TOUSU_LEVEL_GROUP = 4,
    TOUSU_LEVEL_COUNT_ = 5
} tousu_level;

/* Why a level is demanded (tousu_reason.code), R-ESC-2. */
typedef enum tousu_reason_code {
    TOUSU_REASON_INTAKE = 0,         /* front-line intake: the floor */
    TOUSU_REASON_LEAPFROG = 1,       /* R-LEAP-2; value = tousu_body */
    TOUSU_REASON_CROSS_CITY = 2,     /* R-XRG-1; value = other region code */
    TOUSU_REASON_CROSS_PROVINCE = 3, /* R-XRG-2; value = other region code */
    TOUSU_REASON_REPEAT = 4,         /* R-REP-4; value = earlier contact id */
    TOUSU_REASON_UPGRADED = 5,       /* R-CLS-7 */
    TOUSU_REASON_STAFF_COMPLAINT = 6,/* R-ESC-3 (seed 003); value = staff id */
    TOUSU_REASON_MANAGER_DISPUTE = 7,/* R-ESC-3 recusal; value = manager id */
    TOUSU_REASON_NOT_ON_SPOT = 8,    /* R-ESC-4 */
    TOUSU_REASON_SLA_BREACH = 9,     /* R-ESC-5; value = stage */
    TOUSU_REASON_COUNT_ = 10
} tousu_reason_code;

/* What made an urgent kind apply (tousu_evidence.source). */
typedef enum tousu_evidence_source {
    TOUSU_EV_FLAG = 1,         /* a contact flag; value = the TOUSU_F_* bit */
    TOUSU_EV_BODY = 2,         /* addressed body; value = body, value2 = channel */
    TOUSU_EV_BATCH_WINDOW = 3, /* value = ordinary<<32 | vip, value2 = window start ms */
    TOUSU_EV_ARCHIVED = 4,     /* value = earlier contact id, value2 = archive ms */
    TOUSU_EV_REGION = 5,       /* value = region needed, value2 = handling region */
    TOUSU_EV_CUSTOMER = 6,     /* value = the TOUSU_CUST_* bit */
    TOUSU_EV_DEADLINE = 7,     /* value2 = the special deadline ms */
    TOUSU_EV_COUNT_ = 8
} tousu_evidence_source;

/* ------------------------------------------------------------------ */
/* Policy (R-POL)                                                      */
/* ------------------------------------------------------------------ */

/* A policy holds every number and table of the rules. tousu_policy_new
 * gives the built-in policy (SPEC.md exactly). It can be changed with the
 * setters until it is handed to an engine; from then on it is frozen
 * (immutable, shareable across threads) and setters return TOUSU_ESTATE. */
typedef struct tousu_policy tousu_policy;

/* Integer parameters (tousu_policy_set_int / tousu_policy_get_int). */
typedef enum tousu_param {
    TOUSU_P_BATCH_WINDOW_MS = 1,   /* R-BAT-1/3 window length, default 3600000 */
    TOUSU_P_BATCH_ORDINARY = 2,    /* R-BAT-1 more than this many ordinary: 10 */
    TOUSU_P_BATCH_VIP = 3,         /* R-BAT-1 more than this many VIP: 5 */
    TOUSU_P_BATCH_LATE_MS = 4,     /* how late an event may be and still see the
                                      whole of its window, default 3600000 */
    TOUSU_P_REPEAT_MONTHS = 5,     /* R-REP-2 calendar months, default 3 */
    TOUSU_P_UTC_OFFSET_MIN = 6,    /* R-SLA-12 policy time zone, default +480 */
    TOUSU_P_LEVEL_UPGRADED = 7,    /* R-CLS-7 / R-ESC-2, default 3 */
    TOUSU_P_LEVEL_CROSS_CITY = 8,  /* R-XRG-1, default 3 */
    TOUSU_P_LEVEL_CROSS_PROVINCE = 9, /* R-XRG-2, default 4 */
    TOUSU_P_MAX_TEXT_BYTES = 10,   /* longest free text accepted, default 65536 */
    TOUSU_P_VIP_FROM_IMPORTANCE = 11, /* R-CUS-5 default rule on (1) or off (0) */
    TOUSU_P_BATCH_COUNTS_FAULTS = 12, /* fault reports count toward batches: 1
                                         (their urgent kinds are decided either way) */
    TOUSU_P_LEAP_LEVEL_BASE = 100  /* + tousu_body: R-LEAP-2 owning level */
} tousu_param;

/* Make a policy holding the built-in values. *out is NULL on failure.
 * Errors: TOUSU_EINVAL (out NULL), TOUSU_ENOMEM. Thread-safe. */
TOUSU_API int tousu_policy_new(tousu_policy **out);

/* Release a reference; NULL is a no-op. The policy lives on while engines
 * that use it are alive (it is reference-counted). Thread-safe. */
TOUSU_API void tousu_policy_free(tousu_policy *policy);

/* Set an integer parameter. Errors: TOUSU_EINVAL (NULL), TOUSU_ENOTFOUND
 * (unknown parameter), TOUSU_ERANGE (value outside tousu_param_bounds),
 * TOUSU_ESTATE (policy already frozen). Not thread-safe (the policy is
 * still private to its maker). */
TOUSU_API int tousu_policy_set_int(tousu_policy *policy, int32_t param, int64_t value);

/* Read an integer parameter into *out. Errors: TOUSU_EINVAL,
 * TOUSU_ENOTFOUND. Thread-safe on a frozen policy. */
TOUSU_API int tousu_policy_get_int(const tousu_policy *policy, int32_t param, int64_t *out);

/* The accepted range [*lo, *hi] of a parameter. Errors: TOUSU_EINVAL,
 * TOUSU_ENOTFOUND. Thread-safe. */
TOUSU_API int tousu_param_bounds(int32_t param, int64_t *lo, int64_t *hi);

/* R-CLS-11 the priority order: kinds[0] is the highest. n must be
 * TOUSU_KIND_COUNT_ and kinds a permutation of 0..TOUSU_KIND_COUNT_-1.
 * Errors: TOUSU_EINVAL, TOUSU_ERANGE (not a permutation), TOUSU_ESTATE. */
TOUSU_API int tousu_policy_set_priority(tousu_policy *policy, const int32_t *kinds, size_t n);

/* Freeze the policy explicitly (engines do it when they take it). Idempotent.
 * Errors: TOUSU_EINVAL. */
TOUSU_API int tousu_policy_freeze(tousu_policy *policy);

/* ------------------------------------------------------------------ */
/* Policy files (R-POL-2, docs/policy.md)                              */
/* ------------------------------------------------------------------ */

/* Where and why a policy file was refused. */
typedef struct tousu_load_error {
    size_t struct_size;  /* set by the caller */
    int32_t code;        /* the status returned */
    int32_t line;        /* 1-based line of the problem, 0 = none */
    char message[256];   /* "name:line: problem", NUL-terminated */
} tousu_load_error;

/* Parse a policy file (UTF-8 text, `len` bytes, need not be NUL-terminated)
 * merged over the built-in policy, into a new policy *out (not frozen).
 * `name` labels messages (e.g. the file name; NULL = "policy"). The whole
 * file is checked before *out is made: on any error *out is NULL and
 * nothing else changes (the policy in force stays as it was), and *err
 * (optional; set err->struct_size) tells the line and the problem.
 * Errors: TOUSU_EINVAL, TOUSU_EPARSE (syntax), TOUSU_ENOTFOUND (unknown
 * section or key), TOUSU_EDUPLICATE (a section twice), TOUSU_ERANGE (value
 * out of its bounds or overflowing), TOUSU_EVERSION (a newer format),
 * TOUSU_EUTF8, TOUSU_ETOOBIG (a line over 4096 bytes), TOUSU_ENOMEM,
 * TOUSU_ESTRUCT. Thread-safe. */
TOUSU_API int tousu_policy_load(tousu_policy **out, const char *text, size_t len,
                                const char *name, tousu_load_error *err);

/* Write the whole policy in the file format (docs/policy.md); loading the
 * output gives the same policy, and dumping that gives the same bytes.
 * snprintf semantics: *needed gets the full length (without NUL).
 * Errors: TOUSU_EINVAL, TOUSU_ENOSPACE (truncated). Thread-safe on a
 * frozen policy. */
TOUSU_API int tousu_policy_dump(const tousu_policy *policy, char *buf, size_t cap,
                                size_t *needed);

/* ------------------------------------------------------------------ */
/* Host interface (R-HOST-2, R-HOST-3) and the store contract           */
/* (docs/store.md)                                                     */
/* ------------------------------------------------------------------ */

/* R-REP: the most recent complaints of one (customer, matter). */
typedef struct tousu_history {
    size_t struct_size;   /* set by the library before the call */
    uint64_t open_id;     /* an open (not archived) complaint, 0 = none */
    int64_t open_ms;      /* its intake time */
    uint64_t archived_id; /* the most recent complaint archived at or after
                             `since_ms`, 0 = none */
    int64_t archived_ms;  /* when it was archived */
    int32_t archived_level; /* the level that closed it (tousu_level) */
    int32_t reserved_;    /* zero */
    uint64_t archived_by; /* the staff member who closed it, 0 = unknown */
} tousu_history;

/* R-BAT: the distinct customers of one matter in a window [from, to]. */
typedef struct tousu_window {
    size_t struct_size;      /* set by the library before the call */
    uint32_t ordinary;       /* distinct customers never VIP in the window */
    uint32_t vip;            /* distinct customers VIP in any event of it */
    uint32_t events;         /* events in the window (their count: the batch
                                incident's size, R-BAT-4) */
    int32_t has_customer;    /* 1 when the asked customer is among them */
    int32_t customer_is_vip; /* 1 when that customer counts as VIP there */
    int32_t reserved_;       /* zero */
} tousu_window;

/* R-BAT / R-REP: one write per triage, so a store can make it atomic. */
typedef struct tousu_intake {
    size_t struct_size;
    uint64_t contact_id;
    uint64_t customer_id;
    uint64_t matter;
    int64_t intake_ms;
    int32_t vip;           /* the customer counts as VIP (R-CUS-5) */
    int32_t in_window;     /* 1: add to the matter's batch window */
    int32_t opens_complaint; /* 1: record as an open complaint (R-REP-3) */
    int32_t level;         /* the owning level decided */
} tousu_intake;

/* Archiving a complaint (R-REP-1). */
typedef struct tousu_archive {
    size_t struct_size;
    uint64_t contact_id;   /* the complaint's contact id (required) */
    uint64_t customer_id;  /* required */
    uint64_t matter;       /* required */
    int64_t archived_ms;   /* 0 = now, from the host clock */
    int32_t level;         /* the level that closed it, 0..4 */
    int32_t reserved_;     /* zero */
    uint64_t closed_by;    /* staff id, 0 = unknown */
} tousu_archive;

/* The store: the smallest set of questions the rules ask. Every callback
 * returns 0 on success or any non-zero value on failure (the library then
 * fails the call with TOUSU_ECALLBACK and writes nothing further). A store
 * must make each write callback all-or-nothing. See docs/store.md. */
typedef struct tousu_store_ops {
    size_t struct_size;
    /* R-REP: fill *out for (customer, matter); archived entries only when
     * archived at or after since_ms. */
    int (*history)(void *user, uint64_t customer, uint64_t matter, int64_t since_ms,
                   tousu_history *out);
    /* R-BAT: distinct customers of `matter` with intake in [from_ms, to_ms]
     * (inclusive), and whether `customer` is among them. */
    int (*window)(void *user, uint64_t matter, int64_t from_ms, int64_t to_ms,
                  uint64_t customer, tousu_window *out);
    /* R-BAT-4: the contact ids of `matter` in [from_ms, to_ms], oldest first.
     * Write at most cap ids to ids and the total count to *n. */
    int (*members)(void *user, uint64_t matter, int64_t from_ms, int64_t to_ms, uint64_t *ids,
                   size_t cap, size_t *n);
    /* The single write of a triage. */
    int (*record)(void *user, const tousu_intake *in);
    /* Archive an open complaint. Return TOUSU_ENOTFOUND (-8) when there is
     * no such open complaint; any other non-zero is a failure. */
    int (*archive)(void *user, const tousu_archive *in);
} tousu_store_ops;

/* The host's callbacks. Copied by tousu_engine_new; `user` is passed back to
 * every callback, including the store's (unless store_user is set). */
typedef struct tousu_host {
    size_t struct_size;
    void *user;
    /* R-SLA-13 the current time; NULL = the host passes every time itself. */
    int (*now_ms)(void *user, int64_t *out);
    /* NULL = the built-in in-memory store. The ops struct must outlive the
     * engine. */
    const tousu_store_ops *store;
    /* Optional allocator pair; both or neither. */
    void *(*alloc)(void *user, size_t n);
    void (*free)(void *user, void *p);
    /* The user pointer for the store callbacks; NULL = `user`. */
    void *store_user;
} tousu_host;

/* ------------------------------------------------------------------ */
/* Engine                                                              */
/* ------------------------------------------------------------------ */

typedef struct tousu_engine tousu_engine;

/* Make an engine. host may be NULL (no clock, in-memory store, malloc).
 * policy may be NULL (the built-in policy); otherwise the engine takes a
 * reference and freezes it. *out is NULL on failure.
 * Errors: TOUSU_EINVAL (out NULL, one of alloc/free without the other, a
 * store without history/window/members/record/archive), TOUSU_ESTRUCT,
 * TOUSU_ENOMEM. Thread-safe (the new engine belongs to the caller). */
TOUSU_API int tousu_engine_new(tousu_engine **out, const tousu_host *host,
                               tousu_policy *policy);

/* Free an engine and its built-in store. NULL is a no-op. */
TOUSU_API void tousu_engine_free(tousu_engine *engine);

/* Switch the engine to another policy (taking a reference and freezing it).
 * The old policy is released. The built-in store then keeps what the new
 * policy needs (tousu_memstore_set_policy); a host store, or a memstore the
 * host made, is the host's to adjust. A longer window, late allowance or
 * repeat period sees only what the store still held at the switch, so its
 * answers are complete once that much time has passed. Errors:
 * TOUSU_EINVAL (engine or policy NULL). Not thread-safe per engine. */
TOUSU_API int tousu_engine_set_policy(tousu_engine *engine, tousu_policy *policy);

/* The policy in force (borrowed; valid while the engine uses it). */
TOUSU_API const tousu_policy *tousu_engine_policy(const tousu_engine *engine);

/* The message of the last failed call on this engine, with detail (e.g.
 * "contact.text: malformed UTF-8 at byte 17"). "" after a success. The
 * string is owned by the engine and valid until the next call on it.
 * NULL engine gives a static message. */
TOUSU_API const char *tousu_engine_errmsg(const tousu_engine *engine);

/* The last status returned by a call on this engine. */
TOUSU_API int tousu_engine_errcode(const tousu_engine *engine);

/* ------------------------------------------------------------------ */
/* Triage (R-DEF, R-REQ, R-CUS, R-CLS, R-LEAP, R-BAT, R-REP, R-XRG,     */
/* R-ESC)                                                              */
/* ------------------------------------------------------------------ */

enum { TOUSU_MAX_REGIONS = 8 };

/* One contact record, filled by the host. Zero means "not given". */
typedef struct tousu_contact {
    size_t struct_size;
    uint64_t contact_id;    /* host's id of this contact, required, non-zero */
    uint64_t customer_id;   /* required, non-zero */
    uint64_t matter;        /* R-BAT-5 host matter key; 0 = none (no batch, no repeat) */
    int64_t intake_ms;      /* R-SLA-13; 0 = now, from the host clock */
    int32_t category;       /* tousu_category the agent chose; 0 = decide */
    int32_t channel;        /* tousu_channel */
    int32_t body;           /* tousu_body addressed (R-LEAP-1) */
    int32_t tier;           /* tousu_tier (R-CUS-1) */
    int32_t industry;       /* tousu_industry (R-CUS-2), carried */
    uint32_t customer_flags;/* TOUSU_CUST_* */
    uint32_t flags;         /* TOUSU_F_* */
    uint32_t causes;        /* TOUSU_CAUSE_* (R-DEF-2) */
    uint32_t departments;   /* TOUSU_DEPT_* needed (R-ESC-6) */
    uint32_t manage_code;   /* R-CUS-6 host code, carried */
    uint32_t spend_code;    /* R-CUS-6 host code, carried */
    uint32_t customer_region; /* R-XRG-3 six-digit division code, 0 = unknown */
    uint32_t handling_region; /* the branch handling it */
    uint32_t n_needed_regions;/* regions whose involvement is needed */
    uint32_t needed_regions[TOUSU_MAX_REGIONS];
    uint64_t staff_id;      /* R-ESC-3 the staff member complained about, 0 = none */
    int32_t staff_level;    /* that staff member's level */
    int32_t reserved2_;     /* zero */
    uint64_t account_manager_id; /* R-ESC-3 with TOUSU_F_MANAGER_DISPUTE */
    int64_t special_deadline_ms; /* R-CLS-2 / R-SLA-10, 0 = none */
    const char *text;       /* free text, UTF-8, may be NULL when text_len 0 */
    size_t text_len;
} tousu_contact;

/* One reason for a level (R-ESC-2). */
typedef struct tousu_reason {
    int32_t code;   /* tousu_reason_code */
    int32_t level;  /* the level it demands */
    int64_t value;  /* see tousu_reason_code */
} tousu_reason;

/* One piece of evidence for an urgent kind. */
typedef struct tousu_evidence {
    int32_t kind;   /* tousu_kind */
    int32_t source; /* tousu_evidence_source */
    int64_t value;
    int64_t value2;
} tousu_evidence;

/* R-CLS-12 a free-text signal: words that suggest an urgent kind. */
typedef struct tousu_signal {
    int32_t kind;    /* tousu_kind suggested (MAJOR or LEAPFROG) */
    int32_t group;   /* which word list: media, lawsuit, regulator ... */
    uint32_t offset; /* byte offset of the match in contact.text */
    uint32_t length; /* byte length in contact.text */
} tousu_signal;

enum {
    TOUSU_MAX_SIGNALS = 8,
    TOUSU_MAX_REASONS = 16,
    TOUSU_MAX_EVIDENCE = 24,
    TOUSU_MAX_RECUSED = 4
};

/* The decision, filled by the library. Set struct_size = sizeof before the
 * call; the library writes at most struct_size bytes. */
typedef struct tousu_result {
    size_t struct_size;
    int64_t intake_ms;       /* the time used */
    int32_t category;        /* tousu_category decided (R-REQ-1, R-DEF-1) */
    int32_t handling;        /* tousu_handling (R-REQ-2) */
    int32_t is_complaint;    /* R-DEF-1 */
    uint32_t causes;         /* R-DEF-2 as given */
    int32_t regular_channel; /* R-REQ-3 hall, hotline, account manager */
    int32_t is_vip;          /* R-CUS-5 as decided */
    int32_t is_important;    /* R-CUS-3 */
    int32_t is_sensitive;    /* R-CUS-4 */
    int32_t urgent;          /* R-CLS-2: any kind applies */
    uint32_t kinds;          /* bit (1 << tousu_kind) per kind that applies */
    int32_t top_kind;        /* R-CLS-11 highest kind present, -1 = ordinary */
    int32_t priority_tier;   /* 1 = highest kind in the order .. 9, 10 = ordinary */
    int32_t named_owner;     /* R-CLS-2 an urgent complaint needs a named owner */
    int32_t level;           /* R-ESC-2 owning level (tousu_level) */
    uint32_t n_reasons;
    uint32_t n_evidence;
    tousu_reason reasons[TOUSU_MAX_REASONS];
    tousu_evidence evidence[TOUSU_MAX_EVIDENCE];
    uint32_t n_recused;      /* R-ESC-3, R-REP-4 staff who must not own it */
    int32_t needs_coordination;  /* R-ESC-6 */
    uint64_t recused[TOUSU_MAX_RECUSED];
    uint32_t coord_departments;  /* TOUSU_DEPT_* */
    uint32_t n_coord_regions;
    uint32_t coord_regions[TOUSU_MAX_REGIONS];
    int32_t followup;        /* R-REP-3 an open complaint exists */
    int32_t batch;           /* R-BAT-1 the window [intake - window, intake]
                                is a batch (R-BAT-3: a late contact that
                                completes a batch in a window ending after
                                its own intake is not reported by its own
                                triage, but by the next contact whose window
                                holds that batch) */
    uint64_t followup_of;    /* the open complaint's contact id */
    uint64_t repeat_of;      /* R-REP-1 the archived complaint, 0 = none */
    int64_t repeat_archived_ms;
    int64_t repeat_since_ms; /* R-REP-2 the start of the repeat period */
    uint32_t batch_ordinary; /* distinct ordinary customers in the window */
    uint32_t batch_vip;      /* distinct VIP customers */
    uint32_t batch_members;  /* R-BAT-4 contacts in the incident
                                (tousu_engine_batch_members) */
    uint32_t manage_code;    /* R-CUS-6 carried */
    int64_t batch_window_start_ms;
    uint32_t spend_code;     /* R-CUS-6 carried */
    int32_t industry;        /* R-CUS-2 carried */
    int32_t tier;            /* R-CUS-1 carried */
    uint32_t suggested_kinds;/* R-CLS-12 bits of kinds the text suggests;
                                suggestions never change kinds or level */
    uint32_t n_signals;      /* matches found (at most TOUSU_MAX_SIGNALS kept) */
    tousu_signal signals[TOUSU_MAX_SIGNALS];
    int32_t reserved_;       /* zero; keeps the size a multiple of 8 */
} tousu_result;

/* Triage one contact: classify it, decide its owning level, record it in
 * the store (one write) and fill *out. Reads the clock only when
 * contact->intake_ms is 0.
 * Errors: TOUSU_EINVAL (NULL, zero contact or customer id), TOUSU_ESTRUCT,
 * TOUSU_ERANGE (an enum, region count, level or time out of range),
 * TOUSU_EUTF8, TOUSU_ETOOBIG (text), TOUSU_ECALLBACK (clock or store
 * failed: nothing was written, the call can be retried), TOUSU_ENOMEM.
 * On error *out is left untouched. Not thread-safe per engine. */
TOUSU_API int tousu_triage(tousu_engine *engine, const tousu_contact *contact,
                           tousu_result *out);

/* R-BAT-4 the contact ids of the batch incident found by the last
 * successful tousu_triage: every contact of its matter in the window, oldest
 * first, the triaged one included, as the store lists them when asked. The
 * ids are fetched from the store on the first call after that triage (so
 * triages inside a long batch copy nothing). *ids is owned by the engine and
 * valid until the next call on it; *n is 0 when the last triage found no
 * batch. Errors: TOUSU_EINVAL, TOUSU_ECALLBACK (store.members failed; the
 * call can be retried), TOUSU_ENOMEM. Not thread-safe per engine. */
TOUSU_API int tousu_engine_batch_members(tousu_engine *engine, const uint64_t **ids,
                                         size_t *n);

/* Archive a complaint (R-REP-1): it stops being open and starts the repeat
 * period. Errors: TOUSU_EINVAL, TOUSU_ESTRUCT, TOUSU_ERANGE (level, time),
 * TOUSU_ENOTFOUND (no such open complaint), TOUSU_ECALLBACK. */
TOUSU_API int tousu_archive_complaint(tousu_engine *engine, const tousu_archive *archive);

/* Human-readable explanation of a result (English, with the norms'
 * Chinese terms), for supervisors. Times are shown in the built-in policy
 * zone, +08:00 (R-SLA-12); tousu_result_explain_policy shows them in the
 * zone of the policy that triaged the contact. snprintf semantics: writes
 * at most cap bytes (NUL-terminated when cap > 0) and stores in *needed the
 * length the full text needs (without the NUL). Errors: TOUSU_EINVAL
 * (result or needed NULL, buf NULL with cap > 0), TOUSU_ESTRUCT,
 * TOUSU_ENOSPACE (truncated; *needed tells the size). Thread-safe. */
TOUSU_API int tousu_result_explain(const tousu_result *result, char *buf, size_t cap,
                                   size_t *needed);

/* tousu_result_explain with every time in the zone of `policy`
 * (TOUSU_P_UTC_OFFSET_MIN, e.g. "2025-06-03 08:00:00+06:00" for +360),
 * normally the engine's (tousu_engine_policy). The policy is only read.
 * Errors: as tousu_result_explain, and TOUSU_EINVAL when policy is NULL.
 * Thread-safe (a frozen policy may be shared; an unfrozen one must not be
 * changed during the call). */
TOUSU_API int tousu_result_explain_policy(const tousu_policy *policy,
                                          const tousu_result *result, char *buf, size_t cap,
                                          size_t *needed);

/* Static names, never NULL ("?" for unknown values). Thread-safe. */
TOUSU_API const char *tousu_kind_name(int32_t kind);
TOUSU_API const char *tousu_category_name(int32_t category);
TOUSU_API const char *tousu_level_name(int32_t level);
TOUSU_API const char *tousu_reason_name(int32_t code);
TOUSU_API const char *tousu_body_name(int32_t body);
TOUSU_API const char *tousu_channel_name(int32_t channel);

/* ------------------------------------------------------------------ */
/* The built-in in-memory store, usable directly (e.g. to wrap it)      */
/* ------------------------------------------------------------------ */

typedef struct tousu_memstore tousu_memstore;

/* Make an in-memory store. Its window retention follows the policy's
 * TOUSU_P_BATCH_WINDOW_MS + TOUSU_P_BATCH_LATE_MS, and archived history is
 * kept for TOUSU_P_REPEAT_MONTHS (+1 month). policy NULL = built-in.
 * Errors: TOUSU_EINVAL, TOUSU_ENOMEM. */
TOUSU_API int tousu_memstore_new(tousu_memstore **out, const tousu_policy *policy);
TOUSU_API void tousu_memstore_free(tousu_memstore *store);

/* Keep what `policy` needs from now on (NULL = built-in): call it with the
 * policy given to tousu_engine_set_policy when the engine uses this store.
 * A shorter window or repeat period drops what it no longer needs at the
 * store's next sweeps; a longer one keeps what the store still holds and
 * everything from now on (what it had already dropped stays gone). The
 * policy is only read. Errors: TOUSU_EINVAL (store NULL), TOUSU_ENOMEM.
 * Not thread-safe per store. */
TOUSU_API int tousu_memstore_set_policy(tousu_memstore *store, const tousu_policy *policy);

/* The ops to put in tousu_host.store, with the memstore as store_user. */
TOUSU_API const tousu_store_ops *tousu_memstore_ops(void);

/* Bytes the store currently holds (for monitoring). */
TOUSU_API size_t tousu_memstore_bytes(const tousu_memstore *store);

/* ------------------------------------------------------------------ */
/* SLA clocks and business calendars (R-SLA, R-ESC-5; docs/sla.md,     */
/* docs/calendar.md)                                                   */
/* ------------------------------------------------------------------ */

/* ---- Business calendars (R-SLA-12), docs/calendar.md ---- */

/* A calendar says which local minutes are working time: spans per weekday
 * (several a day, e.g. a lunch break; a span may cross midnight, e.g. a
 * night desk 20:00-08:00, and then belongs to the day it starts on), public
 * holidays, make-up working days (调休), per-date overrides (a shortened
 * day), all in a fixed UTC offset. A 24x7 calendar counts every instant.
 * Due times and working time are computed in time independent of their
 * length. A calendar is reference-counted: clocks and plans take a
 * reference and freeze it (setters then return TOUSU_ESTATE); a frozen
 * calendar may be shared read-only by many threads. */
typedef struct tousu_calendar tousu_calendar;

enum {
    TOUSU_CAL_MAX_SPANS = 8, /* working spans per day */
    TOUSU_PLAN_MAX_STAGES = 16,
    TOUSU_SLA_ORDINARY = -1  /* the "kind" of a non-urgent complaint in SLA tables */
};

/* What a date is in a calendar. */
typedef enum tousu_day_kind {
    TOUSU_DAY_REGULAR = 0,  /* its weekday's hours */
    TOUSU_DAY_HOLIDAY = 1,  /* public holiday: no working time */
    TOUSU_DAY_MAKEUP = 2,   /* make-up working day (调休): a working weekday's hours */
    TOUSU_DAY_OVERRIDE = 3  /* hours of its own (e.g. a shortened day) */
} tousu_day_kind;

/* One date as the calendar sees it (tousu_calendar_day). */
typedef struct tousu_day_info {
    size_t struct_size;
    int32_t kind;      /* tousu_day_kind */
    int32_t weekday;   /* 0 = Sunday .. 6 = Saturday */
    int32_t covered;   /* 1 when the date lies in the calendar's data years */
    uint32_t n_spans;
    int32_t spans[2 * TOUSU_CAL_MAX_SPANS]; /* start, end minute pairs from local
                                               midnight; end > 1440 crosses midnight */
    int64_t working_ms; /* total working time of the date's spans */
    const char *name;   /* holiday name (UTF-8), owned by the calendar; "" if none */
    size_t name_len;
} tousu_day_info;

/* A calendar of working hours 08:30-18:00 Monday to Friday (seed 001), no
 * holidays, UTC+08:00, valid for every year. *out is NULL on failure.
 * Errors: TOUSU_EINVAL (out NULL), TOUSU_ENOMEM. Thread-safe. */
TOUSU_API int tousu_calendar_new(tousu_calendar **out);

/* The same with China's public holidays and make-up working days of
 * 2024-2026 built in (State Council notices, tools/gen_holidays.py). Years
 * outside the table get TOUSU_ENODATA from the time functions, never a
 * guess; tousu_calendar_set_years widens the range on purpose.
 * Errors: TOUSU_EINVAL, TOUSU_ENOMEM. Thread-safe. */
TOUSU_API int tousu_calendar_new_builtin_cn(tousu_calendar **out);

/* A 24x7 calendar: every instant is working time, due = start + target.
 * Setters on it return TOUSU_ESTATE. Errors: TOUSU_EINVAL, TOUSU_ENOMEM. */
TOUSU_API int tousu_calendar_new_24x7(tousu_calendar **out);

/* Release a reference; NULL is a no-op. Thread-safe. */
TOUSU_API void tousu_calendar_free(tousu_calendar *cal);

/* Make the calendar immutable (clocks and plans do this when they take it).
 * Idempotent. Errors: TOUSU_EINVAL. */
TOUSU_API int tousu_calendar_freeze(tousu_calendar *cal);

/* The message of the last failed setter on this calendar ("" after a
 * success); owned by the calendar. NULL gives a static message. */
TOUSU_API const char *tousu_calendar_errmsg(const tousu_calendar *cal);

/* Set the fixed UTC offset of local time, -840..+840 minutes (default +480).
 * Errors: TOUSU_EINVAL, TOUSU_ERANGE, TOUSU_ESTATE (frozen or 24x7).
 * Setters are not thread-safe (the calendar is still private). */
TOUSU_API int tousu_calendar_set_utc_offset(tousu_calendar *cal, int32_t minutes);

/* Set a weekday's working spans: `spans` holds n start,end pairs of minutes
 * from local midnight (0..1439 for a start); an end at or before its start,
 * or above 1440, runs past midnight (20:00-08:00 is 1200,480 or 1200,1920).
 * n = 0 makes the weekday a day off. Spans are sorted by the library; they
 * must not overlap, and the part of any span after midnight must end no
 * later than the first span of any day begins (so each day's work comes
 * before the next day's). weekday: 0 = Sunday .. 6 = Saturday.
 * Errors: TOUSU_EINVAL (NULL spans with n > 0, overlap, order), TOUSU_ERANGE
 * (weekday, minutes, n > TOUSU_CAL_MAX_SPANS), TOUSU_ESTATE. */
TOUSU_API int tousu_calendar_set_weekday(tousu_calendar *cal, int32_t weekday,
                                         const int32_t *spans, size_t n);

/* Which weekday's hours a make-up working day works (default 1, Monday).
 * Errors: TOUSU_EINVAL, TOUSU_ERANGE, TOUSU_ESTATE. */
TOUSU_API int tousu_calendar_set_makeup_weekday(tousu_calendar *cal, int32_t weekday);

/* Mark a local date as TOUSU_DAY_HOLIDAY or TOUSU_DAY_MAKEUP, or return it
 * to its weekday (TOUSU_DAY_REGULAR, also removing an override). name is an
 * optional UTF-8 label (e.g. "春节"), at most 47 bytes, copied.
 * Errors: TOUSU_EINVAL (date, kind TOUSU_DAY_OVERRIDE), TOUSU_ERANGE (year
 * outside 1970..2199), TOUSU_EUTF8, TOUSU_ETOOBIG, TOUSU_ENOMEM, TOUSU_ESTATE. */
TOUSU_API int tousu_calendar_set_day(tousu_calendar *cal, int32_t year, int32_t month,
                                     int32_t day, int32_t kind, const char *name,
                                     size_t name_len);

/* Give a local date hours of its own (spans as in tousu_calendar_set_weekday;
 * n = 0 is a day off), e.g. a shortened day before a holiday. Replaces a
 * holiday or make-up mark of that date. Errors: as set_weekday and set_day. */
TOUSU_API int tousu_calendar_set_override(tousu_calendar *cal, int32_t year, int32_t month,
                                          int32_t day, const int32_t *spans, size_t n,
                                          const char *name, size_t name_len);

/* The years whose holidays the calendar knows, inclusive; a time function
 * that needs a day outside them fails with TOUSU_ENODATA. (0, 0) removes
 * the limit: the documented fallback that counts unknown years by their
 * weekdays alone. Errors: TOUSU_EINVAL, TOUSU_ERANGE (first > last, or
 * outside 1970..2199), TOUSU_ESTATE. */
TOUSU_API int tousu_calendar_set_years(tousu_calendar *cal, int32_t first_year,
                                       int32_t last_year);

/* The calendar's view of a local date. Errors: TOUSU_EINVAL (NULL, date),
 * TOUSU_ERANGE (year), TOUSU_ESTRUCT. Thread-safe on a frozen calendar. */
TOUSU_API int tousu_calendar_day(const tousu_calendar *cal, int32_t year, int32_t month,
                                 int32_t day, tousu_day_info *out);

/* R-SLA-12 the instant at which `working_ms` of working time have passed
 * after start_ms (UTC ms): the earliest such instant, so a target used up at
 * 18:00 is due at 18:00, not the next morning. working_ms = 0 gives start_ms.
 * O(log special days), whatever working_ms is.
 * Errors: TOUSU_EINVAL (NULL), TOUSU_ERANGE (start outside 1970..2199,
 * working_ms < 0, the result past 2199, no working time ahead),
 * TOUSU_ENODATA (a day outside the calendar's data years).
 * Thread-safe on a frozen calendar. */
TOUSU_API int tousu_calendar_due(const tousu_calendar *cal, int64_t start_ms,
                                 int64_t working_ms, int64_t *out);

/* R-SLA-12 working time in [from_ms, to_ms), from_ms <= to_ms. Errors: as
 * tousu_calendar_due (TOUSU_ERANGE also for from > to). Thread-safe. */
TOUSU_API int tousu_calendar_working_ms(const tousu_calendar *cal, int64_t from_ms,
                                        int64_t to_ms, int64_t *out);

/* Explain a due time for a supervisor ("why is this due on the 9th?"): the
 * due instant in local time, then the days from start to due with the spans
 * counted and the days skipped and why (weekend, holiday and its name,
 * make-up working day, override). Long ranges summarise runs of ordinary
 * days. snprintf semantics: at most cap bytes, NUL-terminated when cap > 0,
 * *needed = full length without the NUL. Errors: as tousu_calendar_due,
 * TOUSU_ENOSPACE (truncated). Thread-safe on a frozen calendar. */
TOUSU_API int tousu_calendar_explain_due(const tousu_calendar *cal, int64_t start_ms,
                                         int64_t working_ms, char *buf, size_t cap,
                                         size_t *needed);

/* ---- SLA stages, clocks and plans (R-SLA-1..14, R-ESC-5), docs/sla.md ---- */

/* The stages of a fault ticket (R-SLA-1..5) and of a complaint or enquiry
 * (R-SLA-6..9). Targets per (category, kind, stage) live in the policy. */
typedef enum tousu_stage {
    TOUSU_STAGE_NONE = 0,
    TOUSU_STAGE_PREPROCESS = 1,      /* R-SLA-1 pre-process, 30 min from intake */
    TOUSU_STAGE_DISPATCH = 2,        /* R-SLA-2 dispatch, 10 min */
    TOUSU_STAGE_ENGINEER_ANSWER = 3, /* R-SLA-3 engineer's answer, 30 min */
    TOUSU_STAGE_RESOLUTION_PLAN = 4, /* R-SLA-4 resolution plan, 24 h */
    TOUSU_STAGE_CALLBACK_CLOSE = 5,  /* R-SLA-5 callback and close, 20 min */
    TOUSU_STAGE_PASS_ON_ANSWER = 6,  /* R-SLA-6 passed-on request answered, 48 h */
    TOUSU_STAGE_RARE_ANSWER = 7,     /* R-SLA-7 rare problem answered, 3 days */
    TOUSU_STAGE_REFUND = 8,          /* R-SLA-8 refund done, 2 weeks */
    TOUSU_STAGE_DND_REPORT = 9,      /* R-SLA-9 do-not-disturb report, 10 days */
    TOUSU_STAGE_COUNT_ = 10
} tousu_stage;

/* R-SLA-11 what a clock is at an instant. */
typedef enum tousu_clock_state {
    TOUSU_CLOCK_IDLE = 0,     /* not started */
    TOUSU_CLOCK_RUNNING = 1,  /* running, before the warning instant */
    TOUSU_CLOCK_PAUSED = 2,   /* paused (see warned/breached) */
    TOUSU_CLOCK_MET = 3,      /* stopped at or before its due instant */
    TOUSU_CLOCK_WARNING = 4,  /* running, warning instant reached, not yet due */
    TOUSU_CLOCK_BREACHED = 5  /* past due while running, or stopped late */
} tousu_clock_state;

/* R-SLA-11 a clock at an instant (tousu_clock_get_status, tousu_plan_get_stage).
 * Set struct_size = sizeof before the call. */
typedef struct tousu_clock_status {
    size_t struct_size;
    int32_t state;        /* tousu_clock_state */
    int32_t stage;        /* tousu_stage (0 for a lone clock) */
    int32_t business;     /* 1: counted on the business calendar; 0: 24x7 */
    int32_t warned;       /* 1: the warning instant has passed */
    int32_t breached;     /* 1: the due instant passed before the stage was done */
    int32_t due_known;    /* 0: due_ms and warning_ms lie beyond the calendar's
                             data years (TOUSU_ENODATA) and are 0 */
    int64_t target_ms;    /* the target in force */
    int64_t elapsed_ms;   /* counted time so far (working time on business) */
    int64_t remaining_ms; /* target - elapsed; negative when over */
    int64_t due_ms;       /* the deadline; breached at any instant after it.
                             Paused: the due instant if resumed now */
    int64_t warning_ms;   /* the instant the warning share is reached */
    int64_t started_ms;   /* 0 while idle */
    int64_t stopped_ms;   /* 0 until stopped */
    int64_t paused_ms;    /* wall time spent paused so far */
} tousu_clock_status;

/* A lone clock. */
typedef struct tousu_clock tousu_clock;

/* Make an idle clock with a target of target_ms counted on cal (NULL = 24x7;
 * a reference is taken and the calendar frozen). Warning share 800 permille.
 * Errors: TOUSU_EINVAL (out NULL), TOUSU_ERANGE (target < 0 or too large),
 * TOUSU_ENOMEM. */
TOUSU_API int tousu_clock_new(tousu_clock **out, tousu_calendar *cal, int64_t target_ms);
TOUSU_API void tousu_clock_free(tousu_clock *clock);
/* The message of the last failed call on this clock; "" after a success. */
TOUSU_API const char *tousu_clock_errmsg(const tousu_clock *clock);

/* R-ESC-5 the warning share in permille of the target (0..1000).
 * Errors: TOUSU_EINVAL, TOUSU_ERANGE, TOUSU_ESTATE (already started). */
TOUSU_API int tousu_clock_set_warning(tousu_clock *clock, int32_t permille);

/* R-SLA-11 transitions at the host's instant t (R-SLA-13; never before the
 * previous transition). start: idle -> running; pause: running -> paused;
 * resume: paused -> running; stop: running or paused -> stopped (met or
 * breached). Errors: TOUSU_EINVAL, TOUSU_ESTATE (wrong state), TOUSU_ERANGE
 * (t out of range or before the last transition), TOUSU_ENODATA (t outside
 * the calendar's data years). On error the clock is unchanged. */
TOUSU_API int tousu_clock_start(tousu_clock *clock, int64_t t);
TOUSU_API int tousu_clock_pause(tousu_clock *clock, int64_t t);
TOUSU_API int tousu_clock_resume(tousu_clock *clock, int64_t t);
TOUSU_API int tousu_clock_stop(tousu_clock *clock, int64_t t);

/* Switch the target at t (urgency or category changed), keeping the elapsed
 * and paused time; a target already used up is breached as of t.
 * Errors: as the transitions; TOUSU_ESTATE when stopped. */
TOUSU_API int tousu_clock_set_target(tousu_clock *clock, int64_t target_ms, int64_t t);

/* R-SLA-11 the clock at instant t (t not before the last transition).
 * Errors: TOUSU_EINVAL, TOUSU_ESTRUCT, TOUSU_ERANGE, TOUSU_ENODATA (t itself
 * outside the calendar's data). Thread-safe on an unchanging clock. */
TOUSU_API int tousu_clock_get_status(const tousu_clock *clock, int64_t t,
                                     tousu_clock_status *out);

/* R-SLA-14 save a clock (docs/sla.md: versioned, little-endian, CRC-32).
 * snprintf-like: writes the bytes when cap is enough, *needed = size.
 * Errors: TOUSU_EINVAL, TOUSU_ENOSPACE. */
TOUSU_API int tousu_clock_encode(const tousu_clock *clock, uint8_t *buf, size_t cap,
                                 size_t *needed);

/* R-SLA-14 restore a clock onto cal (the calendar it counted on; NULL for a
 * 24x7 clock). Encoding the result gives the same bytes. *out is NULL on
 * failure. Errors: TOUSU_EINVAL, TOUSU_ECORRUPT (truncated, damaged, bad
 * field), TOUSU_EVERSION (a newer format), TOUSU_ENOMEM. */
TOUSU_API int tousu_clock_decode(tousu_clock **out, tousu_calendar *cal, const uint8_t *buf,
                                 size_t len);

/* A ticket's stage plan: one clock per stage, each starting when the
 * previous stage is done (R-SLA-1..10). */
typedef struct tousu_plan tousu_plan;

/* A plan at an instant (tousu_plan_get_status). */
typedef struct tousu_plan_status {
    size_t struct_size;
    int32_t category;     /* tousu_category the targets follow */
    int32_t top_kind;     /* tousu_kind the targets follow, -1 ordinary */
    int32_t n_stages;
    int32_t current;      /* index of the running stage, -1 when all done */
    int32_t stage;        /* its tousu_stage, 0 when done */
    int32_t done;         /* 1 when every stage is done */
    int32_t base_level;   /* the triage level */
    int32_t level;        /* R-ESC-5 base + breached stages, at most 4 */
    int32_t n_breached;   /* stages breached by the instant */
    int32_t n_warned;     /* stages whose warning instant has passed */
    int32_t named_owner;  /* R-SLA-10 an urgent complaint has a named owner */
    int32_t due_known;    /* 0 when due_ms lies beyond the calendar's data */
    int64_t due_ms;       /* the running stage's due instant (0 when done) */
    int64_t deadline_ms;  /* R-SLA-10 the special limit, 0 = none */
} tousu_plan_status;

/* R-SLA-1..10 the default plan for a triage result, started at start_ms
 * (0 = triage->intake_ms): a fault ticket (TOUSU_CAT_FAULT) gets
 * pre-process, dispatch, engineer answer, resolution plan, callback and
 * close; every other category the passed-on answer (48 h). Targets come
 * from policy (NULL = built-in) for (category, top kind, stage); an urgent
 * result uses the urgent targets (half, by default) and its special limit
 * (R-SLA-10, from TOUSU_EV_DEADLINE evidence) as the last stage's deadline.
 * References to policy (frozen) and cal (frozen) are taken; cal is the
 * business calendar for the stages the policy counts on business time.
 * Errors: TOUSU_EINVAL (NULL out, triage or cal), TOUSU_ESTRUCT,
 * TOUSU_ERANGE (a field of triage out of range, start time),
 * TOUSU_ENODATA, TOUSU_ENOMEM. */
TOUSU_API int tousu_plan_new_from_result(tousu_plan **out, tousu_policy *policy,
                                         tousu_calendar *cal, const tousu_result *triage,
                                         int64_t start_ms);

/* The same with the host's own list of stages (1..TOUSU_PLAN_MAX_STAGES of
 * them, e.g. PASS_ON_ANSWER then REFUND). Errors: as above, TOUSU_ERANGE
 * for an unknown stage or count. */
TOUSU_API int tousu_plan_new_custom(tousu_plan **out, tousu_policy *policy, tousu_calendar *cal,
                                    const tousu_result *triage, int64_t start_ms,
                                    const int32_t *stages, size_t n);

TOUSU_API void tousu_plan_free(tousu_plan *plan);
/* The message of the last failed call on this plan; "" after a success. */
TOUSU_API const char *tousu_plan_errmsg(const tousu_plan *plan);

/* The running stage is done at t: its clock stops (met or breached) and the
 * next stage's clock starts at t. Errors: TOUSU_EINVAL, TOUSU_ESTATE (plan
 * done), TOUSU_ERANGE, TOUSU_ENODATA. On error nothing changes. */
TOUSU_API int tousu_plan_stage_done(tousu_plan *plan, int64_t t);
/* Pause or resume the running stage (e.g. waiting for the customer). */
TOUSU_API int tousu_plan_pause(tousu_plan *plan, int64_t t);
TOUSU_API int tousu_plan_resume(tousu_plan *plan, int64_t t);

/* The urgency (top kind, TOUSU_SLA_ORDINARY for none) or the category
 * changed at t: every stage not yet done takes the new target, the running
 * one keeping its elapsed and paused time (R-SLA-10/11). The stage list
 * stays. Errors: TOUSU_EINVAL, TOUSU_ERANGE, TOUSU_ESTATE (plan done). */
TOUSU_API int tousu_plan_set_urgency(tousu_plan *plan, int32_t top_kind, int64_t t);
TOUSU_API int tousu_plan_set_category(tousu_plan *plan, int32_t category, int64_t t);

/* The plan at instant t. Errors: TOUSU_EINVAL, TOUSU_ESTRUCT, TOUSU_ERANGE
 * (t before the last transition), TOUSU_ENODATA. */
TOUSU_API int tousu_plan_get_status(const tousu_plan *plan, int64_t t, tousu_plan_status *out);

/* Stage `index` (0-based) at instant t; a stage not yet started is idle
 * with its projected due time (each earlier stage using its full target).
 * Errors: as tousu_plan_get_status, TOUSU_ERANGE (index). */
TOUSU_API int tousu_plan_get_stage(const tousu_plan *plan, int32_t index, int64_t t,
                                   tousu_clock_status *out);

/* R-ESC-5 the breach reasons at t, to list next to the triage reasons: one
 * per breached stage, in stage order, code TOUSU_REASON_SLA_BREACH, value =
 * the stage, level = the level it raises the complaint to (triage level +
 * its rank among the breaches, at most 4). Writes at most cap, *n = total.
 * Errors: TOUSU_EINVAL, TOUSU_ERANGE, TOUSU_ENODATA. */
TOUSU_API int tousu_plan_reasons(const tousu_plan *plan, int64_t t, tousu_reason *out,
                                 size_t cap, size_t *n);

/* The plan at t as text for people: each stage with its rule, target, due
 * time in the calendar's local time, state; the level and the breaches.
 * snprintf semantics as tousu_result_explain. Errors: TOUSU_EINVAL,
 * TOUSU_ERANGE, TOUSU_ENOSPACE. */
TOUSU_API int tousu_plan_explain(const tousu_plan *plan, int64_t t, char *buf, size_t cap,
                                 size_t *needed);

/* R-SLA-14 save a whole plan (docs/sla.md). Errors: TOUSU_EINVAL,
 * TOUSU_ENOSPACE (*needed tells the size). */
TOUSU_API int tousu_plan_encode(const tousu_plan *plan, uint8_t *buf, size_t cap,
                                size_t *needed);

/* R-SLA-14 restore a plan onto policy (NULL = built-in; used for later
 * urgency or category changes) and cal. Encoding the result gives the same
 * bytes. Errors: TOUSU_EINVAL, TOUSU_ECORRUPT, TOUSU_EVERSION, TOUSU_ENOMEM. */
TOUSU_API int tousu_plan_decode(tousu_plan **out, tousu_policy *policy, tousu_calendar *cal,
                                const uint8_t *buf, size_t len);

/* Static names, never NULL ("?" for unknown values). Thread-safe. */
TOUSU_API const char *tousu_stage_name(int32_t stage);
TOUSU_API const char *tousu_clock_state_name(int32_t state);

/* R-SLA-10, R-ESC-5 the policy's SLA tables (docs/sla.md). kind is a
 * tousu_kind or TOUSU_SLA_ORDINARY; targets in ms (0 .. 10 years). The
 * setters return TOUSU_ESTATE on a frozen policy, TOUSU_ERANGE for an
 * unknown category (1..5), kind or stage (1..9) or a value out of range,
 * TOUSU_EINVAL for NULL. */
TOUSU_API int tousu_policy_set_sla_target(tousu_policy *policy, int32_t category, int32_t kind,
                                          int32_t stage, int64_t ms);
TOUSU_API int tousu_policy_get_sla_target(const tousu_policy *policy, int32_t category,
                                          int32_t kind, int32_t stage, int64_t *ms);
/* 1: the stage counts on the business calendar; 0: on the 24x7 clock. */
TOUSU_API int tousu_policy_set_sla_business(tousu_policy *policy, int32_t category,
                                            int32_t stage, int32_t business);
TOUSU_API int tousu_policy_get_sla_business(const tousu_policy *policy, int32_t category,
                                            int32_t stage, int32_t *business);
/* R-ESC-5 warning share in permille of each target, 0..1000 (default 800). */
TOUSU_API int tousu_policy_set_sla_warning(tousu_policy *policy, int32_t permille);
TOUSU_API int tousu_policy_get_sla_warning(const tousu_policy *policy, int32_t *permille);

/* R-POL-3 the policy's business calendar (the built-in China calendar
 * unless a policy file's [calendar] section or tousu_policy_set_calendar
 * changed it), so plans are built on the calendar the policy says:
 * *out receives a new reference (release it with tousu_calendar_free) to
 * the calendar, which is frozen from then on. *out is NULL on failure.
 * Errors: TOUSU_EINVAL (NULL), TOUSU_ENOMEM. Thread-safe. */
TOUSU_API int tousu_policy_calendar(const tousu_policy *policy, tousu_calendar **out);

/* R-POL-3 make cal the policy's business calendar: a reference is taken
 * and cal is frozen; the previous calendar is released. The policy's file
 * dump writes it ([calendar], docs/policy.md). Errors: TOUSU_EINVAL (NULL),
 * TOUSU_ESTATE (policy frozen). Not thread-safe (the policy is private). */
TOUSU_API int tousu_policy_set_calendar(tousu_policy *policy, tousu_calendar *cal);


/* ------------------------------------------------------------------ */
/* Scripts, answer flows, phrases, call quality (R-SCR, R-QA;          */
/* docs/words.md)                                                      */
/* ------------------------------------------------------------------ */
/* ---- Normalised matching (R-SCR-7, R-CLS-12) -----------------------
 * Phrases are found in normalised text: full-width ASCII folds to
 * half-width and ASCII letters to lower case; spaces, punctuation, control
 * characters and intonation arrows (↑) are ignored, so "你 说，什么" matches
 * 你说什么. Digits are never joined across ignored characters, and a pattern
 * that starts or ends with a digit matches only a whole number (12300 is
 * neither in "123.00元" nor in "4001230012"). Offsets and lengths always
 * refer to the caller's original bytes. */

/* A compiled set of patterns. Immutable once built: one matcher may be used
 * by many threads at once. */
typedef struct tousu_matcher tousu_matcher;

/* Per-pattern flags. */
typedef enum tousu_pattern_flag {
    TOUSU_PAT_CLAUSE_START = 1u << 0, /* must begin a clause: text start or
                                         clause punctuation (，。？！；：、…
                                         and ASCII ,.?!;: or a line break)
                                         before it, spaces and quotes aside */
    TOUSU_PAT_CLAUSE_END = 1u << 1,   /* must end a clause */
    TOUSU_PAT_CLAUSE = 3u             /* a whole clause (R-SCR-7 短问句) */
} tousu_pattern_flag;

/* Scan flags. */
typedef enum tousu_scan_flag {
    TOUSU_SCAN_SKIP_BAD_UTF8 = 1u << 0, /* a malformed byte is a separator
                                           instead of an error */
    TOUSU_SCAN_ALL_HITS = 1u << 1       /* tousu_phrases_find: keep hits that
                                           lie inside a longer hit */
} tousu_scan_flag;

/* One match. */
typedef struct tousu_match {
    int32_t pattern; /* pattern index (matcher) or phrase id (phrases) */
    int32_t group;   /* the pattern's group (matcher) or tousu_phrase_family */
    uint64_t offset; /* byte offset in the original text */
    uint64_t length; /* byte length in the original text */
} tousu_match;

/* Build a matcher from n patterns: patterns[i] (UTF-8, lens[i] bytes, no
 * NUL byte), flags[i] (TOUSU_PAT_*; flags may be NULL = all 0) and
 * groups[i] (copied into each match; groups may be NULL = all 0). A
 * pattern's id is its index. *out is NULL on failure; then *bad_index
 * (optional) is the index of the pattern at fault.
 * Errors: TOUSU_EINVAL (NULL, NUL byte, n = 0), TOUSU_EUTF8, TOUSU_ERANGE
 * (a pattern empty after normalisation or longer than 1024 characters),
 * TOUSU_ETOOBIG (the automaton would exceed 16M cells), TOUSU_ENOMEM.
 * Uses malloc. Thread-safe. */
TOUSU_API int tousu_matcher_new(tousu_matcher **out, const char *const *patterns,
                                const size_t *lens, const uint32_t *flags, const int32_t *groups,
                                size_t n, size_t *bad_index);

/* Free a matcher. NULL is a no-op. */
TOUSU_API void tousu_matcher_free(tousu_matcher *matcher);

/* The number of patterns. NULL gives 0. Thread-safe. */
TOUSU_API size_t tousu_matcher_count(const tousu_matcher *matcher);

/* Scan text and call on_match(user, match) for every match, in order of
 * end offset (overlapping matches included). on_match returns 0 to go on;
 * any other value stops the scan and the call returns TOUSU_ECALLBACK.
 * on_match may be NULL (count only). *count (optional) receives the number
 * of matches reported. The scan allocates nothing.
 * Errors: TOUSU_EINVAL (matcher NULL, text NULL with len > 0),
 * TOUSU_EUTF8 (malformed UTF-8 without TOUSU_SCAN_SKIP_BAD_UTF8; *bad_offset
 * (optional) = its byte offset; matches before it were reported),
 * TOUSU_ECALLBACK. Thread-safe. */
TOUSU_API int tousu_matcher_scan(const tousu_matcher *matcher, const char *text, size_t len,
                                 uint32_t flags,
                                 int (*on_match)(void *user, const tousu_match *match),
                                 void *user, uint64_t *count, uint64_t *bad_offset);

/* The same into an array: writes at most cap matches to out and the total
 * number to *n. Errors: as tousu_matcher_scan, plus TOUSU_ENOSPACE when
 * *n > cap (out holds the first cap). Thread-safe. */
TOUSU_API int tousu_matcher_find(const tousu_matcher *matcher, const char *text, size_t len,
                                 uint32_t flags, tousu_match *out, size_t cap, size_t *n,
                                 uint64_t *bad_offset);

/* ---- Forbidden phrases and rewrites (R-SCR-7, R-SCR-8) ------------- */

/* 服务禁忌用语 families (seed 001) and the blaming phrases of seed 002. */
typedef enum tousu_phrase_family {
    TOUSU_FAM_BLUNT = 1,       /* addressing the customer bluntly 对客户直呼 */
    TOUSU_FAM_QUESTIONING = 2, /* questioning, accusing 质问、谴责或反问 */
    TOUSU_FAM_ARROGANT = 3,    /* arrogant, impatient 态度傲慢、厌烦 */
    TOUSU_FAM_EVASIVE = 4,     /* pushing the customer away 推诿客户 */
    TOUSU_FAM_BLAMING = 5,     /* blaming "you" phrases (R-SCR-8 rewrites) */
    TOUSU_FAM_COUNT_ = 6
} tousu_phrase_family;

/* Find the forbidden phrases in an agent's text. Each match has pattern =
 * phrase id and group = family, in order of end offset. A hit lying inside
 * a longer hit is dropped unless flags has TOUSU_SCAN_ALL_HITS. Writes at
 * most cap matches and the total to *n.
 * Errors: TOUSU_EINVAL (policy, n NULL; text NULL with len > 0; out NULL
 * with cap > 0), TOUSU_ETOOBIG (len > TOUSU_P_MAX_TEXT_BYTES), TOUSU_EUTF8
 * (*bad_offset optional), TOUSU_ENOSPACE (*n > cap), TOUSU_ENOMEM.
 * Thread-safe on a frozen policy. */
TOUSU_API int tousu_phrases_find(const tousu_policy *policy, const char *text, size_t len,
                                 uint32_t flags, tousu_match *out, size_t cap, size_t *n,
                                 uint64_t *bad_offset);

/* A phrase of the policy's table. Strings are borrowed from the policy and
 * live as long as it does; they are not NUL-terminated by contract (use the
 * lengths), though the built-in ones are. */
typedef struct tousu_phrase_info {
    size_t struct_size;
    int32_t id;
    int32_t family;      /* tousu_phrase_family */
    uint32_t flags;      /* TOUSU_PAT_* */
    int32_t variant_of;  /* the id of the phrase this is a seed wording of, or -1 */
    const char *text;
    size_t text_len;
    const char *rewrite; /* R-SCR-8 polite rewrite, "" when none */
    size_t rewrite_len;
} tousu_phrase_info;

/* The number of phrases in the policy's table (ids are 0..n-1).
 * Errors: TOUSU_EINVAL. */
TOUSU_API int tousu_phrase_count(const tousu_policy *policy, size_t *n);

/* Describe phrase `id`. Errors: TOUSU_EINVAL, TOUSU_ESTRUCT,
 * TOUSU_ENOTFOUND. Thread-safe on a frozen policy. */
TOUSU_API int tousu_phrase_get(const tousu_policy *policy, int32_t id, tousu_phrase_info *out);

/* Static names, never NULL ("?" for unknown values). */
TOUSU_API const char *tousu_phrase_family_name(int32_t family);

/* R-CLS-12 signal word lists (tousu_signal.group). */
typedef enum tousu_signal_group {
    TOUSU_SIG_MEDIA = 1,     /* media, journalists: suggests major, leapfrog */
    TOUSU_SIG_LAWSUIT = 2,   /* lawsuits, arbitration: suggests major */
    TOUSU_SIG_REGULATOR = 3, /* regulators, complaint bodies: leapfrog */
    TOUSU_SIG_COUNT_ = 4
} tousu_signal_group;

TOUSU_API const char *tousu_signal_group_name(int32_t group);

/* The policy's own matchers (borrowed, valid while the policy lives):
 * TOUSU_MATCHER_PHRASES (pattern = phrase id), TOUSU_MATCHER_SIGNALS
 * (its patterns include the exception words of docs/words.md, which triage
 * uses to mask signals and never reports). Errors: TOUSU_EINVAL, TOUSU_ERANGE (which), TOUSU_ENODATA (that table is
 * empty), TOUSU_ENOMEM. Thread-safe. */
enum { TOUSU_MATCHER_PHRASES = 0, TOUSU_MATCHER_SIGNALS = 1 };
TOUSU_API int tousu_policy_matcher(const tousu_policy *policy, int32_t which,
                                   const tousu_matcher **out);

/* ---- Scripts (R-SCR-1..6, 9, 11) ----------------------------------- */

/* The built-in situations (ids); host tables may add others (ids >= 1000
 * are never used by the built-in tables). */
typedef enum tousu_situation {
    TOUSU_SIT_OPENING = 1,           /* R-SCR-1 opening line */
    TOUSU_SIT_CLOSING = 2,           /* R-SCR-4 closing */
    TOUSU_SIT_PHONE_COMPLAINT = 3,   /* R-SCR-2 phone complaint steps */
    TOUSU_SIT_ONSITE_COMPLAINT = 4,  /* R-SCR-3 on-site complaint */
    TOUSU_SIT_ONSITE_REPAIR = 5,     /* R-SCR-3 on-site repair */
    TOUSU_SIT_AFTER_COMPLAINT = 6,   /* R-SCR-3 after a complaint */
    TOUSU_SIT_PRINCIPLES = 7,        /* R-SCR-11 principles */
    TOUSU_SIT_HANDLING = 8,          /* R-SCR-9 handling principles */
    TOUSU_SIT_SILENT_CALL = 9,       /* R-SCR-4 无声电话 */
    TOUSU_SIT_NOISY_LINE = 10,       /* 电话杂音较大 */
    TOUSU_SIT_WEAK_SIGNAL = 11,      /* 信号不好 */
    TOUSU_SIT_SPEAKERPHONE = 12,     /* 使用免提 */
    TOUSU_SIT_UNCLEAR_WORDS = 13,    /* 客户声音不清晰 */
    TOUSU_SIT_CANNOT_HEAR = 14,      /* 客户表示听不清 */
    TOUSU_SIT_NO_RESPONSE = 15,      /* 解答过程中客户无回应 */
    TOUSU_SIT_NOT_UNDERSTOOD = 16,   /* 客户还是没有听明白 */
    TOUSU_SIT_OUTAGE = 17,           /* 设备故障、大面积障碍 */
    TOUSU_SIT_WAIT = 18,             /* 需要客户等待 */
    TOUSU_SIT_WAIT_END = 19,         /* 示忙完毕 */
    TOUSU_SIT_HOTLINE_BUSY = 20,     /* 热线难拨通 */
    TOUSU_SIT_PASS_ON = 21,          /* 接到疑问 (记录, 专人回电) */
    TOUSU_SIT_SWEARING = 22,         /* 客户破口大骂 */
    TOUSU_SIT_STAFF_COMPLAINT = 23,  /* 投诉工作人员 */
    TOUSU_SIT_SUGGESTION = 24,       /* 提出建议 */
    TOUSU_SIT_THANKS = 25,           /* 客户表示感谢 */
    TOUSU_SIT_WAITING_PHRASES = 26,  /* R-SCR-5 等待语 */
    TOUSU_SIT_EMPATHY_SHARED = 27,   /* R-SCR-6 感同身受 */
    TOUSU_SIT_EMPATHY_VALUED = 28,   /* 被重视 */
    TOUSU_SIT_EMPATHY_SIDE = 29,     /* 站在客户的角度 */
    TOUSU_SIT_EMPATHY_SOOTHE = 30,   /* 哄客户 */
    TOUSU_SIT_EMPATHY_PRAISE = 31,   /* 表扬客户 */
    TOUSU_SIT_EMPATHY_OTHER = 32,    /* 其他类型 */
    TOUSU_SIT_I_NOT_YOU = 33         /* R-SCR-8 多用"我"代替"您" */
} tousu_situation;

/* Step flags. */
typedef enum tousu_step_flag {
    TOUSU_STEP_ALTERNATIVE = 1u << 0, /* one of several cases or variants, not
                                         a step after the previous one */
    TOUSU_STEP_HANG_UP = 1u << 1,     /* the agent hangs up hangup_after_ms
                                         after saying it (R-QA-3) */
    TOUSU_STEP_WAIT_ANSWER = 1u << 2, /* wait for the customer's answer */
    TOUSU_STEP_ACTION = 1u << 3,      /* a guideline or action: nothing to say */
    TOUSU_STEP_OFFER_CALLBACK = 1u << 4, /* offer a call back (R-QA-5) */
    TOUSU_STEP_REPORT = 1u << 5       /* report to the supervisor/manager */
} tousu_step_flag;

/* Placeholder values for rendering. Every field is optional: a template
 * placeholder {name} with no value renders its default ({name|default})
 * when it has one. Strings are UTF-8 pointer + length. */
typedef struct tousu_vars {
    size_t struct_size;
    const char *surname;    /* {surname} 张 */
    size_t surname_len;
    const char *title;      /* {title} 先生 / 女士 / 老师 (default 先生/女士) */
    size_t title_len;
    const char *agent_no;   /* {agent_no} the agent's number 工号 */
    size_t agent_no_len;
    const char *company;    /* {company} the company or service name */
    size_t company_len;
    const char *deadline;   /* {deadline} e.g. 3天 */
    size_t deadline_len;
    const char *hours;      /* {hours} e.g. 48 */
    size_t hours_len;
    const char *agent_name; /* {agent_name} */
    size_t agent_name_len;
    const char *phone;      /* {phone} the customer's number */
    size_t phone_len;
} tousu_vars;

/* A situation. Strings are borrowed from the policy (not NUL-terminated by
 * contract). */
typedef struct tousu_situation_info {
    size_t struct_size;
    int32_t id;
    int32_t n_steps;
    const char *key;   /* ASCII name, e.g. "silent_call" */
    size_t key_len;
    const char *title; /* zh */
    size_t title_len;
    const char *rule;  /* SPEC rule, e.g. "R-SCR-4" */
    size_t rule_len;
} tousu_situation_info;

/* One step of a situation. */
typedef struct tousu_step_info {
    size_t struct_size;
    int32_t situation;
    int32_t step;             /* 1-based */
    uint32_t flags;           /* TOUSU_STEP_* */
    int32_t reserved_;
    int64_t pause_before_ms;  /* wait this long after the previous step */
    int64_t hangup_after_ms;  /* with TOUSU_STEP_HANG_UP */
    int64_t limit_ms;         /* a time limit the step names, 0 = none */
    const char *when;         /* the condition ("" = always) */
    size_t when_len;
    const char *say;          /* the template to say ("" = nothing) */
    size_t say_len;
    const char *note;         /* what to do */
    size_t note_len;
} tousu_step_info;

/* The situation ids of the policy, in table order: writes at most cap ids
 * and the total to *n. Errors: TOUSU_EINVAL, TOUSU_ENOSPACE (*n > cap). */
TOUSU_API int tousu_script_list(const tousu_policy *policy, int32_t *ids, size_t cap,
                                size_t *n);

/* Look a situation up by its key. Errors: TOUSU_EINVAL, TOUSU_ENOTFOUND. */
TOUSU_API int tousu_script_find(const tousu_policy *policy, const char *key, size_t key_len,
                                int32_t *situation);

/* Describe a situation. Errors: TOUSU_EINVAL, TOUSU_ESTRUCT,
 * TOUSU_ENOTFOUND. */
TOUSU_API int tousu_script_situation(const tousu_policy *policy, int32_t situation,
                                     tousu_situation_info *out);

/* Describe step `step` (1-based) of a situation. Errors: TOUSU_EINVAL,
 * TOUSU_ESTRUCT, TOUSU_ENOTFOUND (no such situation or step). */
TOUSU_API int tousu_script_step(const tousu_policy *policy, int32_t situation, int32_t step,
                                tousu_step_info *out);

/* Render a step's script with vars (NULL = none) into buf. snprintf
 * semantics: writes at most cap bytes, NUL-terminated when cap > 0, and
 * *needed = the full length without the NUL.
 * Errors: TOUSU_EINVAL, TOUSU_ESTRUCT, TOUSU_ENOTFOUND, TOUSU_ENODATA (a
 * placeholder without value or default: it is left as {name} in the
 * output), TOUSU_ENOSPACE (truncated). Thread-safe on a frozen policy. */
TOUSU_API int tousu_script_render(const tousu_policy *policy, int32_t situation, int32_t step,
                                  const tousu_vars *vars, char *buf, size_t cap,
                                  size_t *needed);

/* Render any template the same way ({{ and }} are literal braces).
 * Errors: as tousu_script_render, plus TOUSU_EUTF8, TOUSU_EPARSE (an
 * unknown placeholder or an unclosed brace). Thread-safe. */
TOUSU_API int tousu_render(const char *tmpl, size_t len, const tousu_vars *vars, char *buf,
                           size_t cap, size_t *needed);

/* ---- Answer flows for known problems (R-SCR-10) ---------------------- */

/* The built-in flows (seed 001 section 五, an SMS account-alert service). */
typedef enum tousu_flow_id {
    TOUSU_FLOW_ANSWER_NOW = 1,         /* 当即可以回答 */
    TOUSU_FLOW_ANSWER_LATER = 2,       /* 查询后回答 */
    TOUSU_FLOW_UNCOVERED_CARRIER = 3,  /* 电信号码: carrier not covered */
    TOUSU_FLOW_OUT_OF_PROVINCE = 4,    /* 省外号码 */
    TOUSU_FLOW_NO_WELCOME_SMS = 5,     /* 收不到欢迎短信 (diagnosis) */
    TOUSU_FLOW_DATA_NOT_UPDATED = 6,   /* 数据未更新 */
    TOUSU_FLOW_MISSING_CHANGES = 7,    /* 漏收账户变动信息 */
    TOUSU_FLOW_OCCASIONAL_MISS = 8,    /* 偶尔收不到短信 */
    TOUSU_FLOW_CARD_REPLACED = 9,      /* 卡折、卡损、卡消磁 */
    TOUSU_FLOW_BRANCH_CHANGED = 10,    /* 签约网点调整 */
    TOUSU_FLOW_RARE_PROBLEM = 11       /* 罕见问题，需要授权 */
} tousu_flow_id;

typedef struct tousu_flow_info {
    size_t struct_size;
    int32_t id;
    int32_t start;   /* the first node */
    int32_t n_nodes;
    int32_t reserved_;
    const char *key;
    size_t key_len;
    const char *title;
    size_t title_len;
    const char *rule;
    size_t rule_len;
} tousu_flow_info;

/* One node of a flow: what to find out, what to say, what to do, and how
 * many answers lead on (0 = the flow ends here). */
typedef struct tousu_flow_node {
    size_t struct_size;
    int32_t flow;
    int32_t node;
    int32_t n_answers;
    int32_t reserved_;
    const char *question;
    size_t question_len;
    const char *say; /* template: render with tousu_flow_render */
    size_t say_len;
    const char *note;
    size_t note_len;
} tousu_flow_node;

/* The flow ids, in table order (as tousu_script_list). */
TOUSU_API int tousu_flow_list(const tousu_policy *policy, int32_t *ids, size_t cap, size_t *n);
/* Look a flow up by key. Errors: TOUSU_EINVAL, TOUSU_ENOTFOUND. */
TOUSU_API int tousu_flow_find(const tousu_policy *policy, const char *key, size_t key_len,
                              int32_t *flow);
/* Describe a flow. Errors: TOUSU_EINVAL, TOUSU_ESTRUCT, TOUSU_ENOTFOUND. */
TOUSU_API int tousu_flow_info_get(const tousu_policy *policy, int32_t flow,
                                  tousu_flow_info *out);
/* Describe a node; node 0 = the flow's start. Errors: TOUSU_EINVAL,
 * TOUSU_ESTRUCT, TOUSU_ENOTFOUND. */
TOUSU_API int tousu_flow_node_get(const tousu_policy *policy, int32_t flow, int32_t node,
                                  tousu_flow_node *out);
/* Answer `answer` (0-based) of a node: its label (borrowed) and where it
 * leads (*next_node 0 = the flow ends; *next_flow may name another flow).
 * label/label_len may be NULL. Errors: TOUSU_EINVAL, TOUSU_ENOTFOUND. */
TOUSU_API int tousu_flow_answer(const tousu_policy *policy, int32_t flow, int32_t node,
                                int32_t answer, const char **label, size_t *label_len,
                                int32_t *next_flow, int32_t *next_node);
/* Walk: given the current (*flow, *node), take answer `answer` and move
 * there. Returns TOUSU_OK with *node 0 when the flow has ended.
 * Errors: TOUSU_EINVAL, TOUSU_ENOTFOUND (no such node or answer). */
TOUSU_API int tousu_flow_step(const tousu_policy *policy, int32_t *flow, int32_t *node,
                              int32_t answer);
/* Render a node's script (as tousu_script_render). */
TOUSU_API int tousu_flow_render(const tousu_policy *policy, int32_t flow, int32_t node,
                                const tousu_vars *vars, char *buf, size_t cap, size_t *needed);

/* ---- Replacing the tables at run time (R-SCR-10, R-POL-1) ----------- */

/* A set of tables (scripts, flows, phrases, signals, call-quality words)
 * being prepared by the host; docs/words.md gives the text format. */
typedef struct tousu_words tousu_words;

/* The tables (bits for tousu_words_clear). */
typedef enum tousu_table {
    TOUSU_TAB_SCRIPTS = 1u << 0, /* situations and steps */
    TOUSU_TAB_FLOWS = 1u << 1,   /* flows, nodes, answers */
    TOUSU_TAB_PHRASES = 1u << 2, /* forbidden phrases and rewrites */
    TOUSU_TAB_SIGNALS = 1u << 3, /* R-CLS-12 signal words */
    TOUSU_TAB_QA = 1u << 4,      /* R-QA word lists */
    TOUSU_TAB_ALL = 0x1f
} tousu_table;

/* Make a table set holding a copy of the tables of `from` (NULL = the
 * built-in tables). *out is NULL on failure. Errors: TOUSU_EINVAL,
 * TOUSU_ENOMEM. Thread-safe. */
TOUSU_API int tousu_words_new(tousu_words **out, const tousu_policy *from);

/* Free a table set. NULL is a no-op. */
TOUSU_API void tousu_words_free(tousu_words *words);

/* Empty the tables named by the TOUSU_TAB_* bits. Errors: TOUSU_EINVAL. */
TOUSU_API int tousu_words_clear(tousu_words *words, uint32_t tables);

/* Merge a text in the format of docs/words.md into the set: entries with
 * the key of an existing one replace it, others are added; `clear` lines
 * empty a table first. All or nothing: the whole text and the resulting
 * tables are checked before anything changes, and on error the set is as
 * it was and tousu_words_errmsg names the line and entry.
 * Errors: TOUSU_EINVAL, TOUSU_EUTF8, TOUSU_EPARSE, TOUSU_EVERSION,
 * TOUSU_EDUPLICATE, TOUSU_ENOTFOUND (a reference to a missing entry),
 * TOUSU_ERANGE, TOUSU_ENOMEM. Not thread-safe per set. */
TOUSU_API int tousu_words_load(tousu_words *words, const char *text, size_t len);

/* The message of the last failed call on the set ("" after success). */
TOUSU_API const char *tousu_words_errmsg(const tousu_words *words);

/* Put a copy of the set's tables in force in a policy (the set may be freed
 * afterwards). The policy's matchers are rebuilt; on error the tables in
 * force stay as they were. Errors: TOUSU_EINVAL, TOUSU_ESTATE (policy
 * frozen), TOUSU_ERANGE/TOUSU_ETOOBIG (a phrase the matcher refuses),
 * TOUSU_ENOMEM. Not thread-safe (the policy is still private). */
TOUSU_API int tousu_policy_set_words(tousu_policy *policy, const tousu_words *words);

/* ---- Call quality check (R-QA-1..6) --------------------------------- */

typedef enum tousu_speaker {
    TOUSU_SPK_AGENT = 1,
    TOUSU_SPK_CUSTOMER = 2
} tousu_speaker;

typedef enum tousu_hangup {
    TOUSU_HANGUP_UNKNOWN = 0,
    TOUSU_HANGUP_CUSTOMER = 1,
    TOUSU_HANGUP_AGENT = 2
} tousu_hangup;

/* One turn of a call (an element of tousu_call.turns). Times are ms on any
 * clock the host likes (only differences are used). */
typedef struct tousu_turn {
    int32_t speaker;   /* tousu_speaker */
    int32_t reserved_; /* zero */
    int64_t start_ms;
    int64_t end_ms;    /* 0 = unknown (start_ms is used) */
    const char *text;  /* UTF-8 */
    size_t text_len;
} tousu_turn;

/* A call described by the host. */
typedef struct tousu_call {
    size_t struct_size;
    int32_t rings;          /* rings before the agent answered (R-QA-1) */
    int32_t hung_up_by;     /* tousu_hangup (R-QA-3) */
    int64_t end_ms;         /* when the line was cut, 0 = unknown */
    const tousu_turn *turns;
    size_t n_turns;
    size_t turn_size;       /* sizeof(tousu_turn), for later growth */
    const char *agent_no;   /* the agent's number; empty = any "<digits>号" */
    size_t agent_no_len;
    uint32_t flags;         /* TOUSU_SCAN_SKIP_BAD_UTF8 */
    int32_t reserved_;      /* zero */
} tousu_call;

/* The items (R-QA-1..6). */
typedef enum tousu_qa_item {
    TOUSU_QA_RINGS = 0,   /* R-QA-1 answered within three rings */
    TOUSU_QA_OPENING = 1, /* R-QA-2 greeting and agent number */
    TOUSU_QA_CLOSING = 2, /* R-QA-3 closing; the customer hangs up first */
    TOUSU_QA_PHRASES = 3, /* R-QA-4 no forbidden phrase */
    TOUSU_QA_WAIT = 4,    /* R-QA-5 waits announced and thanked */
    TOUSU_QA_POLITE = 5,  /* R-QA-6 polite words */
    TOUSU_QA_ITEM_COUNT_ = 6
} tousu_qa_item;

typedef enum tousu_qa_status {
    TOUSU_QA_FAILED = 0,
    TOUSU_QA_PASSED = 1,
    TOUSU_QA_NOT_APPLICABLE = 2 /* counts as passed in the score */
} tousu_qa_status;

/* What an item found missing or wrong (tousu_qa_check_item.missing). */
typedef enum tousu_qa_miss {
    TOUSU_QA_M_TOO_MANY_RINGS = 1u << 0,
    TOUSU_QA_M_NO_AGENT_TURN = 1u << 1,
    TOUSU_QA_M_GREETING = 1u << 2,
    TOUSU_QA_M_AGENT_NO = 1u << 3,
    TOUSU_QA_M_SERVE = 1u << 4,          /* "为您服务" */
    TOUSU_QA_M_ANYTHING_ELSE = 1u << 5,  /* 请问您还有其他问题吗 */
    TOUSU_QA_M_WISHES = 1u << 6,         /* 祝您愉快 / 再见 */
    TOUSU_QA_M_AGENT_HUNG_UP = 1u << 7,  /* the agent hung up first */
    TOUSU_QA_M_HANGUP_TOO_SOON = 1u << 8,/* < 2 s after the last script step */
    TOUSU_QA_M_FORBIDDEN = 1u << 9,
    TOUSU_QA_M_WAIT_REASON = 1u << 10,
    TOUSU_QA_M_WAIT_THANKS = 1u << 11,
    TOUSU_QA_M_CALLBACK = 1u << 12,      /* a wait of 2 min+ without offering a call back */
    TOUSU_QA_M_POLITE = 1u << 13
} tousu_qa_miss;

/* One item's verdict with its evidence. */
typedef struct tousu_qa_check_item {
    int32_t status;  /* tousu_qa_status */
    int32_t weight;  /* the item's weight in the policy */
    uint32_t missing;/* TOUSU_QA_M_* */
    int32_t turn;    /* the turn the evidence is in, -1 = none */
    int64_t value;   /* RINGS: rings; CLOSING: ms from the last agent turn to
                        the hang-up (-1 unknown); PHRASES: hits; WAIT: the
                        longest wait in ms; POLITE: polite words found (bits
                        of their tags) */
    int64_t value2;  /* WAIT: number of waits; POLITE: distinct words found */
} tousu_qa_check_item;

/* One forbidden phrase found (R-QA-4). */
typedef struct tousu_qa_hit {
    int32_t turn;
    int32_t phrase;  /* phrase id (tousu_phrase_get gives the rewrite) */
    int32_t family;
    int32_t reserved_;
    uint64_t offset; /* in that turn's text */
    uint64_t length;
} tousu_qa_hit;

enum { TOUSU_QA_MAX_HITS = 16 };

typedef struct tousu_qa_result {
    size_t struct_size;
    int32_t score;             /* R-QA-6 weighted sum of passed items */
    int32_t max_score;         /* the sum of the weights */
    int32_t passed;            /* 1 when no item failed */
    int32_t report_to_manager; /* R-QA-3 agent hung up on an abusive caller */
    tousu_qa_check_item items[TOUSU_QA_ITEM_COUNT_];
    uint32_t n_hits;           /* forbidden phrases found in all */
    uint32_t n_hits_kept;      /* entries of hits[] filled */
    tousu_qa_hit hits[TOUSU_QA_MAX_HITS];
    int32_t err_turn;          /* on TOUSU_EUTF8/TOUSU_ETOOBIG: the turn */
    int32_t reserved_;
    uint64_t err_offset;       /* on TOUSU_EUTF8: the byte offset in it */
} tousu_qa_result;

/* Check a call (R-QA-1..6). On success fills *out. On TOUSU_EUTF8 or
 * TOUSU_ETOOBIG only err_turn and err_offset of *out are written.
 * Errors: TOUSU_EINVAL (NULL, turns NULL with n_turns > 0, a text NULL with
 * length > 0), TOUSU_ESTRUCT (struct_size, turn_size), TOUSU_ERANGE (rings
 * < 0, speaker or hung_up_by unknown), TOUSU_EUTF8, TOUSU_ETOOBIG (a turn
 * longer than TOUSU_P_MAX_TEXT_BYTES), TOUSU_ENOMEM. Thread-safe on a
 * frozen policy. */
TOUSU_API int tousu_qa_check(const tousu_policy *policy, const tousu_call *call,
                             tousu_qa_result *out);

/* A checklist of a result with its score, for supervisors (English with
 * the norms' Chinese terms; forbidden phrases with their rewrites). call
 * may be NULL; when given, the matched text is quoted. snprintf semantics
 * as tousu_result_explain. Errors: TOUSU_EINVAL, TOUSU_ESTRUCT,
 * TOUSU_ENOSPACE. */
TOUSU_API int tousu_qa_explain(const tousu_policy *policy, const tousu_call *call,
                               const tousu_qa_result *result, char *buf, size_t cap,
                               size_t *needed);

/* Static names, never NULL ("?" for unknown values). */
TOUSU_API const char *tousu_qa_item_name(int32_t item);

/* Call-quality numbers of the policy (tousu_policy_set_qa). */
typedef enum tousu_qa_param {
    TOUSU_QA_P_WEIGHT_BASE = 0,      /* + tousu_qa_item: the item's weight,
                                        0..1000; defaults 15 20 20 25 10 10 */
    TOUSU_QA_P_MAX_RINGS = 6,        /* R-QA-1, default 3 */
    TOUSU_QA_P_CALLBACK_WAIT_MS = 7, /* R-QA-5 offer a call back from, 120000 */
    TOUSU_QA_P_CLOSING_TURNS = 8,    /* R-QA-3 agent turns that make the closing, 3 */
    TOUSU_QA_P_POLITE_MIN = 9,       /* R-QA-6 distinct polite words needed, 3 */
    TOUSU_QA_P_OPENING_AGENT_NO = 10,/* R-QA-2 the opening states the number: 1 */
    TOUSU_QA_P_CLOSING_AGENT_NO = 11,/* R-QA-3 the closing states the number: 1 */
    TOUSU_QA_P_OPENING_SERVE = 12,   /* R-QA-2 the opening says 为您服务: 1 */
    TOUSU_QA_P_COUNT_ = 13
} tousu_qa_param;
/* (The agent may hang up first only after a script step with
 * TOUSU_STEP_HANG_UP, waiting its hangup_after_ms: the delay is part of the
 * script tables.) */

/* Set / read a call-quality number. Errors: TOUSU_EINVAL, TOUSU_ENOTFOUND
 * (param), TOUSU_ERANGE, TOUSU_ESTATE (set on a frozen policy). */
TOUSU_API int tousu_policy_set_qa(tousu_policy *policy, int32_t param, int64_t value);
TOUSU_API int tousu_policy_get_qa(const tousu_policy *policy, int32_t param, int64_t *out);

#ifdef __cplusplus
}
#endif
#endif /* TOUSU_H */
