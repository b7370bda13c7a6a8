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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tousu_policy *p = NULL;
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    int rc = tousu_policy_load(&p, (const char *)data, size, "fuzz", &err);
    if (rc != TOUSU_OK) {
        if (p || err.code != rc || !memchr(err.message, '\0', sizeof err.message))
            abort();
        return 0;
    }
    size_t n1 = 0, n2 = 0;
    char *a = dump(p, &n1);
    tousu_policy *q = NULL;
    if (tousu_policy_load(&q, a, n1, "dump", NULL) != TOUSU_OK)
        abort();
    char *b = dump(q, &n2);
    if (n1 != n2 || memcmp(a, b, n1) != 0)
        abort();
    free(a);
    free(b);
    tousu_policy_free(p);
    tousu_policy_free(q);
    return 0;
}
