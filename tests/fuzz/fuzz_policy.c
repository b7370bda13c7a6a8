/* fuzz_policy.c - libFuzzer harness for the policy file loader (R-POL-2):
 * any input loads or fails cleanly; what loads dumps and reloads to the
 * same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tousu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *dump(const tousu_policy *p, size_t *n)
{
    size_t need = 0;
    tousu_policy_dump(p, NULL, 0, &need);
    char *buf = malloc(need + 1);
    if (buf && tousu_policy_dump(p, buf, need + 1, n) != TOUSU_OK)
        abort();
    return buf;
}

/* The length of a dump up to its [words] section. */
static size_t before_words(const char *text, size_t n)
{
    static const char tag[] = "\n[words]\n";
    for (size_t i = 0; i + sizeof tag - 1 <= n; i++)
        if (memcmp(text + i, tag, sizeof tag - 1) == 0)
            return i + 1;
    return n;
}

/* Could the input hold a [words] section? (Its header, however spaced,
 * contains the word.) */
static int has_words(const uint8_t *data, size_t size)
{
    static const char tag[] = "words";
    for (size_t i = 0; i + sizeof tag - 1 <= size; i++)
        if (memcmp(data + i, tag, sizeof tag - 1) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A [words] section loads, validates and builds matchers for the whole
     * built-in word tables (~1000x a plain parse under the sanitizers), so
     * it would starve everything else here. The record loader behind it is
     * fuzz_words' target; the section's glue is unit-tested
     * (test_policy_words). */
    if (has_words(data, size))
        return 0;
    tousu_policy *p = NULL;
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    int rc = tousu_policy_load(&p, (const char *)data, size, "fuzz", &err);
    if (rc != TOUSU_OK) {
        if (p || err.code != rc || !memchr(err.message, '\0', sizeof err.message))
            abort();
        return 0;
    }
    /* The round trip costs far more than the parse: check it on one input
     * in 64 (chosen by length, so a crash reproduces), and leave out the
     * [words] section, which comes last and is round-tripped by the unit
     * tests (test_policy_words): reloading whole word tables would cap
     * this harness at a few hundred runs a second. */
    if (size % 64 != 0) {
        tousu_policy_free(p);
        return 0;
    }
    size_t n1 = 0, n2 = 0;
    char *a = dump(p, &n1);
    n1 = before_words(a, n1);
    tousu_policy *q = NULL;
    if (tousu_policy_load(&q, a, n1, "dump", NULL) != TOUSU_OK)
        abort();
    char *b = dump(q, &n2);
    n2 = before_words(b, n2);
    if (n1 != n2 || memcmp(a, b, n1) != 0)
        abort();
    free(a);
    free(b);
    tousu_policy_free(p);
    tousu_policy_free(q);
    return 0;
}
