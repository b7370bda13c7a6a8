/*
 * policyfile.h - tousu-triage's --policy FILE: read a policy file, load it
 * with the library (R-POL-2, docs/policy.md) and tell which values differ
 * from the built-in policy. Part of the example program, not of the library.
 */
#ifndef TOUSU_EXAMPLE_POLICYFILE_H
#define TOUSU_EXAMPLE_POLICYFILE_H

#include <stdio.h>

#include <tousu.h>

/* Read the file at path and load it merged over the built-in policy into
 * *out (a new, not yet frozen policy the caller frees). On failure *out is
 * NULL, the problem is written to `errors` (for a refused file: the
 * library's "path:line: problem" message and status) and 0 is returned. */
int policyfile_load(const char *path, tousu_policy **out, FILE *errors);

/* Write to `to` one line per value in which `policy` differs from the
 * built-in policy ("  [batch] ordinary = 5   (built-in: 10)"), found by
 * comparing the two tousu_policy_dump texts key by key. Returns the number
 * of differences, or -1 when a dump fails (reported on `to`). */
int policyfile_print_diff(const tousu_policy *policy, FILE *to);

#endif /* TOUSU_EXAMPLE_POLICYFILE_H */
