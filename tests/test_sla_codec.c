/* test_sla_codec.c - save and restore of clocks and plans (R-SLA-14): the
 * byte format (docs/sla.md), byte-identical round trips of every state,
 * and truncated, bit-flipped, forged and newer buffers that must get an
 * error and never a crash. */
#include "sla_helpers.h"

#include "calendar_ref.h"

#define MON(h, m) at(2025, 3, 10, h, m)
#define TUE(h, m) at(2025, 3, 11, h, m)

/* CRC-32 as zlib computes it, written again here on purpose. */
static uint32_t crc32_ref(const uint8_t *p, size_t n)
{
    uint32_t c = ~0u;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1u ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    }
    return ~c;
}

static void reseal(uint8_t *buf, size_t len)
{
    uint32_t c = crc32_ref(buf, len - 4);
    for (int i = 0; i < 4; i++)
        buf[len - 4 + (size_t)i] = (uint8_t)(c >> (8 * i));
}

static size_t encode_clock(const tousu_clock *k, uint8_t *buf, size_t cap)
{
    size_t n = 0;
    assert_int_equal(tousu_clock_encode(k, buf, cap, &n), TOUSU_OK);
    return n;
}

static size_t encode_plan(const tousu_plan *p, uint8_t *buf, size_t cap)
{
    size_t n = 0;
    assert_int_equal(tousu_plan_encode(p, buf, cap, &n), TOUSU_OK);
    return n;
}

/* R-SLA-14 the format is pinned byte by byte (docs/sla.md): little-endian
 * whatever the host, CRC-32 as zlib's. */
static void test_R_SLA_14_clock_bytes(void **state)
{
    (void)state;
    tousu_clock *k = NULL;
    assert_int_equal(tousu_clock_new(&k, NULL, HOUR), TOUSU_OK);
    const int64_t t0 = INT64_C(1741568400000); /* 2025-03-10 09:00 +08:00 */
    assert_int_equal(tousu_clock_start(k, t0), TOUSU_OK);
    assert_int_equal(tousu_clock_pause(k, t0 + 50 * MINUTE), TOUSU_OK);
    uint8_t buf[128];
    size_t n = encode_clock(k, buf, sizeof buf);
    assert_int_equal(n, 76);
    static const uint8_t want[72] = {
        'T', 'Z', 'C', 'K', 1, 0, 0, 0,       /* magic, version 1, reserved */
        2, 0, 1, 0, 0x20, 0x03, 0, 0,          /* paused, 24x7, warned, -, 800 */
        0x80, 0xEE, 0x36, 0, 0, 0, 0, 0,       /* target 3600000 */
        0x80, 0xDA, 0x90, 0x7D, 0x95, 0x01, 0, 0, /* start 1741568400000 */
        0x40, 0xA1, 0xBE, 0x7D, 0x95, 0x01, 0, 0, /* mark = start + 50 min */
        0xC0, 0xC6, 0x2D, 0, 0, 0, 0, 0,       /* accum 3000000 */
        0, 0, 0, 0, 0, 0, 0, 0,                /* paused 0 */
        0x80, 0xCC, 0xBC, 0x7D, 0x95, 0x01, 0, 0, /* warning at start + 48 min */
        0, 0, 0, 0, 0, 0, 0, 0,                /* due (not latched) */
    };
    assert_memory_equal(buf, want, sizeof want);
    uint32_t crc = crc32_ref(buf, 72);
    assert_int_equal((uint32_t)buf[72] | (uint32_t)buf[73] << 8 | (uint32_t)buf[74] << 16 |
                         (uint32_t)buf[75] << 24,
                     crc);
    /* ENOSPACE tells the size and writes nothing */
    uint8_t small[8] = {0};
    size_t need = 0;
    assert_int_equal(tousu_clock_encode(k, small, sizeof small, &need), TOUSU_ENOSPACE);
    assert_int_equal(need, 76);
    assert_int_equal(small[0], 0);
    assert_int_equal(tousu_clock_encode(k, NULL, 0, &need), TOUSU_ENOSPACE);
    assert_int_equal(tousu_clock_encode(NULL, buf, sizeof buf, &need), TOUSU_EINVAL);
    tousu_clock_free(k);
}

/* R-SLA-14 every state of a clock survives save -> restore -> save. */
static void test_R_SLA_14_clock_every_state_roundtrip(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    for (int business = 0; business < 2; business++) {
        tousu_calendar *c = business ? cal : NULL;
        tousu_clock *k = NULL;
        assert_int_equal(tousu_clock_new(&k, c, 90 * MINUTE), TOUSU_OK);
        clock_roundtrip(k, c, MON(9, 0));                 /* idle */
        assert_int_equal(tousu_clock_start(k, MON(17, 0)), TOUSU_OK);
        clock_roundtrip(k, c, MON(17, 30));               /* running */
        assert_int_equal(tousu_clock_pause(k, MON(17, 45)), TOUSU_OK);
        clock_roundtrip(k, c, TUE(8, 0));                 /* paused */
        assert_int_equal(tousu_clock_resume(k, TUE(8, 0)), TOUSU_OK);
        clock_roundtrip(k, c, TUE(9, 0));                 /* resumed, warned */
        assert_int_equal(tousu_clock_set_target(k, 30 * MINUTE, TUE(9, 30)), TOUSU_OK);
        clock_roundtrip(k, c, TUE(9, 30));                /* retargeted: breached */
        assert_int_equal(tousu_clock_pause(k, TUE(10, 0)), TOUSU_OK);
        assert_int_equal(tousu_clock_stop(k, TUE(11, 0)), TOUSU_OK);
        clock_roundtrip(k, c, TUE(12, 0));                /* stopped from paused */
        tousu_clock_free(k);
        assert_int_equal(tousu_clock_new(&k, c, 30 * MINUTE), TOUSU_OK);
        assert_int_equal(tousu_clock_start(k, MON(9, 0)), TOUSU_OK);
        assert_int_equal(tousu_clock_stop(k, MON(9, 1)), TOUSU_OK);
        clock_roundtrip(k, c, MON(10, 0));                /* met early */
        tousu_clock_free(k);
    }
    /* a business clock needs its calendar back */
    tousu_clock *k = NULL, *q = (tousu_clock *)1;
    assert_int_equal(tousu_clock_new(&k, cal, HOUR), TOUSU_OK);
    uint8_t buf[128];
    size_t n = encode_clock(k, buf, sizeof buf);
    assert_int_equal(tousu_clock_decode(&q, NULL, buf, n), TOUSU_EINVAL);
    assert_null(q);
    tousu_clock_free(k);
    tousu_calendar_free(cal);
}

/* A plan in each of its states: fresh, paused, urgent, breached, done. */
static size_t plan_states(tousu_calendar *cal, uint8_t bufs[][2048], size_t *lens)
{
    size_t count = 0;
    tousu_result r = sla_result(TOUSU_CAT_FAULT, TOUSU_SLA_ORDINARY, 1, MON(17, 59));
    r.n_evidence = 1;
    r.evidence[0].source = TOUSU_EV_DEADLINE;
    r.evidence[0].value2 = at(2025, 3, 14, 12, 0);
    tousu_plan *p = sla_plan(cal, &r, 0);
    lens[count] = encode_plan(p, bufs[count], 2048);
    count++;
    assert_int_equal(tousu_plan_pause(p, MON(18, 30)), TOUSU_OK);
    lens[count] = encode_plan(p, bufs[count], 2048);
    count++;
    assert_int_equal(tousu_plan_resume(p, TUE(8, 30)), TOUSU_OK);
    assert_int_equal(tousu_plan_set_urgency(p, TOUSU_KIND_REPEAT, TUE(8, 40)), TOUSU_OK);
    lens[count] = encode_plan(p, bufs[count], 2048);
    count++;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(tousu_plan_stage_done(p, TUE(10, 0) + i * HOUR), TOUSU_OK);
        plan_roundtrip(p, cal, TUE(10, 0) + i * HOUR);
        lens[count] = encode_plan(p, bufs[count], 2048);
        count++;
    }
    tousu_plan_free(p);
    return count;
}

/* R-SLA-14 every state of a plan survives save -> restore -> save. */
static void test_R_SLA_14_plan_every_state_roundtrip(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    static uint8_t bufs[8][2048];
    size_t lens[8];
    size_t n = plan_states(cal, bufs, lens);
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(lens[i], 32 + 5 * 68 + 4);
        tousu_plan *q = NULL;
        assert_int_equal(tousu_plan_decode(&q, NULL, cal, bufs[i], lens[i]), TOUSU_OK);
        uint8_t again[2048];
        assert_int_equal(encode_plan(q, again, sizeof again), lens[i]);
        assert_memory_equal(again, bufs[i], lens[i]);
        plan_roundtrip(q, cal, TUE(15, 0));
        tousu_plan_free(q);
    }
    tousu_plan *q = (tousu_plan *)1;
    assert_int_equal(tousu_plan_decode(&q, NULL, NULL, bufs[0], lens[0]), TOUSU_EINVAL);
    assert_null(q);
    assert_int_equal(tousu_plan_decode(NULL, NULL, cal, bufs[0], lens[0]), TOUSU_EINVAL);
    assert_int_equal(tousu_plan_decode(&q, NULL, cal, NULL, 3), TOUSU_EINVAL);
    tousu_calendar_free(cal);
}

/* The decoders on a buffer: the status, and the object freed. */
static int decode_any(tousu_calendar *cal, const uint8_t *buf, size_t len, int plan)
{
    if (plan) {
        tousu_plan *q = NULL;
        int rc = tousu_plan_decode(&q, NULL, cal, buf, len);
        assert_true(rc == TOUSU_OK ? q != NULL : q == NULL);
        tousu_plan_free(q);
        return rc;
    }
    tousu_clock *k = NULL;
    int rc = tousu_clock_decode(&k, cal, buf, len);
    assert_true(rc == TOUSU_OK ? k != NULL : k == NULL);
    tousu_clock_free(k);
    return rc;
}

/* Samples: a business clock (running, warned) and the plan states. */
static size_t samples(tousu_calendar *cal, uint8_t bufs[][2048], size_t *lens, int *is_plan)
{
    size_t n = plan_states(cal, bufs, lens);
    for (size_t i = 0; i < n; i++)
        is_plan[i] = 1;
    tousu_clock *k = NULL;
    assert_int_equal(tousu_clock_new(&k, cal, HOUR), TOUSU_OK);
    assert_int_equal(tousu_clock_start(k, MON(17, 0)), TOUSU_OK);
    assert_int_equal(tousu_clock_pause(k, TUE(9, 0)), TOUSU_OK);
    lens[n] = encode_clock(k, bufs[n], 2048);
    is_plan[n++] = 0;
    tousu_clock_free(k);
    return n;
}

/* R-SLA-14 every truncation of a saved buffer is an error. */
static void test_R_SLA_14_truncated(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    static uint8_t bufs[9][2048];
    size_t lens[9];
    int is_plan[9];
    size_t n = samples(cal, bufs, lens, is_plan);
    for (size_t s = 0; s < n; s++) {
        for (size_t len = 0; len < lens[s]; len++)
            assert_int_equal(decode_any(cal, bufs[s], len, is_plan[s]), TOUSU_ECORRUPT);
        /* a byte too many is damage too */
        assert_int_equal(decode_any(cal, bufs[s], lens[s] + 1, is_plan[s]), TOUSU_ECORRUPT);
        assert_int_equal(decode_any(cal, bufs[s], lens[s], is_plan[s]), TOUSU_OK);
    }
    tousu_calendar_free(cal);
}

/* R-SLA-14 every single flipped bit is caught. */
static void test_R_SLA_14_bit_flips(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    static uint8_t bufs[9][2048];
    size_t lens[9];
    int is_plan[9];
    size_t n = samples(cal, bufs, lens, is_plan);
    for (size_t s = 0; s < n; s++)
        for (size_t bit = 0; bit < lens[s] * 8; bit++) {
            bufs[s][bit / 8] ^= (uint8_t)(1u << (bit % 8));
            int rc = decode_any(cal, bufs[s], lens[s], is_plan[s]);
            assert_true(rc == TOUSU_ECORRUPT || rc == TOUSU_EVERSION);
            bufs[s][bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
    tousu_calendar_free(cal);
}

/* R-SLA-14 a newer format version is refused as such. */
static void test_R_SLA_14_newer_version(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    static uint8_t bufs[9][2048];
    size_t lens[9];
    int is_plan[9];
    size_t n = samples(cal, bufs, lens, is_plan);
    for (size_t s = 0; s < n; s++) {
        bufs[s][4] = 2;
        reseal(bufs[s], lens[s]);
        assert_int_equal(decode_any(cal, bufs[s], lens[s], is_plan[s]), TOUSU_EVERSION);
        /* even when the newer format is longer */
        assert_int_equal(decode_any(cal, bufs[s], lens[s] + 4, is_plan[s]), TOUSU_EVERSION);
        bufs[s][4] = 0;
        reseal(bufs[s], lens[s]);
        assert_int_equal(decode_any(cal, bufs[s], lens[s], is_plan[s]), TOUSU_ECORRUPT);
    }
    tousu_calendar_free(cal);
}

/* R-SLA-14 fields out of range are refused even with a valid CRC. */
static void test_R_SLA_14_forged_fields(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    static uint8_t bufs[9][2048];
    size_t lens[9];
    int is_plan[9];
    size_t n = samples(cal, bufs, lens, is_plan);
    uint8_t b[2048];
    /* clock (the last sample): state 4, accum > wall time, warn > 1000 */
    const size_t c = n - 1;
    static const struct { size_t off; uint8_t v; } clock_forgeries[] = {
        {8, 4}, {9, 2}, {10, 4}, {11, 1}, {13, 4}, {47, 0x40}, {23, 0x80}, {6, 1}};
    for (size_t i = 0; i < sizeof clock_forgeries / sizeof clock_forgeries[0]; i++) {
        memcpy(b, bufs[c], lens[c]);
        b[clock_forgeries[i].off] = clock_forgeries[i].v;
        reseal(b, lens[c]);
        assert_int_equal(decode_any(cal, b, lens[c], 0), TOUSU_ECORRUPT);
    }
    /* plan (the first sample): category, kind, level, flags, current, a
     * stage number, a stage's state out of order */
    static const struct { size_t off; uint8_t v; } plan_forgeries[] = {
        {8, 0}, {8, 6}, {9, 10}, {10, 5}, {11, 8}, {12, 6}, {14, 1},
        {32, 0}, {32, 10}, {33, 2}, {34, 1}, {32 + 68 + 4, 1}, {36, 0}};
    for (size_t i = 0; i < sizeof plan_forgeries / sizeof plan_forgeries[0]; i++) {
        memcpy(b, bufs[0], lens[0]);
        b[plan_forgeries[i].off] = plan_forgeries[i].v;
        reseal(b, lens[0]);
        assert_int_equal(decode_any(cal, b, lens[0], 1), TOUSU_ECORRUPT);
    }
    /* a stage count that does not match the length */
    memcpy(b, bufs[0], lens[0]);
    b[6] = 4;
    reseal(b, lens[0]);
    assert_int_equal(decode_any(cal, b, lens[0], 1), TOUSU_ECORRUPT);
    b[6] = 0;
    reseal(b, lens[0]);
    assert_int_equal(decode_any(cal, b, lens[0], 1), TOUSU_ECORRUPT);
    tousu_calendar_free(cal);
}

/* R-SLA-14 fuzz: random damage of every kind gets errors only. */
static void test_R_SLA_14_fuzz(void **state)
{
    (void)state;
    tousu_calendar *cal = sla_cn();
    static uint8_t bufs[9][2048];
    size_t lens[9];
    int is_plan[9];
    size_t n = samples(cal, bufs, lens, is_plan);
    uint64_t seed = 42;
    const char *scale = getenv("TOUSU_TEST_SCALE");
    int rounds = scale && atof(scale) > 0 && atof(scale) < 1 ? 2000 : 40000;
    uint8_t b[2048 + 16];
    for (int i = 0; i < rounds; i++) {
        size_t s = (size_t)(ref_rand(&seed) % n);
        size_t len = lens[s];
        memcpy(b, bufs[s], len);
        int edits = 1 + (int)(ref_rand(&seed) % 4);
        for (int e = 0; e < edits; e++) {
            uint64_t r = ref_rand(&seed);
            switch (r % 4) {
            case 0: b[(r >> 8) % len] = (uint8_t)(r >> 32); break;
            case 1: b[(r >> 8) % len] ^= (uint8_t)(1u << ((r >> 32) % 8)); break;
            case 2: len = 1 + (size_t)((r >> 8) % len); break;
            default: /* forged: random field damage behind a valid CRC */
                if (len > 12) {
                    b[8 + (r >> 8) % (len - 12)] = (uint8_t)(r >> 32);
                    reseal(b, len);
                }
                break;
            }
        }
        int rc = decode_any(cal, b, len, is_plan[s]);
        if (rc == TOUSU_OK) {
            /* whatever was accepted is a consistent state: it re-encodes
             * to the same bytes and can be read */
            if (is_plan[s]) {
                tousu_plan *q = NULL;
                assert_int_equal(tousu_plan_decode(&q, NULL, cal, b, len), TOUSU_OK);
                uint8_t again[2048];
                assert_int_equal(encode_plan(q, again, sizeof again), len);
                assert_memory_equal(again, b, len);
                tousu_plan_status st;
                st.struct_size = sizeof st;
                (void)tousu_plan_get_status(q, TZ_TIME_MAX_MS - 1, &st);
                tousu_plan_free(q);
            }
        } else {
            assert_true(rc == TOUSU_ECORRUPT || rc == TOUSU_EVERSION);
        }
    }
    tousu_calendar_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_SLA_14_clock_bytes),
        cmocka_unit_test(test_R_SLA_14_clock_every_state_roundtrip),
        cmocka_unit_test(test_R_SLA_14_plan_every_state_roundtrip),
        cmocka_unit_test(test_R_SLA_14_truncated),
        cmocka_unit_test(test_R_SLA_14_bit_flips),
        cmocka_unit_test(test_R_SLA_14_newer_version),
        cmocka_unit_test(test_R_SLA_14_forged_fields),
        cmocka_unit_test(test_R_SLA_14_fuzz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
