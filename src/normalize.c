/*
 * normalize.c - the normal form phrases are matched in (R-SCR-7, R-CLS-12):
 * character folding, the boundary checks around a match, and a plain
 * normaliser with an offset map (the reference the matcher's on-the-fly
 * folding is tested against, and the tool of the call-quality checks).
 *
 * Folding: full-width ASCII (U+FF01..U+FF5E) becomes ASCII, ASCII letters
 * lower case; spaces, punctuation, controls, arrows (seed 003's ↑ marks
 * intonation) are ignored. Ignored characters vanish, except between two
 * digits, where they leave a break: digits are never joined across
 * punctuation (R-CLS-12: 12300 is not in "123.00元").
 */
#include "words.h"

#include <string.h>

typedef struct cp_range {
    uint32_t lo, hi;
} cp_range;

/* Non-ASCII characters matching ignores, sorted. */
static const cp_range ignored[] = {
    {0x0080, 0x00A0}, /* C1 controls, no-break space */
    {0x00A1, 0x00A1}, {0x00A7, 0x00A7}, {0x00AB, 0x00AB}, {0x00AD, 0x00AD}, {0x00B6, 0x00B7},
    {0x00BB, 0x00BB}, {0x00BF, 0x00BF}, {0x2000, 0x206F}, /* general punctuation, spaces, zero-width
                                                             marks */
    {0x2190, 0x21FF},                                     /* arrows */
    {0x2E00, 0x2E7F},                                     /* supplemental punctuation */
    {0x3000, 0x3003},                                     /* ideographic space, 、。〃 */
    {0x3008, 0x3011},                                     /* 〈〉《》「」『』【】 */
    {0x3014, 0x301F},                                     /* 〔〕〖〗〘〙〚〛〜〝〞〟 */
    {0x3030, 0x3030}, {0x30FB, 0x30FB}, {0xFE00, 0xFE19}, /* variation selectors, vertical forms */
    {0xFE30, 0xFE4F},                                     /* CJK compatibility forms */
    {0xFE50, 0xFE6B},                                     /* small forms */
    {0xFEFF, 0xFEFF},                                     /* byte order mark */
    {0xFF5F, 0xFF65},                                     /* half-width CJK punctuation */
};

/* Characters that end a clause (R-SCR-7 whole-clause questions). */
static const cp_range clause_ends[] = {
    {'\n', '\n'},     {'\r', '\r'},     {'!', '!'},       {',', ','},
    {'.', '.'},       {':', ';'},       {'?', '?'},       {0x00A1, 0x00A1},
    {0x00BF, 0x00BF}, {0x2014, 0x2015}, /* dashes 破折号 */
    {0x2025, 0x2026},                   /* ‥ … */
    {0x2028, 0x2029}, {0x203C, 0x203C}, {0x2047, 0x2049}, {0x2E3A, 0x2E3B},
    {0x3001, 0x3002}, /* 、。 */
    {0xFE10, 0xFE16}, {0xFE50, 0xFE57}, {0xFF01, 0xFF01}, {0xFF0C, 0xFF0C},
    {0xFF0E, 0xFF0E}, {0xFF1A, 0xFF1B}, {0xFF1F, 0xFF1F}, {0xFF61, 0xFF61},
    {0xFF64, 0xFF64},
};

/* Where tz_fold(cp) may differ from cp. */
static const cp_range fold_ranges[] = {
    {0x0000, 0x00BF}, {0x2000, 0x206F}, {0x2190, 0x21FF}, {0x2E00, 0x2E7F}, {0x3000, 0x3030},
    {0x30FB, 0x30FB}, {0xFE00, 0xFE6B}, {0xFEFF, 0xFEFF}, {0xFF01, 0xFF65}, {0xFFE0, 0xFFE6},
};

static bool in_ranges(const cp_range *r, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < r[mid].lo)
            hi = mid;
        else if (cp > r[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static uint32_t fold_ascii(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + ('a' - 'A');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return c;
    return TZ_CP_IGNORE; /* controls, space, punctuation */
}

uint32_t tz_fold(uint32_t cp)
{
    if (cp < 0x80)
        return fold_ascii(cp);
    if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII */
        return fold_ascii(cp - 0xFEE0);
    if (cp >= 0xFFE0 && cp <= 0xFFE6) { /* full-width ￠￡￢￣￤￥￦ */
        static const uint32_t half[] = {0xA2, 0xA3, 0xAC, 0xAF, 0xA6, 0xA5, 0x20A9};
        return half[cp - 0xFFE0];
    }
    if (in_ranges(ignored, sizeof ignored / sizeof ignored[0], cp))
        return TZ_CP_IGNORE;
    return cp;
}

bool tz_fold_range(size_t i, uint32_t *lo, uint32_t *hi)
{
    if (i >= sizeof fold_ranges / sizeof fold_ranges[0])
        return false;
    *lo = fold_ranges[i].lo;
    *hi = fold_ranges[i].hi;
    return true;
}

/* ---------- boundaries, on the original text ---------- */

bool tz_prev_cp(const char *text, size_t end, size_t *at, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text;
    if (end == 0)
        return false;
    size_t i = end - 1;
    size_t back = 0;
    while (i > 0 && back < 3 && (s[i] & 0xC0) == 0x80) {
        i--;
        back++;
    }
    uint32_t c;
    size_t n = tz_decode(s, end, i, &c);
    if (n == 0 || i + n != end)
        return false;
    *at = i;
    *cp = c;
    return true;
}

typedef enum edge { EDGE_STOP, EDGE_CLAUSE, EDGE_SKIP } edge;

/* Is cp a clause end, a transparent ignored character, or text? */
static edge classify_edge(uint32_t cp)
{
    if (in_ranges(clause_ends, sizeof clause_ends / sizeof clause_ends[0], cp))
        return EDGE_CLAUSE;
    return tz_fold(cp) == TZ_CP_IGNORE ? EDGE_SKIP : EDGE_STOP;
}

/* R-SCR-7: a whole clause starts after the text start or clause
 * punctuation, with only spaces, quotes and the like in between. A
 * malformed byte counts as an edge. */
bool tz_clause_before(const char *text, size_t len, size_t start)
{
    (void)len;
    size_t pos = start;
    for (;;) {
        if (pos == 0)
            return true;
        size_t at;
        uint32_t cp;
        if (!tz_prev_cp(text, pos, &at, &cp))
            return true;
        edge k = classify_edge(cp);
        if (k != EDGE_SKIP)
            return k == EDGE_CLAUSE;
        pos = at;
    }
}

bool tz_clause_after(const char *text, size_t len, size_t end)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t pos = end;
    for (;;) {
        if (pos >= len)
            return true;
        uint32_t cp;
        size_t n = tz_decode(s, len, pos, &cp);
        if (n == 0)
            return true;
        edge k = classify_edge(cp);
        if (k != EDGE_SKIP)
            return k == EDGE_CLAUSE;
        pos += n;
    }
}

/* R-CLS-12 whole numbers: is the character right before start a digit? */
bool tz_digit_before(const char *text, size_t len, size_t start)
{
    (void)len;
    size_t at;
    uint32_t cp;
    if (!tz_prev_cp(text, start, &at, &cp))
        return false;
    return tz_is_digit_sym(tz_fold(cp));
}

bool tz_digit_after(const char *text, size_t len, size_t end)
{
    if (end >= len)
        return false;
    uint32_t cp;
    if (!tz_decode((const unsigned char *)text, len, end, &cp))
        return false;
    return tz_is_digit_sym(tz_fold(cp));
}

/* ---------- the plain normaliser ---------- */

static int norm_push(const tz_alloc *a, tz_norm *o, uint32_t sym, size_t start, size_t end)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        uint32_t *sy = tz_realloc(a, o->sym, o->cap * sizeof *sy, cap * sizeof *sy);
        if (!sy)
            return TOUSU_ENOMEM;
        o->sym = sy;
        size_t *st = tz_realloc(a, o->start, o->cap * sizeof *st, cap * sizeof *st);
        if (!st)
            return TOUSU_ENOMEM;
        o->start = st;
        size_t *en = tz_realloc(a, o->end, o->cap * sizeof *en, cap * sizeof *en);
        if (!en)
            return TOUSU_ENOMEM;
        o->end = en;
        o->cap = cap;
    }
    o->sym[o->n] = sym;
    o->start[o->n] = start;
    o->end[o->n] = end;
    o->n++;
    return TOUSU_OK;
}

int tz_normalize(const tz_alloc *a, const char *text, size_t len, bool skip_bad, tz_norm *out,
                 size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)text;
    out->n = 0;
    bool prev_digit = false, skipped = false;
    size_t i = 0;
    while (i < len) {
        uint32_t cp, sym;
        size_t n = tz_decode(s, len, i, &cp);
        if (n == 0) {
            if (!skip_bad) {
                if (bad_offset)
                    *bad_offset = i;
                return TOUSU_EUTF8;
            }
            sym = TZ_SYM_BAD;
            n = 1;
        } else {
            sym = tz_fold(cp);
        }
        if (sym == TZ_CP_IGNORE) {
            skipped = skipped || prev_digit;
            i += n;
            continue;
        }
        bool digit = tz_is_digit_sym(sym);
        if (skipped && digit) {
            int rc = norm_push(a, out, TZ_SYM_BREAK, i, i);
            if (rc)
                return rc;
        }
        skipped = false;
        prev_digit = digit;
        int rc = norm_push(a, out, sym, i, i + n);
        if (rc)
            return rc;
        i += n;
    }
    return TOUSU_OK;
}

void tz_norm_free(const tz_alloc *a, tz_norm *n)
{
    tz_free(a, n->sym);
    tz_free(a, n->start);
    tz_free(a, n->end);
    memset(n, 0, sizeof *n);
}
