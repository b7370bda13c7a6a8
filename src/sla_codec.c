/*
 * sla_codec.c - save and restore of SLA clocks and plans (R-SLA-14).
 *
 * A documented, versioned, endian-independent byte encoding (docs/sla.md
 * gives it byte by byte): fixed-width little-endian integers written a byte
 * at a time, a magic, a format version, and a CRC-32 over everything
 * before it. Decoding checks the length, the version (newer ->
 * TOUSU_EVERSION), the CRC and every field's range and the invariants the
 * clock code relies on, so a truncated, damaged or forged buffer gets an
 * error and never a crash. Every field is restored as saved, so encoding a
 * restored object gives the same bytes.
 */
#include "sla_int.h"

#include <string.h>

enum {
    FORMAT_VERSION = 1,
    CLOCK_BODY = 64,             /* one clock's fields */
    CLOCK_SIZE = 8 + CLOCK_BODY + 4,
    PLAN_HEAD = 32,
    PLAN_STAGE = 4 + CLOCK_BODY,
};

/* ---------- bytes ---------- */

static void put_u16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put_i64(uint8_t *p, int64_t v)
{
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(u >> (8 * i));
}

static uint32_t get_u16(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t get_u32(const uint8_t *p)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v |= (uint32_t)p[i] << (8 * i);
    return v;
}

static int64_t get_i64(const uint8_t *p)
{
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)p[i] << (8 * i);
    return (int64_t)u; /* two's complement on every supported target */
}

/* CRC-32 (IEEE 802.3, reflected, as zlib's crc32). Bitwise: the buffers
 * are a few hundred bytes. */
static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

/* ---------- one clock's fields ---------- */

static void put_clock(uint8_t *p, const tz_clock *c)
{
    p[0] = (uint8_t)c->state;
    p[1] = (uint8_t)c->business;
    p[2] = (uint8_t)c->flags;
    p[3] = 0;
    put_u32(p + 4, (uint32_t)c->warn_permille);
    put_i64(p + 8, c->target_ms);
    put_i64(p + 16, c->start_ms);
    put_i64(p + 24, c->mark_ms);
    put_i64(p + 32, c->accum_ms);
    put_i64(p + 40, c->paused_ms);
    put_i64(p + 48, c->warn_at_ms);
    put_i64(p + 56, c->due_at_ms);
}

/* A latched instant is a valid time from the start on; a reported one
 * (stopped, not latched) is -1 or a valid time; otherwise it is 0. */
static bool instant_ok(const tz_clock *c, int flag, int64_t v)
{
    if (c->flags & flag)
        return v >= c->start_ms && tz_time_ok(v);
    if (c->state == TZ_CK_STOPPED)
        return v == -1 || tz_time_ok(v);
    return v == 0;
}

static bool clock_ok(const tz_clock *c)
{
    if (c->state < TZ_CK_IDLE || c->state > TZ_CK_STOPPED || c->business < 0 ||
        c->business > 1 || (c->flags & ~(TZ_CK_WARNED | TZ_CK_BREACHED)) ||
        c->warn_permille < 0 || c->warn_permille > 1000 || c->target_ms < 0 ||
        c->target_ms > TZ_TIME_MAX_MS)
        return false;
    if (c->state == TZ_CK_IDLE)
        return c->flags == 0 && c->start_ms == 0 && c->mark_ms == 0 && c->accum_ms == 0 &&
               c->paused_ms == 0 && c->warn_at_ms == 0 && c->due_at_ms == 0;
    if (!tz_time_ok(c->start_ms) || !tz_time_ok(c->mark_ms) || c->mark_ms < c->start_ms)
        return false;
    /* counted + paused time fit in the wall time since the start */
    if (c->accum_ms < 0 || c->paused_ms < 0 || c->accum_ms > c->mark_ms - c->start_ms ||
        c->paused_ms > c->mark_ms - c->start_ms - c->accum_ms)
        return false;
    return instant_ok(c, TZ_CK_WARNED, c->warn_at_ms) &&
           instant_ok(c, TZ_CK_BREACHED, c->due_at_ms);
}

static bool get_clock(const uint8_t *p, tz_clock *c)
{
    memset(c, 0, sizeof *c);
    if (p[3] != 0)
        return false;
    c->state = p[0];
    c->business = p[1];
    c->flags = p[2];
    uint32_t w = get_u32(p + 4);
    if (w > 1000)
        return false;
    c->warn_permille = (int32_t)w;
    c->target_ms = get_i64(p + 8);
    c->start_ms = get_i64(p + 16);
    c->mark_ms = get_i64(p + 24);
    c->accum_ms = get_i64(p + 32);
    c->paused_ms = get_i64(p + 40);
    c->warn_at_ms = get_i64(p + 48);
    c->due_at_ms = get_i64(p + 56);
    return clock_ok(c);
}

/* Magic, version, exact length and CRC of a buffer. */
static int check_frame(const uint8_t *buf, size_t len, const char *magic, size_t want)
{
    if (len < 8 || memcmp(buf, magic, 4) != 0)
        return TOUSU_ECORRUPT;
    uint32_t version = get_u16(buf + 4);
    if (version == 0)
        return TOUSU_ECORRUPT;
    if (version > FORMAT_VERSION)
        return TOUSU_EVERSION;
    if (want == 0 || len != want)
        return TOUSU_ECORRUPT;
    if (get_u32(buf + len - 4) != crc32_of(buf, len - 4))
        return TOUSU_ECORRUPT;
    return TOUSU_OK;
}

/* ---------- clocks ---------- */

int tousu_clock_encode(const tousu_clock *k, uint8_t *buf, size_t cap, size_t *needed)
{
    if (!k || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    *needed = CLOCK_SIZE;
    if (cap < CLOCK_SIZE)
        return TOUSU_ENOSPACE;
    memcpy(buf, "TZCK", 4);
    put_u16(buf + 4, FORMAT_VERSION);
    put_u16(buf + 6, 0);
    put_clock(buf + 8, tz_clock_of(k));
    put_u32(buf + 8 + CLOCK_BODY, crc32_of(buf, 8 + CLOCK_BODY));
    return TOUSU_OK;
}

int tousu_clock_decode(tousu_clock **out, tousu_calendar *cal, const uint8_t *buf, size_t len)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    if (!buf)
        return TOUSU_EINVAL;
    int rc = check_frame(buf, len, "TZCK", CLOCK_SIZE);
    if (rc != TOUSU_OK)
        return rc;
    tz_clock c;
    if (get_u16(buf + 6) != 0 || !get_clock(buf + 8, &c))
        return TOUSU_ECORRUPT;
    if (c.business && !cal)
        return TOUSU_EINVAL; /* it counted on a business calendar: give it */
    return tz_clock_handle_new(out, c.business ? cal : NULL, &c);
}

/* ---------- plans ---------- */

static size_t plan_size(int32_t n)
{
    return PLAN_HEAD + (size_t)n * PLAN_STAGE + 4;
}

int tousu_plan_encode(const tousu_plan *p, uint8_t *buf, size_t cap, size_t *needed)
{
    if (!p || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    size_t size = plan_size(p->n_stages);
    *needed = size;
    if (cap < size)
        return TOUSU_ENOSPACE;
    memset(buf, 0, PLAN_HEAD);
    memcpy(buf, "TZPL", 4);
    put_u16(buf + 4, FORMAT_VERSION);
    put_u16(buf + 6, (uint32_t)p->n_stages);
    buf[8] = (uint8_t)p->category;
    buf[9] = (uint8_t)(p->top_kind + 1);
    buf[10] = (uint8_t)p->base_level;
    buf[11] = (uint8_t)(p->named_owner | p->urgent << 1 | p->is_complaint << 2);
    put_u16(buf + 12, (uint32_t)p->current);
    put_i64(buf + 16, p->start_ms);
    put_i64(buf + 24, p->deadline_ms);
    for (int32_t i = 0; i < p->n_stages; i++) {
        uint8_t *s = buf + PLAN_HEAD + (size_t)i * PLAN_STAGE;
        s[0] = (uint8_t)p->stages[i].stage;
        s[1] = (uint8_t)p->stages[i].fixed;
        s[2] = s[3] = 0;
        put_clock(s + 4, &p->stages[i].clock);
    }
    put_u32(buf + size - 4, crc32_of(buf, size - 4));
    return TOUSU_OK;
}

/* The stages follow one another: done ones stopped, the current one
 * running or paused, later ones idle; each starts when the one before
 * stopped, the first at the plan's start. */
static bool stages_ok(const tousu_plan *p)
{
    for (int32_t i = 0; i < p->n_stages; i++) {
        const tz_stage *s = &p->stages[i];
        int32_t want = i < p->current ? TZ_CK_STOPPED : i == p->current ? -1 : TZ_CK_IDLE;
        if (want >= 0 ? s->clock.state != want
                      : s->clock.state != TZ_CK_RUNNING && s->clock.state != TZ_CK_PAUSED)
            return false;
        if (s->fixed && (!p->deadline_ms || s->clock.business))
            return false;
        if (s->clock.state == TZ_CK_IDLE)
            continue;
        int64_t begin = i == 0 ? p->start_ms : p->stages[i - 1].clock.mark_ms;
        if (s->clock.start_ms != begin)
            return false;
    }
    return true;
}

static int read_plan(tousu_plan *p, const uint8_t *buf)
{
    uint32_t flags = buf[11];
    p->category = buf[8];
    p->top_kind = (int32_t)buf[9] - 1;
    p->base_level = buf[10];
    p->current = (int32_t)get_u16(buf + 12);
    p->start_ms = get_i64(buf + 16);
    p->deadline_ms = get_i64(buf + 24);
    p->named_owner = (int32_t)(flags & 1u);
    p->urgent = (int32_t)(flags >> 1 & 1u);
    p->is_complaint = (int32_t)(flags >> 2 & 1u);
    if (p->category < 1 || p->category >= TOUSU_CAT_COUNT_ || p->top_kind >= TOUSU_KIND_COUNT_ ||
        p->base_level > TOUSU_LEVEL_GROUP || (flags & ~7u) || get_u16(buf + 14) != 0 ||
        p->current > p->n_stages || !tz_time_ok(p->start_ms) ||
        (p->deadline_ms != 0 && !tz_time_ok(p->deadline_ms)))
        return TOUSU_ECORRUPT;
    for (int32_t i = 0; i < p->n_stages; i++) {
        const uint8_t *s = buf + PLAN_HEAD + (size_t)i * PLAN_STAGE;
        tz_stage *st = &p->stages[i];
        st->stage = s[0];
        st->fixed = s[1];
        if (st->stage < 1 || st->stage >= TOUSU_STAGE_COUNT_ || st->fixed > 1 || s[2] || s[3] ||
            !get_clock(s + 4, &st->clock))
            return TOUSU_ECORRUPT;
    }
    return stages_ok(p) ? TOUSU_OK : TOUSU_ECORRUPT;
}

int tousu_plan_decode(tousu_plan **out, tousu_policy *policy, tousu_calendar *cal,
                      const uint8_t *buf, size_t len)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    if (!buf || !cal)
        return TOUSU_EINVAL;
    int32_t n = len >= 8 ? (int32_t)get_u16(buf + 6) : 0;
    size_t want = n >= 1 && n <= TZ_PLAN_MAX_STAGES ? plan_size(n) : 0;
    int rc = check_frame(buf, len, "TZPL", want);
    if (rc != TOUSU_OK)
        return rc;
    tousu_plan *p;
    if ((rc = tz_plan_alloc(&p, policy, cal)) != TOUSU_OK)
        return rc;
    p->n_stages = n;
    if ((rc = read_plan(p, buf)) != TOUSU_OK) {
        tousu_plan_free(p);
        return rc;
    }
    *out = p;
    return TOUSU_OK;
}
