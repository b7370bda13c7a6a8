/* fuzz_triage.c - libFuzzer harness for the triage record (R-HOST-4): the
 * input's first bytes become a tousu_contact (every field, enums and sizes
 * included), the rest its free text. Any record is triaged or refused with
 * an error; the engine and its store stay usable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tousu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tousu_engine *engine;
static tousu_policy *west; /* the zone farthest west, for the explanation */
static unsigned calls;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine || ++calls % 4096 == 0) { /* bound the store's growth */
        tousu_engine_free(engine);
        if (tousu_engine_new(&engine, NULL, NULL) != TOUSU_OK)
            abort();
    }
    if (!west && (tousu_policy_new(&west) != TOUSU_OK ||
                  tousu_policy_set_int(west, TOUSU_P_UTC_OFFSET_MIN, -14 * 60) != TOUSU_OK))
        abort();
    /* The contact sits at the start of a larger zeroed buffer, so a
     * struct_size up to the buffer's size (a "newer caller") is honest. */
    union {
        tousu_contact c;
        unsigned char bytes[sizeof(tousu_contact) + 64];
    } u;
    memset(&u, 0, sizeof u);
    tousu_contact *c = &u.c;
    size_t head = offsetof(tousu_contact, text);
    size_t n = size < head ? size : head;
    memcpy(c, data, n);
    c->text = NULL;
    c->text_len = 0;
    if (size > head) {
        c->text = (const char *)data + head;
        c->text_len = size - head;
    }
    /* Mostly our own size so the fields get exercised; sometimes odd ones. */
    if (c->struct_size % 7 != 0 || c->struct_size > sizeof u)
        c->struct_size = sizeof *c;
    tousu_result r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    int rc = tousu_triage(engine, c, &r);
    if (rc == TOUSU_OK) {
        if (r.level < 0 || r.level > TOUSU_LEVEL_GROUP || r.n_reasons > TOUSU_MAX_REASONS)
            abort();
        char buf[256];
        size_t need;
        tousu_result_explain(&r, buf, sizeof buf, &need);
        tousu_result_explain_policy(west, &r, buf, sizeof buf, &need);
    } else if (tousu_engine_errmsg(engine)[0] == '\0') {
        abort(); /* every error has a message */
    }
    return 0;
}
