/*
 * policy_words_text.c - the [words] section of the policy file
 * (docs/policy.md, docs/words.md; R-POL-1, R-POL-2, R-SCR-10): the script,
 * flow, phrase, signal and call-quality tables as records of the
 * `tousu-words 1` format, one a line.
 *
 * Loading: the section is "raw" (its lines are records, not key = value).
 * policy_file.c checks each line (length, NUL, UTF-8) and hands it here;
 * we check its escapes and remember the span of the file the section's
 * lines cover. Only once the whole file parsed (tz_words_text_finish) is
 * the span loaded over the policy's tables with tousu_words_load, all or
 * nothing, and put in force with tousu_policy_set_words. A file without
 * [words] costs nothing here: no copy of the tables, no matcher build
 * (policy loading is on the fuzzing hot path).
 *
 * Dumping writes `clear all` and then every entry of every table, in table
 * order, so a dump loads back to equal tables and dumps to the same bytes.
 */
#include "policy_text.h"
#include "words.h"

#include <stdio.h>
#include <string.h>

enum { MAX_LINE = 4096, MAX_FIELDS = 8, MSG_CUT = 40 };

static const char words_header[] = "tousu-words 1\n";

/* ---------- loading: lines of the section ---------- */

/* The escapes of the words format (\| \\ \n \t) plus \{ and \} (a literal
 * brace that does not group a placeholder; the dump writes it for a field
 * with an unclosed '{'). Anything else after a backslash is refused here,
 * at its line, rather than silently read as the character itself. */
static int check_escapes(const tz_text *line, tz_load *ld)
{
    for (size_t i = 0; i < line->len; i++) {
        if (line->s[i] != '\\')
            continue;
        if (i + 1 == line->len)
            return tz_load_fail(ld, TOUSU_EPARSE,
                                "[words] '\\' at the end of the line (write '\\\\')");
        char c = line->s[++i];
        if (c == '|' || c == '\\' || c == 'n' || c == 't' || c == '{' || c == '}')
            continue;
        unsigned char u = (unsigned char)c;
        int n = u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4; /* the line is valid UTF-8 */
        return tz_load_fail(
            ld, TOUSU_EPARSE,
            "[words] unknown escape '\\%.*s' at column %zu (escapes: \\| \\\\ \\n \\t "
            "\\{ \\})",
            n, line->s + i, i);
    }
    return TOUSU_OK;
}

int tz_words_text_line(tousu_policy *p, const char *section, const tz_text *line, tz_load *ld)
{
    (void)p;
    (void)section;
    int rc = check_escapes(line, ld);
    if (rc)
        return rc;
    /* The section's lines are contiguous in the file (a section appears
     * once and runs to the next header), so a span is all we keep. */
    if (!ld->words.text.s) {
        ld->words.text.s = line->s;
        ld->words.line = ld->line;
        ld->words.header = ld->section_line;
    }
    ld->words.text.len = (size_t)(line->s + line->len - ld->words.text.s);
    return TOUSU_OK;
}

/* ---------- loading: errors back to file lines ---------- */

/* Split a record line as words_load.c does: fields at '|', escapes
 * undone, a '|' inside {placeholder} kept, fields trimmed. Returns the
 * number of fields; buf holds MAX_LINE + 1 bytes. */
static char *trim_field(char *f)
{
    while (*f == ' ' || *f == '\t')
        f++;
    size_t n = strlen(f);
    while (n && (f[n - 1] == ' ' || f[n - 1] == '\t' || f[n - 1] == '\r'))
        f[--n] = '\0';
    return f;
}

static size_t split_record(const char *s, size_t len, char *buf, char **f)
{
    size_t nf = 0;
    char *start = buf, *o = buf;
    int depth = 0;
    for (size_t i = 0; i <= len && nf < MAX_FIELDS; i++) {
        char ch = i < len ? s[i] : '|';
        if (ch == '\\' && i + 1 < len) {
            char nx = s[++i];
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
        f[nf++] = trim_field(start);
        start = o;
    }
    return nf;
}

/* What a validation message (words_check.c) names: the record and up to
 * three identifying fields, e.g. `answer rare_problem/1 "ok": ...` ->
 * answer, {rare_problem, 1, ok}. */
typedef struct entry_ref {
    const char *record;
    tz_text id[3];
    size_t n;
} entry_ref;

static bool take_quoted(const char **m, entry_ref *r)
{
    if (**m != '"')
        return false;
    const char *q = strchr(*m + 1, '"');
    if (!q)
        return false;
    r->id[r->n++] = (tz_text){*m + 1, (size_t)(q - *m - 1)};
    *m = q + 1;
    return true;
}

static bool parse_ref(const char *m, entry_ref *r)
{
    static const struct {
        const char *word, *record;
    } kinds[] = {{"situation ", "situation"}, {"step ", "step"},    {"phrase ", "phrase"},
                 {"signal ", "signal"},       {"qa word ", "qa"},   {"flow ", "flow"},
                 {"node ", "node"},           {"answer ", "answer"}};
    memset(r, 0, sizeof *r);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && !r->record; k++)
        if (strncmp(m, kinds[k].word, strlen(kinds[k].word)) == 0) {
            r->record = kinds[k].record;
            m += strlen(kinds[k].word);
        }
    if (!r->record)
        return false;
    if (take_quoted(&m, r))
        return true;
    size_t n = strcspn(m, " :");
    if (n == 0 || strncmp(m + n, " of ", 4) == 0) /* "step 2 of situation 7": ids only */
        return false;
    const char *slash = memchr(m, '/', n);
    if (slash) {
        r->id[r->n++] = (tz_text){m, (size_t)(slash - m)};
        r->id[r->n++] = (tz_text){slash + 1, (size_t)(m + n - slash - 1)};
    } else {
        r->id[r->n++] = (tz_text){m, n};
    }
    m += n;
    if (*m == ' ')
        m++;
    take_quoted(&m, r);
    return true;
}

/* A field equals an identifier; messages cut quoted text at 40 bytes. */
static bool field_is(const char *field, const tz_text *id)
{
    size_t fl = strlen(field);
    if (fl == id->len || (id->len == MSG_CUT && fl > id->len))
        return memcmp(field, id->s, id->len) == 0;
    return false;
}

static bool record_matches(const entry_ref *r, char **f, size_t nf)
{
    if (nf == 0 || strcmp(f[0], r->record) != 0)
        return false;
    for (size_t k = 0; k < r->n; k++) {
        size_t i = 1;
        while (i < nf && !field_is(f[i], &r->id[k]))
            i++;
        if (i == nf)
            return false;
    }
    return true;
}

/* The file line of entry r: the last record of the section that defines
 * it (a later record replaces an earlier one), or 0 when it is not in the
 * section (an entry of the tables the file merged over). */
static size_t entry_line(const tz_load *ld, const entry_ref *r)
{
    char fields[MAX_LINE + 1];
    char *f[MAX_FIELDS];
    size_t found = 0, line = ld->words.line;
    const char *s = ld->words.text.s, *end = s + ld->words.text.len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        if (n <= MAX_LINE && record_matches(r, f, split_record(s, n, fields, f)))
            found = line;
        line++;
        s += n + 1;
    }
    return found;
}

/* "<prefix><N>: rest" -> N and rest. */
static bool line_prefix(const char *msg, const char *prefix, size_t *n, const char **rest)
{
    size_t pl = strlen(prefix), v = 0;
    const char *c = msg + pl;
    if (strncmp(msg, prefix, pl) != 0 || *c < '0' || *c > '9')
        return false;
    while (*c >= '0' && *c <= '9' && v < SIZE_MAX / 10 - 1)
        v = v * 10 + (size_t)(*c++ - '0');
    if (strncmp(c, ": ", 2) != 0)
        return false;
    *n = v;
    *rest = c + 2;
    return true;
}

/* Report the loader's error at the file line it concerns:
 *   "line N: problem"               -> record N-1 of the text we built
 *   "tables after line N: problem"  -> the entry's line, else the header. */
static int words_fail(tz_load *ld, int rc, const char *msg)
{
    size_t n = 0;
    const char *rest = msg;
    ld->line = ld->words.header;
    if (line_prefix(msg, "line ", &n, &rest)) {
        if (n >= 2) /* line 1 is the header we wrote */
            ld->line = ld->words.line + n - 2;
    } else if (line_prefix(msg, "tables after line ", &n, &rest)) {
        entry_ref r;
        size_t at = parse_ref(rest, &r) ? entry_line(ld, &r) : 0;
        if (at)
            ld->line = at;
    }
    return tz_load_fail(ld, rc, "[words] %s", rest);
}

/* ---------- dumping ---------- */

/* A field with the format's escapes, after " |". A '|' inside a
 * placeholder stays as it is ({title|先生/女士} reads better); a field
 * whose '{' is never closed gets \{ so the loader does not read on past
 * its end. */
static void put_field(tz_sink *s, const char *f)
{
    int depth = 0;
    for (const char *c = f; *c; c++)
        depth = *c == '{' ? depth + 1 : *c == '}' && depth > 0 ? depth - 1 : depth;
    bool esc_open = depth > 0;
    tz_sink_put(s, *f ? " | " : " |");
    depth = 0;
    const char *run = f;
    for (const char *c = f;; c++) {
        const char *esc = NULL;
        switch (*c) {
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\t': esc = "\\t"; break;
        case '|': esc = depth > 0 ? NULL : "\\|"; break;
        case '{':
            if (esc_open)
                esc = "\\{";
            else
                depth++;
            break;
        case '}': depth -= depth > 0; break;
        default: break;
        }
        if (!esc && *c)
            continue;
        tz_sink_put(s, "%.*s%s", (int)(c - run), run, esc ? esc : "");
        if (!*c)
            return;
        run = c + 1;
    }
}

static const char *const families[TOUSU_FAM_COUNT_] = {"?",        "blunt",   "questioning",
                                                       "arrogant", "evasive", "blaming"};
static const char *const groups[TOUSU_SIG_COUNT_] = {"?", "media", "lawsuit", "regulator"};
static const char *const qa_lists[TZ_QL_COUNT] = {
    "?",        "greeting",    "serve",       "anything_else", "wishes", "abuse_bye",
    "wait_ask", "wait_reason", "wait_thanks", "callback",      "polite"};

static const char *name_of(const char *const *names, size_t n, int32_t v)
{
    return v > 0 && (size_t)v < n ? names[v] : "?";
}

static void put_step_options(tz_sink *s, const tz_step *st)
{
    static const struct {
        uint32_t flag;
        const char *name;
    } opts[] = {{TOUSU_STEP_ALTERNATIVE, "alt"},
                {TOUSU_STEP_WAIT_ANSWER, "wait"},
                {TOUSU_STEP_ACTION, "action"},
                {TOUSU_STEP_OFFER_CALLBACK, "callback"},
                {TOUSU_STEP_REPORT, "report"}};
    const char *sep = " | ";
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (st->flags & opts[i].flag) {
            tz_sink_put(s, "%s%s", sep, opts[i].name);
            sep = ",";
        }
    if (st->flags & TOUSU_STEP_HANG_UP) {
        tz_sink_put(s, st->hangup_ms ? "%shangup=%d" : "%shangup", sep, (int)st->hangup_ms);
        sep = ",";
    }
    if (st->pause_ms) {
        tz_sink_put(s, "%spause=%d", sep, (int)st->pause_ms);
        sep = ",";
    }
    if (st->limit_ms) {
        tz_sink_put(s, "%slimit=%d", sep, (int)st->limit_ms);
        sep = ",";
    }
    if (sep[0] == ' ')
        tz_sink_put(s, " | -");
}

static const char *pat_options(uint32_t flags)
{
    if ((flags & TOUSU_PAT_CLAUSE) == TOUSU_PAT_CLAUSE)
        return "clause";
    return flags & TOUSU_PAT_CLAUSE_START ? "clause-start"
           : flags & TOUSU_PAT_CLAUSE_END ? "clause-end"
                                          : "-";
}

/* Keys of the entries an entry names (the tables in force are checked, so
 * "?" never shows). */
static const char *flow_key(const tz_words *w, int32_t id)
{
    const tz_flow *f = tz_find_flow(w, id);
    return f ? f->key : "?";
}

static const char *situation_key(const tz_words *w, int32_t id)
{
    const tz_situation *x = tz_find_situation(w, id);
    return x ? x->key : "?";
}

static void put_situation(const tz_words *w, size_t i, tz_sink *s)
{
    const tz_situation *x = &w->situations[i];
    tz_sink_put(s, "situation | %d", (int)x->id);
    put_field(s, x->key);
    put_field(s, x->title);
    put_field(s, x->rule);
}

static void put_step(const tz_words *w, size_t i, tz_sink *s)
{
    const tz_step *x = &w->steps[i];
    tz_sink_put(s, "step");
    put_field(s, situation_key(w, x->situation));
    tz_sink_put(s, " | %d", (int)x->step);
    put_step_options(s, x);
    put_field(s, x->when);
    put_field(s, x->say);
    put_field(s, x->note);
}

static void put_flow(const tz_words *w, size_t i, tz_sink *s)
{
    const tz_flow *x = &w->flows[i];
    tz_sink_put(s, "flow | %d", (int)x->id);
    put_field(s, x->key);
    put_field(s, x->title);
    put_field(s, x->rule);
    tz_sink_put(s, " | %d", (int)x->start);
}

static void put_node(const tz_words *w, size_t i, tz_sink *s)
{
    const tz_fnode *x = &w->nodes[i];
    tz_sink_put(s, "node");
    put_field(s, flow_key(w, x->flow));
    tz_sink_put(s, " | %d", (int)x->node);
    put_field(s, x->question);
    put_field(s, x->say);
    put_field(s, x->note);
}

static void put_answer(const tz_words *w, size_t i, tz_sink *s)
{
    const tz_fanswer *x = &w->answers[i];
    tz_sink_put(s, "answer");
    put_field(s, flow_key(w, x->flow));
    tz_sink_put(s, " | %d", (int)x->node);
    put_field(s, x->label);
    if (!x->next_node) /* the flow ends (the format has no "end in flow X") */
        tz_sink_put(s, " | end");
    else if (x->next_flow) /* keys are [a-z0-9_.-]: no escapes */
        tz_sink_put(s, " | %s:%d", flow_key(w, x->next_flow), (int)x->next_node);
    else
        tz_sink_put(s, " | %d", (int)x->next_node);
}

static void put_phrase(const tz_words *w, size_t i, tz_sink *s)
{
    const tz_phrase *x = &w->phrases[i];
    tz_sink_put(s, "phrase | %s | %s", name_of(families, TOUSU_FAM_COUNT_, x->family),
                pat_options(x->flags));
    put_field(s, x->text);
    put_field(s, x->rewrite);
    put_field(s, x->variant_of);
}

static void put_signal(const tz_words *w, size_t i, tz_sink *s)
{
    const tz_signal *x = &w->signals[i];
    bool major = x->kinds & (1u << TOUSU_KIND_MAJOR);
    bool leap = x->kinds & (1u << TOUSU_KIND_LEAPFROG);
    tz_sink_put(s, "signal | %s | %s%s%s%s | %s", name_of(groups, TOUSU_SIG_COUNT_, x->group),
                major ? "major" : "", major && leap ? "," : "", leap ? "leapfrog" : "",
                x->kinds ? "" : "none", pat_options(x->flags));
    put_field(s, x->text);
}

/* A qa word has no options in the format: the lists match anywhere. */
static void put_qaword(const tz_words *w, size_t i, tz_sink *s)
{
    const tz_qaword *x = &w->qawords[i];
    tz_sink_put(s, "qa | %s | %d", name_of(qa_lists, TZ_QL_COUNT, x->list), (int)x->tag);
    put_field(s, x->text);
}

/* The tables in dump order: situations before the steps that name them,
 * every flow before any answer leading into one. */
static const struct {
    int table;
    void (*put)(const tz_words *w, size_t i, tz_sink *s);
} records[] = {
    {TZ_T_SITUATIONS, put_situation}, {TZ_T_STEPS, put_step},     {TZ_T_FLOWS, put_flow},
    {TZ_T_NODES, put_node},           {TZ_T_ANSWERS, put_answer}, {TZ_T_PHRASES, put_phrase},
    {TZ_T_SIGNALS, put_signal},       {TZ_T_QAWORDS, put_qaword},
};
enum { N_RECORDS = sizeof records / sizeof records[0] };

void tz_words_text_dump(const tousu_policy *p, const char *section, tz_sink *s)
{
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    tz_sink_put(s, "\n[%s]\nclear all\n", section);
    for (size_t r = 0; r < N_RECORDS; r++)
        for (size_t i = 0; i < tz_words_count(w, records[r].table); i++) {
            records[r].put(w, i, s);
            tz_sink_put(s, "\n");
        }
}

/* ---------- loading: the tables ---------- */

/* The entry as the message of a check would name it, to find its line. */
static entry_ref ref_of(const tz_words *w, int t, size_t i, char *num, size_t cap)
{
    entry_ref r = {NULL, {{NULL, 0}}, 0};
    const char *a = NULL, *b = NULL;
    int32_t n = 0;
    switch (t) {
    case TZ_T_SITUATIONS:
        r.record = "situation";
        a = w->situations[i].key;
        break;
    case TZ_T_STEPS:
        r.record = "step";
        a = situation_key(w, w->steps[i].situation);
        n = w->steps[i].step;
        break;
    case TZ_T_FLOWS:
        r.record = "flow";
        a = w->flows[i].key;
        break;
    case TZ_T_NODES:
        r.record = "node";
        a = flow_key(w, w->nodes[i].flow);
        n = w->nodes[i].node;
        break;
    case TZ_T_ANSWERS:
        r.record = "answer";
        a = flow_key(w, w->answers[i].flow);
        b = w->answers[i].label;
        n = w->answers[i].node;
        break;
    case TZ_T_PHRASES:
        r.record = "phrase";
        a = w->phrases[i].text;
        break;
    case TZ_T_SIGNALS:
        r.record = "signal";
        a = w->signals[i].text;
        break;
    default:
        r.record = "qa";
        a = w->qawords[i].text;
        break;
    }
    r.id[r.n++] = (tz_text){a, strlen(a)};
    if (b)
        r.id[r.n++] = (tz_text){b, strlen(b)};
    if (n) {
        int k = snprintf(num, cap, "%d", (int)n);
        r.id[r.n++] = (tz_text){num, k > 0 ? (size_t)k : 0};
    }
    return r;
}

/* Every entry must dump to a line the loader reads back (R-POL-2: dump ->
 * load -> dump). Escapes can make a 4096-byte record longer (a raw tab is
 * written \t), so the loaded tables are measured once. */
static int check_lengths(tz_load *ld, const tz_words *w)
{
    for (size_t r = 0; r < N_RECORDS; r++)
        for (size_t i = 0; i < tz_words_count(w, records[r].table); i++) {
            tz_sink count = {NULL, 0, 0};
            records[r].put(w, i, &count);
            if (count.len <= MAX_LINE)
                continue;
            char num[16];
            entry_ref ref = ref_of(w, records[r].table, i, num, sizeof num);
            size_t at = entry_line(ld, &ref);
            ld->line = at ? at : ld->words.header;
            return tz_load_fail(ld, TOUSU_ETOOBIG,
                                "[words] %s record would be written back as %zu bytes, more "
                                "than a line (%d)",
                                ref.record, count.len, MAX_LINE);
        }
    return TOUSU_OK;
}

int tz_words_text_finish(tousu_policy *p, tz_load *ld)
{
    if (!ld->words.text.s)
        return TOUSU_OK; /* no [words] records: the tables stay shared */
    size_t hl = sizeof words_header - 1, n = hl + ld->words.text.len;
    char *text = tz_malloc(&p->alloc, n);
    tousu_words *w = NULL;
    int rc = text ? tousu_words_new(&w, p) : TOUSU_ENOMEM;
    if (rc == TOUSU_OK) {
        memcpy(text, words_header, hl);
        memcpy(text + hl, ld->words.text.s, ld->words.text.len);
        rc = tousu_words_load(w, text, n);
        if (rc)
            words_fail(ld, rc, tousu_words_errmsg(w));
        else if ((rc = check_lengths(ld, tz_words_tables(w))) == TOUSU_OK &&
                 (rc = tousu_policy_set_words(p, w)) != TOUSU_OK) {
            ld->line = ld->words.header;
            tz_load_fail(ld, rc, "[words] the tables cannot be put in force: %s",
                         tousu_strerror(rc));
        }
    } else {
        ld->line = ld->words.header;
        tz_load_fail(ld, rc, "[words] %s", tousu_strerror(rc));
    }
    tousu_words_free(w);
    tz_free(&p->alloc, text);
    return rc;
}
