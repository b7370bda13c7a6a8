/*
 * policy_text.h - internals of the policy text format (policy_file.c):
 * the section table other modules plug their sections into, the load
 * context that carries the line number into error messages, and a
 * snprintf-style sink for dumps and explanations.
 */
#ifndef TOUSU_POLICY_TEXT_H
#define TOUSU_POLICY_TEXT_H

#include "internal.h"

#include <stdarg.h>

/* A slice of the file (not NUL-terminated). */
typedef struct tz_text {
    const char *s;
    size_t len;
} tz_text;

typedef struct tz_load {
    const char *name;  /* file name for messages */
    size_t line;       /* 1-based line being parsed */
    int section;       /* index into the section table, -1 before any */
    bool have_header;
    size_t section_line; /* line of the current [section] header */
    struct {             /* [words] (policy_words_text.c) */
        tz_text text;    /* the file from the section's first to last record */
        size_t line;     /* the line of text.s */
        size_t header;   /* the line of [words] */
    } words;
    tousu_load_error err;
} tz_load;

/* snprintf semantics over a caller buffer: len counts what the full text
 * needs even when it does not fit. */
typedef struct tz_sink {
    char *buf;
    size_t cap;
    size_t len;
} tz_sink;

void tz_sink_put(tz_sink *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* One [section] of the file. parse gets one `key = value` line (both
 * trimmed, non-empty) and returns 0 or an error set with tz_load_fail.
 * A section of records rather than settings ([words]) has parse_raw
 * instead: it gets each of its lines whole (trimmed; no blank or comment
 * line), and parse is NULL. */
typedef struct tz_section {
    const char *name;
    int (*parse)(tousu_policy *p, const char *section, const tz_text *key,
                 const tz_text *value, tz_load *ld);
    void (*dump)(const tousu_policy *p, const char *section, tz_sink *s);
    int (*parse_raw)(tousu_policy *p, const char *section, const tz_text *line, tz_load *ld);
} tz_section;

/* Record a load error at the current line; returns code. */
int tz_load_fail(tz_load *ld, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Strict decimal integer in [lo, hi]: TOUSU_EPARSE or TOUSU_ERANGE. */
int tz_parse_int(const char *s, size_t n, int64_t lo, int64_t hi, int64_t *out);
bool tz_text_eq(const tz_text *t, const char *lit);
/* After a whole file parsed: build derived data; may fail like a line. */
int tz_policy_finish_load(tousu_policy *p, tz_load *ld);

/* [sla] and [calendar] (policy_sla_text.c; R-POL-1, R-POL-3). */
int tz_sla_text_parse(tousu_policy *p, const char *section, const tz_text *key,
                      const tz_text *value, tz_load *ld);
void tz_sla_text_dump(const tousu_policy *p, const char *section, tz_sink *s);
int tz_cal_text_parse(tousu_policy *p, const char *section, const tz_text *key,
                      const tz_text *value, tz_load *ld);
void tz_cal_text_dump(const tousu_policy *p, const char *section, tz_sink *s);

/* [words] (policy_words_text.c; R-POL-2, R-SCR-10): the word tables as
 * `tousu-words 1` records. tz_words_text_line is the section's parse_raw;
 * tz_words_text_finish loads the collected records over the policy's
 * tables once the file parsed (nothing to do without [words]). */
int tz_words_text_line(tousu_policy *p, const char *section, const tz_text *line, tz_load *ld);
int tz_words_text_finish(tousu_policy *p, tz_load *ld);
void tz_words_text_dump(const tousu_policy *p, const char *section, tz_sink *s);

#endif
