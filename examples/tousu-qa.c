/*
 * tousu-qa - check recorded calls against the service norms (R-QA-1..6)
 * and print, for each, the transcript and the library's checklist: every
 * item passed or failed with its evidence, the forbidden phrases with their
 * turn, position and polite rewrite, and the weighted score.
 *
 * An example program, not part of the library: it uses only the public
 * header <tousu.h>, links the shared library and runs on the built-in
 * policy (SPEC.md: the word lists of seeds 001 and 003, default weights
 * 15 20 20 25 10 10).
 *
 *   tousu-qa CALLFILE...        (CALLFILE "-" = stdin)
 *
 * The call file format is described in callfile.c and examples/README.md:
 * header lines (rings: 2, agent_number: 1024, hangup: customer, end: TIME,
 * about: TEXT) and one turn a line (agent 00:00.0 您好，…).
 *
 * For each call: the header, the transcript numbered as the checklist
 * numbers turns (from 0), with every forbidden phrase the check found
 * between ⟦ and ⟧, then tousu_qa_explain's checklist.
 *
 * Exit status: 0 every call was checked (whatever its score); 1 a file
 * cannot be read or a library call failed; 2 usage error or a bad call
 * file (each bad line is reported as FILE:LINE: what is wrong, and that
 * call is not checked; the other files still are).
 */
#include "callfile.h"

#include <tousu.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct qa {
    tousu_policy *policy; /* the built-in policy, frozen */
    char *text;           /* buffer for tousu_qa_explain */
    size_t text_cap;
    int printed; /* calls printed so far */
} qa;

/* ------------------------------------------------------------------ */
/* Printing                                                            */
/* ------------------------------------------------------------------ */

static const char *hangup_name(int32_t who)
{
    switch (who) {
    case TOUSU_HANGUP_CUSTOMER: return "the customer";
    case TOUSU_HANGUP_AGENT: return "the agent";
    default: return "unknown";
    }
}

static void print_header(const char *name, const callfile *cf)
{
    const tousu_call *c = &cf->call;
    char t[16];
    printf("call %s", name);
    if (cf->about)
        printf(": %s", cf->about);
    printf("\n  %d ring%s, agent number %.*s, hung up by %s", (int)c->rings,
           c->rings == 1 ? "" : "s", c->agent_no_len ? (int)c->agent_no_len : 9,
           c->agent_no_len ? c->agent_no : "not given", hangup_name(c->hung_up_by));
    if (cf->end_line)
        printf(", line cut at %s", callfile_format_time(c->end_ms, t));
    printf(", %zu turns\n\n", c->n_turns);
}

/* The hit of turn `turn` that starts first at or after `from`, or NULL. */
static const tousu_qa_hit *next_hit(const tousu_qa_result *r, size_t turn, uint64_t from)
{
    const tousu_qa_hit *best = NULL;
    for (uint32_t k = 0; k < r->n_hits_kept && k < TOUSU_QA_MAX_HITS; k++) {
        const tousu_qa_hit *h = &r->hits[k];
        if ((size_t)h->turn == turn && h->offset >= from && (!best || h->offset < best->offset))
            best = h;
    }
    return best;
}

/* A turn's text with its forbidden phrases (R-QA-4) between ⟦ ⟧. */
static void print_marked(const tousu_turn *t, size_t turn, const tousu_qa_result *r)
{
    uint64_t at = 0;
    const tousu_qa_hit *h;
    while ((h = next_hit(r, turn, at)) != NULL && h->offset + h->length <= t->text_len) {
        printf("%.*s⟦%.*s⟧", (int)(h->offset - at), t->text + at, (int)h->length,
               t->text + h->offset);
        at = h->offset + h->length;
    }
    printf("%.*s", (int)(t->text_len - at), t->text + at);
}

static void print_transcript(const callfile *cf, const tousu_qa_result *r)
{
    printf("  turn  speaker   time             text%s\n",
           r->n_hits ? "   (⟦…⟧ forbidden phrase, R-QA-4)" : "");
    for (size_t i = 0; i < cf->n_turns; i++) {
        const tousu_turn *t = &cf->turns[i];
        char a[16], b[16], when[40];
        if (t->end_ms)
            snprintf(when, sizeof when, "%s-%s", callfile_format_time(t->start_ms, a),
                     callfile_format_time(t->end_ms, b));
        else
            snprintf(when, sizeof when, "%s", callfile_format_time(t->start_ms, a));
        printf("  %4zu  %-8s  %-15s  ", i, t->speaker == TOUSU_SPK_AGENT ? "agent" : "customer",
               when);
        print_marked(t, i, r);
        printf("\n");
    }
    printf("\n");
}

/* Print text with every line indented. */
static void indented(const char *text, const char *indent)
{
    while (*text) {
        size_t n = strcspn(text, "\n");
        printf("%s%.*s\n", indent, (int)n, text);
        text += n;
        if (*text == '\n')
            text++;
    }
}

/* The checklist (tousu_qa_explain), into a buffer grown to fit. */
static int print_checklist(qa *q, const callfile *cf, const tousu_qa_result *r)
{
    size_t needed = 0;
    int rc = tousu_qa_explain(q->policy, &cf->call, r, q->text, q->text_cap, &needed);
    if (rc == TOUSU_ENOSPACE) {
        char *bigger = realloc(q->text, needed + 1);
        if (!bigger) {
            rc = TOUSU_ENOMEM;
        } else {
            q->text = bigger;
            q->text_cap = needed + 1;
            rc = tousu_qa_explain(q->policy, &cf->call, r, q->text, q->text_cap, &needed);
        }
    }
    if (rc != TOUSU_OK) {
        fflush(stdout);
        fprintf(stderr, "tousu-qa: tousu_qa_explain failed: %s (%d)\n", tousu_strerror(rc), rc);
        return 1;
    }
    printf("  checklist (tousu_qa_explain; turns numbered from 0, positions in bytes):\n");
    indented(q->text, "    ");
    return 0;
}

/* ------------------------------------------------------------------ */
/* Checking                                                            */
/* ------------------------------------------------------------------ */

/* A call the library refuses: name the line when the error is in a turn. */
static int refused(const char *name, const callfile *cf, int rc, const tousu_qa_result *r)
{
    fflush(stdout);
    int bad_turn = (rc == TOUSU_EUTF8 || rc == TOUSU_ETOOBIG) && r->err_turn >= 0 &&
                   (size_t)r->err_turn < cf->n_turns;
    if (bad_turn && rc == TOUSU_EUTF8)
        fprintf(stderr, "%s:%d: malformed UTF-8 at byte %llu of the turn's text\n", name,
                cf->turn_line[r->err_turn], (unsigned long long)r->err_offset);
    else if (bad_turn)
        fprintf(stderr, "%s:%d: the turn's text is longer than the policy allows\n", name,
                cf->turn_line[r->err_turn]);
    else
        fprintf(stderr, "tousu-qa: %s: tousu_qa_check failed: %s (%d)\n", name, tousu_strerror(rc),
                rc);
    /* Out of memory is ours; anything else is the file's content. */
    return rc == TOUSU_ENOMEM ? 1 : 2;
}

/* Read, check and print one call. Returns its exit status. */
static int check_file(qa *q, const char *name)
{
    callfile cf;
    fflush(stdout); /* bad lines are reported on stderr: keep the order */
    int status = callfile_read(name, &cf, stderr);
    if (strcmp(name, "-") == 0)
        name = "<stdin>";
    if (status != 0) {
        if (status == 2)
            fprintf(stderr, "tousu-qa: %s: not checked (bad lines above)\n", name);
        callfile_free(&cf);
        return status;
    }
    tousu_qa_result r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    int rc = tousu_qa_check(q->policy, &cf.call, &r);
    if (rc != TOUSU_OK) {
        status = refused(name, &cf, rc, &r);
    } else {
        if (q->printed++)
            printf("\n");
        print_header(name, &cf);
        print_transcript(&cf, &r);
        status = print_checklist(q, &cf, &r);
    }
    callfile_free(&cf);
    return status;
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

static void usage(FILE *to)
{
    fprintf(to, "usage: tousu-qa CALLFILE...\n"
                "  Check each recorded call (CALLFILE, '-' = stdin) against the service\n"
                "  norms on the built-in policy (R-QA-1..6) and print its transcript and\n"
                "  checklist with the weighted score. The call file format is described\n"
                "  in examples/README.md.\n");
}

int main(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "--") == 0)
        first = 2;
    if (first >= argc) {
        usage(stderr);
        return 2;
    }
    for (int i = first; i < argc && first == 1; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "tousu-qa: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    qa q = {NULL, NULL, 0, 0};
    int rc = tousu_policy_new(&q.policy);
    if (rc == TOUSU_OK)
        rc = tousu_policy_freeze(q.policy);
    if (rc != TOUSU_OK) {
        fprintf(stderr, "tousu-qa: cannot make the policy: %s (%d)\n", tousu_strerror(rc), rc);
        tousu_policy_free(q.policy);
        return 1;
    }
    int status = 0;
    for (int i = first; i < argc; i++) {
        int s = check_file(&q, argv[i]);
        if (s > status)
            status = s;
    }
    tousu_policy_free(q.policy);
    free(q.text);
    return status;
}
