/*
 * callfile.h - the reader of tousu-qa's call files: a few header lines
 * (rings, the agent's number, who hung up, when the line was cut) and one
 * turn a line, turned into the library's tousu_call. The format is
 * described in callfile.c and examples/README.md. Part of the example
 * programs, not of the library.
 */
#ifndef TOUSU_EXAMPLE_CALLFILE_H
#define TOUSU_EXAMPLE_CALLFILE_H

#include <stdint.h>
#include <stdio.h>

#include <tousu.h>

/* A call read from a file. Every string points into `text` (the file's
 * bytes, NUL-terminated per line), so the call lives as long as the
 * callfile does. */
typedef struct callfile {
    char *text;        /* the whole file, cut into lines in place */
    tousu_turn *turns; /* call.turns */
    int *turn_line;    /* the line number of each turn */
    size_t n_turns, cap_turns;
    tousu_call call;   /* ready for tousu_qa_check */
    const char *about; /* the "about:" line, NULL when none */
    int rings_line;    /* the line of each header (0 = absent) */
    int agent_line;
    int hangup_line;
    int end_line;
    int about_line;
} callfile;

/* Read and check a call file ("-" = stdin) into *cf (zeroed first). Every
 * bad line is reported to `err` as "NAME:LINE: what is wrong" (at most 20;
 * NAME is "<stdin>" for "-"; a fault of the whole file has no LINE).
 * Returns 0 ok, 1 the file cannot be read (reported), 2 bad lines.
 * callfile_free must be called in every case. */
int callfile_read(const char *name, callfile *cf, FILE *err);

void callfile_free(callfile *cf);

/* A time on the call's clock: "MM:SS.s" (or H:MM:SS.sss), from the start
 * of the call. buf needs 16 bytes. */
const char *callfile_format_time(int64_t ms, char buf[16]);

#endif /* TOUSU_EXAMPLE_CALLFILE_H */
