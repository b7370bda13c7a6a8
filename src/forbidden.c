/*
 * forbidden.c - forbidden phrases in an agent's text (R-SCR-7) with their
 * polite rewrites (R-SCR-8), using the policy's phrase matcher.
 *
 * A phrase found inside a longer phrase found at the same place (你说什么
 * inside 啊，你说什么) is reported once, as the longer one, unless the
 * caller asks for every hit: the kept hits never contain one another, so
 * they are sorted by start and end alike and a new hit can only swallow
 * the tail of the list.
 */
#include "words.h"

#include <string.h>

static int keep_hit(void *user, const tousu_match *m)
{
    tz_hitbuf *hb = user;
    if (!hb->all) {
        while (hb->n > 0 && hb->v[hb->n - 1].offset >= m->offset)
            hb->n--; /* the previous hit lies inside this one */
        if (hb->n > 0) {
            const tousu_match *last = &hb->v[hb->n - 1];
            if (m->offset + m->length <= last->offset + last->length)
                return 0; /* inside the previous hit */
        }
    }
    if (hb->n == hb->cap) {
        size_t cap = hb->cap ? hb->cap * 2 : 16;
        tousu_match *v = tz_realloc(hb->a, hb->v, hb->cap * sizeof *v, cap * sizeof *v);
        if (!v) {
            hb->oom = 1;
            return 1;
        }
        hb->v = v;
        hb->cap = cap;
    }
    hb->v[hb->n++] = *m;
    return 0;
}

int tz_phrases_scan(const tousu_policy *p, const char *text, size_t len, uint32_t flags,
                    tz_hitbuf *hb, uint64_t *bad_offset)
{
    hb->n = 0;
    hb->oom = 0;
    hb->all = (flags & TOUSU_SCAN_ALL_HITS) != 0;
    const tousu_matcher *m;
    int rc = tz_policy_matcher(p, TZ_M_PHRASES, &m);
    if (rc || !m)
        return rc;
    rc = tz_matcher_scan(m, text, len, flags, keep_hit, hb, NULL, bad_offset);
    if (hb->oom)
        return TOUSU_ENOMEM;
    return rc;
}

void tz_hitbuf_free(tz_hitbuf *hb)
{
    tz_free(hb->a, hb->v);
    hb->v = NULL;
    hb->n = hb->cap = 0;
}

int tousu_phrases_find(const tousu_policy *p, const char *text, size_t len, uint32_t flags,
                       tousu_match *out, size_t cap, size_t *n, uint64_t *bad_offset)
{
    if (!p || !n || (!text && len) || (!out && cap))
        return TOUSU_EINVAL;
    *n = 0;
    if (p->max_text_bytes >= 0 && (uint64_t)len > (uint64_t)p->max_text_bytes)
        return TOUSU_ETOOBIG;
    tz_hitbuf hb = {.a = &p->alloc};
    int rc = tz_phrases_scan(p, text ? text : "", len, flags, &hb, bad_offset);
    if (rc == TOUSU_OK) {
        for (size_t i = 0; i < hb.n && i < cap; i++)
            out[i] = hb.v[i];
        *n = hb.n;
        if (hb.n > cap)
            rc = TOUSU_ENOSPACE;
    }
    tz_hitbuf_free(&hb);
    return rc;
}

int tousu_phrase_count(const tousu_policy *p, size_t *n)
{
    if (!p || !n)
        return TOUSU_EINVAL;
    tz_words scratch;
    *n = tz_policy_words(p, &scratch)->n_phrases;
    return TOUSU_OK;
}

int tousu_phrase_get(const tousu_policy *p, int32_t id, tousu_phrase_info *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    size_t sz;
    memcpy(&sz, out, sizeof sz);
    if (sz < sizeof(size_t))
        return TOUSU_ESTRUCT;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    if (id < 0 || (size_t)id >= w->n_phrases)
        return TOUSU_ENOTFOUND;
    const tz_phrase *ph = &w->phrases[id];
    tousu_phrase_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    info.id = id;
    info.family = ph->family;
    info.flags = ph->flags;
    info.variant_of = -1;
    if (ph->variant_of[0])
        for (size_t j = 0; j < w->n_phrases; j++)
            if (!w->phrases[j].variant_of[0] && strcmp(w->phrases[j].text, ph->variant_of) == 0) {
                info.variant_of = (int32_t)j;
                break;
            }
    tz_str_out(ph->text, &info.text, &info.text_len);
    tz_str_out(ph->rewrite, &info.rewrite, &info.rewrite_len);
    tz_copy_out(out, sz, &info, sizeof info);
    return TOUSU_OK;
}

const char *tousu_phrase_family_name(int32_t family)
{
    switch (family) {
    case TOUSU_FAM_BLUNT: return "blunt address (对客户直呼)";
    case TOUSU_FAM_QUESTIONING: return "questioning the customer (质问、谴责或反问客户)";
    case TOUSU_FAM_ARROGANT: return "arrogant or impatient (态度傲慢、厌烦)";
    case TOUSU_FAM_EVASIVE: return "pushing the customer away (推诿客户)";
    case TOUSU_FAM_BLAMING: return "blaming the customer (多用“我”代替“您”)";
    default: return "?";
    }
}

const char *tousu_signal_group_name(int32_t group)
{
    switch (group) {
    case TOUSU_SIG_MEDIA: return "media (媒体)";
    case TOUSU_SIG_LAWSUIT: return "lawsuit (诉讼仲裁)";
    case TOUSU_SIG_REGULATOR: return "regulator or complaint body (监管/投诉机构)";
    default: return "?";
    }
}
