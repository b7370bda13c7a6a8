/*
 * quality_explain.c - a call-quality result as a checklist with its score
 * (R-QA-1..6), for a supervisor or a demo: one line per item with [x]
 * passed, [ ] failed or [-] not applicable, what was missing, and every
 * forbidden phrase with its family and polite rewrite (R-SCR-8).
 */
#include "words.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct sink {
    char *buf;
    size_t cap;
    size_t len;
} sink;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
put(sink *s, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t k = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    if (s->len < s->cap) {
        size_t room = s->cap - 1 - s->len;
        size_t c = k < room ? k : room;
        memcpy(s->buf + s->len, tmp, c);
        s->buf[s->len + c] = '\0';
    }
    s->len += k;
}

const char *tousu_qa_item_name(int32_t item)
{
    switch (item) {
    case TOUSU_QA_RINGS: return "answered within three rings (振铃不超过三声)";
    case TOUSU_QA_OPENING: return "opening greets and states the agent number (开头语报工号)";
    case TOUSU_QA_CLOSING: return "closing, customer hangs up first (结束语，客户先挂机)";
    case TOUSU_QA_PHRASES: return "no forbidden phrase (服务禁忌用语)";
    case TOUSU_QA_WAIT: return "waits announced and thanked (等待语)";
    case TOUSU_QA_POLITE: return "polite words (礼貌用语)";
    default: return "?";
    }
}

static const struct {
    uint32_t bit;
    const char *text;
} misses[] = {
    {TOUSU_QA_M_TOO_MANY_RINGS, "too many rings"},
    {TOUSU_QA_M_NO_AGENT_TURN, "no agent turn"},
    {TOUSU_QA_M_GREETING, "no greeting (您好)"},
    {TOUSU_QA_M_AGENT_NO, "agent number not stated (报工号)"},
    {TOUSU_QA_M_SERVE, "no 为您服务"},
    {TOUSU_QA_M_ANYTHING_ELSE, "no 请问您还有其他问题吗"},
    {TOUSU_QA_M_WISHES, "no good wishes (祝您愉快/再见)"},
    {TOUSU_QA_M_AGENT_HUNG_UP, "agent hung up first"},
    {TOUSU_QA_M_HANGUP_TOO_SOON, "hung up too soon after the last script step"},
    {TOUSU_QA_M_FORBIDDEN, "forbidden phrases"},
    {TOUSU_QA_M_WAIT_REASON, "wait without a reason"},
    {TOUSU_QA_M_WAIT_THANKS, "wait not ended with thanks (感谢您的耐心等待)"},
    {TOUSU_QA_M_CALLBACK, "long wait without offering a call back"},
    {TOUSU_QA_M_POLITE, "too few polite words"},
};

static void put_item(sink *s, const tousu_qa_result *r, int i)
{
    const tousu_qa_check_item *it = &r->items[i];
    const char *mark = it->status == TOUSU_QA_PASSED   ? "[x]"
                       : it->status == TOUSU_QA_FAILED ? "[ ]"
                                                       : "[-]";
    put(s, "%s R-QA-%d %s (weight %d)", mark, i + 1, tousu_qa_item_name(i), (int)it->weight);
    switch (i) {
    case TOUSU_QA_RINGS: put(s, ": %lld rings", (long long)it->value); break;
    case TOUSU_QA_CLOSING:
        if (it->value >= 0)
            put(s, ": line cut %lld ms after the last agent turn", (long long)it->value);
        break;
    case TOUSU_QA_PHRASES: put(s, ": %lld found", (long long)it->value); break;
    case TOUSU_QA_WAIT:
        if (it->status == TOUSU_QA_NOT_APPLICABLE)
            put(s, ": no wait");
        else
            put(s, ": %lld wait(s), longest %lld ms", (long long)it->value2, (long long)it->value);
        break;
    case TOUSU_QA_POLITE: put(s, ": %lld distinct", (long long)it->value2); break;
    default: break;
    }
    if (it->turn >= 0 && it->status == TOUSU_QA_FAILED)
        put(s, " [turn %d]", (int)it->turn);
    put(s, "\n");
    for (size_t k = 0; k < sizeof misses / sizeof misses[0]; k++)
        if (it->missing & misses[k].bit)
            put(s, "      - %s\n", misses[k].text);
}

/* The matched bytes of a hit, when the call is given and they fit. */
static bool hit_text(const tousu_call *call, const tousu_qa_hit *h, const char **p, int *n)
{
    if (!call || call->struct_size < offsetof(tousu_call, agent_no) || !call->turns ||
        call->turn_size < sizeof(tousu_turn) || call->turn_size > TZ_STRUCT_SIZE_MAX || h->turn < 0 || (size_t)h->turn >= call->n_turns)
        return false;
    tousu_turn t;
    memcpy(&t, (const char *)call->turns + (size_t)h->turn * call->turn_size, sizeof t);
    if (!t.text || h->offset > t.text_len || h->length > t.text_len - h->offset || h->length > 200)
        return false;
    *p = t.text + h->offset;
    *n = (int)h->length;
    return true;
}

static void put_hits(sink *s, const tousu_policy *p, const tousu_call *call,
                     const tousu_qa_result *r)
{
    for (uint32_t k = 0; k < r->n_hits_kept && k < TOUSU_QA_MAX_HITS; k++) {
        const tousu_qa_hit *h = &r->hits[k];
        tousu_phrase_info info = {.struct_size = sizeof info};
        bool known = p && tousu_phrase_get(p, h->phrase, &info) == TOUSU_OK;
        const char *q;
        int qn;
        put(s, "      turn %d, bytes %llu+%llu", (int)h->turn, (unsigned long long)h->offset,
            (unsigned long long)h->length);
        if (hit_text(call, h, &q, &qn))
            put(s, " 「%.*s」", qn, q);
        else if (known)
            put(s, " 「%.*s」", (int)info.text_len, info.text);
        put(s, " %s", tousu_phrase_family_name(h->family));
        if (known && info.rewrite_len)
            put(s, " -> say: %.*s", (int)info.rewrite_len, info.rewrite);
        put(s, "\n");
    }
    if (r->n_hits > r->n_hits_kept)
        put(s, "      (%u more)\n", (unsigned)(r->n_hits - r->n_hits_kept));
}

int tousu_qa_explain(const tousu_policy *p, const tousu_call *call, const tousu_qa_result *r,
                     char *buf, size_t cap, size_t *needed)
{
    if (!r || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    if (r->struct_size < sizeof(tousu_qa_result))
        return TOUSU_ESTRUCT;
    sink s = {buf, cap, 0};
    if (cap)
        buf[0] = '\0';
    put(&s, "call quality: %d/%d, %s\n", (int)r->score, (int)r->max_score,
        r->passed ? "passed" : "failed");
    for (int i = 0; i < TOUSU_QA_ITEM_COUNT_; i++) {
        put_item(&s, r, i);
        if (i == TOUSU_QA_PHRASES)
            put_hits(&s, p, call, r);
    }
    if (r->report_to_manager)
        put(&s, "note: the agent hung up on an abusive caller: report to the regional manager "
                "(报外联区域经理)\n");
    *needed = s.len;
    return s.len < cap ? TOUSU_OK : TOUSU_ENOSPACE;
}
