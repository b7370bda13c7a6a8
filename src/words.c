/*
 * words.c - the table sets of "what the agent says" and their place in a
 * policy: the built-in view, owned copies, validation, the matchers a
 * policy keeps, and the host's tousu_words handle (R-SCR-10 "the host can
 * replace or extend every table without rebuilding", R-POL-1).
 *
 * A policy starts with the built-in tables (static arrays, never copied)
 * and builds its three matchers once at creation. tousu_policy_set_words
 * checks and copies a host set, builds new matchers aside and swaps them in
 * only when everything succeeded, so the tables in force never change
 * half-way. The text loader is words_load.c.
 */
#include "words.h"

#include <stdlib.h>
#include <string.h>

/* ---------- generic access to the eight tables ---------- */

typedef struct tab_desc {
    size_t ptr, cnt; /* offsets of the array and its count in tz_words */
    size_t size;     /* entry size */
    size_t nstr;
    size_t str[5]; /* offsets of the string fields of an entry */
} tab_desc;

#define W(f) offsetof(tz_words, f)
static const tab_desc tabs[TZ_T_COUNT] = {
    {W(situations),
     W(n_situations),
     sizeof(tz_situation),
     3,
     {offsetof(tz_situation, key), offsetof(tz_situation, title), offsetof(tz_situation, rule)}},
    {W(steps),
     W(n_steps),
     sizeof(tz_step),
     3,
     {offsetof(tz_step, when), offsetof(tz_step, say), offsetof(tz_step, note)}},
    {W(phrases),
     W(n_phrases),
     sizeof(tz_phrase),
     3,
     {offsetof(tz_phrase, text), offsetof(tz_phrase, rewrite), offsetof(tz_phrase, variant_of)}},
    {W(signals), W(n_signals), sizeof(tz_signal), 1, {offsetof(tz_signal, text)}},
    {W(qawords), W(n_qawords), sizeof(tz_qaword), 1, {offsetof(tz_qaword, text)}},
    {W(flows),
     W(n_flows),
     sizeof(tz_flow),
     3,
     {offsetof(tz_flow, key), offsetof(tz_flow, title), offsetof(tz_flow, rule)}},
    {W(nodes),
     W(n_nodes),
     sizeof(tz_fnode),
     3,
     {offsetof(tz_fnode, question), offsetof(tz_fnode, say), offsetof(tz_fnode, note)}},
    {W(answers), W(n_answers), sizeof(tz_fanswer), 1, {offsetof(tz_fanswer, label)}},
};

static char *arr_get(const tz_words *w, int t)
{
    char *p;
    memcpy(&p, (const char *)w + tabs[t].ptr, sizeof p);
    return p;
}

static void arr_set(tz_words *w, int t, void *p)
{
    memcpy((char *)w + tabs[t].ptr, &p, sizeof p);
}

size_t tz_words_count(const tz_words *w, int t)
{
    size_t n;
    memcpy(&n, (const char *)w + tabs[t].cnt, sizeof n);
    return n;
}

static void count_set(tz_words *w, int t, size_t n)
{
    memcpy((char *)w + tabs[t].cnt, &n, sizeof n);
}

const void *tz_words_entry(const tz_words *w, int t, size_t i)
{
    return arr_get(w, t) + i * tabs[t].size;
}

static const char *str_get(const void *entry, size_t off)
{
    const char *s;
    memcpy(&s, (const char *)entry + off, sizeof s);
    return s;
}

static void str_set(void *entry, size_t off, const char *s)
{
    memcpy((char *)entry + off, &s, sizeof s);
}

static char *dup_str(const tz_alloc *a, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *d = tz_malloc(a, n + 1);
    if (d) {
        if (n)
            memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static void free_strings(const tz_alloc *a, int t, void *entry)
{
    for (size_t k = 0; k < tabs[t].nstr; k++)
        tz_free(a, (void *)(uintptr_t)str_get(entry, tabs[t].str[k]));
}

/* Copy an entry into dst with fresh copies of its strings. */
static int copy_entry(const tz_alloc *a, int t, void *dst, const void *src)
{
    memcpy(dst, src, tabs[t].size);
    for (size_t k = 0; k < tabs[t].nstr; k++) {
        char *s = dup_str(a, str_get(src, tabs[t].str[k]));
        if (!s) {
            for (size_t j = 0; j < k; j++)
                tz_free(a, (void *)(uintptr_t)str_get(dst, tabs[t].str[j]));
            return TOUSU_ENOMEM;
        }
        str_set(dst, tabs[t].str[k], s);
    }
    return TOUSU_OK;
}

void tz_words_remove_all(const tz_alloc *a, tz_words *w, int t)
{
    char *arr = arr_get(w, t);
    for (size_t i = 0; i < tz_words_count(w, t); i++)
        free_strings(a, t, arr + i * tabs[t].size);
    count_set(w, t, 0);
}

void tz_words_release(const tz_alloc *a, tz_words *w)
{
    for (int t = 0; t < TZ_T_COUNT; t++) {
        tz_words_remove_all(a, w, t);
        tz_free(a, arr_get(w, t));
    }
    memset(w, 0, sizeof *w);
}

/* tz_words_put builds a replacement entry in a 128-byte scratch buffer. */
_Static_assert(sizeof(tz_situation) <= 128 && sizeof(tz_step) <= 128 && sizeof(tz_phrase) <= 128 &&
                   sizeof(tz_signal) <= 128 && sizeof(tz_qaword) <= 128 && sizeof(tz_flow) <= 128 &&
                   sizeof(tz_fnode) <= 128 && sizeof(tz_fanswer) <= 128,
               "table entries fit the scratch buffer");

int tz_words_put(const tz_alloc *a, tz_words *w, int t, size_t i, const void *entry)
{
    size_t n = tz_words_count(w, t), sz = tabs[t].size;
    char *arr = arr_get(w, t);
    if (i < n) { /* replace */
        unsigned char tmp[128];
        if (copy_entry(a, t, tmp, entry))
            return TOUSU_ENOMEM;
        free_strings(a, t, arr + i * sz);
        memcpy(arr + i * sz, tmp, sz);
        return TOUSU_OK;
    }
    if (n == w->cap[t]) {
        size_t cap = w->cap[t] ? w->cap[t] * 2 : 16;
        char *g = tz_realloc(a, arr, w->cap[t] * sz, cap * sz);
        if (!g)
            return TOUSU_ENOMEM;
        arr = g;
        arr_set(w, t, g);
        w->cap[t] = cap;
    }
    if (copy_entry(a, t, arr + n * sz, entry))
        return TOUSU_ENOMEM;
    count_set(w, t, n + 1);
    return TOUSU_OK;
}

int tz_words_copy(const tz_alloc *a, const tz_words *src, tz_words *dst)
{
    memset(dst, 0, sizeof *dst);
    for (int t = 0; t < TZ_T_COUNT; t++) {
        size_t n = tz_words_count(src, t);
        for (size_t i = 0; i < n; i++) {
            if (tz_words_put(a, dst, t, i, tz_words_entry(src, t, i))) {
                tz_words_release(a, dst);
                return TOUSU_ENOMEM;
            }
        }
    }
    return TOUSU_OK;
}

/* ---------- the built-in view and lookups ---------- */

void tz_words_builtin(tz_words *out)
{
    memset(out, 0, sizeof *out);
    out->situations = tz_zh_situations;
    out->n_situations = tz_zh_n_situations;
    out->steps = tz_zh_steps;
    out->n_steps = tz_zh_n_steps;
    out->phrases = tz_zh_phrases;
    out->n_phrases = tz_zh_n_phrases;
    out->signals = tz_zh_signals;
    out->n_signals = tz_zh_n_signals;
    out->qawords = tz_zh_qawords;
    out->n_qawords = tz_zh_n_qawords;
    out->flows = tz_zh_flows;
    out->n_flows = tz_zh_n_flows;
    out->nodes = tz_zh_nodes;
    out->n_nodes = tz_zh_n_nodes;
    out->answers = tz_zh_answers;
    out->n_answers = tz_zh_n_answers;
}

const tz_words *tz_policy_words(const tousu_policy *p, tz_words *scratch)
{
    if (p && p->words_own)
        return p->words_own;
    tz_words_builtin(scratch);
    return scratch;
}

const tz_step *tz_find_step(const tz_words *w, int32_t situation, int32_t step)
{
    for (size_t i = 0; i < w->n_steps; i++)
        if (w->steps[i].situation == situation && w->steps[i].step == step)
            return &w->steps[i];
    return NULL;
}

const tz_situation *tz_find_situation(const tz_words *w, int32_t id)
{
    for (size_t i = 0; i < w->n_situations; i++)
        if (w->situations[i].id == id)
            return &w->situations[i];
    return NULL;
}

const tz_flow *tz_find_flow(const tz_words *w, int32_t id)
{
    for (size_t i = 0; i < w->n_flows; i++)
        if (w->flows[i].id == id)
            return &w->flows[i];
    return NULL;
}

const tz_fnode *tz_find_node(const tz_words *w, int32_t flow, int32_t node)
{
    for (size_t i = 0; i < w->n_nodes; i++)
        if (w->nodes[i].flow == flow && w->nodes[i].node == node)
            return &w->nodes[i];
    return NULL;
}

/* ---------- matchers of a policy ---------- */

/* The text of a hang-up line: the step's script up to its first
 * placeholder (R-QA-3 recognises the line the agent hung up after). */
static size_t hangup_len(const tz_step *s)
{
    const char *b = strchr(s->say, '{');
    return b ? (size_t)(b - s->say) : strlen(s->say);
}

static bool is_hangup_line(const tz_step *s)
{
    return (s->flags & TOUSU_STEP_HANG_UP) && hangup_len(s) > 0;
}

const tz_step *tz_qa_hangup_step(const tz_words *w, size_t k)
{
    for (size_t i = 0; i < w->n_steps; i++)
        if (is_hangup_line(&w->steps[i]) && k-- == 0)
            return &w->steps[i];
    return NULL;
}

typedef struct pat_list {
    const char **text;
    size_t *len;
    uint32_t *flags;
    int32_t *group;
    size_t n;
} pat_list;

static int pat_list_alloc(const tz_alloc *a, pat_list *l, size_t n)
{
    memset(l, 0, sizeof *l);
    size_t k = n ? n : 1;
    l->text = tz_malloc(a, k * sizeof *l->text);
    l->len = tz_malloc(a, k * sizeof *l->len);
    l->flags = tz_malloc(a, k * sizeof *l->flags);
    l->group = tz_malloc(a, k * sizeof *l->group);
    return l->text && l->len && l->flags && l->group ? TOUSU_OK : TOUSU_ENOMEM;
}

static void pat_list_free(const tz_alloc *a, pat_list *l)
{
    tz_free(a, (void *)l->text);
    tz_free(a, l->len);
    tz_free(a, l->flags);
    tz_free(a, l->group);
}

static void pat_add(pat_list *l, const char *s, size_t len, uint32_t flags, int32_t group)
{
    l->text[l->n] = s;
    l->len[l->n] = len;
    l->flags[l->n] = flags;
    l->group[l->n] = group;
    l->n++;
}

static int fill_patterns(const tz_alloc *a, const tz_words *w, int which, pat_list *l)
{
    size_t n = 0;
    if (which == TZ_M_PHRASES)
        n = w->n_phrases;
    else if (which == TZ_M_SIGNALS)
        n = w->n_signals;
    else {
        n = w->n_qawords;
        for (size_t i = 0; i < w->n_steps; i++)
            n += is_hangup_line(&w->steps[i]);
    }
    if (pat_list_alloc(a, l, n))
        return TOUSU_ENOMEM;
    if (which == TZ_M_PHRASES) {
        for (size_t i = 0; i < w->n_phrases; i++) {
            const tz_phrase *ph = &w->phrases[i];
            pat_add(l, ph->text, strlen(ph->text), ph->flags, ph->family);
        }
    } else if (which == TZ_M_SIGNALS) {
        for (size_t i = 0; i < w->n_signals; i++) {
            const tz_signal *sg = &w->signals[i];
            pat_add(l, sg->text, strlen(sg->text), sg->flags, sg->group);
        }
    } else {
        for (size_t i = 0; i < w->n_qawords; i++) {
            const tz_qaword *q = &w->qawords[i];
            pat_add(l, q->text, strlen(q->text), q->flags, q->list);
        }
        for (size_t i = 0; i < w->n_steps; i++)
            if (is_hangup_line(&w->steps[i]))
                pat_add(l, w->steps[i].say, hangup_len(&w->steps[i]), 0, TZ_QL_HANGUP);
    }
    return TOUSU_OK;
}

/* Build matcher `which` of a table set; *out NULL when the table is empty. */
static int build_matcher(const tz_alloc *a, const tz_words *w, int which, tousu_matcher **out,
                         tz_error *e)
{
    *out = NULL;
    pat_list l;
    int rc = fill_patterns(a, w, which, &l);
    if (rc == TOUSU_OK && l.n > 0) {
        size_t bad;
        rc = tz_matcher_build(a, l.text, l.len, l.flags, l.group, l.n, out, &bad, e);
    }
    pat_list_free(a, &l);
    return rc;
}

int tz_policy_matcher(const tousu_policy *p, int which, const tousu_matcher **out)
{
    tousu_policy *mp = (tousu_policy *)(uintptr_t)p;
    tousu_matcher *m = __atomic_load_n(&mp->matchers[which], __ATOMIC_ACQUIRE);
    if (m) {
        *out = m;
        return TOUSU_OK;
    }
    /* Not built yet (or the table is empty): build now; if another thread
     * wins the race, use its matcher. */
    tz_words scratch;
    tz_error e;
    tousu_matcher *built = NULL;
    int rc = build_matcher(&p->alloc, tz_policy_words(p, &scratch), which, &built, &e);
    *out = NULL;
    if (rc)
        return rc;
    if (!built)
        return TOUSU_OK;
    tousu_matcher *expected = NULL;
    if (!__atomic_compare_exchange_n(&mp->matchers[which], &expected, built, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        tousu_matcher_free(built);
        built = expected;
    }
    *out = built;
    return TOUSU_OK;
}

void tz_words_policy_init(tousu_policy *p)
{
    p->words_own = NULL;
    tz_qa_defaults(p->qa_param);
    /* The matchers are built on first use (tz_policy_matcher), so making a
     * policy stays cheap: loading a policy file or a fuzzing loop does not
     * pay ~0.4 ms for tables it never scans. */
    for (int k = 0; k < TZ_M_COUNT; k++)
        p->matchers[k] = NULL;
}

void tz_words_policy_free(tousu_policy *p)
{
    for (int k = 0; k < TZ_M_COUNT; k++) {
        tousu_matcher_free(p->matchers[k]);
        p->matchers[k] = NULL;
    }
    if (p->words_own) {
        tz_words_release(&p->alloc, p->words_own);
        tz_free(&p->alloc, p->words_own);
        p->words_own = NULL;
    }
}

int tousu_policy_matcher(const tousu_policy *p, int32_t which, const tousu_matcher **out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    *out = NULL;
    if (which != TOUSU_MATCHER_PHRASES && which != TOUSU_MATCHER_SIGNALS)
        return TOUSU_ERANGE;
    int rc =
        tz_policy_matcher(p, which == TOUSU_MATCHER_PHRASES ? TZ_M_PHRASES : TZ_M_SIGNALS, out);
    if (rc == TOUSU_OK && !*out)
        return TOUSU_ENODATA;
    return rc;
}

/* ---------- the host's table set ---------- */

struct tousu_words {
    tz_alloc alloc;
    tz_error err;
    tz_words t;
};

tz_words *tz_words_tables(tousu_words *w)
{
    return &w->t;
}

tz_error *tz_words_error(tousu_words *w)
{
    return &w->err;
}

const tz_alloc *tz_words_alloc(const tousu_words *w)
{
    return &w->alloc;
}

int tousu_words_new(tousu_words **out, const tousu_policy *from)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    tz_alloc a;
    tz_alloc_default(&a);
    tousu_words *w = tz_calloc(&a, 1, sizeof *w);
    if (!w)
        return TOUSU_ENOMEM;
    w->alloc = a;
    tz_words scratch;
    if (tz_words_copy(&a, tz_policy_words(from, &scratch), &w->t)) {
        tz_free(&a, w);
        return TOUSU_ENOMEM;
    }
    *out = w;
    return TOUSU_OK;
}

void tousu_words_free(tousu_words *w)
{
    if (!w)
        return;
    tz_alloc a = w->alloc;
    tz_words_release(&a, &w->t);
    tz_free(&a, w);
}

int tousu_words_clear(tousu_words *w, uint32_t tables)
{
    if (!w || (tables & ~(uint32_t)TOUSU_TAB_ALL))
        return TOUSU_EINVAL;
    static const struct {
        uint32_t bit;
        int t;
    } map[] = {
        {TOUSU_TAB_SCRIPTS, TZ_T_SITUATIONS}, {TOUSU_TAB_SCRIPTS, TZ_T_STEPS},
        {TOUSU_TAB_FLOWS, TZ_T_FLOWS},        {TOUSU_TAB_FLOWS, TZ_T_NODES},
        {TOUSU_TAB_FLOWS, TZ_T_ANSWERS},      {TOUSU_TAB_PHRASES, TZ_T_PHRASES},
        {TOUSU_TAB_SIGNALS, TZ_T_SIGNALS},    {TOUSU_TAB_QA, TZ_T_QAWORDS},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (tables & map[i].bit)
            tz_words_remove_all(&w->alloc, &w->t, map[i].t);
    tz_ok(&w->err);
    return TOUSU_OK;
}

const char *tousu_words_errmsg(const tousu_words *w)
{
    return w ? w->err.msg : "no table set";
}

int tousu_policy_set_words(tousu_policy *p, const tousu_words *w)
{
    if (!p || !w)
        return TOUSU_EINVAL;
    if (__atomic_load_n(&p->frozen, __ATOMIC_ACQUIRE))
        return TOUSU_ESTATE;
    tz_error e;
    int rc = tz_words_validate(&w->t, &e);
    if (rc)
        return rc;
    tz_words *own = tz_calloc(&p->alloc, 1, sizeof *own);
    if (!own)
        return TOUSU_ENOMEM;
    tousu_matcher *m[TZ_M_COUNT] = {NULL};
    rc = tz_words_copy(&p->alloc, &w->t, own);
    for (int k = 0; rc == TOUSU_OK && k < TZ_M_COUNT; k++)
        rc = build_matcher(&p->alloc, own, k, &m[k], &e);
    if (rc) {
        for (int k = 0; k < TZ_M_COUNT; k++)
            tousu_matcher_free(m[k]);
        tz_words_release(&p->alloc, own);
        tz_free(&p->alloc, own);
        return rc;
    }
    tz_words_policy_free(p); /* the old tables and matchers */
    p->words_own = own;
    for (int k = 0; k < TZ_M_COUNT; k++)
        p->matchers[k] = m[k];
    return TOUSU_OK;
}
