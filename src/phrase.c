/*
 * phrase.c - the multi-pattern matcher (R-SCR-7 forbidden phrases, R-CLS-12
 * free-text signals, R-QA word lists).
 *
 * An Aho-Corasick automaton made into a dense DFA over character classes.
 * The text is folded on the fly (no normalised copy is made): a two-level
 * table maps each code point straight to its class, where every character
 * that appears in no pattern shares class 0, classes 1..10 are the digits,
 * 11 the break that stands for ignored characters between two digits, and
 * the last class is "ignored" (space, punctuation, see normalize.c).
 *
 * The scan loop has no data-dependent branch per character (measured: the
 * branches on "ignored or not" cost more than the table walk on CJK text):
 * an ignored character is an ordinary column whose transition stays in the
 * same state, or, after a digit, goes to a shadow state whose digit
 * transitions pass through the break first, so digits are never joined
 * across punctuation. Each transition holds the next state's row offset and
 * the states that report matches are numbered last, so one comparison per
 * character tells whether anything ended. Three-byte characters (CJK) take
 * a straight-line decode. A match's start is found by walking back over its
 * characters from its end (matches are rare, characters are not), and the
 * boundary rules (whole clause, whole number) are checked on the original
 * text only then.
 */
#include "words.h"

#include <stdlib.h>
#include <string.h>

enum {
    CLS_OTHER = 0,
    CLS_DIGIT0 = 1, /* '0'..'9' are 1..10 */
    CLS_BREAK = 11,
    CLS_FIRST_FREE = 12,
    MAX_CLASSES = 0xFFFF,
    MAX_PATTERN_SYMS = 1024,
    NPAGES_INDEX = 0x1100 /* code point >> 8 */
};

#define MAX_CELLS (UINT32_C(1) << 24)
#define NONE      UINT32_MAX

/* internal pattern flags beside TOUSU_PAT_* */
#define PF_DIGIT_START (1u << 8)
#define PF_DIGIT_END   (1u << 9)

struct tousu_matcher {
    tz_alloc alloc;
    uint32_t nclass;
    uint32_t nstates;  /* trie states and their shadows */
    uint32_t cls_ign;  /* the "ignored" class: the last column */
    uint32_t out_from; /* row offset of the first state that reports */
    uint32_t *delta;   /* nstates * nclass row offsets */
    uint16_t *delta16; /* the same in 16 bits when every offset fits (smaller
                          table, fewer cache misses), else NULL */
    uint16_t ascii[128];
    uint16_t page_of[NPAGES_INDEX];
    uint16_t *pages; /* npages * 256 classes; page 0 is all CLS_OTHER */
    uint32_t npages;
    uint32_t *out_first; /* nstates + 1: CSR of the patterns ending at a state */
    uint32_t *out_pat;
    uint32_t *dict; /* nearest suffix state with own patterns, or NONE */
    size_t npat;
    uint32_t *pat_len; /* in characters (breaks not counted) */
    uint32_t *pat_flags;
    int32_t *pat_group;
};

/* ---------- building ---------- */

typedef struct build {
    const tz_alloc *a;
    tz_error *e;
    size_t n;
    uint32_t *syms; /* all patterns' symbols, then their classes */
    size_t *first;  /* n + 1 offsets into syms */
    uint32_t *cps;  /* sorted distinct free symbols; class = CLS_FIRST_FREE + index */
    size_t ncps;
    uint32_t *fail;
    uint32_t *term;   /* the trie state each pattern ends in */
    uint32_t *last;   /* the class of the edge into each trie state */
    uint32_t ntrie;   /* trie states; shadows follow */
    uint32_t nshadow; /* trie states entered by a digit */
} build;

static void build_free(build *b)
{
    tz_free(b->a, b->syms);
    tz_free(b->a, b->first);
    tz_free(b->a, b->cps);
    tz_free(b->a, b->fail);
    tz_free(b->a, b->term);
    tz_free(b->a, b->last);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Normalise every pattern into b->syms. */
static int normalise_patterns(build *b, tousu_matcher *m, const char *const *pats,
                              const size_t *lens, const uint32_t *flags, size_t *bad)
{
    tz_norm nm = {0};
    size_t total = 0, cap = 0;
    int rc = TOUSU_OK;
    b->first = tz_calloc(b->a, b->n + 1, sizeof *b->first);
    if (!b->first)
        return TOUSU_ENOMEM;
    for (size_t i = 0; i < b->n; i++) {
        *bad = i;
        if (!pats[i] || memchr(pats[i], '\0', lens[i])) {
            rc = tz_fail(b->e, TOUSU_EINVAL, "pattern %zu: NULL or NUL byte", i);
            break;
        }
        size_t off = 0;
        rc = tz_normalize(b->a, pats[i], lens[i], false, &nm, &off);
        if (rc) {
            tz_fail(b->e, rc, "pattern %zu: malformed UTF-8 at byte %zu", i, off);
            break;
        }
        if (nm.n == 0 || nm.n > MAX_PATTERN_SYMS) {
            rc = tz_fail(b->e, TOUSU_ERANGE, "pattern %zu: %s after normalisation", i,
                         nm.n ? "longer than 1024 characters" : "empty");
            break;
        }
        if (total + nm.n > MAX_CELLS) { /* no automaton of this size fits anyway */
            rc = tz_fail(b->e, TOUSU_ETOOBIG, "patterns longer than %u characters in all",
                         (unsigned)MAX_CELLS);
            break;
        }
        if (total + nm.n > cap) {
            size_t nc = (total + nm.n) * 2;
            uint32_t *g = tz_realloc(b->a, b->syms, cap * sizeof *g, nc * sizeof *g);
            if (!g) {
                rc = TOUSU_ENOMEM;
                break;
            }
            b->syms = g;
            cap = nc;
        }
        memcpy(b->syms + total, nm.sym, nm.n * sizeof *nm.sym);
        total += nm.n;
        b->first[i + 1] = total;
        uint32_t f = flags ? (flags[i] & TOUSU_PAT_CLAUSE) : 0;
        if (tz_is_digit_sym(nm.sym[0]))
            f |= PF_DIGIT_START;
        if (tz_is_digit_sym(nm.sym[nm.n - 1]))
            f |= PF_DIGIT_END;
        m->pat_flags[i] = f;
        uint32_t chars = 0;
        for (size_t k = 0; k < nm.n; k++)
            chars += nm.sym[k] != TZ_SYM_BREAK;
        m->pat_len[i] = chars;
    }
    tz_norm_free(b->a, &nm);
    return rc;
}

static uint32_t class_of(const build *b, uint32_t sym)
{
    if (tz_is_digit_sym(sym))
        return CLS_DIGIT0 + (sym - '0');
    if (sym == TZ_SYM_BREAK)
        return CLS_BREAK;
    const uint32_t *f = bsearch(&sym, b->cps, b->ncps, sizeof *b->cps, cmp_u32);
    return f ? CLS_FIRST_FREE + (uint32_t)(f - b->cps) : CLS_OTHER;
}

/* Give every distinct symbol a class; rewrite syms as classes. */
static int assign_classes(build *b, tousu_matcher *m)
{
    size_t total = b->first[b->n];
    b->cps = tz_malloc(b->a, (total ? total : 1) * sizeof *b->cps);
    if (!b->cps)
        return TOUSU_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < total; i++)
        if (!tz_is_digit_sym(b->syms[i]) && b->syms[i] != TZ_SYM_BREAK)
            b->cps[k++] = b->syms[i];
    qsort(b->cps, k, sizeof *b->cps, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || b->cps[u - 1] != b->cps[i])
            b->cps[u++] = b->cps[i];
    b->ncps = u;
    if (CLS_FIRST_FREE + u + 1 > MAX_CLASSES)
        return tz_fail(b->e, TOUSU_ETOOBIG, "more than %d distinct characters",
                       MAX_CLASSES - CLS_FIRST_FREE - 1);
    m->nclass = (uint32_t)(CLS_FIRST_FREE + u + 1);
    m->cls_ign = m->nclass - 1;
    for (size_t i = 0; i < total; i++)
        b->syms[i] = class_of(b, b->syms[i]);
    return TOUSU_OK;
}

static int set_class(tousu_matcher *m, uint32_t cp, uint16_t cls)
{
    uint32_t hi = cp >> 8;
    if (m->page_of[hi] == 0) {
        uint16_t *p = tz_realloc(&m->alloc, m->pages, (size_t)m->npages * 256 * sizeof *p,
                                 (size_t)(m->npages + 1) * 256 * sizeof *p);
        if (!p)
            return TOUSU_ENOMEM;
        memset(p + (size_t)m->npages * 256, 0, 256 * sizeof *p);
        m->pages = p;
        m->page_of[hi] = (uint16_t)m->npages++;
    }
    m->pages[(size_t)m->page_of[hi] * 256 + (cp & 0xFF)] = cls;
    return TOUSU_OK;
}

/* The code point -> class tables: the folding, precomputed. */
static int build_class_tables(build *b, tousu_matcher *m)
{
    m->pages = tz_calloc(&m->alloc, 256, sizeof *m->pages); /* page 0: all other */
    if (!m->pages)
        return TOUSU_ENOMEM;
    m->npages = 1;
    uint32_t lo, hi;
    for (size_t r = 0; tz_fold_range(r, &lo, &hi); r++) {
        for (uint32_t cp = lo; cp <= hi; cp++) {
            uint32_t f = tz_fold(cp);
            uint32_t cls = f == TZ_CP_IGNORE ? m->cls_ign : class_of(b, f);
            if (cp < 0x80)
                m->ascii[cp] = (uint16_t)cls;
            else if (cls != CLS_OTHER && set_class(m, cp, (uint16_t)cls))
                return TOUSU_ENOMEM;
        }
    }
    for (size_t i = 0; i < b->ncps; i++)
        if (b->cps[i] >= 0x80 && set_class(m, b->cps[i], (uint16_t)(CLS_FIRST_FREE + i)))
            return TOUSU_ENOMEM;
    return TOUSU_OK;
}

typedef struct edge_slot {
    uint32_t parent, cls, child;
} edge_slot;

static size_t edge_hash(uint32_t parent, uint32_t cls, size_t mask)
{
    return (size_t)((parent * UINT32_C(0x9E3779B1)) ^ (cls * UINT32_C(0x85EBCA77))) & mask;
}

/* The trie as a hash of (parent, class) -> child: gives the state count
 * before the dense table is allocated. */
static int build_trie(build *b, tousu_matcher *m, edge_slot **out, size_t *out_mask)
{
    size_t total = b->first[b->n];
    size_t cap = 16;
    while (cap < 2 * total + 2)
        cap <<= 1;
    edge_slot *h = tz_malloc(b->a, cap * sizeof *h);
    b->term = tz_malloc(b->a, b->n * sizeof *b->term);
    b->last = tz_calloc(b->a, total + 1, sizeof *b->last);
    if (!h || !b->term || !b->last) {
        tz_free(b->a, h);
        return TOUSU_ENOMEM;
    }
    for (size_t i = 0; i < cap; i++)
        h[i].parent = NONE;
    uint32_t nstates = 1;
    for (size_t i = 0; i < b->n; i++) {
        uint32_t cur = 0;
        for (size_t k = b->first[i]; k < b->first[i + 1]; k++) {
            uint32_t c = b->syms[k];
            size_t j = edge_hash(cur, c, cap - 1);
            while (h[j].parent != NONE && (h[j].parent != cur || h[j].cls != c))
                j = (j + 1) & (cap - 1);
            if (h[j].parent == NONE) {
                h[j].parent = cur;
                h[j].cls = c;
                h[j].child = nstates;
                b->last[nstates++] = c;
                b->nshadow += c - CLS_DIGIT0 < 10u;
            }
            cur = h[j].child;
        }
        b->term[i] = cur;
    }
    b->ntrie = nstates;
    m->nstates = nstates + b->nshadow;
    *out = h;
    *out_mask = cap - 1;
    return TOUSU_OK;
}

/* Dense goto table and the per-state pattern lists. */
static int build_goto(build *b, tousu_matcher *m, const edge_slot *h, size_t mask)
{
    uint64_t cells = (uint64_t)m->nstates * m->nclass;
    if (cells > MAX_CELLS)
        return tz_fail(b->e, TOUSU_ETOOBIG, "automaton of %u states x %u classes is too large",
                       m->nstates, m->nclass);
    m->delta = tz_malloc(&m->alloc, (size_t)cells * sizeof *m->delta);
    m->out_first = tz_calloc(&m->alloc, (size_t)m->nstates + 1, sizeof *m->out_first);
    m->out_pat = tz_malloc(&m->alloc, b->n * sizeof *m->out_pat);
    if (!m->delta || !m->out_first || !m->out_pat)
        return TOUSU_ENOMEM;
    for (size_t i = 0; i < (size_t)cells; i++)
        m->delta[i] = NONE;
    for (size_t j = 0; j <= mask; j++)
        if (h[j].parent != NONE)
            m->delta[(size_t)h[j].parent * m->nclass + h[j].cls] = h[j].child;
    for (size_t i = 0; i < b->n; i++)
        m->out_first[b->term[i] + 1]++;
    for (uint32_t s = 0; s < m->nstates; s++)
        m->out_first[s + 1] += m->out_first[s];
    uint32_t *fill = tz_malloc(b->a, (size_t)m->nstates * sizeof *fill);
    if (!fill)
        return TOUSU_ENOMEM;
    memcpy(fill, m->out_first, (size_t)m->nstates * sizeof *fill);
    for (size_t i = 0; i < b->n; i++)
        m->out_pat[fill[b->term[i]]++] = (uint32_t)i;
    tz_free(b->a, fill);
    return TOUSU_OK;
}

static bool has_own(const tousu_matcher *m, uint32_t s)
{
    return m->out_first[s + 1] > m->out_first[s];
}

/* Failure links by breadth-first search; every missing transition is
 * filled from the failure state's row (a complete DFA). */
static int build_failure(build *b, tousu_matcher *m)
{
    uint32_t nc = m->nclass;
    b->fail = tz_malloc(b->a, (size_t)m->nstates * sizeof *b->fail);
    m->dict = tz_malloc(&m->alloc, (size_t)m->nstates * sizeof *m->dict);
    uint32_t *queue = tz_malloc(b->a, (size_t)m->nstates * sizeof *queue);
    if (!b->fail || !m->dict || !queue) {
        tz_free(b->a, queue);
        return TOUSU_ENOMEM;
    }
    size_t head = 0, tail = 0;
    b->fail[0] = 0;
    m->dict[0] = NONE;
    for (uint32_t c = 0; c < nc; c++) {
        uint32_t v = m->delta[c];
        if (v == NONE) {
            m->delta[c] = 0;
        } else {
            b->fail[v] = 0;
            m->dict[v] = NONE;
            queue[tail++] = v;
        }
    }
    while (head < tail) {
        uint32_t s = queue[head++];
        uint32_t *row = m->delta + (size_t)s * nc;
        const uint32_t *frow = m->delta + (size_t)b->fail[s] * nc;
        for (uint32_t c = 0; c < nc; c++) {
            uint32_t v = row[c];
            if (v == NONE) {
                row[c] = frow[c];
                continue;
            }
            uint32_t f = frow[c];
            b->fail[v] = f;
            m->dict[v] = has_own(m, f) ? f : m->dict[f];
            queue[tail++] = v;
        }
    }
    tz_free(b->a, queue);
    return TOUSU_OK;
}

/* The "ignored" column. An ignored character leaves the state as it is,
 * unless the last character was a digit inside a pattern prefix: then it
 * leads to that state's shadow, which behaves like the state except that a
 * digit is read as (break, digit). (Digits that left the automaton at the
 * root need no shadow: no pattern starts with a break.) */
static void build_ignored(build *b, tousu_matcher *m)
{
    uint32_t nc = m->nclass, ign = m->cls_ign;
    uint32_t shadow = b->ntrie;
    for (uint32_t s = 0; s < b->ntrie; s++) {
        uint32_t *row = m->delta + (size_t)s * nc;
        if (s == 0 || b->last[s] - CLS_DIGIT0 >= 10u) {
            row[ign] = s;
            continue;
        }
        uint32_t *srow = m->delta + (size_t)shadow * nc;
        const uint32_t *brow = m->delta + (size_t)row[CLS_BREAK] * nc;
        for (uint32_t c = 0; c < nc; c++)
            srow[c] = c - CLS_DIGIT0 < 10u ? brow[c] : row[c];
        srow[ign] = shadow;
        m->dict[shadow] = NONE; /* reports nothing: it was entered by an ignored character */
        row[ign] = shadow++;
    }
}

/* Renumber the states so that those reporting matches come last, and turn
 * every transition into the next state's row offset. */
static int renumber(build *b, tousu_matcher *m)
{
    uint32_t n = m->nstates, nc = m->nclass;
    uint32_t *perm = tz_malloc(b->a, (size_t)n * sizeof *perm);
    uint32_t *tmp = tz_malloc(b->a, 2 * (size_t)nc * sizeof *tmp);
    uint8_t *done = tz_calloc(b->a, n, 1);
    uint32_t *first = tz_calloc(&m->alloc, (size_t)n + 1, sizeof *first);
    uint32_t *dict = tz_malloc(&m->alloc, (size_t)n * sizeof *dict);
    int rc = TOUSU_ENOMEM;
    if (!perm || !tmp || !done || !first || !dict)
        goto out;
    uint32_t next = 0;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t s = 0; s < n; s++) {
            bool reports = has_own(m, s) || m->dict[s] != NONE;
            if (reports == (pass == 1))
                perm[s] = next++;
            if (pass == 0 && s == n - 1)
                m->out_from = next * nc;
        }
    /* rows: follow each cycle of the permutation with two spare rows */
    for (uint32_t s = 0; s < n; s++) {
        if (done[s])
            continue;
        done[s] = 1;
        if (perm[s] == s)
            continue;
        uint32_t *cur = tmp, *spare = tmp + nc;
        memcpy(cur, m->delta + (size_t)s * nc, nc * sizeof *cur);
        uint32_t at = s;
        do {
            uint32_t t = perm[at];
            uint32_t *row = m->delta + (size_t)t * nc;
            memcpy(spare, row, nc * sizeof *spare);
            memcpy(row, cur, nc * sizeof *row);
            uint32_t *x = cur;
            cur = spare;
            spare = x;
            done[t] = 1;
            at = t;
        } while (at != s);
    }
    for (size_t i = 0; i < (size_t)n * nc; i++)
        m->delta[i] = perm[m->delta[i]] * nc;
    if ((uint64_t)n * nc <= UINT16_MAX + UINT64_C(1)) {
        m->delta16 = tz_malloc(&m->alloc, (size_t)n * nc * sizeof *m->delta16);
        if (!m->delta16)
            goto out;
        for (size_t i = 0; i < (size_t)n * nc; i++)
            m->delta16[i] = (uint16_t)m->delta[i];
        tz_free(&m->alloc, m->delta);
        m->delta = NULL;
    }
    /* pattern lists and dictionary links under the new numbers */
    for (uint32_t s = 0; s < n; s++)
        first[perm[s] + 1] = m->out_first[s + 1] - m->out_first[s];
    for (uint32_t s = 0; s < n; s++)
        first[s + 1] += first[s];
    uint32_t *pats = tz_malloc(&m->alloc, (b->n ? b->n : 1) * sizeof *pats);
    if (!pats)
        goto out;
    for (uint32_t s = 0; s < n; s++) {
        uint32_t k = first[perm[s]];
        for (uint32_t j = m->out_first[s]; j < m->out_first[s + 1]; j++)
            pats[k++] = m->out_pat[j];
        dict[perm[s]] = m->dict[s] == NONE ? NONE : perm[m->dict[s]];
    }
    tz_free(&m->alloc, m->out_first);
    tz_free(&m->alloc, m->out_pat);
    tz_free(&m->alloc, m->dict);
    m->out_first = first;
    m->out_pat = pats;
    m->dict = dict;
    first = dict = NULL;
    rc = TOUSU_OK;
out:
    tz_free(b->a, perm);
    tz_free(b->a, tmp);
    tz_free(b->a, done);
    tz_free(&m->alloc, first);
    tz_free(&m->alloc, dict);
    return rc;
}

static void matcher_free(tousu_matcher *m)
{
    if (!m)
        return;
    tz_alloc a = m->alloc;
    tz_free(&a, m->delta);
    tz_free(&a, m->delta16);
    tz_free(&a, m->pages);
    tz_free(&a, m->out_first);
    tz_free(&a, m->out_pat);
    tz_free(&a, m->dict);
    tz_free(&a, m->pat_len);
    tz_free(&a, m->pat_flags);
    tz_free(&a, m->pat_group);
    tz_free(&a, m);
}

int tz_matcher_build(const tz_alloc *a, const char *const *pats, const size_t *lens,
                     const uint32_t *flags, const int32_t *groups, size_t n, tousu_matcher **out,
                     size_t *bad, tz_error *e)
{
    *out = NULL;
    *bad = n;
    if (n == 0 || n > UINT32_MAX / 2 || !pats || !lens)
        return tz_fail(e, TOUSU_EINVAL, "no patterns");
    tousu_matcher *m = tz_calloc(a, 1, sizeof *m);
    if (!m)
        return TOUSU_ENOMEM;
    m->alloc = *a;
    m->npat = n;
    m->pat_len = tz_calloc(a, n, sizeof *m->pat_len);
    m->pat_flags = tz_calloc(a, n, sizeof *m->pat_flags);
    m->pat_group = tz_calloc(a, n, sizeof *m->pat_group);
    build b = {.a = a, .e = e, .n = n};
    edge_slot *h = NULL;
    size_t mask = 0;
    int rc = TOUSU_ENOMEM;
    if (!m->pat_len || !m->pat_flags || !m->pat_group)
        goto fail;
    if ((rc = normalise_patterns(&b, m, pats, lens, flags, bad)))
        goto fail;
    *bad = n;
    if ((rc = assign_classes(&b, m)) || (rc = build_class_tables(&b, m)) ||
        (rc = build_trie(&b, m, &h, &mask)) || (rc = build_goto(&b, m, h, mask)) ||
        (rc = build_failure(&b, m)))
        goto fail;
    build_ignored(&b, m);
    if ((rc = renumber(&b, m)))
        goto fail;
    for (size_t i = 0; i < n; i++)
        m->pat_group[i] = groups ? groups[i] : 0;
    tz_free(a, h);
    build_free(&b);
    *out = m;
    return TOUSU_OK;
fail:
    if (rc == TOUSU_ENOMEM)
        tz_fail(e, rc, "out of memory building the matcher");
    tz_free(a, h);
    build_free(&b);
    matcher_free(m);
    return rc;
}

/* ---------- scanning ---------- */

typedef struct scan_ctx {
    const tousu_matcher *m;
    const char *text;
    size_t len;
    tz_hit_fn fn;
    void *user;
    uint64_t count;
} scan_ctx;

static bool boundaries_ok(const scan_ctx *c, uint32_t f, size_t start, size_t end)
{
    if ((f & TOUSU_PAT_CLAUSE_START) && !tz_clause_before(c->text, c->len, start))
        return false;
    if ((f & TOUSU_PAT_CLAUSE_END) && !tz_clause_after(c->text, c->len, end))
        return false;
    if ((f & PF_DIGIT_START) && tz_digit_before(c->text, c->len, start))
        return false; /* R-CLS-12 whole numbers only */
    if ((f & PF_DIGIT_END) && tz_digit_after(c->text, c->len, end))
        return false;
    return true;
}

/* Where a match of `chars` characters ending at `end` starts: walk back
 * over them, not counting ignored ones. */
static size_t match_start(const scan_ctx *c, size_t end, uint32_t chars)
{
    size_t pos = end;
    while (chars) {
        size_t at;
        uint32_t cp;
        if (!tz_prev_cp(c->text, pos, &at, &cp))
            break; /* cannot happen inside a match */
        if (tz_fold(cp) != TZ_CP_IGNORE)
            chars--;
        pos = at;
    }
    return pos;
}

/* Report every pattern ending in state offset st; non-zero = stop. */
static int report(scan_ctx *c, uint32_t st, size_t end)
{
    const tousu_matcher *m = c->m;
    for (uint32_t t = st / m->nclass; t != NONE; t = m->dict[t]) {
        for (uint32_t j = m->out_first[t]; j < m->out_first[t + 1]; j++) {
            uint32_t p = m->out_pat[j];
            size_t start = match_start(c, end, m->pat_len[p]);
            if (!boundaries_ok(c, m->pat_flags[p], start, end))
                continue;
            c->count++;
            if (c->fn) {
                tousu_match hit = {(int32_t)p, m->pat_group[p], start, end - start};
                if (c->fn(c->user, &hit))
                    return 1;
            }
        }
    }
    return 0;
}

/* The scan loop, for 16- and 32-bit transition tables. */
#define DEFINE_SCAN(NAME, T, TABLE)                                                                \
    static int NAME(scan_ctx *c, uint32_t flags, uint64_t *bad_offset)                             \
    {                                                                                              \
        const tousu_matcher *m = c->m;                                                             \
        const unsigned char *s = (const unsigned char *)c->text;                                   \
        const size_t len = c->len;                                                                 \
        const T *delta = m->TABLE;                                                                 \
        const uint16_t *pages = m->pages, *page_of = m->page_of, *ascii = m->ascii;                \
        const uint32_t out_from = m->out_from, ign = m->cls_ign;                                   \
        const bool skip_bad = (flags & TOUSU_SCAN_SKIP_BAD_UTF8) != 0;                             \
        uint32_t st = 0;                                                                           \
        size_t i = 0;                                                                              \
        while (i < len) {                                                                          \
            uint32_t cls, b0 = s[i];                                                               \
            if (b0 - 0xE1u < 12u && b0 != 0xED && len - i >= 3) {                                  \
                /* E1..EC, EE, EF: three bytes, no overlong or surrogate possible */               \
                uint32_t b1 = s[i + 1], b2 = s[i + 2];                                             \
                if (((b1 ^ 0x80u) | (b2 ^ 0x80u)) > 0x3Fu)                                         \
                    goto slow;                                                                     \
                uint32_t cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);           \
                cls = pages[((size_t)page_of[cp >> 8] << 8) | (cp & 0xFF)];                        \
                i += 3;                                                                            \
            } else if (b0 < 0x80) {                                                                \
                cls = ascii[b0];                                                                   \
                i++;                                                                               \
            } else {                                                                               \
            slow:;                                                                                 \
                uint32_t cp;                                                                       \
                size_t n = tz_decode(s, len, i, &cp);                                              \
                if (n) {                                                                           \
                    cls = pages[((size_t)page_of[cp >> 8] << 8) | (cp & 0xFF)];                    \
                    i += n;                                                                        \
                } else if (skip_bad) {                                                             \
                    cls = CLS_OTHER; /* a separator */                                             \
                    i++;                                                                           \
                } else {                                                                           \
                    if (bad_offset)                                                                \
                        *bad_offset = i;                                                           \
                    return TOUSU_EUTF8;                                                            \
                }                                                                                  \
            }                                                                                      \
            st = delta[st + cls];                                                                  \
            /* an ignored character stays in a reporting state: no new match */                    \
            if (st >= out_from && cls != ign && report(c, st, i))                                  \
                return TOUSU_ECALLBACK;                                                            \
        }                                                                                          \
        return TOUSU_OK;                                                                           \
    }

DEFINE_SCAN(scan16, uint16_t, delta16)
DEFINE_SCAN(scan32, uint32_t, delta)

int tz_matcher_scan(const tousu_matcher *m, const char *text, size_t len, uint32_t flags,
                    tz_hit_fn fn, void *user, uint64_t *count, uint64_t *bad_offset)
{
    scan_ctx c = {m, text, len, fn, user, 0};
    int rc = m->delta16 ? scan16(&c, flags, bad_offset) : scan32(&c, flags, bad_offset);
    if (count)
        *count = c.count;
    return rc;
}

size_t tz_matcher_npatterns(const tousu_matcher *m)
{
    return m ? m->npat : 0;
}

/* ---------- public matcher API ---------- */

int tousu_matcher_new(tousu_matcher **out, const char *const *patterns, const size_t *lens,
                      const uint32_t *flags, const int32_t *groups, size_t n, size_t *bad_index)
{
    if (!out)
        return TOUSU_EINVAL;
    *out = NULL;
    tz_alloc a;
    tz_alloc_default(&a);
    tz_error e;
    size_t bad = n;
    int rc = tz_matcher_build(&a, patterns, lens, flags, groups, n, out, &bad, &e);
    if (bad_index)
        *bad_index = bad;
    return rc;
}

void tousu_matcher_free(tousu_matcher *m)
{
    matcher_free(m);
}

size_t tousu_matcher_count(const tousu_matcher *m)
{
    return tz_matcher_npatterns(m);
}

int tousu_matcher_scan(const tousu_matcher *m, const char *text, size_t len, uint32_t flags,
                       int (*on_match)(void *user, const tousu_match *match), void *user,
                       uint64_t *count, uint64_t *bad_offset)
{
    if (count)
        *count = 0;
    if (!m || (!text && len))
        return TOUSU_EINVAL;
    return tz_matcher_scan(m, text ? text : "", len, flags, on_match, user, count, bad_offset);
}

typedef struct fill_ctx {
    tousu_match *out;
    size_t cap;
    size_t n;
} fill_ctx;

static int fill_one(void *user, const tousu_match *hit)
{
    fill_ctx *f = user;
    if (f->n < f->cap)
        f->out[f->n] = *hit;
    f->n++;
    return 0;
}

int tousu_matcher_find(const tousu_matcher *m, const char *text, size_t len, uint32_t flags,
                       tousu_match *out, size_t cap, size_t *n, uint64_t *bad_offset)
{
    if (!m || !n || (!text && len) || (!out && cap))
        return TOUSU_EINVAL;
    fill_ctx f = {out, cap, 0};
    int rc = tz_matcher_scan(m, text ? text : "", len, flags, fill_one, &f, NULL, bad_offset);
    *n = f.n;
    if (rc)
        return rc;
    return f.n > cap ? TOUSU_ENOSPACE : TOUSU_OK;
}

/* ---------- R-CLS-12 free-text signals ---------- */

/* An entry with no kinds is an exception word, not a signal: it masks the
 * signals that end where it ends and start inside it (多媒体 masks 媒体 in
 * 多媒体短信, 取消协 masks 消协 in 取消协议). Matches arrive in order of end
 * offset, so those ending together are held until the end moves on; a run
 * longer than SIGNALS_HELD (many words ending at one character) is let
 * through unmasked rather than dropped. */
enum { SIGNALS_HELD = 16 };

typedef struct suggest_ctx {
    const tz_words *w;
    tousu_result *r;
    uint64_t end; /* where the held matches end */
    size_t n_held;
    tousu_match held[SIGNALS_HELD];
} suggest_ctx;

static void report_signal(suggest_ctx *c, const tousu_match *hit)
{
    uint32_t kinds = c->w->signals[hit->pattern].kinds;
    c->r->suggested_kinds |= kinds;
    if (c->r->n_signals < TOUSU_MAX_SIGNALS && kinds && hit->offset <= UINT32_MAX &&
        hit->length <= UINT32_MAX) {
        tousu_signal *s = &c->r->signals[c->r->n_signals++];
        int32_t k = 0;
        while (!(kinds & (1u << k)))
            k++; /* the first kind it suggests; all are in suggested_kinds */
        s->kind = k;
        s->group = hit->group;
        s->offset = (uint32_t)hit->offset;
        s->length = (uint32_t)hit->length;
    }
}

/* Report the held signals that no held exception word covers. */
static void flush_signals(suggest_ctx *c)
{
    for (size_t i = 0; i < c->n_held; i++) {
        const tousu_match *hit = &c->held[i];
        if (!c->w->signals[hit->pattern].kinds)
            continue; /* an exception word itself */
        bool masked = false;
        for (size_t j = 0; j < c->n_held; j++)
            masked |= !c->w->signals[c->held[j].pattern].kinds &&
                      c->held[j].offset <= hit->offset;
        if (!masked)
            report_signal(c, hit);
    }
    c->n_held = 0;
}

static int add_signal(void *user, const tousu_match *hit)
{
    suggest_ctx *c = user;
    if (hit->pattern < 0 || (size_t)hit->pattern >= c->w->n_signals)
        return 0;
    const uint64_t end = hit->offset + hit->length;
    if (c->n_held && (end != c->end || c->n_held == SIGNALS_HELD))
        flush_signals(c);
    c->end = end;
    c->held[c->n_held++] = *hit;
    return 0;
}

/* R-CLS-12: suggestions only; kinds and level are never touched. The
 * matcher was built with the policy; the text is valid UTF-8 already. */
void tz_suggest_from_text(const tousu_policy *p, const char *text, size_t len, tousu_result *r)
{
    const tousu_matcher *m;
    if (!p || !text || tz_policy_matcher(p, TZ_M_SIGNALS, &m) || !m)
        return;
    tz_words scratch;
    suggest_ctx c;
    c.w = tz_policy_words(p, &scratch);
    c.r = r;
    c.end = 0;
    c.n_held = 0;
    tz_matcher_scan(m, text, len, TOUSU_SCAN_SKIP_BAD_UTF8, add_signal, &c, NULL, NULL);
    flush_signals(&c);
}
