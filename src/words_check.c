/*
 * words_check.c - validation of a whole table set before it is put in force
 * (R-SCR-10, R-POL-2: a malformed table gets an error naming the entry, and
 * the tables in force stay as they were). Checks: UTF-8, keys, unique ids
 * and keys, known placeholders, patterns that normalise to something and
 * are not duplicates of one another, references between situations and
 * steps, flows, nodes and answers, and value ranges.
 */
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool key_ok(const char *k)
{
    size_t n = strlen(k);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = k[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
            return false;
    }
    return true;
}

static int utf8_ok(const char *s, const char *what, tz_error *e)
{
    size_t n = strlen(s);
    size_t bad = tz_utf8_check(s, n);
    if (bad != n)
        return tz_fail(e, TOUSU_EUTF8, "%s: malformed UTF-8 at byte %zu", what, bad);
    return TOUSU_OK;
}

/* Every string of every entry is UTF-8. */
static int check_strings(const tz_words *w, tz_error *e)
{
    static const char *const names[TZ_T_COUNT] = {"situation", "step", "phrase", "signal",
                                                  "qa word",   "flow", "node",   "answer"};
    for (int t = 0; t < TZ_T_COUNT; t++) {
        for (size_t i = 0; i < tz_words_count(w, t); i++) {
            char what[48];
            snprintf(what, sizeof what, "%s %zu", names[t], i + 1);
            int rc = TOUSU_OK;
            switch (t) {
            case TZ_T_SITUATIONS: {
                const tz_situation *s = &w->situations[i];
                rc = utf8_ok(s->title, what, e) ? TOUSU_EUTF8 : utf8_ok(s->rule, what, e);
                break;
            }
            case TZ_T_STEPS: {
                const tz_step *s = &w->steps[i];
                if (utf8_ok(s->when, what, e) || utf8_ok(s->say, what, e) ||
                    utf8_ok(s->note, what, e))
                    rc = TOUSU_EUTF8;
                break;
            }
            case TZ_T_PHRASES: {
                const tz_phrase *s = &w->phrases[i];
                if (utf8_ok(s->text, what, e) || utf8_ok(s->rewrite, what, e) ||
                    utf8_ok(s->variant_of, what, e))
                    rc = TOUSU_EUTF8;
                break;
            }
            case TZ_T_SIGNALS: rc = utf8_ok(w->signals[i].text, what, e); break;
            case TZ_T_QAWORDS: rc = utf8_ok(w->qawords[i].text, what, e); break;
            case TZ_T_FLOWS: {
                const tz_flow *s = &w->flows[i];
                rc = utf8_ok(s->title, what, e) ? TOUSU_EUTF8 : utf8_ok(s->rule, what, e);
                break;
            }
            case TZ_T_NODES: {
                const tz_fnode *s = &w->nodes[i];
                if (utf8_ok(s->question, what, e) || utf8_ok(s->say, what, e) ||
                    utf8_ok(s->note, what, e))
                    rc = TOUSU_EUTF8;
                break;
            }
            default: rc = utf8_ok(w->answers[i].label, what, e); break;
            }
            if (rc)
                return rc;
        }
    }
    return TOUSU_OK;
}

static int check_situations(const tz_words *w, tz_error *e)
{
    for (size_t i = 0; i < w->n_situations; i++) {
        const tz_situation *s = &w->situations[i];
        if (s->id <= 0 || !key_ok(s->key))
            return tz_fail(e, TOUSU_ERANGE, "situation %d \"%.40s\": bad id or key", s->id, s->key);
        for (size_t j = 0; j < i; j++)
            if (w->situations[j].id == s->id || strcmp(w->situations[j].key, s->key) == 0)
                return tz_fail(e, TOUSU_EDUPLICATE, "situation %s: id %d or key repeated", s->key,
                               s->id);
    }
    for (size_t i = 0; i < w->n_steps; i++) {
        const tz_step *s = &w->steps[i];
        const tz_situation *sit = tz_find_situation(w, s->situation);
        if (!sit)
            return tz_fail(e, TOUSU_ENOTFOUND, "step %d of situation %d: no such situation",
                           s->step, s->situation);
        if (s->step <= 0 || s->pause_ms < 0 || s->hangup_ms < 0 || s->limit_ms < 0 ||
            (s->flags & ~UINT32_C(0x3f)))
            return tz_fail(e, TOUSU_ERANGE, "step %s/%d: bad number or flag", sit->key, s->step);
        if (tz_find_step(w, s->situation, s->step) != s)
            return tz_fail(e, TOUSU_EDUPLICATE, "step %s/%d repeated", sit->key, s->step);
        tz_error te;
        if (tz_template_check(s->say, &te))
            return tz_fail(e, TOUSU_EPARSE, "step %s/%d: %s", sit->key, s->step, te.msg);
    }
    return TOUSU_OK;
}

static int check_flows(const tz_words *w, tz_error *e)
{
    for (size_t i = 0; i < w->n_flows; i++) {
        const tz_flow *f = &w->flows[i];
        if (f->id <= 0 || !key_ok(f->key))
            return tz_fail(e, TOUSU_ERANGE, "flow %d \"%.40s\": bad id or key", f->id, f->key);
        for (size_t j = 0; j < i; j++)
            if (w->flows[j].id == f->id || strcmp(w->flows[j].key, f->key) == 0)
                return tz_fail(e, TOUSU_EDUPLICATE, "flow %s: id %d or key repeated", f->key,
                               f->id);
        if (!tz_find_node(w, f->id, f->start))
            return tz_fail(e, TOUSU_ENOTFOUND, "flow %s: start node %d missing", f->key, f->start);
    }
    for (size_t i = 0; i < w->n_nodes; i++) {
        const tz_fnode *n = &w->nodes[i];
        const tz_flow *f = tz_find_flow(w, n->flow);
        if (!f)
            return tz_fail(e, TOUSU_ENOTFOUND, "node %d of flow %d: no such flow", n->node,
                           n->flow);
        if (n->node <= 0)
            return tz_fail(e, TOUSU_ERANGE, "node %s/%d: bad number", f->key, n->node);
        if (tz_find_node(w, n->flow, n->node) != n)
            return tz_fail(e, TOUSU_EDUPLICATE, "node %s/%d repeated", f->key, n->node);
        tz_error te;
        if (tz_template_check(n->say, &te))
            return tz_fail(e, TOUSU_EPARSE, "node %s/%d: %s", f->key, n->node, te.msg);
    }
    for (size_t i = 0; i < w->n_answers; i++) {
        const tz_fanswer *a = &w->answers[i];
        const tz_flow *f = tz_find_flow(w, a->flow);
        if (!f || !tz_find_node(w, a->flow, a->node))
            return tz_fail(e, TOUSU_ENOTFOUND, "answer \"%.40s\": node %d of flow %d missing",
                           a->label, a->node, a->flow);
        int32_t tf = a->next_flow ? a->next_flow : a->flow;
        if (a->next_node < 0 || (a->next_flow && !tz_find_flow(w, tf)) ||
            (a->next_node && !tz_find_node(w, tf, a->next_node)))
            return tz_fail(e, TOUSU_ENOTFOUND, "answer %s/%d \"%.40s\": leads to a missing node",
                           f->key, a->node, a->label);
    }
    return TOUSU_OK;
}

/* ---------- patterns ---------- */

typedef struct keyed {
    uint64_t hash;
    size_t index;
} keyed;

static int cmp_keyed(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

static uint64_t hash_norm(const tz_norm *n, int32_t extra)
{
    uint64_t h = UINT64_C(1469598103934665603) ^ (uint64_t)(uint32_t)extra;
    for (size_t i = 0; i < n->n; i++) {
        h ^= n->sym[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static bool same_norm(const tz_alloc *a, const char *x, const char *y)
{
    tz_norm p = {0}, q = {0};
    bool same = false;
    if (!tz_normalize(a, x, strlen(x), false, &p, NULL) &&
        !tz_normalize(a, y, strlen(y), false, &q, NULL))
        same = p.n == q.n && memcmp(p.sym, q.sym, p.n * sizeof *p.sym) == 0;
    tz_norm_free(a, &p);
    tz_norm_free(a, &q);
    return same;
}

/* Every pattern normalises to 1..1024 symbols, and no two (with the same
 * `scope`) normalise alike. texts[i] are the patterns. */
static int check_patterns(const tz_alloc *a, const char *what, const char *const *texts,
                          const int32_t *scope, size_t n, tz_error *e)
{
    keyed *k = tz_malloc(a, (n ? n : 1) * sizeof *k);
    if (!k)
        return TOUSU_ENOMEM;
    tz_norm nm = {0};
    int rc = TOUSU_OK;
    for (size_t i = 0; i < n && rc == TOUSU_OK; i++) {
        if (tz_normalize(a, texts[i], strlen(texts[i]), false, &nm, NULL))
            rc = tz_fail(e, TOUSU_EUTF8, "%s \"%.40s\": malformed UTF-8", what, texts[i]);
        else if (nm.n == 0 || nm.n > 1024)
            rc = tz_fail(e, TOUSU_ERANGE, "%s \"%.40s\": %s after normalisation", what, texts[i],
                         nm.n ? "too long" : "empty");
        k[i].hash = hash_norm(&nm, scope ? scope[i] : 0);
        k[i].index = i;
    }
    tz_norm_free(a, &nm);
    if (rc == TOUSU_OK) {
        qsort(k, n, sizeof *k, cmp_keyed);
        for (size_t i = 1; i < n && rc == TOUSU_OK; i++) {
            size_t x = k[i - 1].index, y = k[i].index;
            if (k[i].hash == k[i - 1].hash && (!scope || scope[x] == scope[y]) &&
                same_norm(a, texts[x], texts[y]))
                rc = tz_fail(e, TOUSU_EDUPLICATE, "%s \"%.40s\" is the same as \"%.40s\"", what,
                             texts[y], texts[x]);
        }
    }
    tz_free(a, k);
    return rc;
}

static int check_phrases(const tz_alloc *a, const tz_words *w, tz_error *e)
{
    for (size_t i = 0; i < w->n_phrases; i++) {
        const tz_phrase *p = &w->phrases[i];
        if (p->family <= 0 || p->family >= TOUSU_FAM_COUNT_ || (p->flags & ~3u))
            return tz_fail(e, TOUSU_ERANGE, "phrase \"%.40s\": bad family or flag", p->text);
        if (p->variant_of[0]) {
            size_t j = 0;
            while (j < w->n_phrases &&
                   (strcmp(w->phrases[j].text, p->variant_of) != 0 || w->phrases[j].variant_of[0]))
                j++;
            if (j == w->n_phrases)
                return tz_fail(e, TOUSU_ENOTFOUND,
                               "phrase \"%.40s\": variant of \"%.40s\", which is no main phrase",
                               p->text, p->variant_of);
        }
    }
    const char **t = tz_malloc(a, (w->n_phrases ? w->n_phrases : 1) * sizeof *t);
    if (!t)
        return TOUSU_ENOMEM;
    for (size_t i = 0; i < w->n_phrases; i++)
        t[i] = w->phrases[i].text;
    int rc = check_patterns(a, "phrase", t, NULL, w->n_phrases, e);
    tz_free(a, (void *)t);
    return rc;
}

static int check_signals_qa(const tz_alloc *a, const tz_words *w, tz_error *e)
{
    size_t n = w->n_signals > w->n_qawords ? w->n_signals : w->n_qawords;
    const char **t = tz_malloc(a, (n ? n : 1) * sizeof *t);
    int32_t *scope = tz_malloc(a, (n ? n : 1) * sizeof *scope);
    int rc = TOUSU_ENOMEM;
    if (!t || !scope)
        goto out;
    const uint32_t kinds = (1u << TOUSU_KIND_COUNT_) - 1;
    for (size_t i = 0; i < w->n_signals; i++) {
        const tz_signal *s = &w->signals[i];
        if (s->group <= 0 || s->group >= TOUSU_SIG_COUNT_ || (s->kinds & ~kinds) ||
            (s->flags & ~3u)) {
            rc = tz_fail(e, TOUSU_ERANGE, "signal \"%.40s\": bad group, kinds or flag", s->text);
            goto out;
        }
        t[i] = s->text;
    }
    if ((rc = check_patterns(a, "signal", t, NULL, w->n_signals, e)))
        goto out;
    for (size_t i = 0; i < w->n_qawords; i++) {
        const tz_qaword *q = &w->qawords[i];
        if (q->list <= 0 || q->list >= TZ_QL_COUNT || q->tag < 0 || q->tag >= TZ_POLITE_TAGS ||
            (q->flags & ~3u)) {
            rc = tz_fail(e, TOUSU_ERANGE, "qa word \"%.40s\": bad list, tag or flag", q->text);
            goto out;
        }
        t[i] = q->text;
        scope[i] = q->list;
    }
    rc = check_patterns(a, "qa word", t, scope, w->n_qawords, e);
out:
    tz_free(a, (void *)t);
    tz_free(a, scope);
    return rc;
}

int tz_words_validate(const tz_words *w, tz_error *e)
{
    tz_alloc a;
    tz_alloc_default(&a);
    int rc = check_strings(w, e);
    if (!rc)
        rc = check_situations(w, e);
    if (!rc)
        rc = check_flows(w, e);
    if (!rc)
        rc = check_phrases(&a, w, e);
    if (!rc)
        rc = check_signals_qa(&a, w, e);
    if (rc == TOUSU_ENOMEM)
        tz_fail(e, rc, "out of memory checking the tables");
    return rc;
}
