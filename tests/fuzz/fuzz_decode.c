/* fuzz_decode.c - libFuzzer harness for the clock and plan decoders
 * (R-SLA-14): truncated, corrupted or newer buffers give errors only; what
 * decodes re-encodes to the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tousu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tousu_calendar *cal;
static tousu_policy *policy;

static void check_clock(const uint8_t *data, size_t size)
{
    tousu_clock *c = NULL;
    if (tousu_clock_decode(&c, cal, data, size) != TOUSU_OK) {
        if (c)
            abort();
        return;
    }
    size_t need = 0;
    tousu_clock_encode(c, NULL, 0, &need);
    uint8_t *buf = malloc(need ? need : 1);
    size_t n = 0;
    if (!buf || tousu_clock_encode(c, buf, need, &n) != TOUSU_OK || n > size ||
        memcmp(buf, data, n) != 0)
        abort();
    free(buf);
    tousu_clock_free(c);
}

static void check_plan(const uint8_t *data, size_t size)
{
    tousu_plan *p = NULL;
    if (tousu_plan_decode(&p, policy, cal, data, size) != TOUSU_OK) {
        if (p)
            abort();
        return;
    }
    size_t need = 0;
    tousu_plan_encode(p, NULL, 0, &need);
    uint8_t *buf = malloc(need ? need : 1);
    size_t n = 0;
    if (!buf || tousu_plan_encode(p, buf, need, &n) != TOUSU_OK || n > size ||
        memcmp(buf, data, n) != 0)
        abort();
    free(buf);
    tousu_plan_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!cal) {
        if (tousu_calendar_new_builtin_cn(&cal) != TOUSU_OK || tousu_policy_new(&policy) != TOUSU_OK)
            abort();
    }
    check_clock(data, size);
    check_plan(data, size);
    return 0;
}
