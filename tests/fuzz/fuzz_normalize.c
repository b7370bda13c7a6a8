/* fuzz_normalize.c - libFuzzer harness for the text normaliser and the
 * phrase matcher (R-SCR-7, R-CLS-12): any bytes are scanned or refused
 * with the offset of the first malformed sequence; every match lies inside
 * the input, in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tousu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tousu_policy *policy;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!policy && tousu_policy_new(&policy) != TOUSU_OK)
        abort();
    tousu_match hits[64];
    size_t n = 0;
    uint64_t bad = UINT64_MAX;
    int rc = tousu_phrases_find(policy, (const char *)data, size, 0, hits, 64, &n, &bad);
    if (rc == TOUSU_EUTF8) {
        if (bad >= size)
            abort();
        return 0;
    }
    if (rc != TOUSU_OK && rc != TOUSU_ENOSPACE)
        abort();
    for (size_t i = 0; i < n && i < 64; i++)
        if (hits[i].offset + hits[i].length > size || hits[i].length == 0)
            abort();
    /* Skipping malformed bytes never fails on UTF-8 grounds. */
    rc = tousu_phrases_find(policy, (const char *)data, size, TOUSU_SCAN_SKIP_BAD_UTF8, hits, 64,
                            &n, &bad);
    if (rc != TOUSU_OK && rc != TOUSU_ENOSPACE && rc != TOUSU_ETOOBIG)
        abort();
    return 0;
}
