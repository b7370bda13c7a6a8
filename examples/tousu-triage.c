/*
 * tousu-triage - triage a day of call-centre contacts with libtousu and
 * print every decision with its reasons, for a supervisor.
 *
 * An example program, not part of the library: it uses only the public
 * header <tousu.h>, links the shared library, and runs on the built-in
 * policy (SPEC.md), or a policy file merged over it, and the built-in
 * in-memory store.
 *
 *   tousu-triage [--quiet] [--only-urgent] [--policy FILE] DAYFILE
 *                                                      (DAYFILE "-" = stdin)
 *
 *   --quiet        print only the summary at the end
 *   --only-urgent  print only the contacts found urgent (紧急), then the summary
 *   --policy FILE  triage on the policy file FILE (docs/policy.md, R-POL-2):
 *                  prints which values differ from the built-in policy; a
 *                  file the library refuses is reported with its line and
 *                  nothing is triaged (exit 2)
 *
 * Exit status: 0 the file was processed (bad lines are reported on stderr
 * and counted in the summary, never fatal); 1 the day file could not be
 * read or the engine could not be made; 2 usage error, or a policy file
 * that cannot be read or that the library refuses.
 *
 * THE DAY FILE (examples/README.md has the long version; dayfile.c reads it)
 * UTF-8 text, one record a line, fields separated by commas. Blank lines and
 * lines whose first non-blank character is '#' are comments. Records are in
 * intake order. In every field except the text, "-" or nothing means "not
 * given"; a list field separates its items with '|'.
 *
 * A contact (15 fields; the last one, the free text, is the rest of the line
 * and may itself contain commas):
 *   1  contact id        a positive integer, unique
 *   2  customer id       a positive integer
 *   3  matter key        R-BAT-5 the same matter (e.g. fault area + symptom):
 *                        a positive integer, or a name such as
 *                        NET-440106-4G-DOWN (hashed to a 64-bit key)
 *   4  time              local time in +08:00, "YYYY-MM-DD HH:MM[:SS]"
 *   5  category          consult | complaint | fault | dispute | suggestion
 *                        (- = let the library decide)
 *   6  channel           hall | hotline | manager | website | petition |
 *                        phone | fax | letter | media | onsite
 *   7  body addressed    company (the branch itself: not leapfrog) |
 *                        city-gov | city-media | city-consumer |
 *                        prov-leaders | prov-hotline | prov-gov | prov-media |
 *                        prov-consumer | prov-comm-admin |
 *                        group | regulator | national-media
 *   8  tier              ordinary | key-city | key-prov | key-national
 *   9  customer flags    vip | not-vip | important | gold | gov | group-a |
 *                        sensitive
 *  10  contact flags     dissatisfied | demands | harm | media | public |
 *                        government | litigation | operations | leaders |
 *                        upgraded | not-on-spot | manager-dispute |
 *                        special-deadline | deadline=YYYY-MM-DD HH:MM |
 *                        dept:X (R-ESC-6; X = network, billing, marketing,
 *                          it, device, legal, cs, other) |
 *                        cause:X (R-DEF-2; X = promise, unsolved,
 *                          unconsented, ignored, cold, distrust, slow)
 *  11  customer region   six-digit division code, e.g. 440106
 *  12  handling region   the branch handling it, e.g. 440100
 *  13  needed regions    other regions whose help is needed, e.g. 310000
 *  14  staff             STAFF[@LEVEL] complained about (level 0..4, default
 *                        0) and/or am=ID, the account manager of a dispute
 *  15  text              what the customer said (UTF-8)
 *
 * An archive of a complaint (R-REP-1), 7 fields:
 *   archive,CONTACT_ID,CUSTOMER,MATTER,TIME,LEVEL,CLOSED_BY
 * LEVEL is agent | supervisor | city | province | group (or 0..4) and
 * CLOSED_BY the staff id that closed it (- = unknown).
 */
#include "dayfile.h"
#include "policyfile.h"

#include <tousu.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Options and running totals                                          */
/* ------------------------------------------------------------------ */

typedef struct options {
    int quiet;
    int only_urgent;
    const char *path;
    const char *policy_path; /* NULL = the built-in policy */
} options;

/* The thresholds the summary states, for the policy in force and for the
 * built-in policy, so that a changed one stands out. */
typedef struct thresholds {
    int64_t window_ms;     /* R-BAT-1 batch window */
    int64_t ordinary;      /* R-BAT-1 more than this many ordinary customers */
    int64_t vip;           /* R-BAT-1 more than this many VIP customers */
    int64_t repeat_months; /* R-REP-2 repeat period */
} thresholds;

/* One batch incident (R-BAT-4): the union of the members reported for it. */
typedef struct incident {
    uint64_t matter;
    char name[64];
    uint64_t first_trigger;
    int64_t first_ms;
    int64_t last_ms;
    uint32_t peak_ordinary, peak_vip;
    uint64_t *ids;
    size_t n_ids, cap_ids;
} incident;

typedef struct totals {
    unsigned lines_bad;     /* rejected by this program's parser */
    unsigned triage_failed; /* rejected by the library */
    unsigned contacts;
    unsigned archives;
    unsigned complaints;
    unsigned urgent;
    unsigned followups;
    unsigned repeats;
    unsigned in_batch;
    unsigned recusals;
    unsigned coordination;
    unsigned per_category[TOUSU_CAT_COUNT_];
    unsigned per_kind[TOUSU_KIND_COUNT_];
    unsigned per_level[TOUSU_LEVEL_COUNT_];
    incident *inc;
    size_t n_inc, cap_inc;
} totals;

typedef struct day {
    const options *opt;
    const char *file;
    unsigned long lineno;
    tousu_engine *engine;
    totals t;
    char *explain;
    size_t explain_cap;
    const char *policy_name; /* the policy file, or "built-in" */
    unsigned policy_diffs;   /* values that differ from the built-in policy */
    thresholds now;          /* of the policy in force */
    thresholds builtin;      /* of the built-in policy */
} day;

/* ------------------------------------------------------------------ */
/* Totals                                                              */
/* ------------------------------------------------------------------ */

static int incident_add_id(incident *in, uint64_t id)
{
    for (size_t i = 0; i < in->n_ids; i++)
        if (in->ids[i] == id)
            return 1;
    if (in->n_ids == in->cap_ids) {
        size_t nc = in->cap_ids ? in->cap_ids * 2 : 16;
        uint64_t *ids = realloc(in->ids, nc * sizeof *ids);
        if (!ids)
            return 0;
        in->ids = ids;
        in->cap_ids = nc;
    }
    in->ids[in->n_ids++] = id;
    return 1;
}

/* R-BAT-4: a batch result joins the incident of its matter whose last
 * trigger lies inside this window; otherwise it starts a new incident. */
static incident *incident_for(totals *t, uint64_t matter, const char *name, const tousu_result *r,
                              uint64_t contact_id)
{
    for (size_t i = t->n_inc; i-- > 0;) {
        incident *in = &t->inc[i];
        if (in->matter == matter && in->last_ms >= r->batch_window_start_ms)
            return in;
    }
    if (t->n_inc == t->cap_inc) {
        size_t nc = t->cap_inc ? t->cap_inc * 2 : 8;
        incident *inc = realloc(t->inc, nc * sizeof *inc);
        if (!inc)
            return NULL;
        t->inc = inc;
        t->cap_inc = nc;
    }
    incident *in = &t->inc[t->n_inc++];
    memset(in, 0, sizeof *in);
    in->matter = matter;
    snprintf(in->name, sizeof in->name, "%s", name);
    in->first_trigger = contact_id;
    in->first_ms = r->intake_ms;
    return in;
}

static int count_result(totals *t, uint64_t matter, const char *matter_name, uint64_t contact_id,
                        const tousu_result *r, const uint64_t *ids, size_t n_ids)
{
    t->contacts++;
    if (r->category >= 0 && r->category < TOUSU_CAT_COUNT_)
        t->per_category[r->category]++;
    if (r->level >= 0 && r->level < TOUSU_LEVEL_COUNT_)
        t->per_level[r->level]++;
    for (int k = 0; k < TOUSU_KIND_COUNT_; k++)
        if (r->kinds & (1u << k))
            t->per_kind[k]++;
    t->complaints += r->is_complaint != 0;
    t->urgent += r->urgent != 0;
    t->followups += r->followup != 0;
    t->repeats += r->repeat_of != 0;
    t->recusals += r->n_recused > 0;
    t->coordination += r->needs_coordination != 0;
    if (!r->batch)
        return 1;
    t->in_batch++;
    incident *in = incident_for(t, matter, matter_name, r, contact_id);
    if (!in)
        return 0;
    in->last_ms = r->intake_ms;
    if (r->batch_ordinary + r->batch_vip > in->peak_ordinary + in->peak_vip) {
        in->peak_ordinary = r->batch_ordinary;
        in->peak_vip = r->batch_vip;
    }
    for (size_t i = 0; i < n_ids; i++)
        if (!incident_add_id(in, ids[i]))
            return 0;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

static void library_error(day *dy, const char *what, uint64_t id, const char *matter, int rc)
{
    fflush(stdout);
    fprintf(stderr, "%s:%lu: %s #%llu (matter %s) failed: %s (%d): %s\n", dy->file, dy->lineno,
            what, (unsigned long long)id, matter, tousu_strerror(rc), rc,
            tousu_engine_errmsg(dy->engine));
    dy->t.triage_failed++;
}

/* The library's explanation, its times in the zone of the policy in force,
 * grown to fit (snprintf semantics). */
static const char *explain(day *dy, const tousu_result *r)
{
    const tousu_policy *policy = tousu_engine_policy(dy->engine);
    size_t needed = 0;
    int rc = tousu_result_explain_policy(policy, r, dy->explain, dy->explain_cap, &needed);
    if (rc == TOUSU_ENOSPACE) {
        char *bigger = realloc(dy->explain, needed + 1);
        if (!bigger)
            return "  (out of memory for the explanation)\n";
        dy->explain = bigger;
        dy->explain_cap = needed + 1;
        rc = tousu_result_explain_policy(policy, r, dy->explain, dy->explain_cap, &needed);
    }
    if (rc != TOUSU_OK)
        return "  (no explanation)\n";
    return dy->explain;
}

static void print_contact(day *dy, const tousu_contact *c, const char *when, const char *matter,
                          const tousu_result *r, const uint64_t *ids, size_t n_ids)
{
    printf("#%llu  %s  customer %llu  matter %s", (unsigned long long)c->contact_id, when,
           (unsigned long long)c->customer_id, matter);
    if (c->channel)
        printf("  via %s", tousu_channel_name(c->channel));
    printf("\n");
    if (c->text_len)
        printf("  says: %s\n", c->text);
    fputs(explain(dy, r), stdout);
    if (!r->batch && r->batch_ordinary + r->batch_vip > 1)
        printf("  batch watch (R-BAT-1): %u ordinary + %u VIP customers on this matter in the "
               "last %lld minutes; not a batch yet\n",
               (unsigned)r->batch_ordinary, (unsigned)r->batch_vip,
               (long long)(dy->now.window_ms / 60000));
    if (r->batch && n_ids) {
        printf("  batch members (R-BAT-4, %zu, oldest first):", n_ids);
        for (size_t i = 0; i < n_ids; i++)
            printf("%s#%llu", i % 12 == 0 && i ? "\n      " : " ", (unsigned long long)ids[i]);
        printf("\n");
    }
    printf("\n");
}

/* A line this program cannot read: reported, skipped, never fatal. */
static void bad_line(day *dy, const char *why)
{
    fflush(stdout); /* keep the report in place when both go to one stream */
    fprintf(stderr, "%s:%lu: %s; line skipped\n", dy->file, dy->lineno, why);
    dy->t.lines_bad++;
}

static void do_contact(day *dy, const dayfile_record *rec)
{
    const tousu_contact *c = &rec->contact;
    tousu_result r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    int rc = tousu_triage(dy->engine, c, &r);
    if (rc != TOUSU_OK) {
        library_error(dy, "triage of contact", c->contact_id, rec->matter, rc);
        return;
    }
    const uint64_t *ids = NULL;
    size_t n_ids = 0;
    if (tousu_engine_batch_members(dy->engine, &ids, &n_ids) != TOUSU_OK)
        n_ids = 0;
    if (!count_result(&dy->t, c->matter, rec->matter, c->contact_id, &r, ids, n_ids)) {
        fflush(stdout);
        fprintf(stderr, "%s:%lu: out of memory for the summary\n", dy->file, dy->lineno);
    }
    if (dy->opt->quiet || (dy->opt->only_urgent && !r.urgent))
        return;
    print_contact(dy, c, rec->when, rec->matter, &r, ids, n_ids);
}

static void do_archive(day *dy, const dayfile_record *rec)
{
    const tousu_archive *a = &rec->archive;
    int rc = tousu_archive_complaint(dy->engine, a);
    if (rc != TOUSU_OK) {
        library_error(dy, "archive of complaint", a->contact_id, rec->matter, rc);
        return;
    }
    dy->t.archives++;
    if (dy->opt->quiet || dy->opt->only_urgent)
        return;
    printf("archive #%llu  %s  customer %llu  matter %s\n  archived (归档) by %s",
           (unsigned long long)a->contact_id, rec->when, (unsigned long long)a->customer_id,
           rec->matter, tousu_level_name(a->level));
    if (a->closed_by)
        printf(", closed by staff #%llu", (unsigned long long)a->closed_by);
    printf(";\n  a new complaint by this customer on this matter within %lld months is a "
           "repeat (R-REP-1)\n\n",
           (long long)dy->now.repeat_months);
}

static void do_line(day *dy, char *line)
{
    dayfile_record rec;
    switch (dayfile_parse(line, &rec)) {
    case DAYFILE_CONTACT: do_contact(dy, &rec); break;
    case DAYFILE_ARCHIVE: do_archive(dy, &rec); break;
    case DAYFILE_BAD: bad_line(dy, rec.error); break;
    default: break; /* blank or comment */
    }
}

/* ------------------------------------------------------------------ */
/* Summary                                                             */
/* ------------------------------------------------------------------ */

/* The thresholds in force, each flagged when the policy changed it, so a
 * policy file's effect on the counts below is plain to see. */
static void print_thresholds(const day *dy)
{
    const thresholds *now = &dy->now, *base = &dy->builtin;
    if (dy->opt->policy_path && dy->policy_diffs == 0)
        printf("Policy in force: %s (the same values as the built-in)\n", dy->policy_name);
    else if (dy->opt->policy_path)
        printf("Policy in force: %s (%u value%s differ%s from the built-in; listed at the top)\n",
               dy->policy_name, dy->policy_diffs, dy->policy_diffs == 1 ? "" : "s",
               dy->policy_diffs == 1 ? "s" : "");
    else
        printf("Policy in force: built-in (SPEC.md)\n");
    int batch_changed = now->ordinary != base->ordinary || now->vip != base->vip ||
                        now->window_ms != base->window_ms;
    printf("  batch threshold (R-BAT-1): more than %lld ordinary or %lld VIP customers on one "
           "matter within %lld min",
           (long long)now->ordinary, (long long)now->vip, (long long)(now->window_ms / 60000));
    if (batch_changed)
        printf("   <- CHANGED (built-in: %lld ordinary, %lld VIP, %lld min)",
               (long long)base->ordinary, (long long)base->vip,
               (long long)(base->window_ms / 60000));
    printf("\n  repeat period (R-REP-2): %lld calendar months after archiving",
           (long long)now->repeat_months);
    if (now->repeat_months != base->repeat_months)
        printf("   <- CHANGED (built-in: %lld months)", (long long)base->repeat_months);
    printf("\n\n");
}

static void print_summary(const day *dy)
{
    const totals *t = &dy->t;
    printf("== Summary of %s ==\n", dy->file);
    print_thresholds(dy);
    printf("%6u contacts triaged, %u archive lines, %u bad lines skipped, %u rejected by the "
           "library\n",
           t->contacts, t->archives, t->lines_bad, t->triage_failed);
    printf("%6u complaints (R-DEF-1), %u urgent (紧急), %u follow-ups on open complaints, %u "
           "repeats\n",
           t->complaints, t->urgent, t->followups, t->repeats);
    printf("%6u with someone who must not own it (回避), %u needing coordination (协调单)\n\n",
           t->recusals, t->coordination);
    printf("By category (R-REQ-1):\n");
    for (int i = 1; i < TOUSU_CAT_COUNT_; i++)
        printf("%6u  %s\n", t->per_category[i], tousu_category_name(i));
    printf("\nBy urgent kind (R-CLS; one contact may have several):\n");
    for (int i = 0; i < TOUSU_KIND_COUNT_; i++)
        printf("%6u  %s\n", t->per_kind[i], tousu_kind_name(i));
    printf("\nBy owning level (R-ESC-2):\n");
    for (int i = 0; i < TOUSU_LEVEL_COUNT_; i++)
        printf("%6u  %s\n", t->per_level[i], tousu_level_name(i));
    printf("\nBatch incidents (R-BAT): %zu found, %u contacts triaged while one was on\n", t->n_inc,
           t->in_batch);
    for (size_t i = 0; i < t->n_inc; i++) {
        const incident *in = &t->inc[i];
        char first[8], last[8];
        dayfile_format_hhmm(in->first_ms, first);
        dayfile_format_hhmm(in->last_ms, last);
        printf("  %zu. matter %s: triggered by #%llu at %s, last at %s, peak %u ordinary + %u "
               "VIP customers, %zu contacts in the incident\n",
               i + 1, in->name, (unsigned long long)in->first_trigger, first, last,
               in->peak_ordinary, in->peak_vip, in->n_ids);
    }
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

static void usage(FILE *to)
{
    fprintf(to, "usage: tousu-triage [--quiet] [--only-urgent] [--policy FILE] DAYFILE\n"
                "  Triage a day of contacts (DAYFILE, '-' = stdin) on the built-in policy\n"
                "  and in-memory store; print each decision with its reasons and a summary.\n"
                "  --quiet        the summary only\n"
                "  --only-urgent  print only urgent contacts, then the summary\n"
                "  --policy FILE  use the policy file FILE (docs/policy.md), merged over\n"
                "                 the built-in policy; its changes are listed first\n"
                "The file format is described in examples/README.md.\n");
}

static int parse_args(int argc, char **argv, options *opt)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            opt->quiet = 1;
        } else if (strcmp(a, "--only-urgent") == 0) {
            opt->only_urgent = 1;
        } else if (strncmp(a, "--policy=", 9) == 0 && a[9] != '\0') {
            opt->policy_path = a + 9;
        } else if (strcmp(a, "--policy") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "tousu-triage: --policy needs a file name\n");
                return 2;
            }
            opt->policy_path = argv[++i];
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "tousu-triage: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else if (opt->path) {
            fprintf(stderr, "tousu-triage: one day file only (got %s and %s)\n", opt->path, a);
            return 2;
        } else {
            opt->path = a;
        }
    }
    if (!opt->path) {
        usage(stderr);
        return 2;
    }
    return -1; /* go on */
}

static int run(day *dy, FILE *fp)
{
    char *line = NULL;
    size_t cap = 0;
    int got;
    while ((got = dayfile_read_line(fp, &line, &cap)) > 0) {
        dy->lineno++;
        do_line(dy, line);
    }
    free(line);
    if (got < 0 || ferror(fp)) {
        fprintf(stderr, "tousu-triage: %s: %s\n", dy->file,
                got < 0 ? "out of memory" : "read error");
        return 1;
    }
    print_summary(dy);
    return 0;
}

/* The thresholds the summary states (R-BAT-1, R-REP-2). */
static void read_thresholds(const tousu_policy *policy, thresholds *th)
{
    /* The built-in values stand in should a parameter be unknown. */
    th->window_ms = 3600000;
    th->ordinary = 10;
    th->vip = 5;
    th->repeat_months = 3;
    (void)tousu_policy_get_int(policy, TOUSU_P_BATCH_WINDOW_MS, &th->window_ms);
    (void)tousu_policy_get_int(policy, TOUSU_P_BATCH_ORDINARY, &th->ordinary);
    (void)tousu_policy_get_int(policy, TOUSU_P_BATCH_VIP, &th->vip);
    (void)tousu_policy_get_int(policy, TOUSU_P_REPEAT_MONTHS, &th->repeat_months);
}

/* Make the engine on the built-in policy or, with --policy, on the file
 * (R-POL-2). Returns -1 on success, else the exit status. */
static int make_engine(day *dy, const options *opt)
{
    tousu_policy *policy = NULL; /* NULL: the engine uses the built-in one */
    if (opt->policy_path && !policyfile_load(opt->policy_path, &policy, stderr))
        return 2; /* refused: the message names the line; nothing is triaged */
    int rc = tousu_engine_new(&dy->engine, NULL, policy);
    tousu_policy_free(policy); /* the engine holds its own reference */
    if (rc != TOUSU_OK) {
        fprintf(stderr, "tousu-triage: cannot make the engine: %s\n", tousu_strerror(rc));
        return 1;
    }
    tousu_policy *builtin = NULL;
    if (tousu_policy_new(&builtin) == TOUSU_OK)
        read_thresholds(builtin, &dy->builtin);
    else
        read_thresholds(tousu_engine_policy(dy->engine), &dy->builtin);
    tousu_policy_free(builtin);
    read_thresholds(tousu_engine_policy(dy->engine), &dy->now);
    dy->policy_name = opt->policy_path ? opt->policy_path : "built-in";
    return -1;
}

/* With --policy: which policy is in force and what it changes. Printed
 * even with --quiet: every decision below depends on it. */
static void print_policy(day *dy)
{
    printf("policy in force: %s, loaded over the built-in policy (R-POL-2)\n", dy->policy_name);
    fflush(stdout);
    int n = policyfile_print_diff(tousu_engine_policy(dy->engine), stdout);
    if (n == 0)
        printf("  (no value differs from the built-in policy)\n");
    else if (n > 0)
        printf("  %d value%s differ%s from the built-in policy\n", n, n == 1 ? "" : "s",
               n == 1 ? "s" : "");
    dy->policy_diffs = n > 0 ? (unsigned)n : 0;
    printf("\n");
}

static void free_day(day *dy)
{
    tousu_engine_free(dy->engine);
    for (size_t i = 0; i < dy->t.n_inc; i++)
        free(dy->t.inc[i].ids);
    free(dy->t.inc);
    free(dy->explain);
}

int main(int argc, char **argv)
{
    options opt = {0, 0, NULL, NULL};
    int rc = parse_args(argc, argv, &opt);
    if (rc >= 0)
        return rc;
    day dy;
    memset(&dy, 0, sizeof dy);
    dy.opt = &opt;
    dy.file = opt.path;
    /* The policy first: a refused policy file stops the run before any
     * contact is read (the policy in force would not be the one asked for). */
    rc = make_engine(&dy, &opt);
    if (rc >= 0) {
        free_day(&dy);
        return rc;
    }
    FILE *fp = strcmp(opt.path, "-") == 0 ? stdin : fopen(opt.path, "r");
    if (!fp) {
        fprintf(stderr, "tousu-triage: cannot open %s: %s\n", opt.path, strerror(errno));
        free_day(&dy);
        return 1;
    }
    if (!opt.quiet)
        printf("tousu-triage: libtousu %s, in-memory store, %s%s\n", tousu_version_string(),
               opt.path, opt.policy_path ? "" : ", built-in policy");
    if (opt.policy_path)
        print_policy(&dy);
    else if (!opt.quiet)
        printf("\n");
    rc = run(&dy, fp);
    if (fp != stdin)
        fclose(fp);
    free_day(&dy);
    return rc;
}
