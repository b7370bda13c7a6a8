/*
 * tousu-flow - walk an answer flow for a known problem (R-SCR-10) with a
 * scripted list of answers, as an agent would on the phone: at each step
 * the question to settle, the script to say (rendered with the customer's
 * title and surname and the agent's number), what to do, the answers that
 * lead on, the answer taken and where it leads, until the flow ends. The
 * walk starts with the opening line (R-SCR-1) and ends with the closing
 * (R-SCR-4), rendered the same way.
 *
 * An example program, not part of the library: it uses only the public
 * header <tousu.h>, links the shared library and runs on the built-in
 * policy, whose flows are those of seed 001 section 五 (an SMS
 * account-alert service, 短信通).
 *
 *   tousu-flow --answers FILE           the walks of an answers file
 *   tousu-flow [--flow KEY] [--surname S] [--title T] [--agent-no N]
 *              [--company C] [--deadline D] ANSWER...
 *                                       one walk, the answers in order
 *
 * An answer is the label of one of the node's answers exactly as the flow
 * writes it (e.g. 都不是), or its number (1 = the first). The default flow
 * is no_welcome_sms (客户收不到欢迎短信).
 *
 * THE ANSWERS FILE (examples/README.md has it too)
 * UTF-8 text, one item a line; blank lines and lines starting with '#' are
 * comments. First the settings, "key: value", each at most once:
 *   flow: KEY         the flow to walk (default no_welcome_sms)
 *   surname: 王       customer's surname      {surname}
 *   title: 女士        customer's title        {title}   (default 先生/女士)
 *   agent_no: 1024    the agent's number      {agent_no}
 *   company: 短信通    the service's name      {company}
 *   deadline: 2周     a time limit to promise {deadline}
 * then one or more walks: a line "walk: TITLE" and the answers, one a line.
 *
 * Exit status: 0 every walk reached the end of its flow with its answers;
 * 1 a library call failed or the file cannot be read; 2 usage error, a bad
 * line in the answers file, an answer that is none of the node's answers,
 * answers missing before the flow ends, or answers left after it ends
 * (reported as FILE:LINE: what is wrong; the other walks still run).
 */
#include <tousu.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_FILE = 1 << 20, MAX_WALKS = 32, MAX_ANSWERS = 64, MAX_STEPS = 100 };

typedef struct answer {
    const char *text;
    int line; /* in the file; for a command-line answer its argument index */
} answer;

typedef struct walk {
    const char *title;
    int line; /* of its "walk:" line (0 on the command line) */
    answer answers[MAX_ANSWERS];
    int n;
} walk;

/* Everything the program was told: from the command line or the file. */
typedef struct script {
    const char *source; /* the file name, or "command line" */
    int from_file;
    const char *flow; /* flow key */
    tousu_vars vars;
    walk walks[MAX_WALKS];
    int n_walks;
    char *text; /* the file's lines (the strings point into it) */
} script;

typedef struct walker {
    const tousu_policy *policy;
    const script *sc;
    char *buf; /* rendered scripts */
    size_t cap;
} walker;

/* ------------------------------------------------------------------ */
/* Reading the answers                                                 */
/* ------------------------------------------------------------------ */

/* A setting (key: value) from the command line or the file: 1 set, 0
 * unknown key, -1 already set. */
static int set_key(script *sc, const char *key, const char *v)
{
    tousu_vars *x = &sc->vars;
    const char **slot = NULL;
    size_t *len = NULL;
    if (strcmp(key, "flow") == 0)
        slot = &sc->flow;
    else if (strcmp(key, "surname") == 0)
        slot = &x->surname, len = &x->surname_len;
    else if (strcmp(key, "title") == 0)
        slot = &x->title, len = &x->title_len;
    else if (strcmp(key, "agent_no") == 0)
        slot = &x->agent_no, len = &x->agent_no_len;
    else if (strcmp(key, "company") == 0)
        slot = &x->company, len = &x->company_len;
    else if (strcmp(key, "deadline") == 0)
        slot = &x->deadline, len = &x->deadline_len;
    else
        return 0;
    if (*slot)
        return -1;
    *slot = v;
    if (len)
        *len = strlen(v);
    return 1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* The key of "key: value" (lower-case ASCII and '_'), cut at the colon;
 * NULL when the line is not of that form. *value gets the trimmed value. */
static char *key_of(char *s, char **value)
{
    char *colon = strchr(s, ':');
    if (!colon || colon == s)
        return NULL;
    for (const char *k = s; k < colon; k++)
        if (!islower((unsigned char)*k) && *k != '_')
            return NULL;
    *colon = '\0';
    *value = trim(colon + 1);
    return s;
}

/* One line of the answers file. Returns 0 (reported) when it is bad. */
static int file_line(script *sc, char *s, int line)
{
    char *v;
    char *key = key_of(s, &v);
    const char *f = sc->source;
    if (key && strcmp(key, "walk") == 0) {
        if (sc->n_walks == MAX_WALKS) {
            fprintf(stderr, "%s:%d: more than %d walks\n", f, line, MAX_WALKS);
            return 0;
        }
        sc->walks[sc->n_walks].title = v;
        sc->walks[sc->n_walks++].line = line;
    } else if (key) {
        if (sc->n_walks) {
            fprintf(stderr, "%s:%d: the setting '%s' comes after the first walk\n", f, line, key);
            return 0;
        }
        int set = *v ? set_key(sc, key, v) : 0;
        if (set < 0) {
            fprintf(stderr, "%s:%d: '%s' is set twice\n", f, line, key);
            return 0;
        }
        if (set == 0) {
            fprintf(stderr, "%s:%d: %s '%s' (flow, surname, title, agent_no, company, deadline)\n",
                    f, line, *v ? "unknown setting" : "no value for", key);
            return 0;
        }
    } else {
        if (sc->n_walks == 0) {
            fprintf(stderr, "%s:%d: an answer before the first 'walk:' line\n", f, line);
            return 0;
        }
        walk *w = &sc->walks[sc->n_walks - 1];
        if (w->n == MAX_ANSWERS) {
            fprintf(stderr, "%s:%d: more than %d answers in a walk\n", f, line, MAX_ANSWERS);
            return 0;
        }
        w->answers[w->n++] = (answer){s, line};
    }
    return 1;
}

/* Read the answers file. Returns -1 ok, else the exit status. */
static int read_file(script *sc, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "tousu-flow: cannot open %s: %s\n", path, strerror(errno));
        return 1;
    }
    sc->text = malloc(MAX_FILE);
    size_t len = sc->text ? fread(sc->text, 1, MAX_FILE - 1, fp) : 0;
    int too_big = sc->text && !feof(fp), failed = !sc->text || ferror(fp);
    fclose(fp);
    if (failed || too_big) {
        fprintf(stderr, "tousu-flow: cannot read %s: %s\n", path,
                too_big ? "larger than 1 MB" : "read error or out of memory");
        return 1;
    }
    sc->text[len] = '\0';
    sc->source = path;
    sc->from_file = 1;
    int bad = 0, line = 0;
    for (char *s = sc->text; s;) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        char *t = trim(s);
        line++;
        if (*t && *t != '#' && !file_line(sc, t, line))
            bad = 1;
        s = nl ? nl + 1 : NULL;
    }
    if (!bad && sc->n_walks == 0) {
        fprintf(stderr, "%s: no walk ('walk: TITLE' and the answers)\n", path);
        bad = 1;
    }
    return bad ? 2 : -1;
}

static void usage(FILE *to)
{
    fprintf(to, "usage: tousu-flow --answers FILE\n"
                "       tousu-flow [--flow KEY] [--surname S] [--title T] [--agent-no N]\n"
                "                  [--company C] [--deadline D] ANSWER...\n"
                "  Walk an answer flow (R-SCR-10; default no_welcome_sms) with the answers\n"
                "  given, printing each step's question, script and the answer taken.\n"
                "  An answer is a label as the flow writes it, or its number (1 = first).\n"
                "  The answers file format is described in examples/README.md.\n");
}

/* Options with a value: --flow, --surname, ... (the setting keys). As
 * set_key: 1 set, 0 unknown option, -1 given twice. */
static int option_value(script *sc, const char *opt, const char *v)
{
    static const char *const names[][2] = {
        {"--flow", "flow"},         {"--surname", "surname"}, {"--title", "title"},
        {"--agent-no", "agent_no"}, {"--company", "company"}, {"--deadline", "deadline"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(opt, names[i][0]) == 0)
            return set_key(sc, names[i][1], v);
    return 0;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, script *sc)
{
    const char *file = NULL;
    walk *w = &sc->walks[0];
    sc->source = "command line";
    w->title = "the answers on the command line";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] == '-' && a[2] != '\0') {
            if (i + 1 >= argc) {
                fprintf(stderr, "tousu-flow: %s needs a value\n", a);
                return 2;
            }
            const char *v = argv[++i];
            int set;
            if (strcmp(a, "--answers") == 0) {
                set = file ? -1 : 1;
                file = file ? file : v;
            } else {
                set = option_value(sc, a, v);
            }
            if (set < 0) {
                fprintf(stderr, "tousu-flow: %s given twice\n", a);
                return 2;
            }
            if (set == 0) {
                fprintf(stderr, "tousu-flow: unknown option %s\n", a);
                usage(stderr);
                return 2;
            }
        } else if (w->n == MAX_ANSWERS) {
            fprintf(stderr, "tousu-flow: more than %d answers\n", MAX_ANSWERS);
            return 2;
        } else {
            w->answers[w->n++] = (answer){a, i};
        }
    }
    if (file && w->n) {
        fprintf(stderr, "tousu-flow: --answers FILE or answers on the command line, not both\n");
        return 2;
    }
    if (file)
        return read_file(sc, file);
    if (w->n == 0) {
        usage(stderr);
        return 2;
    }
    sc->n_walks = 1;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Walking                                                             */
/* ------------------------------------------------------------------ */

/* "FILE:LINE: " or "tousu-flow: argument N: " before a message. */
static void where(const script *sc, const answer *a)
{
    fflush(stdout);
    if (sc->from_file)
        fprintf(stderr, "%s:%d: ", sc->source, a->line);
    else
        fprintf(stderr, "tousu-flow: argument %d: ", a->line);
}

static int lib_failed(const char *what, int rc)
{
    fflush(stdout);
    fprintf(stderr, "tousu-flow: %s failed: %s (%d)\n", what, tousu_strerror(rc), rc);
    return 1;
}

/* Render with a tousu_flow_render / tousu_script_render style call into
 * wk->buf, grown to fit. TOUSU_ENODATA (a placeholder without a value) still
 * gives the text, with the placeholder left as {name}. */
typedef int (*render_fn)(const tousu_policy *p, int32_t a, int32_t b, const tousu_vars *v,
                         char *buf, size_t cap, size_t *needed);

static int render(walker *wk, render_fn fn, int32_t a, int32_t b)
{
    if (!wk->buf) { /* so that even an empty text is a string */
        if (!(wk->buf = malloc(256)))
            return TOUSU_ENOMEM;
        wk->cap = 256;
    }
    size_t needed = 0;
    int rc = fn(wk->policy, a, b, &wk->sc->vars, wk->buf, wk->cap, &needed);
    if (rc == TOUSU_ENOSPACE) {
        char *bigger = realloc(wk->buf, needed + 1);
        if (!bigger)
            return TOUSU_ENOMEM;
        wk->buf = bigger;
        wk->cap = needed + 1;
        rc = fn(wk->policy, a, b, &wk->sc->vars, wk->buf, wk->cap, &needed);
    }
    return rc;
}

/* "no_welcome_sms/3", or "end". */
static const char *place(const tousu_policy *p, int32_t flow, int32_t node, char out[96])
{
    tousu_flow_info fi = {.struct_size = sizeof fi};
    if (node == 0)
        snprintf(out, 96, "end");
    else if (tousu_flow_info_get(p, flow, &fi) == TOUSU_OK)
        snprintf(out, 96, "%.*s/%d", (int)fi.key_len, fi.key, (int)node);
    else
        snprintf(out, 96, "flow %d/%d", (int)flow, (int)node);
    return out;
}

/* Print a line of script (the rendered text) with its label. */
static void say_line(const char *label, int rc, const char *text)
{
    if (*text == '\0')
        printf("     %-9s (nothing to say)\n", label);
    else
        printf("     %-9s %s%s\n", label, text,
               rc == TOUSU_ENODATA ? "   (a placeholder has no value)" : "");
}

/* The spoken steps of a situation (R-SCR-1 opening: its first step; R-SCR-4
 * closing: every step that is neither an alternative nor an action). */
static int say_situation(walker *wk, int32_t situation, int first_only, const char *label)
{
    tousu_situation_info si = {.struct_size = sizeof si};
    int rc = tousu_script_situation(wk->policy, situation, &si);
    if (rc != TOUSU_OK)
        return lib_failed("tousu_script_situation", rc);
    for (int32_t s = 1; s <= si.n_steps; s++) {
        tousu_step_info st = {.struct_size = sizeof st};
        if ((rc = tousu_script_step(wk->policy, situation, s, &st)) != TOUSU_OK)
            return lib_failed("tousu_script_step", rc);
        int spoken = st.say_len && !(st.flags & TOUSU_STEP_ACTION);
        if (!spoken || (s > 1 && (first_only || (st.flags & TOUSU_STEP_ALTERNATIVE))))
            continue;
        rc = render(wk, tousu_script_render, situation, s);
        if (rc != TOUSU_OK && rc != TOUSU_ENODATA)
            return lib_failed("tousu_script_render", rc);
        char tag[192];
        snprintf(tag, sizeof tag, "%s (%.*s %.*s/%d)", label, (int)si.rule_len, si.rule,
                 (int)si.key_len, si.key, (int)s);
        printf("  %s\n", tag);
        say_line("say:", rc, wk->buf);
    }
    return 0;
}

/* The index of the answer `a` names among the node's: its number, or its
 * exact label; -1 when none. */
static int32_t match_answer(const tousu_policy *p, const tousu_flow_node *nd, const char *a)
{
    char *end;
    long k = strtol(a, &end, 10);
    if (isdigit((unsigned char)a[0]) && *end == '\0')
        return k >= 1 && k <= nd->n_answers ? (int32_t)(k - 1) : -1;
    for (int32_t i = 0; i < nd->n_answers; i++) {
        const char *label;
        size_t len;
        int32_t nf, nn;
        if (tousu_flow_answer(p, nd->flow, nd->node, i, &label, &len, &nf, &nn) == TOUSU_OK &&
            len == strlen(a) && memcmp(label, a, len) == 0)
            return i;
    }
    return -1;
}

/* The node's answers, one a line, the one taken (taken >= 0) marked. */
static int print_answers(walker *wk, const tousu_flow_node *nd, int32_t taken)
{
    for (int32_t i = 0; i < nd->n_answers; i++) {
        const char *label;
        size_t len;
        int32_t nf, nn;
        int rc = tousu_flow_answer(wk->policy, nd->flow, nd->node, i, &label, &len, &nf, &nn);
        if (rc != TOUSU_OK)
            return lib_failed("tousu_flow_answer", rc);
        char to[96];
        printf("     %-9s %c %d %.*s -> %s\n", i == 0 ? "answers:" : "", i == taken ? '*' : ' ',
               (int)(i + 1), (int)len, label, place(wk->policy, nf, nn, to));
    }
    return 0;
}

/* One node: its question, script and note. */
static int print_node(walker *wk, const tousu_flow_node *nd, int step)
{
    char at[96];
    printf("  step %d  %s\n", step, place(wk->policy, nd->flow, nd->node, at));
    if (nd->question_len)
        printf("     %-9s %.*s\n", "question:", (int)nd->question_len, nd->question);
    int rc = render(wk, tousu_flow_render, nd->flow, nd->node);
    if (rc != TOUSU_OK && rc != TOUSU_ENODATA)
        return lib_failed("tousu_flow_render", rc);
    say_line("say:", rc, wk->buf);
    if (nd->note_len)
        printf("     %-9s %.*s\n", "do:", (int)nd->note_len, nd->note);
    return 0;
}

/* Take answer k of the node (tousu_flow_step) and say where it leads.
 * Returns 0, or 1 when a library call fails. */
static int took(walker *wk, const tousu_flow_node *nd, int32_t k, int32_t *flow, int32_t *node)
{
    const char *label;
    size_t len;
    int32_t nf, nn;
    int rc = tousu_flow_answer(wk->policy, nd->flow, nd->node, k, &label, &len, &nf, &nn);
    if (rc != TOUSU_OK)
        return lib_failed("tousu_flow_answer", rc);
    *flow = nd->flow;
    *node = nd->node;
    if ((rc = tousu_flow_step(wk->policy, flow, node, k)) != TOUSU_OK)
        return lib_failed("tousu_flow_step", rc);
    if (*flow != nf || *node != nn) { /* the two calls must agree */
        fflush(stdout);
        fprintf(stderr, "tousu-flow: tousu_flow_step went to %d/%d, tousu_flow_answer says %d/%d\n",
                (int)*flow, (int)*node, (int)nf, (int)nn);
        return 1;
    }
    char to[96];
    printf("     %-9s %d %.*s -> %s\n", "taken:", (int)(k + 1), (int)len, label,
           place(wk->policy, nf, nn, to));
    return 0;
}

/* Walk one flow from its start with the walk's answers. Returns the exit
 * status (0 reached the end). */
static int walk_flow(walker *wk, int32_t flow, const walk *w)
{
    const script *sc = wk->sc;
    int32_t node = 0; /* the start */
    int next = 0;
    for (int step = 1; step <= MAX_STEPS; step++) {
        tousu_flow_node nd = {.struct_size = sizeof nd};
        int rc = tousu_flow_node_get(wk->policy, flow, node, &nd);
        if (rc != TOUSU_OK)
            return lib_failed("tousu_flow_node_get", rc);
        if (print_node(wk, &nd, step))
            return 1;
        if (nd.n_answers == 0) {
            printf("     (no answer leads on: the flow ends here)\n");
            break;
        }
        if (next == w->n) {
            print_answers(wk, &nd, -1);
            where(sc, next ? &w->answers[next - 1] : &(answer){w->title, w->line});
            fprintf(stderr, "the walk stops at %s: no answer given after this one\n",
                    place(wk->policy, nd.flow, nd.node, (char[96]){0}));
            return 2;
        }
        const answer *a = &w->answers[next++];
        int32_t k = match_answer(wk->policy, &nd, a->text);
        if (print_answers(wk, &nd, k))
            return 1;
        if (k < 0) {
            where(sc, a);
            fprintf(stderr, "'%s' is none of the %d answers of %s (give a label or 1..%d)\n",
                    a->text, (int)nd.n_answers, place(wk->policy, nd.flow, nd.node, (char[96]){0}),
                    (int)nd.n_answers);
            return 2;
        }
        if ((rc = took(wk, &nd, k, &flow, &node)) != 0)
            return rc;
        if (node == 0) {
            printf("     (the answer ends the flow)\n");
            break;
        }
    }
    if (next < w->n) {
        where(sc, &w->answers[next]);
        fprintf(stderr, "answer '%s' given after the flow ended\n", w->answers[next].text);
        return 2;
    }
    return 0;
}

/* The flow's header line. */
static int print_flow(const tousu_policy *p, int32_t flow)
{
    tousu_flow_info fi = {.struct_size = sizeof fi};
    int rc = tousu_flow_info_get(p, flow, &fi);
    if (rc != TOUSU_OK)
        return lib_failed("tousu_flow_info_get", rc);
    printf("flow %.*s: %.*s (%.*s), %d nodes in this flow, starts at node %d\n", (int)fi.key_len,
           fi.key, (int)fi.title_len, fi.title, (int)fi.rule_len, fi.rule, (int)fi.n_nodes,
           (int)fi.start);
    return 0;
}

/* A value of the vars, or `none` when not given. */
static void show(const char *label, const char *s, size_t len, const char *none)
{
    printf("%s%.*s", label, s ? (int)len : (int)strlen(none), s ? s : none);
}

static void print_vars(const tousu_vars *v)
{
    show("customer: ", v->surname, v->surname_len, "");
    show("", v->title, v->title_len, v->surname ? "" : "(not given)");
    show("   agent number: ", v->agent_no, v->agent_no_len, "(not given)");
    show("   service: ", v->company, v->company_len, "(not given)");
    printf("\n");
}

/* Every walk: opening, the flow, closing. Returns the exit status. */
static int run(walker *wk)
{
    const script *sc = wk->sc;
    const char *key = sc->flow ? sc->flow : "no_welcome_sms";
    int32_t flow;
    int rc = tousu_flow_find(wk->policy, key, strlen(key), &flow);
    if (rc == TOUSU_ENOTFOUND) {
        fprintf(stderr, "tousu-flow: no flow '%s' in the policy (R-SCR-10)\n", key);
        return 2;
    }
    if (rc != TOUSU_OK)
        return lib_failed("tousu_flow_find", rc);
    if (print_flow(wk->policy, flow))
        return 1;
    print_vars(&sc->vars);
    int status = 0;
    for (int i = 0; i < sc->n_walks; i++) {
        printf("\nwalk %d: %s\n", i + 1, sc->walks[i].title);
        if (say_situation(wk, TOUSU_SIT_OPENING, 1, "opening"))
            return 1;
        int s = walk_flow(wk, flow, &sc->walks[i]);
        if (s == 1)
            return 1;
        if (s == 0 && say_situation(wk, TOUSU_SIT_CLOSING, 0, "closing"))
            return 1;
        if (s > status)
            status = s;
    }
    return status;
}

int main(int argc, char **argv)
{
    static script sc; /* large (the walks): not on the stack */
    sc.vars.struct_size = sizeof sc.vars;
    int status = parse_args(argc, argv, &sc);
    if (status >= 0) {
        free(sc.text);
        return status;
    }
    tousu_policy *policy = NULL;
    int rc = tousu_policy_new(&policy);
    if (rc == TOUSU_OK)
        rc = tousu_policy_freeze(policy);
    if (rc != TOUSU_OK) {
        status = lib_failed("tousu_policy_new", rc);
    } else {
        walker wk = {policy, &sc, NULL, 0};
        status = run(&wk);
        free(wk.buf);
    }
    tousu_policy_free(policy);
    free(sc.text);
    return status;
}
