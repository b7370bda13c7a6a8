/*
 * words_load.c - the line-based text format of table sets (docs/words.md),
 * merged into a tousu_words (R-SCR-10, R-POL-1/2). All or nothing: the
 * lines are applied to a copy, the copy is checked as a whole
 * (words_check.c), and only then does it replace the set's tables; any
 * error names the line (or, for cross references, the entry).
 *
 *   tousu-words 1
 *   clear phrases
 *   phrase | arrogant | - | 你自己看着办 | 我们一起想想办法
 *
 * Fields are separated by '|', trimmed; \| \\ \n \t are escapes; lines
 * starting with '#' are comments.
 */
#include "words.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_FIELDS = 8 };

typedef struct line_ctx {
    const tz_alloc *a;
    tz_words *w;
    tz_error *e;
    size_t line;
    char *f[MAX_FIELDS];
    size_t nf;
} line_ctx;

static int fail_line(line_ctx *c, int code, const char *what)
{
    return tz_fail(c->e, code, "line %zu: %s", c->line, what);
}

/* ---------- fields ---------- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Split a line (copied into buf) at '|', unescaping as we go. A '|'
 * escaped or inside a placeholder ({title|先生}) belongs to the field. */
static int split(line_ctx *c, const char *line, size_t len, char *buf)
{
    c->nf = 0;
    char *start = buf, *o = buf;
    int depth = 0;
    for (size_t i = 0; i <= len; i++) {
        char ch = i < len ? line[i] : '|';
        if (ch == '\\' && i + 1 < len) {
            char nx = line[++i];
            *o++ = nx == 'n' ? '\n' : nx == 't' ? '\t' : nx;
            continue;
        }
        if (ch == '{')
            depth++;
        else if (ch == '}' && depth > 0)
            depth--;
        if (ch != '|' || (depth > 0 && i < len)) {
            *o++ = ch;
            continue;
        }
        depth = 0;
        *o++ = '\0';
        if (c->nf == MAX_FIELDS)
            return fail_line(c, TOUSU_EPARSE, "too many fields");
        c->f[c->nf++] = trim(start);
        start = o;
    }
    return TOUSU_OK;
}

static const char *field(const line_ctx *c, size_t i)
{
    return i < c->nf ? c->f[i] : "";
}

static int need_fields(line_ctx *c, size_t lo, size_t hi)
{
    if (c->nf < lo || c->nf > hi)
        return tz_fail(c->e, TOUSU_EPARSE, "line %zu: %s takes %zu to %zu fields, not %zu", c->line,
                       c->f[0], lo - 1, hi - 1, c->nf - 1);
    return TOUSU_OK;
}

static int parse_int(line_ctx *c, const char *s, int64_t lo, int64_t hi, int32_t *out,
                     const char *what)
{
    char *end;
    if (!*s)
        return tz_fail(c->e, TOUSU_EPARSE, "line %zu: %s missing", c->line, what);
    long long v = strtoll(s, &end, 10);
    if (*end)
        return tz_fail(c->e, TOUSU_EPARSE, "line %zu: %s \"%.20s\" is not a number", c->line, what,
                       s);
    if (v < lo || v > hi)
        return tz_fail(c->e, TOUSU_ERANGE, "line %zu: %s %lld is not in %lld..%lld", c->line, what,
                       v, (long long)lo, (long long)hi);
    *out = (int32_t)v;
    return TOUSU_OK;
}

static int lookup(line_ctx *c, const char *const *names, size_t n, const char *s, int32_t *out,
                  const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], s) == 0) {
            *out = (int32_t)i;
            return TOUSU_OK;
        }
    return tz_fail(c->e, TOUSU_EPARSE, "line %zu: unknown %s \"%.40s\"", c->line, what, s);
}

/* Options: words separated by ',' or spaces; "-" or "" = none. */
typedef struct opt {
    const char *name;
    uint32_t flag;
    int32_t *value; /* name=value */
} opt;

static int parse_opts(line_ctx *c, const char *s, const opt *opts, size_t n, uint32_t *flags)
{
    *flags = 0;
    char buf[256];
    size_t len = strlen(s);
    if (len >= sizeof buf)
        return fail_line(c, TOUSU_EPARSE, "options too long");
    memcpy(buf, s, len + 1);
    for (char *tok = buf; *tok;) {
        size_t k = strcspn(tok, ", ");
        char save = tok[k];
        tok[k] = '\0';
        if (*tok && strcmp(tok, "-") != 0) {
            char *eq = strchr(tok, '=');
            size_t name_len = eq ? (size_t)(eq - tok) : strlen(tok);
            size_t i = 0;
            while (i < n && !(strlen(opts[i].name) == name_len &&
                              memcmp(opts[i].name, tok, name_len) == 0 && !eq == !opts[i].value))
                i++;
            if (i == n)
                return tz_fail(c->e, TOUSU_EPARSE, "line %zu: unknown option \"%.40s\"", c->line,
                               tok);
            *flags |= opts[i].flag;
            if (eq && parse_int(c, eq + 1, 0, 86400000, opts[i].value, opts[i].name))
                return c->e->code;
        }
        tok += k + (save ? 1 : 0);
    }
    return TOUSU_OK;
}

/* ---------- records ---------- */

static int32_t situation_by_key(const tz_words *w, const char *key)
{
    for (size_t i = 0; i < w->n_situations; i++)
        if (strcmp(w->situations[i].key, key) == 0)
            return w->situations[i].id;
    return 0;
}

static int32_t flow_by_key(const tz_words *w, const char *key)
{
    for (size_t i = 0; i < w->n_flows; i++)
        if (strcmp(w->flows[i].key, key) == 0)
            return w->flows[i].id;
    return 0;
}

static int put_entry(line_ctx *c, int table, size_t at, const void *entry)
{
    if (tz_words_put(c->a, c->w, table, at, entry))
        return tz_fail(c->e, TOUSU_ENOMEM, "out of memory");
    return TOUSU_OK;
}

static int rec_situation(line_ctx *c)
{
    tz_situation s = {0, field(c, 2), field(c, 3), field(c, 4)};
    if (need_fields(c, 4, 5) || parse_int(c, field(c, 1), 1, INT32_MAX, &s.id, "id"))
        return c->e->code;
    size_t at = 0;
    while (at < c->w->n_situations && c->w->situations[at].id != s.id)
        at++;
    return put_entry(c, TZ_T_SITUATIONS, at, &s);
}

static int rec_step(line_ctx *c)
{
    tz_step s = {0};
    if (need_fields(c, 4, 7))
        return c->e->code;
    s.situation = situation_by_key(c->w, field(c, 1));
    if (!s.situation)
        return tz_fail(c->e, TOUSU_ENOTFOUND, "line %zu: step of unknown situation \"%.40s\"",
                       c->line, field(c, 1));
    const opt opts[] = {
        {"alt", TOUSU_STEP_ALTERNATIVE, NULL},
        {"wait", TOUSU_STEP_WAIT_ANSWER, NULL},
        {"action", TOUSU_STEP_ACTION, NULL},
        {"callback", TOUSU_STEP_OFFER_CALLBACK, NULL},
        {"report", TOUSU_STEP_REPORT, NULL},
        {"hangup", TOUSU_STEP_HANG_UP, NULL},
        {"hangup", TOUSU_STEP_HANG_UP, &s.hangup_ms},
        {"pause", 0, &s.pause_ms},
        {"limit", 0, &s.limit_ms},
    };
    if (parse_int(c, field(c, 2), 1, 100000, &s.step, "step") ||
        parse_opts(c, field(c, 3), opts, sizeof opts / sizeof opts[0], &s.flags))
        return c->e->code;
    s.when = field(c, 4);
    s.say = field(c, 5);
    s.note = field(c, 6);
    tz_error te;
    if (tz_template_check(s.say, &te))
        return tz_fail(c->e, TOUSU_EPARSE, "line %zu: %s", c->line, te.msg);
    size_t at = 0;
    while (at < c->w->n_steps &&
           !(c->w->steps[at].situation == s.situation && c->w->steps[at].step == s.step))
        at++;
    return put_entry(c, TZ_T_STEPS, at, &s);
}

static const opt pat_opts[] = {
    {"clause", TOUSU_PAT_CLAUSE, NULL},
    {"clause-start", TOUSU_PAT_CLAUSE_START, NULL},
    {"clause-end", TOUSU_PAT_CLAUSE_END, NULL},
};

static int rec_phrase(line_ctx *c)
{
    static const char *const fams[] = {NULL,       "blunt",   "questioning",
                                       "arrogant", "evasive", "blaming"};
    tz_phrase p = {0, 0, field(c, 3), field(c, 4), field(c, 5)};
    if (need_fields(c, 4, 6) || lookup(c, fams, 6, field(c, 1), &p.family, "family") ||
        parse_opts(c, field(c, 2), pat_opts, 3, &p.flags))
        return c->e->code;
    if (!*p.text)
        return fail_line(c, TOUSU_EPARSE, "empty phrase");
    size_t at = 0;
    while (at < c->w->n_phrases && strcmp(c->w->phrases[at].text, p.text) != 0)
        at++;
    return put_entry(c, TZ_T_PHRASES, at, &p);
}

static int rec_signal(line_ctx *c)
{
    static const char *const groups[] = {NULL, "media", "lawsuit", "regulator"};
    tz_signal s = {0, 0, 0, field(c, 4)};
    const opt kinds[] = {{"major", 1u << TOUSU_KIND_MAJOR, NULL},
                         {"leapfrog", 1u << TOUSU_KIND_LEAPFROG, NULL}};
    if (need_fields(c, 5, 5) || lookup(c, groups, 4, field(c, 1), &s.group, "group"))
        return c->e->code;
    /* "none": an exception word, masking the signals that end with it. */
    const bool exception = strcmp(field(c, 2), "none") == 0;
    if ((!exception && parse_opts(c, field(c, 2), kinds, 2, &s.kinds)) ||
        parse_opts(c, field(c, 3), pat_opts, 3, &s.flags))
        return c->e->code;
    if (!s.kinds && !exception)
        return fail_line(c, TOUSU_EPARSE,
                         "a signal needs a kind (major, leapfrog) or none (an exception word)");
    size_t at = 0;
    while (at < c->w->n_signals && strcmp(c->w->signals[at].text, s.text) != 0)
        at++;
    return put_entry(c, TZ_T_SIGNALS, at, &s);
}

static int rec_qa(line_ctx *c)
{
    static const char *const lists[] = {NULL,          "greeting",  "serve",    "anything_else",
                                        "wishes",      "abuse_bye", "wait_ask", "wait_reason",
                                        "wait_thanks", "callback",  "polite"};
    tz_qaword q = {0, 0, 0, field(c, 3)};
    if (need_fields(c, 4, 4) || lookup(c, lists, TZ_QL_COUNT, field(c, 1), &q.list, "list") ||
        parse_int(c, field(c, 2), 0, TZ_POLITE_TAGS - 1, &q.tag, "tag"))
        return c->e->code;
    size_t at = 0;
    while (at < c->w->n_qawords &&
           !(c->w->qawords[at].list == q.list && strcmp(c->w->qawords[at].text, q.text) == 0))
        at++;
    return put_entry(c, TZ_T_QAWORDS, at, &q);
}

static int rec_flow(line_ctx *c)
{
    tz_flow f = {0, 1, field(c, 2), field(c, 3), field(c, 4)};
    if (need_fields(c, 4, 6) || parse_int(c, field(c, 1), 1, INT32_MAX, &f.id, "id") ||
        (c->nf > 5 && parse_int(c, field(c, 5), 1, INT32_MAX, &f.start, "start node")))
        return c->e->code;
    size_t at = 0;
    while (at < c->w->n_flows && c->w->flows[at].id != f.id)
        at++;
    return put_entry(c, TZ_T_FLOWS, at, &f);
}

static int rec_node(line_ctx *c)
{
    tz_fnode n = {0, 0, field(c, 3), field(c, 4), field(c, 5)};
    if (need_fields(c, 4, 6))
        return c->e->code;
    n.flow = flow_by_key(c->w, field(c, 1));
    if (!n.flow)
        return tz_fail(c->e, TOUSU_ENOTFOUND, "line %zu: node of unknown flow \"%.40s\"", c->line,
                       field(c, 1));
    if (parse_int(c, field(c, 2), 1, INT32_MAX, &n.node, "node"))
        return c->e->code;
    tz_error te;
    if (tz_template_check(n.say, &te))
        return tz_fail(c->e, TOUSU_EPARSE, "line %zu: %s", c->line, te.msg);
    size_t at = 0;
    while (at < c->w->n_nodes &&
           !(c->w->nodes[at].flow == n.flow && c->w->nodes[at].node == n.node))
        at++;
    return put_entry(c, TZ_T_NODES, at, &n);
}

static int rec_answer(line_ctx *c)
{
    tz_fanswer a = {0, 0, 0, 0, field(c, 3)};
    if (need_fields(c, 5, 5))
        return c->e->code;
    a.flow = flow_by_key(c->w, field(c, 1));
    if (!a.flow)
        return tz_fail(c->e, TOUSU_ENOTFOUND, "line %zu: answer of unknown flow \"%.40s\"", c->line,
                       field(c, 1));
    if (parse_int(c, field(c, 2), 1, INT32_MAX, &a.node, "node"))
        return c->e->code;
    const char *next = field(c, 4);
    const char *colon = strchr(next, ':');
    if (strcmp(next, "end") == 0) {
        a.next_node = 0;
    } else if (colon) { /* flow_key:node */
        char key[72];
        size_t kl = (size_t)(colon - next);
        if (kl >= sizeof key)
            return fail_line(c, TOUSU_EPARSE, "flow key too long");
        memcpy(key, next, kl);
        key[kl] = '\0';
        a.next_flow = flow_by_key(c->w, key);
        if (!a.next_flow)
            return tz_fail(c->e, TOUSU_ENOTFOUND, "line %zu: answer leads to unknown flow \"%s\"",
                           c->line, key);
        if (parse_int(c, colon + 1, 1, INT32_MAX, &a.next_node, "next node"))
            return c->e->code;
    } else if (parse_int(c, next, 1, INT32_MAX, &a.next_node, "next node")) {
        return c->e->code;
    }
    size_t at = 0;
    while (at < c->w->n_answers &&
           !(c->w->answers[at].flow == a.flow && c->w->answers[at].node == a.node &&
             strcmp(c->w->answers[at].label, a.label) == 0))
        at++;
    return put_entry(c, TZ_T_ANSWERS, at, &a);
}

static int rec_clear(line_ctx *c, const char *what)
{
    static const struct {
        const char *name;
        int t[3];
    } map[] = {
        {"scripts", {TZ_T_SITUATIONS, TZ_T_STEPS, -1}},
        {"flows", {TZ_T_FLOWS, TZ_T_NODES, TZ_T_ANSWERS}},
        {"phrases", {TZ_T_PHRASES, -1, -1}},
        {"signals", {TZ_T_SIGNALS, -1, -1}},
        {"qa", {TZ_T_QAWORDS, -1, -1}},
    };
    bool all = strcmp(what, "all") == 0;
    bool known = all;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (!all && strcmp(map[i].name, what) != 0)
            continue;
        known = true;
        for (int k = 0; k < 3 && map[i].t[k] >= 0; k++)
            tz_words_remove_all(c->a, c->w, map[i].t[k]);
    }
    if (!known)
        return tz_fail(c->e, TOUSU_EPARSE, "line %zu: cannot clear \"%.40s\"", c->line, what);
    return TOUSU_OK;
}

/* ---------- lines ---------- */

static int do_line(line_ctx *c, char *s, bool *seen_header)
{
    s = trim(s);
    if (!*s || *s == '#')
        return TOUSU_OK;
    if (!*seen_header) {
        if (strncmp(s, "tousu-words", 11) != 0 || (s[11] != ' ' && s[11] != '\t'))
            return fail_line(c, TOUSU_EPARSE, "the first line must be \"tousu-words 1\"");
        int32_t v;
        if (parse_int(c, trim(s + 11), 1, INT32_MAX, &v, "version"))
            return c->e->code;
        if (v > 1)
            return tz_fail(c->e, TOUSU_EVERSION, "line %zu: version %d is newer than 1", c->line,
                           (int)v);
        *seen_header = true;
        return TOUSU_OK;
    }
    if (strncmp(s, "clear", 5) == 0 && (s[5] == ' ' || s[5] == '\t'))
        return rec_clear(c, trim(s + 5));
    static const struct {
        const char *name;
        int (*fn)(line_ctx *);
    } recs[] = {
        {"situation", rec_situation}, {"step", rec_step},     {"phrase", rec_phrase},
        {"signal", rec_signal},       {"qa", rec_qa},         {"flow", rec_flow},
        {"node", rec_node},           {"answer", rec_answer},
    };
    char *buf = tz_malloc(c->a, strlen(s) + 2);
    if (!buf)
        return tz_fail(c->e, TOUSU_ENOMEM, "out of memory");
    int rc = split(c, s, strlen(s), buf);
    if (rc == TOUSU_OK) {
        size_t i = 0;
        while (i < sizeof recs / sizeof recs[0] && strcmp(recs[i].name, c->f[0]) != 0)
            i++;
        rc = i < sizeof recs / sizeof recs[0]
                 ? recs[i].fn(c)
                 : tz_fail(c->e, TOUSU_EPARSE, "line %zu: unknown record \"%.40s\"", c->line,
                           c->f[0]);
    }
    tz_free(c->a, buf); /* the entry's strings were copied */
    return rc;
}

static int load_into(line_ctx *c, const char *text, size_t len)
{
    bool seen_header = false;
    char *line = NULL;
    size_t cap = 0;
    int rc = TOUSU_OK;
    for (size_t pos = 0; pos < len && rc == TOUSU_OK;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        c->line++;
        if (n + 1 > cap) {
            char *g = tz_realloc(c->a, line, cap, n + 1);
            if (!g) {
                rc = tz_fail(c->e, TOUSU_ENOMEM, "out of memory");
                break;
            }
            line = g;
            cap = n + 1;
        }
        memcpy(line, text + pos, n);
        line[n] = '\0';
        rc = do_line(c, line, &seen_header);
        pos += n + 1;
    }
    tz_free(c->a, line);
    if (rc == TOUSU_OK && !seen_header)
        rc = tz_fail(c->e, TOUSU_EPARSE, "line %zu: no \"tousu-words 1\" line", c->line);
    return rc;
}

int tousu_words_load(tousu_words *words, const char *text, size_t len)
{
    if (!words || (!text && len))
        return TOUSU_EINVAL;
    tz_error *e = tz_words_error(words);
    const tz_alloc *a = tz_words_alloc(words);
    tz_ok(e);
    if (!text)
        text = "";
    size_t bad = tz_utf8_check(text, len);
    const char *nul = memchr(text, '\0', len);
    if (nul && (size_t)(nul - text) < bad)
        bad = (size_t)(nul - text);
    if (bad != len) {
        size_t line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n';
        return tz_fail(e, nul && bad == (size_t)(nul - text) ? TOUSU_EPARSE : TOUSU_EUTF8,
                       "line %zu: %s at byte %zu", line,
                       nul && bad == (size_t)(nul - text) ? "NUL byte" : "malformed UTF-8", bad);
    }
    tz_words tmp;
    if (tz_words_copy(a, tz_words_tables(words), &tmp))
        return tz_fail(e, TOUSU_ENOMEM, "out of memory");
    line_ctx c = {.a = a, .w = &tmp, .e = e};
    int rc = load_into(&c, text, len);
    if (rc == TOUSU_OK && (rc = tz_words_validate(&tmp, e)) != TOUSU_OK) {
        char msg[TZ_ERRMSG_CAP];
        memcpy(msg, e->msg, sizeof msg);
        tz_fail(e, rc, "tables after line %zu: %.200s", c.line, msg);
    }
    if (rc) {
        tz_words_release(a, &tmp);
        return rc;
    }
    tz_words_release(a, tz_words_tables(words));
    *tz_words_tables(words) = tmp;
    return TOUSU_OK;
}
