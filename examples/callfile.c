/*
 * callfile.c - read tousu-qa's call files into a tousu_call (R-QA-1..6).
 *
 * THE CALL FILE (examples/README.md has it too)
 * UTF-8 text, one item a line. Blank lines and lines whose first non-blank
 * character is '#' are comments ('#' later in a line is text).
 *
 * Header lines, "key: value", each at most once, anywhere in the file:
 *   rings: N           rings before the agent answered (R-QA-1); required
 *   agent_number: 1024 the agent's number 工号 (letters, digits, '-'); when
 *                      absent the library accepts any "<digits>号" or
 *                      "工号<digits>" as the number stated (R-QA-2/3)
 *   hangup: WHO        who ended the call: customer | agent | unknown
 *                      (R-QA-3; default unknown)
 *   end: TIME          when the line was cut (default: unknown)
 *   about: TEXT        a one-line description, printed by tousu-qa
 *
 * Turn lines, in the order spoken:
 *   SPEAKER TIME[-TIME] TEXT
 * SPEAKER is "agent" or "customer"; TIME is when the turn starts (and,
 * after '-', ends) on the call's clock: [H:]MM:SS[.fff], e.g. 00:04.5 or
 * 1:02:03.250; TEXT is the rest of the line (what was said, non-empty).
 * Turns may not start before the previous turn, nor end before they
 * start; the call must have at least one turn.
 *
 * Only the syntax is checked here; whether the text is valid UTF-8 is left
 * to the library (tousu-qa maps its error back to the line).
 */
#include "callfile.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_REPORTS = 20, MAX_RINGS = 1000, MAX_AGENT_NO = 32 };

/* The state of one read. */
typedef struct reader {
    const char *name;
    callfile *cf;
    FILE *err;
    int line;
    int bad;
    int64_t last_start; /* the previous turn's start, for the order check */
    int end_ok;         /* "end:" was given and read */
} reader;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
bad_line(reader *rd, const char *fmt, ...)
{
    if (rd->bad++ >= MAX_REPORTS)
        return;
    va_list ap;
    if (rd->line > 0)
        fprintf(rd->err, "%s:%d: ", rd->name, rd->line);
    else
        fprintf(rd->err, "%s: ", rd->name);
    va_start(ap, fmt);
    vfprintf(rd->err, fmt, ap);
    va_end(ap);
    fputc('\n', rd->err);
}

/* The whole file in one buffer (NUL-terminated). NULL on failure, with
 * errno set. */
static char *slurp(FILE *fp, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        n += fread(buf + n, 1, cap - 1 - n, fp);
        if (ferror(fp)) {
            free(buf);
            errno = EIO;
            return NULL;
        }
        if (feof(fp))
            break;
        if (n == cap - 1) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    buf[n] = '\0';
    *len = n;
    return buf;
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

/* Up to `max_digits` decimal digits; returns the count read (0 = none). */
static int digits(const char **p, int max_digits, int64_t *out)
{
    int n = 0;
    int64_t v = 0;
    while (n < max_digits && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *out = v;
    return n;
}

/* [H:]MM:SS[.fff] -> ms. Advances *p past it; 0 when malformed. */
static int parse_time(const char **p, int64_t *ms)
{
    int64_t a, b, c = -1, frac = 0;
    if (!digits(p, 4, &a) || **p != ':')
        return 0;
    (*p)++;
    if (digits(p, 2, &b) != 2)
        return 0;
    if (**p == ':') { /* H:MM:SS */
        (*p)++;
        if (digits(p, 2, &c) != 2 || b > 59)
            return 0;
    }
    int64_t h = c >= 0 ? a : 0, m = c >= 0 ? b : a, s = c >= 0 ? c : b;
    if (s > 59)
        return 0;
    if (**p == '.') {
        (*p)++;
        int nd = digits(p, 3, &frac);
        if (nd == 0 || isdigit((unsigned char)**p))
            return 0;
        for (; nd < 3; nd++)
            frac *= 10;
    }
    *ms = ((h * 60 + m) * 60 + s) * 1000 + frac;
    return 1;
}

/* A whole field that is a time. */
static int parse_time_field(const char *s, int64_t *ms)
{
    return parse_time(&s, ms) && *s == '\0';
}

static int add_turn(callfile *cf, const tousu_turn *t, int line)
{
    if (cf->n_turns == cf->cap_turns) {
        size_t cap = cf->cap_turns ? cf->cap_turns * 2 : 32;
        tousu_turn *turns = realloc(cf->turns, cap * sizeof *turns);
        if (!turns)
            return 0;
        cf->turns = turns;
        int *lines = realloc(cf->turn_line, cap * sizeof *lines);
        if (!lines)
            return 0;
        cf->turn_line = lines;
        cf->cap_turns = cap;
    }
    cf->turns[cf->n_turns] = *t;
    cf->turn_line[cf->n_turns] = line;
    cf->n_turns++;
    return 1;
}

/* "agent 00:04.5[-00:07.0] text". Returns 0 only when out of memory. */
static int turn_line(reader *rd, char *s, int32_t speaker)
{
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    tousu_turn t;
    memset(&t, 0, sizeof t);
    t.speaker = speaker;
    if (!parse_time(&p, &t.start_ms)) {
        bad_line(rd, "a turn needs its start time [H:]MM:SS[.fff] after the speaker");
        return 1;
    }
    if (*p == '-') {
        p++;
        if (!parse_time(&p, &t.end_ms)) {
            bad_line(rd, "bad end time after '-' (expected [H:]MM:SS[.fff])");
            return 1;
        }
    }
    if (*p == '\0') {
        bad_line(rd, "a turn without text");
        return 1;
    }
    if (*p != ' ' && *p != '\t') {
        bad_line(rd, "expected a space and the text after the time");
        return 1;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (t.end_ms && t.end_ms < t.start_ms) {
        bad_line(rd, "the turn ends before it starts");
        return 1;
    }
    if (rd->cf->n_turns && t.start_ms < rd->last_start) {
        bad_line(rd, "the turn starts before the previous one");
        return 1;
    }
    rd->last_start = t.start_ms;
    t.text = p;
    t.text_len = strlen(p);
    return add_turn(rd->cf, &t, rd->line);
}

/* Mark a header as seen; 0 (reported) when it was already given. */
static int once(reader *rd, int *seen_line, const char *key)
{
    if (*seen_line) {
        bad_line(rd, "'%s' given twice (first on line %d)", key, *seen_line);
        return 0;
    }
    *seen_line = rd->line;
    return 1;
}

static void header_rings(reader *rd, const char *v)
{
    const char *p = v;
    int64_t n;
    if (!digits(&p, 5, &n) || *p != '\0' || n > MAX_RINGS) {
        bad_line(rd, "rings: expected a number 0..%d, got '%s'", MAX_RINGS, v);
        return;
    }
    rd->cf->call.rings = (int32_t)n;
}

static void header_agent(reader *rd, const char *v)
{
    size_t n = strlen(v);
    int ok = n > 0 && n <= MAX_AGENT_NO;
    for (size_t i = 0; ok && i < n; i++)
        ok = isalnum((unsigned char)v[i]) || v[i] == '-';
    if (!ok) {
        bad_line(rd, "agent_number: expected 1..%d letters, digits or '-', got '%s'", MAX_AGENT_NO,
                 v);
        return;
    }
    rd->cf->call.agent_no = v;
    rd->cf->call.agent_no_len = n;
}

static void header_hangup(reader *rd, const char *v)
{
    if (strcmp(v, "customer") == 0)
        rd->cf->call.hung_up_by = TOUSU_HANGUP_CUSTOMER;
    else if (strcmp(v, "agent") == 0)
        rd->cf->call.hung_up_by = TOUSU_HANGUP_AGENT;
    else if (strcmp(v, "unknown") == 0)
        rd->cf->call.hung_up_by = TOUSU_HANGUP_UNKNOWN;
    else
        bad_line(rd, "hangup: expected customer, agent or unknown, got '%s'", v);
}

static void header_end(reader *rd, const char *v)
{
    rd->end_ok = parse_time_field(v, &rd->cf->call.end_ms);
    if (!rd->end_ok)
        bad_line(rd, "end: expected a time [H:]MM:SS[.fff], got '%s'", v);
}

/* "key: value". Returns 1 when the line is a header line (handled). */
static int header_line(reader *rd, char *s)
{
    char *colon = strchr(s, ':');
    if (!colon || colon == s)
        return 0;
    for (const char *k = s; k < colon; k++)
        if (!islower((unsigned char)*k) && *k != '_')
            return 0;
    *colon = '\0';
    const char *key = s;
    char *v = trim(colon + 1);
    callfile *cf = rd->cf;
    if (strcmp(key, "rings") == 0) {
        if (once(rd, &cf->rings_line, key))
            header_rings(rd, v);
    } else if (strcmp(key, "agent_number") == 0) {
        if (once(rd, &cf->agent_line, key))
            header_agent(rd, v);
    } else if (strcmp(key, "hangup") == 0) {
        if (once(rd, &cf->hangup_line, key))
            header_hangup(rd, v);
    } else if (strcmp(key, "end") == 0) {
        if (once(rd, &cf->end_line, key))
            header_end(rd, v);
    } else if (strcmp(key, "about") == 0) {
        if (once(rd, &cf->about_line, key))
            cf->about = v;
    } else {
        bad_line(rd, "unknown header '%s' (rings, agent_number, hangup, end, about)", key);
    }
    return 1;
}

/* One line. Returns 0 only when out of memory. */
static int read_line(reader *rd, char *line)
{
    char *s = trim(line);
    if (*s == '\0' || *s == '#')
        return 1;
    size_t w = strcspn(s, " \t");
    if (w == 5 && strncmp(s, "agent", 5) == 0)
        return turn_line(rd, s + 5, TOUSU_SPK_AGENT);
    if (w == 8 && strncmp(s, "customer", 8) == 0)
        return turn_line(rd, s + 8, TOUSU_SPK_CUSTOMER);
    if (!header_line(rd, s))
        bad_line(rd, "expected 'agent TIME TEXT', 'customer TIME TEXT' or 'key: value'");
    return 1;
}

/* Checks on the file as a whole, reported for the file (line 0) or at the
 * line concerned. */
static void whole_file(reader *rd)
{
    callfile *cf = rd->cf;
    if (!cf->rings_line) {
        rd->line = 0;
        bad_line(rd, "no 'rings:' line (rings before the agent answered, R-QA-1)");
    }
    if (cf->n_turns == 0) {
        rd->line = 0;
        bad_line(rd, "no turns ('agent TIME TEXT' / 'customer TIME TEXT')");
    }
    if (rd->end_ok && cf->n_turns && cf->call.end_ms < rd->last_start) {
        rd->line = cf->end_line;
        bad_line(rd, "end: the line is cut before the last turn starts");
    }
}

int callfile_read(const char *name, callfile *cf, FILE *err)
{
    memset(cf, 0, sizeof *cf);
    int from_stdin = strcmp(name, "-") == 0;
    FILE *fp = from_stdin ? stdin : fopen(name, "rb");
    if (from_stdin)
        name = "<stdin>"; /* for the messages */
    if (!fp) {
        fprintf(err, "tousu-qa: cannot open %s: %s\n", name, strerror(errno));
        return 1;
    }
    size_t len = 0;
    cf->text = slurp(fp, &len);
    int e = errno;
    if (fp != stdin)
        fclose(fp);
    if (!cf->text) {
        fprintf(err, "tousu-qa: cannot read %s: %s\n", name, strerror(e));
        return 1;
    }
    reader rd = {name, cf, err, 0, 0, 0, 0};
    /* A NUL byte would cut a turn short without a word: refuse it. */
    if (strlen(cf->text) != len) {
        fprintf(err, "%s: a NUL byte at offset %zu: not a text file\n", name, strlen(cf->text));
        return 2;
    }
    for (char *line = cf->text; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        rd.line++;
        if (!read_line(&rd, line)) {
            fprintf(err, "tousu-qa: %s: out of memory\n", name);
            return 1;
        }
        line = nl ? nl + 1 : NULL;
    }
    whole_file(&rd);
    if (rd.bad > MAX_REPORTS)
        fprintf(err, "%s: %d more bad lines\n", name, rd.bad - MAX_REPORTS);
    cf->call.struct_size = sizeof cf->call;
    cf->call.turns = cf->turns;
    cf->call.n_turns = cf->n_turns;
    cf->call.turn_size = sizeof(tousu_turn);
    return rd.bad ? 2 : 0;
}

void callfile_free(callfile *cf)
{
    free(cf->text);
    free(cf->turns);
    free(cf->turn_line);
    memset(cf, 0, sizeof *cf);
}

const char *callfile_format_time(int64_t ms, char buf[16])
{
    if (ms < 0)
        ms = 0;
    int64_t h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60, f = ms % 1000;
    int n = h ? snprintf(buf, 16, "%lld:%02lld:%02lld", (long long)h, (long long)m, (long long)s)
              : snprintf(buf, 16, "%02lld:%02lld", (long long)m, (long long)s);
    if (n > 0 && n < 16) {
        if (f % 100 == 0)
            snprintf(buf + n, (size_t)(16 - n), ".%lld", (long long)(f / 100));
        else
            snprintf(buf + n, (size_t)(16 - n), ".%03lld", (long long)f);
    }
    return buf;
}
