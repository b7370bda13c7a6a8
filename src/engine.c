/*
 * engine.c - tousu_engine: a policy, the host's callbacks (clock, store,
 * allocator), and the triage entry point. Data flows one way:
 * record -> classify -> history and window (store reads) -> rank ->
 * escalate -> one store write -> result. Nothing is written unless every
 * earlier step succeeded, so a failed call can simply be retried (R-HOST-3).
 */
#include "internal.h"

#include <stddef.h>
#include <string.h>

/* The 1.0 sizes (LP64): callers built against 1.0 pass at least these;
 * later versions only append fields (docs/abi.md). */
#define CONTACT_MIN_SIZE ((size_t)176)
#define RESULT_MIN_SIZE ((size_t)1208)
#define HOST_MIN_SIZE ((size_t)56)
#define STORE_MIN_SIZE ((size_t)48)
#define ARCHIVE_MIN_SIZE ((size_t)56)

int tz_store_failed(tousu_engine *e, const char *op, int rc)
{
    if (e->own_store && rc == TOUSU_ENOMEM)
        return tz_fail(&e->err, TOUSU_ENOMEM, "in-memory store: out of memory in %s", op);
    return tz_fail(&e->err, TOUSU_ECALLBACK, "store.%s failed with %d", op, rc);
}

static int install_host(tousu_engine *e, const tousu_host *h)
{
    e->user = h->user;
    e->now_ms = h->now_ms;
    e->store_user = h->store_user ? h->store_user : h->user;
    if (h->store) {
        if (h->store->struct_size < sizeof(size_t))
            return TOUSU_ESTRUCT;
        int rc = tz_copy_in(&e->store, sizeof e->store, h->store, h->store->struct_size,
                            STORE_MIN_SIZE);
        if (rc)
            return rc;
        if (!e->store.history || !e->store.window || !e->store.members || !e->store.record ||
            !e->store.archive)
            return TOUSU_EINVAL; /* reject a NULL required callback up front */
    }
    return TOUSU_OK;
}

int tousu_engine_new(tousu_engine **out, const tousu_host *host, tousu_policy *policy)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    tousu_host h;
    memset(&h, 0, sizeof h);
    if (host) {
        int rc = tz_copy_in(&h, sizeof h, host, host->struct_size, HOST_MIN_SIZE);
        if (rc)
            return rc;
        if (!h.alloc != !h.free)
            return TOUSU_EINVAL;
    }
    tz_alloc a;
    tz_alloc_default(&a);
    if (h.alloc) {
        a.user = h.user;
        a.alloc = h.alloc;
        a.free = h.free;
    }
    tousu_engine *e = tz_calloc(&a, 1, sizeof *e);
    if (!e)
        return TOUSU_ENOMEM;
    e->alloc = a;
    tz_months_memo_init(&e->repeat_since);
    int rc = install_host(e, &h);
    if (rc == TOUSU_OK && !policy)
        rc = tousu_policy_new(&e->policy);
    else if (rc == TOUSU_OK)
        e->policy = tz_policy_ref(policy);
    if (rc == TOUSU_OK) {
        tousu_policy_freeze(e->policy);
        if (!h.store) {
            rc = tz_memstore_new(&e->own_store, e->policy, &a);
            if (rc == TOUSU_OK) {
                e->store = *tousu_memstore_ops();
                e->store_user = e->own_store;
            }
        }
    }
    if (rc != TOUSU_OK) {
        tousu_engine_free(e);
        return rc;
    }
    *out = e;
    return TOUSU_OK;
}

void tousu_engine_free(tousu_engine *e)
{
    if (!e)
        return;
    tousu_memstore_free(e->own_store);
    tousu_policy_free(e->policy);
    tz_free(&e->alloc, e->members.ids);
    tz_alloc a = e->alloc;
    tz_free(&a, e);
}

int tousu_engine_set_policy(tousu_engine *e, tousu_policy *policy)
{
    if (!e)
        return TOUSU_EINVAL;
    if (!policy)
        return tz_fail(&e->err, TOUSU_EINVAL, "set_policy: policy is required");
    tousu_policy_freeze(policy);
    tousu_policy *old = e->policy;
    e->policy = tz_policy_ref(policy);
    tousu_policy_free(old);
    if (e->own_store) /* its retention follows the window and repeat period */
        tz_memstore_adopt(e->own_store, e->policy);
    tz_ok(&e->err);
    return TOUSU_OK;
}

const tousu_policy *tousu_engine_policy(const tousu_engine *e)
{
    return e ? e->policy : NULL;
}

const char *tousu_engine_errmsg(const tousu_engine *e)
{
    return e ? e->err.msg : "engine is NULL";
}

int tousu_engine_errcode(const tousu_engine *e)
{
    return e ? e->err.code : TOUSU_EINVAL;
}

/* The time of an event: given, or from the host clock (R-SLA-13). */
static int resolve_time(tousu_engine *e, int64_t given, const char *what, int64_t *out)
{
    int64_t t = given;
    if (t == 0) {
        if (!e->now_ms)
            return tz_fail(&e->err, TOUSU_EINVAL, "%s is 0 and the host gave no clock", what);
        if (e->now_ms(e->user, &t) != 0)
            return tz_fail(&e->err, TOUSU_ECALLBACK, "host clock now_ms failed");
    }
    if (t < TZ_TIME_MIN_MS || t >= TZ_TIME_MAX_MS)
        return tz_fail(&e->err, TOUSU_ERANGE, "%s %lld is outside 1970..2199", what,
                       (long long)t);
    *out = t;
    return TOUSU_OK;
}

#define CHECK_RANGE(field, lo, hi)                                                               \
    do {                                                                                         \
        if ((int64_t)(c->field) < (int64_t)(lo) || (int64_t)(c->field) > (int64_t)(hi))          \
            return tz_fail(&e->err, TOUSU_ERANGE, "contact." #field " %lld out of range",       \
                           (long long)(c->field));                                               \
    } while (0)

/* The enum and bit-set fields, in the order they are checked, with their
 * largest value; every one starts at 0. */
#define CONTACT_RANGES(X)                                                                        \
    X(category, TOUSU_CAT_COUNT_ - 1)                                                            \
    X(channel, TOUSU_CH_COUNT_ - 1)                                                              \
    X(body, TOUSU_BODY_COUNT_ - 1)                                                               \
    X(tier, TOUSU_TIER_COUNT_ - 1)                                                               \
    X(industry, TOUSU_IND_COUNT_ - 1)                                                            \
    X(customer_flags, (TOUSU_CUST_VIP_KNOWN << 1) - 1)                                           \
    X(flags, (TOUSU_F_SPECIAL_DEADLINE << 1) - 1)                                                \
    X(causes, TOUSU_CAUSE_ALL_)                                                                  \
    X(departments, TOUSU_DEPT_ALL_)                                                              \
    X(customer_region, 999999)                                                                   \
    X(handling_region, 999999)                                                                   \
    X(n_needed_regions, TOUSU_MAX_REGIONS)

/* Every field of c in range? One branch for the usual valid record (a
 * negative value becomes a huge unsigned one); validate_fields says what
 * is wrong otherwise, and checks the needed regions one by one. */
static bool fields_in_range(const tousu_contact *c)
{
    uint32_t bad = 0;
#define OVER_MAX(field, hi) bad |= (uint32_t)c->field > (uint32_t)(hi);
    CONTACT_RANGES(OVER_MAX)
#undef OVER_MAX
    bad |= c->n_needed_regions != 0;
    bad |= (uint32_t)c->staff_level > TOUSU_LEVEL_GROUP;
    bad |= c->special_deadline_ms != 0;
    return !bad;
}

static int validate_fields(tousu_engine *e, const tousu_contact *c);
static int validate_text(tousu_engine *e, const tousu_contact *c);

/* R-HOST-4: every field checked before anything else happens. */
static int validate_contact(tousu_engine *e, const tousu_contact *c)
{
    if (!c->contact_id || !c->customer_id)
        return tz_fail(&e->err, TOUSU_EINVAL, "contact.contact_id and customer_id are required");
    if (!fields_in_range(c))
        return validate_fields(e, c);
    return validate_text(e, c);
}

/* The field checks one by one, for the message. */
static int validate_fields(tousu_engine *e, const tousu_contact *c)
{
#define CHECK_MAX(field, hi) CHECK_RANGE(field, 0, hi);
    CONTACT_RANGES(CHECK_MAX)
#undef CHECK_MAX
    for (uint32_t i = 0; i < c->n_needed_regions; i++)
        if (c->needed_regions[i] > 999999 || !c->needed_regions[i])
            return tz_fail(&e->err, TOUSU_ERANGE, "contact.needed_regions[%u] %u is not a "
                           "six-digit division code", i, c->needed_regions[i]);
    CHECK_RANGE(staff_level, TOUSU_LEVEL_AGENT, TOUSU_LEVEL_GROUP);
    if (c->special_deadline_ms)
        CHECK_RANGE(special_deadline_ms, TZ_TIME_MIN_MS, TZ_TIME_MAX_MS - 1);
    return validate_text(e, c);
}

static int validate_text(tousu_engine *e, const tousu_contact *c)
{
    if (!c->text_len)
        return TOUSU_OK; /* no text: nothing to check (many contacts) */
    if (!c->text)
        return tz_fail(&e->err, TOUSU_EINVAL, "contact.text is NULL with text_len %zu",
                       c->text_len);
    if (c->text_len > (uint64_t)e->policy->max_text_bytes)
        return tz_fail(&e->err, TOUSU_ETOOBIG, "contact.text is %zu bytes, the limit is %lld",
                       c->text_len, (long long)e->policy->max_text_bytes);
    size_t bad = tz_utf8_check(c->text, c->text_len);
    if (bad != c->text_len)
        return tz_fail(&e->err, TOUSU_EUTF8, "contact.text: malformed UTF-8 at byte %zu", bad);
    return TOUSU_OK;
}

/* The store's questions (reads only). R-BAT-5: without a matter key there
 * is no batch and no repeat. Windows hold complaints and (by policy) fault
 * reports; repeats and follow-ups are about complaints only (R-REP-1). */
static int ask_store(tousu_engine *e, const tousu_contact *c, int64_t t, tousu_result *r,
                     tousu_history *h)
{
    memset(h, 0, sizeof *h);
    if (!c->matter)
        return TOUSU_OK;
    int rc = TOUSU_OK;
    if (r->is_complaint)
        rc = tz_repeat_check(e, c, t, r, h);
    if (rc == TOUSU_OK && tz_counts_in_window(e->policy, r->category))
        rc = tz_batch_check(e, c, t, r);
    return rc;
}

/* The single write of a triage. */
static int record(tousu_engine *e, const tousu_contact *c, int64_t t, const tousu_result *r)
{
    tousu_intake in;
    memset(&in, 0, sizeof in);
    in.struct_size = sizeof in;
    /* (Bitwise, not &&/||: the kind of contact is random from one call to
     * the next, and each short-circuit would be a branch to mispredict.) */
    in.in_window = tz_counts_in_window(e->policy, r->category);
    in.opens_complaint = (r->is_complaint != 0) & (r->followup == 0); /* R-REP-3 */
    if ((c->matter == 0) | ((in.in_window | in.opens_complaint) == 0))
        return TOUSU_OK;
    in.contact_id = c->contact_id;
    in.customer_id = c->customer_id;
    in.matter = c->matter;
    in.intake_ms = t;
    in.vip = r->is_vip;
    in.level = r->level;
    int rc = e->store.record(e->store_user, &in);
    return rc ? tz_store_failed(e, "record", rc) : TOUSU_OK;
}

/*
 * The result under construction. Its lists (reasons, evidence, recused,
 * coordination regions, text signals) are filled append-only, and no step
 * reads an entry at or beyond its count, so only the scalar fields need
 * clearing: clearing the whole 1.2 KB here and copying it all again below
 * cost more than the rest of a triage's arithmetic. result_publish writes
 * the caller's struct in full (used entries, then zeros), so the caller
 * sees exactly the bytes of a fully cleared result.
 */
#define R_AT(f) offsetof(tousu_result, f)
#define R_END(f) (offsetof(tousu_result, f) + sizeof(((tousu_result *)0)->f))

/* The scalar stretches between the lists (reasons and evidence adjoin). */
_Static_assert(R_END(reasons) == R_AT(evidence), "reasons and evidence adjoin");
#define R_SCALARS(op)                                                                            \
    op(0, R_AT(reasons));                                                                        \
    op(R_END(evidence), R_AT(recused));                                                          \
    op(R_END(recused), R_AT(coord_regions));                                                     \
    op(R_END(coord_regions), R_AT(signals));                                                     \
    op(R_END(signals), sizeof(tousu_result))

/* Zero or copy n bytes in pieces of at most 32: compilers inline small
 * constant clears and copies as plain vector moves, but may turn a large
 * one into a string instruction whose start-up costs more than the work
 * (and which waits for every earlier store to drain). */
static inline void zero_bytes(char *p, size_t n)
{
    for (; n >= 32; p += 32, n -= 32)
        memset(p, 0, 32);
    if (n)
        memset(p, 0, n);
}

static inline void copy_bytes(char *dst, const char *src, size_t n)
{
    for (; n >= 32; dst += 32, src += 32, n -= 32)
        memcpy(dst, src, 32);
    if (n)
        memcpy(dst, src, n);
}

static void result_clear(tousu_result *r)
{
#define CLEAR_SPAN(a, b) zero_bytes((char *)r + (a), (b) - (a))
    R_SCALARS(CLEAR_SPAN);
#undef CLEAR_SPAN
}

/* Copy the used entries of one list (a few at most). */
#define COPY_LIST(list, count, max)                                                              \
    do {                                                                                         \
        const uint32_t used_ = r->count < (max) ? r->count : (max);                             \
        for (uint32_t i_ = 0; i_ < used_; i_++)                                                  \
            copy_bytes((char *)&dst->list[i_], (const char *)&r->list[i_], sizeof dst->list[0]); \
    } while (0)

/* Every byte of dst: r's scalars and used entries, zeros elsewhere. Only
 * the lists are cleared (the scalars are copied whole): the two large
 * ones, which adjoin, by one libc call, which picks the widest stores the
 * machine has where a portable build cannot (a loop of 16-byte stores
 * cost more than the rest of this function), the small ones inline. */
_Static_assert(R_END(recused) <= R_AT(coord_regions) && R_END(coord_regions) <= R_AT(signals),
               "the lists are in this order");
static void result_fill(tousu_result *dst, const tousu_result *r)
{
#define CLEAR_LIST(list) zero_bytes((char *)dst->list, sizeof dst->list)
    tz_memzero(dst->reasons, R_END(evidence) - R_AT(reasons));
    CLEAR_LIST(recused);
    CLEAR_LIST(coord_regions);
    CLEAR_LIST(signals);
#undef CLEAR_LIST
#define COPY_SPAN(a, b) copy_bytes((char *)dst + (a), (const char *)r + (a), (b) - (a))
    R_SCALARS(COPY_SPAN);
#undef COPY_SPAN
    COPY_LIST(reasons, n_reasons, TOUSU_MAX_REASONS);
    COPY_LIST(evidence, n_evidence, TOUSU_MAX_EVIDENCE);
    COPY_LIST(recused, n_recused, TOUSU_MAX_RECUSED);
    COPY_LIST(coord_regions, n_coord_regions, TOUSU_MAX_REGIONS);
    COPY_LIST(signals, n_signals, TOUSU_MAX_SIGNALS);
}

/* Write r to the caller's struct as tz_copy_out writes a fully cleared r:
 * at most out->struct_size bytes, keeping the caller's size. */
static void result_publish(tousu_result *out, const tousu_result *r)
{
    const size_t their = out->struct_size;
    if (their < sizeof *r) { /* only when RESULT_MIN_SIZE < sizeof (a later version) */
        tousu_result full;
        result_fill(&full, r);
        tz_copy_out(out, their, &full, sizeof full);
        return;
    }
    result_fill(out, r);
    out->struct_size = their;
}

int tousu_triage(tousu_engine *e, const tousu_contact *contact, tousu_result *out)
{
    if (!e)
        return TOUSU_EINVAL;
    if (!contact || !out)
        return tz_fail(&e->err, TOUSU_EINVAL, "contact and out are required");
    if (out->struct_size < RESULT_MIN_SIZE)
        return tz_fail(&e->err, TOUSU_ESTRUCT, "result.struct_size %zu < %zu", out->struct_size,
                       RESULT_MIN_SIZE);
    tousu_contact c;
    if (tz_copy_in(&c, sizeof c, contact, contact->struct_size, CONTACT_MIN_SIZE))
        return tz_fail(&e->err, TOUSU_ESTRUCT, "contact.struct_size %zu not accepted",
                       contact->struct_size);
    int rc = validate_contact(e, &c);
    int64_t t = c.intake_ms; /* given and in range: the usual case, no call */
    if (rc == TOUSU_OK && !(t != 0 && t >= TZ_TIME_MIN_MS && t < TZ_TIME_MAX_MS))
        rc = resolve_time(e, c.intake_ms, "contact.intake_ms", &t);
    if (rc)
        return rc;

    tousu_result r;
    result_clear(&r);
    r.struct_size = sizeof r;
    r.intake_ms = t;
    tz_classify(e->policy, &c, &r);
    tousu_history h;
    if ((rc = ask_store(e, &c, t, &r, &h)) != TOUSU_OK)
        return rc;
    tz_rank(e->policy, &r);
    tz_escalate(e->policy, &c, &h, &r);
    if ((rc = record(e, &c, t, &r)) != TOUSU_OK)
        return rc;

    /* Success: publish the batch (its members are fetched on demand). */
    e->batch.valid = r.batch != 0;
    e->batch.fetched = false;
    e->batch.matter = c.matter;
    e->batch.from_ms = r.batch_window_start_ms;
    e->batch.to_ms = t;
    result_publish(out, &r);
    tz_ok(&e->err);
    return TOUSU_OK;
}

/* The most member ids a store may report: a buffer of them must be
 * addressable (a larger count is a broken store, not a batch). */
#define MEMBERS_MAX (SIZE_MAX / 2 / sizeof(uint64_t))

/* Ask the store for the window's contact ids, growing the buffer. */
static int fetch_members(tousu_engine *e)
{
    for (;;) {
        size_t n = 0;
        int rc = e->store.members(e->store_user, e->batch.matter, e->batch.from_ms,
                                  e->batch.to_ms, e->members.ids, e->members.cap, &n);
        if (rc)
            return tz_store_failed(e, "members", rc);
        if (n <= e->members.cap) {
            e->members.n = n;
            return TOUSU_OK;
        }
        if (n > MEMBERS_MAX)
            return tz_fail(&e->err, TOUSU_ECALLBACK,
                           "store.members reported %zu ids, more than %zu", n,
                           (size_t)MEMBERS_MAX);
        size_t cap = e->members.cap ? e->members.cap : 64;
        while (cap < n) /* cap <= MEMBERS_MAX before doubling: no overflow */
            cap *= 2;
        uint64_t *ids = tz_realloc(&e->alloc, e->members.ids, e->members.cap * sizeof *ids,
                                   cap * sizeof *ids);
        if (!ids)
            return tz_fail(&e->err, TOUSU_ENOMEM, "batch members: out of memory");
        e->members.ids = ids;
        e->members.cap = cap;
    }
}

int tousu_engine_batch_members(tousu_engine *e, const uint64_t **ids, size_t *n)
{
    if (!e)
        return TOUSU_EINVAL;
    if (!ids || !n)
        return tz_fail(&e->err, TOUSU_EINVAL, "batch_members: ids and n are required");
    *ids = NULL;
    *n = 0;
    if (e->batch.valid && !e->batch.fetched) {
        int rc = fetch_members(e);
        if (rc)
            return rc;
        e->batch.fetched = true;
    }
    if (e->batch.valid) {
        *ids = e->members.ids;
        *n = e->members.n;
    }
    tz_ok(&e->err);
    return TOUSU_OK;
}

int tousu_archive_complaint(tousu_engine *e, const tousu_archive *archive)
{
    if (!e)
        return TOUSU_EINVAL;
    if (!archive)
        return tz_fail(&e->err, TOUSU_EINVAL, "archive is required");
    tousu_archive a;
    if (tz_copy_in(&a, sizeof a, archive, archive->struct_size, ARCHIVE_MIN_SIZE))
        return tz_fail(&e->err, TOUSU_ESTRUCT, "archive.struct_size %zu not accepted",
                       archive->struct_size);
    if (!a.contact_id || !a.customer_id || !a.matter)
        return tz_fail(&e->err, TOUSU_EINVAL,
                       "archive.contact_id, customer_id and matter are required");
    if (a.level < TOUSU_LEVEL_AGENT || a.level > TOUSU_LEVEL_GROUP)
        return tz_fail(&e->err, TOUSU_ERANGE, "archive.level %d outside 0..4", (int)a.level);
    int rc = resolve_time(e, a.archived_ms, "archive.archived_ms", &a.archived_ms);
    if (rc)
        return rc;
    rc = e->store.archive(e->store_user, &a);
    if (rc == TOUSU_ENOTFOUND)
        return tz_fail(&e->err, TOUSU_ENOTFOUND, "no open complaint %llu of customer %llu on "
                       "matter %llu", (unsigned long long)a.contact_id,
                       (unsigned long long)a.customer_id, (unsigned long long)a.matter);
    if (rc)
        return tz_store_failed(e, "archive", rc);
    tz_ok(&e->err);
    return TOUSU_OK;
}
