/* fuzz_words.c - libFuzzer harness for the word-table loader (R-SCR-10,
 * R-SCR-7): any table text loads or fails with a message; a failed load
 * leaves the tables in force unchanged and usable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tousu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tousu_words *w = NULL;
    if (tousu_words_new(&w, NULL) != TOUSU_OK)
        abort();
    int rc = tousu_words_load(w, (const char *)data, size);
    if (rc != TOUSU_OK && tousu_words_errmsg(w)[0] == '\0')
        abort();
    tousu_policy *p = NULL;
    if (tousu_policy_new(&p) != TOUSU_OK)
        abort();
    tousu_policy_set_words(p, w);
    tousu_words_free(w);
    tousu_policy_free(p);
    return 0;
}
