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
 * complaint. */
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
    TOUSU_P_BATCH_COUNTS_FAULTS = 12, /* fault reports count toward batches: 1 */
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
    uint32_t events;         /* events in the window */
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
 * The old policy is released. Errors: TOUSU_EINVAL. */
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
    int32_t reserved_;      /* zero */
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
    tousu_reason reasons[TOUSU_MAX_REASONS];
    uint32_t n_evidence;
    tousu_evidence evidence[TOUSU_MAX_EVIDENCE];
    uint32_t n_recused;      /* R-ESC-3, R-REP-4 staff who must not own it */
    uint64_t recused[TOUSU_MAX_RECUSED];
    int32_t needs_coordination;  /* R-ESC-6 */
    uint32_t coord_departments;  /* TOUSU_DEPT_* */
    uint32_t n_coord_regions;
    uint32_t coord_regions[TOUSU_MAX_REGIONS];
    int32_t followup;        /* R-REP-3 an open complaint exists */
    uint64_t followup_of;    /* its contact id */
    uint64_t repeat_of;      /* R-REP-1 the archived complaint, 0 = none */
    int64_t repeat_archived_ms;
    int64_t repeat_since_ms; /* R-REP-2 the start of the repeat period */
    int32_t batch;           /* R-BAT-1 the window is a batch */
    uint32_t batch_ordinary; /* distinct ordinary customers in the window */
    uint32_t batch_vip;      /* distinct VIP customers */
    uint32_t batch_members;  /* R-BAT-4 contacts in the incident
                                (tousu_engine_batch_members) */
    int64_t batch_window_start_ms;
    uint32_t manage_code;    /* R-CUS-6 carried */
    uint32_t spend_code;
    int32_t industry;        /* R-CUS-2 carried */
    int32_t tier;            /* R-CUS-1 carried */
    uint32_t suggested_kinds;/* R-CLS-12 bits of kinds the text suggests;
                                suggestions never change kinds or level */
    uint32_t n_signals;      /* matches found (at most TOUSU_MAX_SIGNALS kept) */
    tousu_signal signals[TOUSU_MAX_SIGNALS];
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
 * successful tousu_triage (oldest first, the triaged contact included).
 * *ids is owned by the engine and valid until the next call on it; *n is 0
 * when the last triage found no batch. Errors: TOUSU_EINVAL. */
TOUSU_API int tousu_engine_batch_members(const tousu_engine *engine, const uint64_t **ids,
                                         size_t *n);

/* Archive a complaint (R-REP-1): it stops being open and starts the repeat
 * period. Errors: TOUSU_EINVAL, TOUSU_ESTRUCT, TOUSU_ERANGE (level, time),
 * TOUSU_ENOTFOUND (no such open complaint), TOUSU_ECALLBACK. */
TOUSU_API int tousu_archive_complaint(tousu_engine *engine, const tousu_archive *archive);

/* Human-readable explanation of a result (English, with the norms'
 * Chinese terms), for supervisors. snprintf semantics: writes at most cap
 * bytes (NUL-terminated when cap > 0) and stores in *needed the length the
 * full text needs (without the NUL). Errors: TOUSU_EINVAL (result or
 * needed NULL, buf NULL with cap > 0), TOUSU_ESTRUCT,
 * TOUSU_ENOSPACE (truncated; *needed tells the size). Thread-safe. */
TOUSU_API int tousu_result_explain(const tousu_result *result, char *buf, size_t cap,
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

/* The ops to put in tousu_host.store, with the memstore as store_user. */
TOUSU_API const tousu_store_ops *tousu_memstore_ops(void);

/* Bytes the store currently holds (for monitoring). */
TOUSU_API size_t tousu_memstore_bytes(const tousu_memstore *store);

/* @SLA-BEGIN@ SLA clocks and business calendars (R-SLA, R-ESC-5) */
/* @SLA-END@ */

/* @WORDS-BEGIN@ scripts, answer flows, phrases, call quality (R-SCR, R-QA) */
/* @WORDS-END@ */

#ifdef __cplusplus
}
#endif
#endif /* TOUSU_H */
