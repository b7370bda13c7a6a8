/*
 * quality.c - the call quality check (R-QA-1..6): the host describes a call
 * (rings, turns with speaker, times and text, who hung up) and every item
 * is reported passed, failed or not applicable, with its evidence, and the
 * weighted score, so a supervisor reviews every call rather than a sample
 * (seed 001 三、四; seed 003).
 *
 * Each agent turn is read once: the policy's QA matcher gives the word
 * lists it touches (greeting, closing, waits, polite words, the hang-up
 * lines of the scripts), the phrase matcher its forbidden phrases, and the
 * normaliser whether it states the agent number. The items are then small
 * functions over those facts. The checklist text is quality_explain.c.
 */
#include "words.h"

#include <string.h>

/* ---------- parameters ---------- */

typedef struct qa_bounds {
    int64_t lo, hi, def;
} qa_bounds;

static const qa_bounds qa_bounds_tab[TOUSU_QA_P_COUNT_] = {
    {0, 1000, 15},
    {0, 1000, 20},
    {0, 1000, 20},
    {0, 1000, 25},
    {0, 1000, 10},
    {0, 1000, 10},
    {0, 100, 3},            /* R-QA-1 three rings (seed 001) */
    {0, 3600000, 120000},   /* R-QA-5 2 minutes (seed 003) */
    {1, 20, 3},             /* R-QA-3 closing turns (default) */
    {0, TZ_POLITE_TAGS, 3}, /* R-QA-6 (default) */
    {0, 1, 1},
    {0, 1, 1},
    {0, 1, 1},
};

void tz_qa_defaults(int64_t *q)
{
    for (int i = 0; i < TZ_QA_NPARAMS; i++)
        q[i] = i < TOUSU_QA_P_COUNT_ ? qa_bounds_tab[i].def : 0;
}

int tousu_policy_set_qa(tousu_policy *p, int32_t param, int64_t value)
{
    if (!p)
        return TOUSU_EINVAL;
    if (param < 0 || param >= TOUSU_QA_P_COUNT_)
        return TOUSU_ENOTFOUND;
    if (__atomic_load_n(&p->frozen, __ATOMIC_ACQUIRE))
        return TOUSU_ESTATE;
    if (value < qa_bounds_tab[param].lo || value > qa_bounds_tab[param].hi)
        return TOUSU_ERANGE;
    p->qa_param[param] = value;
    return TOUSU_OK;
}

int tousu_policy_get_qa(const tousu_policy *p, int32_t param, int64_t *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    if (param < 0 || param >= TOUSU_QA_P_COUNT_)
        return TOUSU_ENOTFOUND;
    *out = p->qa_param[param];
    return TOUSU_OK;
}

/* ---------- facts of one turn ---------- */

typedef struct turn_view {
    int32_t speaker;
    int64_t start_ms, end_ms;
    const char *text;
    size_t len;
} turn_view;

typedef struct facts {
    uint32_t lists;        /* bit per tz_qa_list */
    uint32_t polite;       /* bit per polite tag */
    const tz_step *hangup; /* a hang-up line of the scripts said here */
    bool agent_no;
} facts;

typedef struct qa_ctx {
    const tousu_policy *p;
    const tz_words *w;
    const tousu_matcher *qa;
    tz_norm agent_no; /* the host's agent number, normalised */
    tz_norm scratch;
    tz_hitbuf hits;
    uint32_t flags;
    tousu_qa_result *r;
} qa_ctx;

typedef struct fact_scan {
    const tz_words *w;
    facts *f;
} fact_scan;

static int note_word(void *user, const tousu_match *m)
{
    fact_scan *s = user;
    if (m->group == TZ_QL_HANGUP) {
        size_t k = (size_t)m->pattern - s->w->n_qawords;
        s->f->hangup = tz_qa_hangup_step(s->w, k);
        return 0;
    }
    if (m->group > 0 && m->group < 32)
        s->f->lists |= 1u << m->group;
    if (m->group == TZ_QL_POLITE && (size_t)m->pattern < s->w->n_qawords)
        s->f->polite |= 1u << s->w->qawords[m->pattern].tag;
    return 0;
}

/* Is the number `needle` in `hay` as a whole number? Digits next to the
 * match would make it part of another number: agent 10 is not in "1024",
 * nor agent 1024 in the phone number 13810245678. */
static bool contains_number(const tz_norm *hay, const tz_norm *needle)
{
    if (needle->n == 0 || needle->n > hay->n)
        return false;
    for (size_t i = 0; i + needle->n <= hay->n; i++) {
        if (memcmp(hay->sym + i, needle->sym, needle->n * sizeof *needle->sym) != 0)
            continue;
        bool digit_before = i > 0 && tz_is_digit_sym(hay->sym[i - 1]);
        size_t end = i + needle->n;
        bool digit_after = end < hay->n && tz_is_digit_sym(hay->sym[end]);
        if (!digit_before && !digit_after)
            return true;
    }
    return false;
}

/* R-QA-2/3 "states the agent number": the host's number, or else any
 * number followed by 号 (…7号客服) or after 工号. */
static bool states_number(const tz_norm *n, const tz_norm *agent_no)
{
    if (agent_no->n)
        return contains_number(n, agent_no);
    for (size_t i = 0; i < n->n; i++) {
        if (!tz_is_digit_sym(n->sym[i]))
            continue;
        bool after_gonghao = i >= 2 && n->sym[i - 2] == 0x5DE5 && n->sym[i - 1] == 0x53F7;
        size_t j = i;
        while (j < n->n && tz_is_digit_sym(n->sym[j]))
            j++;
        if (after_gonghao || (j < n->n && n->sym[j] == 0x53F7)) /* 工号 … / …号 */
            return true;
        i = j;
    }
    return false;
}

static int read_facts(qa_ctx *c, const turn_view *t, facts *f)
{
    memset(f, 0, sizeof *f);
    uint32_t fl = c->flags & TOUSU_SCAN_SKIP_BAD_UTF8;
    if (c->qa) {
        fact_scan s = {c->w, f};
        int rc = tz_matcher_scan(c->qa, t->text, t->len, fl, note_word, &s, NULL, NULL);
        if (rc)
            return rc;
    }
    int rc = tz_normalize(&c->p->alloc, t->text, t->len, fl != 0, &c->scratch, NULL);
    if (rc)
        return rc;
    f->agent_no = states_number(&c->scratch, &c->agent_no);
    return TOUSU_OK;
}

/* ---------- the items ---------- */

static void verdict(tousu_qa_check_item *it, uint32_t missing)
{
    it->missing = missing;
    it->status = missing ? TOUSU_QA_FAILED : TOUSU_QA_PASSED;
}

/* R-QA-1 answered within three rings (seed 001 振铃声不应超过三声). */
static void item_rings(qa_ctx *c, int32_t rings)
{
    tousu_qa_check_item *it = &c->r->items[TOUSU_QA_RINGS];
    it->turn = -1; /* about the ringing, not a turn */
    it->value = rings;
    verdict(it, rings > c->p->qa_param[TOUSU_QA_P_MAX_RINGS] ? TOUSU_QA_M_TOO_MANY_RINGS : 0);
}

/* R-QA-2 the opening greets and states the agent number. */
static void item_opening(qa_ctx *c, const facts *f, int32_t first)
{
    tousu_qa_check_item *it = &c->r->items[TOUSU_QA_OPENING];
    it->turn = first;
    if (first < 0) {
        verdict(it, TOUSU_QA_M_NO_AGENT_TURN);
        return;
    }
    const facts *o = &f[first];
    uint32_t miss = 0;
    if (!(o->lists & (1u << TZ_QL_GREETING)))
        miss |= TOUSU_QA_M_GREETING;
    if (c->p->qa_param[TOUSU_QA_P_OPENING_SERVE] && !(o->lists & (1u << TZ_QL_SERVE)))
        miss |= TOUSU_QA_M_SERVE;
    if (c->p->qa_param[TOUSU_QA_P_OPENING_AGENT_NO] && !o->agent_no)
        miss |= TOUSU_QA_M_AGENT_NO;
    verdict(it, miss);
}

/* R-QA-3 the closing, and who hung up. */
static void item_closing(qa_ctx *c, const tousu_call *call, const turn_view *t, const facts *f,
                         int32_t first, int32_t last)
{
    tousu_qa_check_item *it = &c->r->items[TOUSU_QA_CLOSING];
    it->turn = last;
    it->value = -1;
    if (last < 0) {
        verdict(it, TOUSU_QA_M_NO_AGENT_TURN);
        return;
    }
    const facts *l = &f[last];
    bool abuse = (l->lists & (1u << TZ_QL_ABUSE_BYE)) != 0;
    bool scripted_end = l->hangup || abuse; /* silent call, noisy line, weak signal, abuse */
    int64_t said_at = t[last].end_ms ? t[last].end_ms : t[last].start_ms;
    if (call->end_ms)
        it->value = call->end_ms - said_at;
    uint32_t miss = 0;
    if (call->hung_up_by == TOUSU_HANGUP_AGENT) {
        if (!scripted_end) {
            miss |= TOUSU_QA_M_AGENT_HUNG_UP; /* seed 000: 要等客户先行挂断电话 */
        } else {
            int64_t wait = l->hangup ? l->hangup->hangup_ms : 0;
            if (call->end_ms && it->value < wait)
                miss |= TOUSU_QA_M_HANGUP_TOO_SOON; /* seed 003: 停顿2秒后挂机 */
            if (abuse || (l->hangup && (l->hangup->flags & TOUSU_STEP_REPORT)))
                c->r->report_to_manager = 1; /* seed 001: 并报外联区域经理 */
        }
    }
    if (!scripted_end) {
        /* the closing lines may spread over the last few agent turns */
        uint32_t lists = 0;
        bool number = false;
        int64_t k = c->p->qa_param[TOUSU_QA_P_CLOSING_TURNS];
        for (int32_t i = last; i >= 0 && k > 0; i--) {
            if (i == first && first != last)
                break; /* seed 001 结束语必须报工号: the opening does not count */
            if (t[i].speaker != TOUSU_SPK_AGENT)
                continue;
            lists |= f[i].lists;
            number = number || f[i].agent_no;
            k--;
        }
        if (!(lists & (1u << TZ_QL_ANYTHING_ELSE)))
            miss |= TOUSU_QA_M_ANYTHING_ELSE;
        if (!(lists & (1u << TZ_QL_WISHES)))
            miss |= TOUSU_QA_M_WISHES;
        if (c->p->qa_param[TOUSU_QA_P_CLOSING_AGENT_NO] && !number)
            miss |= TOUSU_QA_M_AGENT_NO;
    }
    verdict(it, miss);
}

/* R-QA-4 no forbidden phrase in any agent turn (hits listed with rewrites). */
static int item_phrases(qa_ctx *c, const turn_view *t, size_t n)
{
    tousu_qa_check_item *it = &c->r->items[TOUSU_QA_PHRASES];
    tousu_qa_result *r = c->r;
    it->turn = -1;
    uint32_t fl = c->flags & TOUSU_SCAN_SKIP_BAD_UTF8;
    for (size_t i = 0; i < n; i++) {
        if (t[i].speaker != TOUSU_SPK_AGENT)
            continue;
        int rc = tz_phrases_scan(c->p, t[i].text, t[i].len, fl, &c->hits, NULL);
        if (rc)
            return rc;
        for (size_t k = 0; k < c->hits.n; k++) {
            const tousu_match *m = &c->hits.v[k];
            if (it->turn < 0)
                it->turn = (int32_t)i;
            if (r->n_hits_kept < TOUSU_QA_MAX_HITS) {
                tousu_qa_hit *h = &r->hits[r->n_hits_kept++];
                h->turn = (int32_t)i;
                h->phrase = m->pattern;
                h->family = m->group;
                h->offset = m->offset;
                h->length = m->length;
            }
            if (r->n_hits < UINT32_MAX)
                r->n_hits++;
        }
    }
    it->value = r->n_hits;
    verdict(it, r->n_hits ? TOUSU_QA_M_FORBIDDEN : 0);
    return TOUSU_OK;
}

/* R-QA-5 a wait is announced with its reason and ended with thanks; from
 * 2 minutes on, a call back is offered up front instead. */
static void item_wait(qa_ctx *c, const turn_view *t, const facts *f, size_t n)
{
    tousu_qa_check_item *it = &c->r->items[TOUSU_QA_WAIT];
    it->turn = -1;
    uint32_t miss = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].speaker != TOUSU_SPK_AGENT || !(f[i].lists & (1u << TZ_QL_WAIT_ASK)))
            continue;
        it->value2++;
        uint32_t m = 0;
        if (!(f[i].lists & (1u << TZ_QL_WAIT_REASON)))
            m |= TOUSU_QA_M_WAIT_REASON;
        size_t j = i + 1;
        while (j < n && t[j].speaker != TOUSU_SPK_AGENT)
            j++;
        if (j == n) {
            m |= TOUSU_QA_M_WAIT_THANKS; /* never came back */
        } else {
            int64_t gap = t[j].start_ms - (t[i].end_ms ? t[i].end_ms : t[i].start_ms);
            if (gap > it->value)
                it->value = gap;
            if (!(f[j].lists & (1u << TZ_QL_WAIT_THANKS)))
                m |= TOUSU_QA_M_WAIT_THANKS;
            if (gap >= c->p->qa_param[TOUSU_QA_P_CALLBACK_WAIT_MS] &&
                !(f[i].lists & (1u << TZ_QL_CALLBACK)))
                m |= TOUSU_QA_M_CALLBACK;
        }
        if (m && it->turn < 0)
            it->turn = (int32_t)i;
        miss |= m;
    }
    if (it->value2 == 0) {
        it->status = TOUSU_QA_NOT_APPLICABLE;
        return;
    }
    verdict(it, miss);
}

/* R-QA-6 polite words (seed 001 礼貌用语). */
static void item_polite(qa_ctx *c, const turn_view *t, const facts *f, size_t n)
{
    tousu_qa_check_item *it = &c->r->items[TOUSU_QA_POLITE];
    it->turn = -1;
    uint32_t tags = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i].speaker == TOUSU_SPK_AGENT)
            tags |= f[i].polite;
    int64_t distinct = 0;
    for (uint32_t b = tags; b; b &= b - 1)
        distinct++;
    it->value = tags;
    it->value2 = distinct;
    verdict(it, distinct < c->p->qa_param[TOUSU_QA_P_POLITE_MIN] ? TOUSU_QA_M_POLITE : 0);
}

static void score(const tousu_policy *p, tousu_qa_result *r)
{
    r->passed = 1;
    for (int i = 0; i < TOUSU_QA_ITEM_COUNT_; i++) {
        tousu_qa_check_item *it = &r->items[i];
        it->weight = (int32_t)p->qa_param[TOUSU_QA_P_WEIGHT_BASE + i];
        r->max_score += it->weight;
        if (it->status == TOUSU_QA_FAILED)
            r->passed = 0;
        else
            r->score += it->weight;
    }
}

/* ---------- input ---------- */

/* Read and check the turns; on a bad turn, *bad_turn / *bad_offset say
 * where. */
static int load_turns(const tousu_policy *p, const tousu_call *call, turn_view *t,
                      int32_t *bad_turn, uint64_t *bad_offset)
{
    const char *base = (const char *)call->turns;
    for (size_t i = 0; i < call->n_turns; i++) {
        tousu_turn tt;
        memcpy(&tt, base + i * call->turn_size, sizeof tt);
        *bad_turn = i <= INT32_MAX ? (int32_t)i : INT32_MAX;
        if (!tt.text && tt.text_len)
            return TOUSU_EINVAL;
        if (tt.speaker != TOUSU_SPK_AGENT && tt.speaker != TOUSU_SPK_CUSTOMER)
            return TOUSU_ERANGE;
        if (tt.end_ms && tt.end_ms < tt.start_ms)
            return TOUSU_ERANGE;
        if ((uint64_t)tt.text_len > (uint64_t)p->max_text_bytes)
            return TOUSU_ETOOBIG;
        if (!(call->flags & TOUSU_SCAN_SKIP_BAD_UTF8)) {
            size_t bad = tz_utf8_check(tt.text ? tt.text : "", tt.text_len);
            if (bad != tt.text_len) {
                *bad_offset = bad;
                return TOUSU_EUTF8;
            }
        }
        t[i] = (turn_view){tt.speaker, tt.start_ms, tt.end_ms, tt.text ? tt.text : "", tt.text_len};
    }
    *bad_turn = -1;
    return TOUSU_OK;
}

static int check_call(qa_ctx *c, const tousu_call *call, turn_view *t, facts *f)
{
    size_t n = call->n_turns;
    int32_t first = -1, last = -1;
    for (size_t i = 0; i < n; i++) {
        if (t[i].speaker != TOUSU_SPK_AGENT)
            continue;
        int rc = read_facts(c, &t[i], &f[i]);
        if (rc)
            return rc;
        if (first < 0)
            first = (int32_t)i;
        last = (int32_t)i;
    }
    item_rings(c, call->rings);
    item_opening(c, f, first);
    item_closing(c, call, t, f, first, last);
    int rc = item_phrases(c, t, n);
    if (rc)
        return rc;
    item_wait(c, t, f, n);
    item_polite(c, t, f, n);
    score(c->p, c->r);
    return TOUSU_OK;
}

int tousu_qa_check(const tousu_policy *p, const tousu_call *call, tousu_qa_result *out)
{
    if (!p || !call || !out)
        return TOUSU_EINVAL;
    size_t out_size;
    memcpy(&out_size, out, sizeof out_size);
    if (out_size < sizeof(size_t))
        return TOUSU_ESTRUCT;
    tousu_call cl;
    int rc = tz_copy_in(&cl, sizeof cl, call, call->struct_size, offsetof(tousu_call, agent_no));
    if (rc)
        return rc;
    if (cl.turn_size < sizeof(tousu_turn) || cl.turn_size > TZ_STRUCT_SIZE_MAX)
        return TOUSU_ESTRUCT;
    if ((!cl.turns && cl.n_turns) || (!cl.agent_no && cl.agent_no_len) ||
        cl.n_turns > (size_t)INT32_MAX || (cl.flags & ~(uint32_t)TOUSU_SCAN_SKIP_BAD_UTF8))
        return TOUSU_EINVAL;
    if (cl.rings < 0 || cl.hung_up_by < TOUSU_HANGUP_UNKNOWN || cl.hung_up_by > TOUSU_HANGUP_AGENT)
        return TOUSU_ERANGE;
    tousu_qa_result r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.err_turn = -1;
    const tz_alloc *a = &p->alloc;
    size_t nt = cl.n_turns ? cl.n_turns : 1;
    turn_view *t = tz_calloc(a, nt, sizeof *t);
    facts *f = tz_calloc(a, nt, sizeof *f);
    tz_words scratch;
    qa_ctx c = {.p = p, .w = tz_policy_words(p, &scratch), .flags = cl.flags, .r = &r};
    c.hits.a = a;
    if (!t || !f) {
        rc = TOUSU_ENOMEM;
        goto out;
    }
    if ((rc = load_turns(p, &cl, t, &r.err_turn, &r.err_offset)))
        goto out;
    if (cl.agent_no_len &&
        (rc = tz_normalize(a, cl.agent_no, cl.agent_no_len, false, &c.agent_no, NULL)))
        goto out;
    if ((rc = tz_policy_matcher(p, TZ_M_QA, &c.qa)))
        goto out;
    rc = check_call(&c, &cl, t, f);
out:
    if (rc == TOUSU_EUTF8 || rc == TOUSU_ETOOBIG) {
        tousu_qa_result e;
        memset(&e, 0, sizeof e);
        e.struct_size = sizeof e;
        e.err_turn = r.err_turn;
        e.err_offset = r.err_offset;
        tz_copy_out(out, out_size, &e, sizeof e);
    } else if (rc == TOUSU_OK) {
        tz_copy_out(out, out_size, &r, sizeof r);
    }
    tz_norm_free(a, &c.agent_no);
    tz_norm_free(a, &c.scratch);
    tz_hitbuf_free(&c.hits);
    tz_free(a, t);
    tz_free(a, f);
    return rc;
}
