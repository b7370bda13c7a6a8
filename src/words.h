/*
 * words.h - private declarations of "what the agent says": the normaliser,
 * the multi-pattern matcher, and the tables of scripts, answer flows,
 * forbidden phrases, free-text signals and call-quality word lists
 * (R-SCR, R-QA, R-CLS-12). Shared by normalize.c, phrase.c, words*.c,
 * script.c, flow.c, quality.c and the tables in src/data/. Nothing here is
 * exported.
 *
 * Tables are plain arrays of small structs with NUL-terminated UTF-8
 * strings, so they can be written as static const data (src/data/) and
 * enumerated by the policy file code. A tz_words either points at the
 * built-in arrays or owns heap copies (words.c).
 */
#ifndef TOUSU_WORDS_H
#define TOUSU_WORDS_H

#include "internal.h"

/* ---------- normalisation (normalize.c) ---------- */

/* tz_fold result for a character that matching ignores (space, punctuation,
 * control, intonation arrow). */
#define TZ_CP_IGNORE UINT32_C(0xFFFFFFFF)
/* The symbol that stands between two digits separated by ignored
 * characters: digits are never joined across punctuation (R-CLS-12). */
#define TZ_SYM_BREAK UINT32_C(0x110000)
/* The symbol of a malformed byte skipped on request. */
#define TZ_SYM_BAD   UINT32_C(0x110001)

/* Decode the code point starting at s[i] (i < len). Returns the sequence
 * length (1..4) and stores the code point, or 0 when the bytes there are not
 * well-formed UTF-8 (overlong, surrogate, > U+10FFFF, truncated). */
static inline size_t tz_decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    uint32_t c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t left = len - i;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3)
            return 0;
        uint32_t b1 = s[i + 1], b2 = s[i + 2];
        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80)
            return 0;
        uint32_t v = ((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
        if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return 3;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        if (left < 2 || (s[i + 1] & 0xC0) != 0x80)
            return 0;
        *cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3Fu);
        return 2;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4)
            return 0;
        uint32_t b1 = s[i + 1], b2 = s[i + 2], b3 = s[i + 3];
        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80)
            return 0;
        uint32_t v = ((c & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
        if (v < 0x10000 || v > 0x10FFFF)
            return 0;
        *cp = v;
        return 4;
    }
    return 0;
}

/* The folded form of a code point: full-width ASCII -> ASCII, ASCII letters
 * -> lower case, full-width currency signs -> their usual forms; spaces,
 * punctuation, controls and arrows -> TZ_CP_IGNORE. Everything else is
 * itself. */
uint32_t tz_fold(uint32_t cp);
static inline bool tz_is_digit_sym(uint32_t sym)
{
    return sym >= '0' && sym <= '9';
}
/* Ranges [lo, hi] outside of which tz_fold(cp) == cp (for table building):
 * returns false when i is past the last range. */
bool tz_fold_range(size_t i, uint32_t *lo, uint32_t *hi);

/* The code point ending just before `end` and where it starts; false at
 * the text start or after a malformed byte. */
bool tz_prev_cp(const char *text, size_t end, size_t *at, uint32_t *cp);

/* Boundary checks on the original text around a match [start, end). */
bool tz_clause_before(const char *text, size_t len, size_t start);
bool tz_clause_after(const char *text, size_t len, size_t end);
bool tz_digit_before(const char *text, size_t len, size_t start);
bool tz_digit_after(const char *text, size_t len, size_t end);

/* A normalised text: symbols (folded code points, TZ_SYM_BREAK, TZ_SYM_BAD)
 * with the byte span of each in the original text. */
typedef struct tz_norm {
    uint32_t *sym;
    size_t *start;
    size_t *end;
    size_t n;
    size_t cap;
} tz_norm;

/* Normalise text into *out (grown with a). With skip_bad, a malformed byte
 * becomes TZ_SYM_BAD; otherwise the call fails with TOUSU_EUTF8 and
 * *bad_offset = its offset. Errors: TOUSU_EUTF8, TOUSU_ENOMEM. */
int tz_normalize(const tz_alloc *a, const char *text, size_t len, bool skip_bad, tz_norm *out,
                 size_t *bad_offset);
void tz_norm_free(const tz_alloc *a, tz_norm *n);

/* ---------- matcher (phrase.c) ---------- */

/* Scan callback: return 0 to go on, non-zero to stop the scan. */
typedef int (*tz_hit_fn)(void *user, const tousu_match *m);

/* Build a matcher from n patterns (UTF-8, NUL-free). On error *bad is the
 * index of the offending pattern (or n) and e holds the message.
 * Errors: TOUSU_EINVAL, TOUSU_EUTF8, TOUSU_ERANGE (empty or too long after
 * normalisation), TOUSU_ETOOBIG (automaton too large), TOUSU_ENOMEM. */
int tz_matcher_build(const tz_alloc *a, const char *const *pats, const size_t *lens,
                     const uint32_t *flags, const int32_t *groups, size_t n, tousu_matcher **out,
                     size_t *bad, tz_error *e);
/* Scan text; stops with TOUSU_ECALLBACK when fn returns non-zero. */
int tz_matcher_scan(const tousu_matcher *m, const char *text, size_t len, uint32_t flags,
                    tz_hit_fn fn, void *user, uint64_t *count, uint64_t *bad_offset);
size_t tz_matcher_npatterns(const tousu_matcher *m);

/* The kept hits of a forbidden-phrase scan (forbidden.c). */
typedef struct tz_hitbuf {
    const tz_alloc *a;
    tousu_match *v;
    size_t n, cap;
    int all; /* keep hits inside longer hits */
    int oom;
} tz_hitbuf;
/* Scan text for the policy's forbidden phrases into hb (hb->a set by the
 * caller; free with tz_hitbuf_free). Errors: TOUSU_EUTF8, TOUSU_ENOMEM. */
int tz_phrases_scan(const tousu_policy *p, const char *text, size_t len, uint32_t flags,
                    tz_hitbuf *hb, uint64_t *bad_offset);
void tz_hitbuf_free(tz_hitbuf *hb);

/* ---------- tables ---------- */

/* A situation of the scripts (R-SCR-1..6, 9, 11). */
typedef struct tz_situation {
    int32_t id;
    const char *key;   /* ASCII name, unique */
    const char *title; /* zh */
    const char *rule;  /* SPEC rule, e.g. "R-SCR-4" */
} tz_situation;

/* One step (or alternative case) of a situation. */
typedef struct tz_step {
    int32_t situation;
    int32_t step;      /* 1-based, unique within the situation */
    uint32_t flags;    /* TOUSU_STEP_* */
    int32_t pause_ms;  /* wait this long after the previous step */
    int32_t hangup_ms; /* with TOUSU_STEP_HANG_UP: hang up this long after */
    int32_t limit_ms;  /* a time limit the step names (e.g. 2 min wait) */
    const char *when;  /* the condition, "" = always */
    const char *say;   /* template with {placeholders}, "" = nothing to say */
    const char *note;  /* what to do, "" = nothing */
} tz_step;

/* A forbidden phrase (R-SCR-7) with its rewrite (R-SCR-8). */
typedef struct tz_phrase {
    int32_t family;         /* tousu_phrase_family */
    uint32_t flags;         /* TOUSU_PAT_* */
    const char *text;       /* as agents say it, or the seed's wording */
    const char *rewrite;    /* "" = none */
    const char *variant_of; /* "" = a main entry; else the main entry's text */
} tz_phrase;

/* A free-text signal word (R-CLS-12). */
typedef struct tz_signal {
    int32_t group;  /* tousu_signal_group */
    uint32_t kinds; /* bits (1 << tousu_kind) suggested; 0: an exception
                       word, masking the signals that end where it ends
                       and start inside it (多媒体 for 媒体) */
    uint32_t flags; /* TOUSU_PAT_* */
    const char *text;
} tz_signal;

/* The call-quality word lists (R-QA); keys in docs/words.md. */
enum tz_qa_list {
    TZ_QL_GREETING = 1,      /* R-QA-2 greeting */
    TZ_QL_SERVE = 2,         /* R-QA-2 "为您服务" */
    TZ_QL_ANYTHING_ELSE = 3, /* R-QA-3 any other question? */
    TZ_QL_WISHES = 4,        /* R-QA-3 good wishes, farewell */
    TZ_QL_ABUSE_BYE = 5,     /* R-QA-3 farewell to an abusive caller */
    TZ_QL_WAIT_ASK = 6,      /* R-QA-5 asking the customer to wait */
    TZ_QL_WAIT_REASON = 7,   /* R-QA-5 the reason of a wait */
    TZ_QL_WAIT_THANKS = 8,   /* R-QA-5 thanks for waiting */
    TZ_QL_CALLBACK = 9,      /* R-QA-5 offering a call back */
    TZ_QL_POLITE = 10,       /* R-QA-6 polite words; tag = which word */
    TZ_QL_COUNT = 11
};
enum { TZ_POLITE_TAGS = 32 };

/* A word of a call-quality list (R-QA). */
typedef struct tz_qaword {
    int32_t list; /* tousu_qa_list */
    int32_t tag;  /* R-QA-6: which polite word it counts as; else 0 */
    uint32_t flags;
    const char *text;
} tz_qaword;

/* An answer flow for a known problem (R-SCR-10). */
typedef struct tz_flow {
    int32_t id;
    int32_t start; /* the first node */
    const char *key;
    const char *title;
    const char *rule;
} tz_flow;

typedef struct tz_fnode {
    int32_t flow;
    int32_t node;         /* >= 1, unique within the flow */
    const char *question; /* what to find out, "" at an end */
    const char *say;      /* template */
    const char *note;
} tz_fnode;

typedef struct tz_fanswer {
    int32_t flow;
    int32_t node;
    int32_t next_flow; /* 0 = the same flow */
    int32_t next_node; /* 0 = the flow ends */
    const char *label;
} tz_fanswer;

/* A table set. */
typedef struct tz_words {
    const tz_situation *situations;
    size_t n_situations;
    const tz_step *steps;
    size_t n_steps;
    const tz_phrase *phrases;
    size_t n_phrases;
    const tz_signal *signals;
    size_t n_signals;
    const tz_qaword *qawords;
    size_t n_qawords;
    const tz_flow *flows;
    size_t n_flows;
    const tz_fnode *nodes;
    size_t n_nodes;
    const tz_fanswer *answers;
    size_t n_answers;
    size_t cap[8]; /* owned sets: capacity of each table (words.c) */
} tz_words;

/* The tables of a set, in the order of the fields above. */
enum tz_table {
    TZ_T_SITUATIONS,
    TZ_T_STEPS,
    TZ_T_PHRASES,
    TZ_T_SIGNALS,
    TZ_T_QAWORDS,
    TZ_T_FLOWS,
    TZ_T_NODES,
    TZ_T_ANSWERS,
    TZ_T_COUNT
};

/* Owned sets (words.c): deep copy, release, and appending one entry (its
 * strings copied) or replacing entry i. */
int tz_words_copy(const tz_alloc *a, const tz_words *src, tz_words *dst);
void tz_words_release(const tz_alloc *a, tz_words *w);
int tz_words_put(const tz_alloc *a, tz_words *w, int table, size_t i, const void *entry);
void tz_words_remove_all(const tz_alloc *a, tz_words *w, int table);
/* The host's tousu_words handle: its tables, error and allocator (the
 * loader in words_load.c works on them). */
tz_words *tz_words_tables(tousu_words *w);
tz_error *tz_words_error(tousu_words *w);
const tz_alloc *tz_words_alloc(const tousu_words *w);
/* An entry of a table, for generic code. */
const void *tz_words_entry(const tz_words *w, int table, size_t i);
size_t tz_words_count(const tz_words *w, int table);

/* The built-in zh-CN tables (src/data/). */
extern const tz_situation tz_zh_situations[];
extern const size_t tz_zh_n_situations;
extern const tz_step tz_zh_steps[];
extern const size_t tz_zh_n_steps;
extern const tz_phrase tz_zh_phrases[];
extern const size_t tz_zh_n_phrases;
extern const tz_signal tz_zh_signals[];
extern const size_t tz_zh_n_signals;
extern const tz_qaword tz_zh_qawords[];
extern const size_t tz_zh_n_qawords;
extern const tz_flow tz_zh_flows[];
extern const size_t tz_zh_n_flows;
extern const tz_fnode tz_zh_nodes[];
extern const size_t tz_zh_n_nodes;
extern const tz_fanswer tz_zh_answers[];
extern const size_t tz_zh_n_answers;

/* The built-in set, as a view of the static arrays (words.c). */
void tz_words_builtin(tz_words *out);

/* The tables in force in a policy: its own copy, or the built-in view
 * filled into *scratch. */
const tz_words *tz_policy_words(const tousu_policy *p, tz_words *scratch);

/* The matchers a policy keeps (built once; see words.c). */
enum { TZ_M_PHRASES = 0, TZ_M_SIGNALS = 1, TZ_M_QA = 2, TZ_M_COUNT = 3 };
/* The matcher `which` of the policy in *out (NULL when its table is
 * empty), built lazily and thread-safely if the build at policy creation
 * failed. In the QA matcher, pattern ids below n_qawords are qawords; the
 * rest are the hang-up lines of the scripts (steps with
 * TOUSU_STEP_HANG_UP, the text before any placeholder), group
 * TZ_QL_HANGUP, in step order (tz_qa_hangup_step maps them back).
 * Errors: TOUSU_ENOMEM. */
int tz_policy_matcher(const tousu_policy *p, int which, const tousu_matcher **out);
enum { TZ_QL_HANGUP = 1000 };
/* The step of hang-up line k of the QA matcher. */
const tz_step *tz_qa_hangup_step(const tz_words *w, size_t k);

/* Validate a whole table set (placeholders, references, uniqueness,
 * UTF-8). On error e names the entry. words.c. */
int tz_words_validate(const tz_words *w, tz_error *e);

/* Template check: every {name} is a known placeholder (script.c). Returns
 * 0 or TOUSU_EPARSE with the name in e. */
int tz_template_check(const char *tmpl, tz_error *e);

/* Render a template of a table (syntax already checked) with the host's
 * vars, as tousu_script_render (script.c). */
int tz_render_table(const char *tmpl, const tousu_vars *vars, char *buf, size_t cap,
                    size_t *needed);

/* QA parameters stored in the policy (quality.c). */
enum { TZ_QA_NPARAMS = 16 };
void tz_qa_defaults(int64_t *params);

/* Lookups shared by script.c / flow.c / quality.c. */
const tz_step *tz_find_step(const tz_words *w, int32_t situation, int32_t step);
const tz_situation *tz_find_situation(const tz_words *w, int32_t id);
const tz_flow *tz_find_flow(const tz_words *w, int32_t id);
const tz_fnode *tz_find_node(const tz_words *w, int32_t flow, int32_t node);

/* Copy a string of known length into a caller's pointer+length pair. */
static inline void tz_str_out(const char *s, const char **p, size_t *n);
static inline void tz_str_out(const char *s, const char **p, size_t *n)
{
    const char *t = s ? s : "";
    size_t k = 0;
    while (t[k])
        k++;
    *p = t;
    *n = k;
}

#endif
