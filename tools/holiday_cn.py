#!/usr/bin/env python3
"""Convert holiday-cn JSON files to the [calendar] section of a libtousu
policy file (docs/policy.md, docs/calendar.md; R-POL-3).

Usage:
  tools/holiday_cn.py [-o OUT] [--section-only] YEAR.json [YEAR.json ...]

Each input is one year's file of https://github.com/NateScarlet/holiday-cn
(MIT licence): {"year": Y, "papers": [notice URLs], "days": [{"name",
"date": "YYYY-MM-DD", "isOffDay": bool}]}. isOffDay true is a public
holiday, false a make-up working day (调休); ordinary weekends are not
listed.

The output (a whole policy file with its `tousu-policy 1` header, or only
the section with --section-only) says:
  - years = FIRST-LAST: the years with announced data, which the calendar
    then knows (days outside them get TOUSU_ENODATA, never a guess);
  - clear_days = FIRST-LAST: the built-in days of those years are dropped,
    so the files replace them (a corrected notice moves days);
  - one `holiday = DATE NAME` or `workday = DATE NAME` line per day, in
    date order; the State Council notices (`papers`) as # comments.

Rules:
  - a day is filed under its own date: a file may hold days of the
    neighbouring year;
  - a year whose file has no days has not been announced: it is left out
    of `years` with a warning on stderr, never read as "no holidays";
  - the announced years must be contiguous (a calendar knows one range);
  - a date given twice with different meanings is an error; given twice
    with the same meaning, the file of the date's own year names it.

Errors (unreadable file, malformed JSON, wrong schema, no announced year):
a message on stderr and exit status 2. Python standard library only; the
output is deterministic.
"""
import argparse
import datetime
import json
import re
import sys

PROG = 'holiday_cn.py'
SOURCE = 'https://github.com/NateScarlet/holiday-cn'
DATE_RE = re.compile(r'^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
FIRST_YEAR, LAST_YEAR = 1970, 2199   # the library's years
NAME_MAX = 47                        # bytes of UTF-8 (the library's limit)


class InputError(Exception):
    """A problem with an input file; the message names it."""


def _require(cond, path, message):
    if not cond:
        raise InputError(f'{path}: {message}')


def _check_day(path, year, i, d):
    where = f'days[{i}]'
    _require(isinstance(d, dict), path, f'{where} is not an object')
    for key, kind in (('name', str), ('date', str), ('isOffDay', bool)):
        _require(key in d, path, f'{where} has no "{key}"')
        _require(isinstance(d[key], kind), path,
                 f'{where}.{key} must be a {"boolean" if kind is bool else "string"}')
    date = d['date']
    _require(DATE_RE.match(date), path, f'{where}.date "{date}" is not YYYY-MM-DD')
    try:
        parsed = datetime.date.fromisoformat(date)
    except ValueError:
        raise InputError(f'{path}: {where}.date "{date}" does not exist') from None
    _require(abs(parsed.year - year) <= 1, path,
             f'{where}.date {date} is not in {year} or a neighbouring year')
    _require(FIRST_YEAR <= parsed.year <= LAST_YEAR, path,
             f'{where}.date {date} is outside {FIRST_YEAR}..{LAST_YEAR}')
    name = d['name'].strip(' \t')
    _require(len(name.encode('utf-8')) <= NAME_MAX, path,
             f'{where}.name is longer than {NAME_MAX} bytes')
    return date, d['isOffDay'], name


def read_year(path):
    """One holiday-cn file: (year, papers, [(date, off, name)])."""
    try:
        with open(path, encoding='utf-8') as f:
            doc = json.load(f)
    except OSError as e:
        raise InputError(f'{path}: cannot read: {e.strerror}') from None
    except UnicodeDecodeError as e:
        raise InputError(f'{path}: not UTF-8: {e.reason}') from None
    except json.JSONDecodeError as e:
        raise InputError(f'{path}: malformed JSON: {e.msg} at line {e.lineno} '
                         f'column {e.colno}') from None
    _require(isinstance(doc, dict), path, 'not a holiday-cn file (top level is not an object)')
    year = doc.get('year')
    _require(isinstance(year, int) and not isinstance(year, bool), path,
             '"year" must be an integer')
    _require(FIRST_YEAR <= year <= LAST_YEAR, path,
             f'year {year} is outside {FIRST_YEAR}..{LAST_YEAR}')
    papers = doc.get('papers', [])
    _require(isinstance(papers, list) and all(isinstance(p, str) for p in papers), path,
             '"papers" must be a list of strings')
    _require('days' in doc and isinstance(doc['days'], list), path, '"days" must be a list')
    days = [_check_day(path, year, i, d) for i, d in enumerate(doc['days'])]
    return year, papers, days


def convert(paths, warn):
    """The files' data: (first, last, papers by year, {date: (off, name)})."""
    papers, announced, days = {}, set(), {}
    own = {}   # date -> whether its entry came from the date's own year
    for path in paths:
        year, year_papers, year_days = read_year(path)
        _require(year not in papers, path, f'year {year} given twice')
        papers[year] = year_papers
        if not year_days:
            warn(f'{path}: {year} has not been announced yet (no days): '
                 f'left out of the covered years')
            continue
        announced.add(year)
        for date, off, name in year_days:
            mine = date.startswith(f'{year}-')
            if date in days:
                _require(days[date][0] == off, path,
                         f'{date} is a {"holiday" if off else "make-up working day"} here '
                         f'but not in another file')
                if own[date] or not mine:
                    continue
            days[date] = (off, name)
            own[date] = mine
    if not announced:
        raise InputError('no announced year in the input')
    first, last = min(announced), max(announced)
    missing = [y for y in range(first, last + 1) if y not in announced]
    if missing:
        raise InputError(f'the announced years must be contiguous; missing '
                         f'{", ".join(map(str, missing))}')
    return first, last, papers, days


def escape_name(name):
    """The policy file's name syntax: \\xHH for control characters and
    backslashes (edge spaces are already stripped)."""
    return ''.join(f'\\x{ord(c):02x}' if ord(c) < 0x20 or c in '\\\x7f' else c for c in name)


def render(first, last, papers, days, section_only=False):
    out = []
    w = out.append
    if not section_only:
        w('tousu-policy 1')
    w("# China's public holidays and make-up working days (调休), converted by")
    w(f'# tools/holiday_cn.py from holiday-cn ({SOURCE}, MIT licence).')
    w("# The State Council's notices:")
    for year in sorted(papers):
        for url in papers[year]:
            w(f'#   {year}: {url}')
        if not papers[year]:
            w(f'#   {year}: not announced yet: not covered')
    w('[calendar]')
    w(f'years = {first}-{last}')
    w(f'clear_days = {first}-{last}')
    for date in sorted(days):
        off, name = days[date]
        line = f'{"holiday" if off else "workday"} = {date}'
        w(f'{line} {escape_name(name)}' if name else line)
    return '\n'.join(out) + '\n'


def main(argv=None):
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split('\n\n')[0])
    ap.add_argument('files', nargs='+', metavar='YEAR.json', help='holiday-cn files')
    ap.add_argument('-o', '--output', help='write here instead of standard output')
    ap.add_argument('--section-only', action='store_true',
                    help='only the [calendar] section, without the tousu-policy header')
    args = ap.parse_args(argv)

    def warn(message):
        print(f'{PROG}: warning: {message}', file=sys.stderr)

    try:
        text = render(*convert(args.files, warn), section_only=args.section_only)
    except InputError as e:
        print(f'{PROG}: error: {e}', file=sys.stderr)
        return 2
    if args.output:
        with open(args.output, 'w', encoding='utf-8', newline='\n') as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
