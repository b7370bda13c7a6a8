/*
 * policyfile.c - tousu-triage's --policy FILE (policyfile.h). The library
 * parses and checks the file (tousu_policy_load); this file only reads it
 * from disk and compares the result with the built-in policy, through the
 * library's own dump (tousu_policy_dump writes every value in the file
 * format, one "key = value" a line under its "[section]", and in [words]
 * one word-table record a line).
 */
#include "policyfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

/* The whole file in memory (the library takes text + length). NULL with
 * errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *text = NULL;
    size_t used = 0, cap = 0;
    for (;;) {
        if (used == cap) {
            size_t nc = cap ? cap * 2 : 4096;
            char *bigger = realloc(text, nc);
            if (!bigger) {
                free(text);
                fclose(fp);
                errno = ENOMEM;
                return NULL;
            }
            text = bigger;
            cap = nc;
        }
        size_t got = fread(text + used, 1, cap - used, fp);
        used += got;
        if (got == 0)
            break;
    }
    int failed = ferror(fp);
    fclose(fp);
    if (failed) {
        free(text);
        errno = EIO;
        return NULL;
    }
    *len = used;
    return text;
}

int policyfile_load(const char *path, tousu_policy **out, FILE *errors)
{
    *out = NULL;
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(errors, "tousu-triage: cannot read the policy file %s: %s\n", path,
                strerror(errno));
        return 0;
    }
    tousu_load_error err;
    memset(&err, 0, sizeof err);
    err.struct_size = sizeof err;
    /* R-POL-2: `path` labels the library's messages ("path:line: ..."). */
    int rc = tousu_policy_load(out, text, len, path, &err);
    free(text);
    if (rc != TOUSU_OK) {
        fprintf(errors,
                "tousu-triage: policy file refused: %s\n"
                "  (line %d, %s, status %d); nothing was triaged\n",
                err.message, (int)err.line, tousu_strerror(rc), rc);
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Comparing with the built-in policy                                  */
/* ------------------------------------------------------------------ */

/* One "key = value" line of a dump, with its section; the strings point
 * into the dump text, cut in place. A key may come more than once in a
 * section (a list, such as holiday dates): nth tells which time this is. */
typedef struct entry {
    const char *section;
    const char *key;
    const char *value;
    size_t nth;
} entry;

typedef struct dump {
    char *text;
    entry *e;
    size_t n;
} dump;

/* The policy in the file format, NUL-terminated; NULL on failure. */
static char *dump_text(const tousu_policy *policy)
{
    size_t needed = 0;
    int rc = tousu_policy_dump(policy, NULL, 0, &needed);
    if (rc != TOUSU_OK && rc != TOUSU_ENOSPACE)
        return NULL;
    char *text = malloc(needed + 1);
    if (!text)
        return NULL;
    if (tousu_policy_dump(policy, text, needed + 1, &needed) != TOUSU_OK) {
        free(text);
        return NULL;
    }
    return text;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* [words] lines are records ("kind | field | ..."), not "key = value": a
 * record is its own key, compared whole (a text may hold '='). */
static int is_words(const char *section)
{
    return strcmp(section, "words") == 0;
}

static int same_key(const entry *a, const entry *b)
{
    return strcmp(a->section, b->section) == 0 && strcmp(a->key, b->key) == 0;
}

static const entry *find(const dump *d, const entry *like)
{
    for (size_t i = 0; i < d->n; i++)
        if (same_key(&d->e[i], like) && d->e[i].nth == like->nth)
            return &d->e[i];
    return NULL;
}

/* Append an entry; nth counts the earlier entries with its key. */
static void add_entry(dump *d, const char *section, const char *key, const char *value)
{
    entry *e = &d->e[d->n];
    e->section = section;
    e->key = key;
    e->value = value;
    e->nth = 0;
    for (size_t i = 0; i < d->n; i++)
        if (same_key(&d->e[i], e))
            e->nth++;
    d->n++;
}

/* Cut a dump into its entries. 1 ok, 0 out of memory. */
static int split_dump(dump *d)
{
    size_t lines = 1;
    for (const char *p = d->text; *p; p++)
        lines += *p == '\n';
    d->e = malloc(lines * sizeof *d->e);
    if (!d->e)
        return 0;
    const char *section = "";
    for (char *line = d->text; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *s = trim(line);
        char *eq = strchr(s, '=');
        if (s[0] == '[') {
            s[strcspn(s, "]")] = '\0';
            section = s + 1;
        } else if (s[0] && s[0] != '#' && is_words(section)) {
            add_entry(d, section, s, "");
        } else if (s[0] != '#' && eq) {
            *eq = '\0';
            add_entry(d, section, trim(s), trim(eq + 1));
        }
        line = nl ? nl + 1 : NULL;
    }
    return 1;
}

static int make_dump(dump *d, const tousu_policy *policy)
{
    memset(d, 0, sizeof *d);
    d->text = dump_text(policy);
    return d->text && split_dump(d);
}

int policyfile_print_diff(const tousu_policy *policy, FILE *to)
{
    tousu_policy *builtin = NULL;
    dump mine, base;
    memset(&base, 0, sizeof base);
    int n = -1;
    int ok = tousu_policy_new(&builtin) == TOUSU_OK;
    ok = make_dump(&mine, policy) && ok;
    ok = ok && make_dump(&base, builtin);
    if (ok) {
        n = 0;
        /* Every value of the policy in force against the built-in one. */
        for (size_t i = 0; i < mine.n; i++) {
            const entry *e = &mine.e[i], *b = find(&base, e);
            if (b && strcmp(b->value, e->value) == 0)
                continue;
            if (is_words(e->section))
                fprintf(to, "  [words] + %s   (not built in)\n", e->key);
            else
                fprintf(to, "  [%s] %s = %s   (built-in: %s)\n", e->section, e->key, e->value,
                        b ? b->value : "none");
            n++;
        }
        /* A list entry of the built-in policy that the file dropped. */
        for (size_t i = 0; i < base.n; i++) {
            const entry *b = &base.e[i];
            if (find(&mine, b))
                continue;
            if (is_words(b->section))
                fprintf(to, "  [words] - %s   (built in, not in force)\n", b->key);
            else
                fprintf(to, "  [%s] %s: none   (built-in: %s)\n", b->section, b->key, b->value);
            n++;
        }
    } else {
        fprintf(to, "  (cannot compare with the built-in policy: tousu_policy_dump failed)\n");
    }
    free(mine.text);
    free(mine.e);
    free(base.text);
    free(base.e);
    tousu_policy_free(builtin);
    return n;
}
