/* helpers.h - shared fixtures for the cmocka suites. */
#ifndef TOUSU_TEST_HELPERS_H
#define TOUSU_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "tousu.h"

#define MINUTE INT64_C(60000)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

/* Local time in +08:00 as UTC ms. */
static inline int64_t at(int y, int mo, int d, int h, int mi)
{
    return tz_days_from_civil(y, (unsigned)mo, (unsigned)d) * DAY + (int64_t)h * HOUR +
           (int64_t)mi * MINUTE - 8 * HOUR;
}

/* A complaint under R-DEF-1 through the hotline, in Guangzhou. */
static inline tousu_contact complaint(uint64_t id, uint64_t customer, uint64_t matter, int64_t t)
{
    tousu_contact c;
    memset(&c, 0, sizeof c);
    c.struct_size = sizeof c;
    c.contact_id = id;
    c.customer_id = customer;
    c.matter = matter;
    c.intake_ms = t;
    c.category = TOUSU_CAT_COMPLAINT;
    c.channel = TOUSU_CH_HOTLINE;
    c.flags = TOUSU_F_DISSATISFIED | TOUSU_F_DEMANDS_RESOLUTION;
    c.customer_region = 440100;
    c.handling_region = 440100;
    return c;
}

static inline tousu_result new_result(void)
{
    tousu_result r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    return r;
}

static inline int has_kind(const tousu_result *r, int kind)
{
    return (r->kinds >> kind) & 1u;
}

static inline int has_reason(const tousu_result *r, int code, int level)
{
    for (uint32_t i = 0; i < r->n_reasons; i++)
        if (r->reasons[i].code == code && r->reasons[i].level == level)
            return 1;
    return 0;
}

static inline tousu_engine *new_engine(void)
{
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, NULL, NULL), TOUSU_OK);
    assert_non_null(e);
    return e;
}

static inline tousu_result triage_ok(tousu_engine *e, const tousu_contact *c)
{
    tousu_result r = new_result();
    int rc = tousu_triage(e, c, &r);
    if (rc != TOUSU_OK)
        print_error("triage failed: %s (%s)\n", tousu_strerror(rc), tousu_engine_errmsg(e));
    assert_int_equal(rc, TOUSU_OK);
    return r;
}

static inline tousu_archive archive_of(uint64_t id, uint64_t customer, uint64_t matter,
                                       int64_t t, int32_t level, uint64_t by)
{
    tousu_archive a;
    memset(&a, 0, sizeof a);
    a.struct_size = sizeof a;
    a.contact_id = id;
    a.customer_id = customer;
    a.matter = matter;
    a.archived_ms = t;
    a.level = level;
    a.closed_by = by;
    return a;
}

#endif
