/* fuzz_words.c - libFuzzer harness for the word-table loader (R-SCR-10,
 * R-SCR-7): any table text loads or fails with a message; a failed load
 * leaves the tables in force unchanged and usable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tousu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tousu_policy *empty; /* a policy whose word tables are empty */

static void make_empty(void)
{
    tousu_words *w = NULL;
    if (tousu_words_new(&w, NULL) != TOUSU_OK || tousu_words_clear(w, TOUSU_TAB_ALL) != TOUSU_OK ||
        tousu_policy_new(&empty) != TOUSU_OK || tousu_policy_set_words(empty, w) != TOUSU_OK)
        abort();
    tousu_words_free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!empty)
        make_empty();
    /* Start from empty tables so each run checks only what the input adds
     * (the built-in tables are checked by the unit tests). */
    tousu_words *w = NULL;
    if (tousu_words_new(&w, empty) != TOUSU_OK)
        abort();
    int rc = tousu_words_load(w, (const char *)data, size);
    if (rc != TOUSU_OK && tousu_words_errmsg(w)[0] == '\0')
        abort();
    if (rc == TOUSU_OK) {
        tousu_policy *p = NULL;
        if (tousu_policy_new(&p) != TOUSU_OK)
            abort();
        if (tousu_policy_set_words(p, w) == TOUSU_OK) {
            size_t n = 0;
            tousu_phrase_count(p, &n);
        }
        tousu_policy_free(p);
    }
    tousu_words_free(w);
    return 0;
}
