/*
 * dayfile.h - the reader of tousu-triage's day files: one contact or one
 * archive per line, turned into the library's own structs. The format is
 * described in tousu-triage.c and examples/README.md. Part of the example
 * program, not of the library.
 */
#ifndef TOUSU_EXAMPLE_DAYFILE_H
#define TOUSU_EXAMPLE_DAYFILE_H

#include <stdint.h>
#include <stdio.h>

#include <tousu.h>

/* What a line holds. */
enum dayfile_kind {
    DAYFILE_BAD = -1,    /* a line that cannot be read: see error */
    DAYFILE_NOTHING = 0, /* blank or a '#' comment */
    DAYFILE_CONTACT = 1,
    DAYFILE_ARCHIVE = 2
};

typedef struct dayfile_record {
    int kind;              /* enum dayfile_kind */
    tousu_contact contact; /* DAYFILE_CONTACT; contact.text points into the line */
    tousu_archive archive; /* DAYFILE_ARCHIVE */
    const char *matter;    /* the matter key as written ("-" when none) */
    const char *when;      /* the time as written */
    char error[192];       /* DAYFILE_BAD: what is wrong, for the user */
} dayfile_record;

/* Parse one line (changed in place; the record points into it) into *out.
 * Returns out->kind. */
int dayfile_parse(char *line, dayfile_record *out);

/* Read one whole line of any length into *buf (grown with realloc).
 * Returns 1 for a line, 0 at end of file, -1 when out of memory. */
int dayfile_read_line(FILE *fp, char **buf, size_t *cap);

/* "YYYY-MM-DD HH:MM[:SS]" local time at +08:00 -> UTC ms. 1 ok, 0 bad. */
int dayfile_parse_time(const char *s, int64_t *out_ms);

/* The local (+08:00) "HH:MM" of a UTC time. */
void dayfile_format_hhmm(int64_t utc_ms, char buf[8]);

/* Room for dayfile_format_local's text and its NUL. */
enum { DAYFILE_TIME_LEN = 24 };

/* The local (+08:00) time of a UTC time with its weekday, to the minute:
 * "Thu 2025-10-09 08:40". */
void dayfile_format_local(int64_t utc_ms, char buf[DAYFILE_TIME_LEN]);

#endif /* TOUSU_EXAMPLE_DAYFILE_H */
