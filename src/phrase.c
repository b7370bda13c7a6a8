/*
 * phrase.c - multi-pattern matcher over normalised UTF-8 (R-SCR-7, R-CLS-12).
 * (Early stub so the library links; the full matcher follows.)
 */
#include "internal.h"

/* R-CLS-12 */
void tz_suggest_from_text(const tousu_policy *p, const char *text, size_t len, tousu_result *r)
{
    (void)p;
    (void)text;
    (void)len;
    (void)r;
}
