/* sla_helpers.h - fixtures shared by test_sla.c and test_sla_codec.c:
 * triage results made by hand, and the R-SLA-14 round trip (save ->
 * restore -> save is byte-identical, and the restored object reads the
 * same) that the tests run on every state they reach. */
#ifndef TOUSU_SLA_HELPERS_H
#define TOUSU_SLA_HELPERS_H

#include "helpers.h"

/* A triage result as the engine would give it. */
static inline tousu_result sla_result(int32_t category, int32_t top_kind, int32_t level,
                                      int64_t intake)
{
    tousu_result r = new_result();
    r.category = category;
    r.top_kind = top_kind;
    r.level = level;
    r.intake_ms = intake;
    r.urgent = top_kind >= 0;
    r.kinds = top_kind >= 0 ? 1u << top_kind : 0;
    r.is_complaint = category == TOUSU_CAT_COMPLAINT || category == TOUSU_CAT_DISPUTE;
    r.named_owner = r.urgent && r.is_complaint;
    return r;
}

static inline tousu_calendar *sla_cn(void)
{
    tousu_calendar *c = NULL;
    assert_int_equal(tousu_calendar_new_builtin_cn(&c), TOUSU_OK);
    return c;
}

static inline tousu_plan *sla_plan(tousu_calendar *cal, const tousu_result *r, int64_t start)
{
    tousu_plan *p = NULL;
    int rc = tousu_plan_new_from_result(&p, NULL, cal, r, start);
    assert_int_equal(rc, TOUSU_OK);
    assert_non_null(p);
    return p;
}

static inline tousu_clock_status sla_stage(const tousu_plan *p, int32_t i, int64_t t)
{
    tousu_clock_status st;
    memset(&st, 0, sizeof st);
    st.struct_size = sizeof st;
    int rc = tousu_plan_get_stage(p, i, t, &st);
    if (rc != TOUSU_OK)
        print_error("stage %d at %lld: %s\n", (int)i, (long long)t, tousu_strerror(rc));
    assert_int_equal(rc, TOUSU_OK);
    return st;
}

static inline tousu_plan_status sla_status(const tousu_plan *p, int64_t t)
{
    tousu_plan_status st;
    memset(&st, 0, sizeof st);
    st.struct_size = sizeof st;
    assert_int_equal(tousu_plan_get_status(p, t, &st), TOUSU_OK);
    return st;
}

static inline tousu_clock_status sla_clock(const tousu_clock *k, int64_t t)
{
    tousu_clock_status st;
    memset(&st, 0, sizeof st);
    st.struct_size = sizeof st;
    assert_int_equal(tousu_clock_get_status(k, t, &st), TOUSU_OK);
    return st;
}

/* R-SLA-14 on a plan: the bytes survive a restore, and so does what the
 * plan says at t. */
static inline void plan_roundtrip(const tousu_plan *p, tousu_calendar *cal, int64_t t)
{
    uint8_t a[2048], b[2048];
    size_t na = 0, nb = 0;
    assert_int_equal(tousu_plan_encode(p, a, sizeof a, &na), TOUSU_OK);
    tousu_plan *q = NULL;
    assert_int_equal(tousu_plan_decode(&q, NULL, cal, a, na), TOUSU_OK);
    assert_int_equal(tousu_plan_encode(q, b, sizeof b, &nb), TOUSU_OK);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    tousu_plan_status s1 = sla_status(p, t), s2 = sla_status(q, t);
    assert_memory_equal(&s1, &s2, sizeof s1);
    for (int32_t i = 0; i < s1.n_stages; i++) {
        tousu_clock_status c1 = sla_stage(p, i, t), c2 = sla_stage(q, i, t);
        assert_memory_equal(&c1, &c2, sizeof c1);
    }
    tousu_plan_free(q);
}

/* R-SLA-14 on a lone clock. */
static inline void clock_roundtrip(const tousu_clock *k, tousu_calendar *cal, int64_t t)
{
    uint8_t a[256], b[256];
    size_t na = 0, nb = 0;
    assert_int_equal(tousu_clock_encode(k, a, sizeof a, &na), TOUSU_OK);
    tousu_clock *q = NULL;
    assert_int_equal(tousu_clock_decode(&q, cal, a, na), TOUSU_OK);
    assert_int_equal(tousu_clock_encode(q, b, sizeof b, &nb), TOUSU_OK);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    tousu_clock_status s1 = sla_clock(k, t), s2 = sla_clock(q, t);
    assert_memory_equal(&s1, &s2, sizeof s1);
    tousu_clock_free(q);
}

#endif
