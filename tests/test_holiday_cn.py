#!/usr/bin/env python3
"""test_holiday_cn.py - tools/holiday_cn.py, the holiday-cn converter (R-POL-3).

Usage: test_holiday_cn.py [LIBTOUSU_SO]     (or set TOUSU_LIB)

R-POL-3: China's holidays and make-up days come from the holiday-cn JSON
files (tests/data/holiday-cn, copied with their licence); a year without
data is reported, never read as "no holidays"; bad input is refused with
exit status 2. With the shared library, the converter's output for
2024..2027 loads (tousu_policy_load) to exactly the built-in calendar:
the same tousu_calendar_day for every date of 2023..2027 and the same
policy dump. That part is skipped when no library is given or it carries
a sanitizer runtime (plain python3 cannot load it). Standard library only.
"""
import ctypes
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stderr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
DATA = os.path.join(HERE, 'data', 'holiday-cn')
TOOL = os.path.join(ROOT, 'tools', 'holiday_cn.py')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import holiday_cn  # noqa: E402

YEARS = [os.path.join(DATA, f'{y}.json') for y in (2024, 2025, 2026, 2027)]
LIB_PATH = None


def run_tool(*args):
    return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True,
                          encoding='utf-8')


def day_lines(text):
    """{date: (key, name)} of the holiday/workday lines."""
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition(' = ')
        if sep and key in ('holiday', 'workday'):
            date, _, name = value.partition(' ')
            out[date] = (key, name)
    return out


class Convert(unittest.TestCase):
    """R-POL-3 the real files of 2024..2027."""

    @classmethod
    def setUpClass(cls):
        cls.result = run_tool(*YEARS)
        cls.days = day_lines(cls.result.stdout)

    def test_R_POL_3_exit_and_header(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        lines = self.result.stdout.splitlines()
        self.assertEqual(lines[0], 'tousu-policy 1')
        self.assertIn('[calendar]', lines)
        self.assertIn('years = 2024-2026', lines)
        self.assertIn('clear_days = 2024-2026', lines)

    def test_R_POL_3_papers_cited(self):
        out = self.result.stdout
        for url in ('https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm',
                    'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
                    'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm'):
            self.assertTrue(any(line.startswith('#') and url in line
                                for line in out.splitlines()), url)

    def test_R_SLA_12_spring_festival_2025(self):
        self.assertEqual(self.days['2025-01-26'], ('workday', '春节'))   # a Sunday worked
        self.assertEqual(self.days['2025-01-28'], ('holiday', '春节'))
        self.assertEqual(self.days['2025-02-08'], ('workday', '春节'))
        self.assertNotIn('2025-01-27', self.days)

    def test_R_SLA_12_spring_festival_2026(self):
        for d in range(15, 24):
            self.assertEqual(self.days[f'2026-02-{d:02d}'], ('holiday', '春节'))
        self.assertEqual(self.days['2026-02-14'], ('workday', '春节'))
        self.assertEqual(self.days['2026-02-28'], ('workday', '春节'))
        self.assertNotIn('2026-02-24', self.days)

    def test_R_POL_3_every_day_of_the_files(self):
        want = {}
        for path in YEARS:
            with open(path, encoding='utf-8') as f:
                for d in json.load(f)['days']:
                    want[d['date']] = ('holiday' if d['isOffDay'] else 'workday', d['name'])
        self.assertEqual(self.days, want)
        self.assertEqual(list(self.days), sorted(self.days))   # in date order

    def test_R_POL_3_2027_not_announced(self):
        """An empty year is reported and left out of `years`, never "no holidays"."""
        self.assertIn('2027', self.result.stderr)
        self.assertIn('not been announced', self.result.stderr)
        self.assertIn('warning', self.result.stderr)
        self.assertFalse(any(d.startswith('2027') for d in self.days))
        self.assertIn('2027: not announced yet', self.result.stdout)
        only = run_tool(YEARS[3])
        self.assertEqual(only.returncode, 2)
        self.assertIn('no announced year', only.stderr)
        self.assertEqual(only.stdout, '')

    def test_R_POL_3_deterministic_and_options(self):
        again = run_tool(*reversed(YEARS))
        self.assertEqual(again.stdout, self.result.stdout)
        section = run_tool('--section-only', *YEARS)
        self.assertEqual(section.returncode, 0)
        self.assertNotIn('tousu-policy', section.stdout)
        self.assertEqual(section.stdout, self.result.stdout.split('\n', 1)[1])
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, 'cn.policy')
            r = run_tool('-o', out, *YEARS)
            self.assertEqual((r.returncode, r.stdout), (0, ''))
            with open(out, encoding='utf-8') as f:
                self.assertEqual(f.read(), self.result.stdout)

    def test_R_POL_3_neighbouring_year(self):
        """A day filed in the neighbouring year's notice is kept under its date."""
        with tempfile.TemporaryDirectory() as tmp:
            a = write(tmp, 'a.json', {'year': 2030, 'papers': [], 'days': [
                {'name': '元旦', 'date': '2029-12-31', 'isOffDay': True},
                {'name': '元旦', 'date': '2030-01-01', 'isOffDay': True}]})
            b = write(tmp, 'b.json', {'year': 2029, 'papers': [], 'days': [
                {'name': '元旦假期', 'date': '2029-12-31', 'isOffDay': True}]})
            r = run_tool(a, b)
            self.assertEqual(r.returncode, 0, r.stderr)
            days = day_lines(r.stdout)
            self.assertEqual(days['2029-12-31'], ('holiday', '元旦假期'))  # its own year's name
            self.assertIn('years = 2029-2030', r.stdout)


def write(tmp, name, doc):
    path = os.path.join(tmp, name)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False))
    return path


GOOD_DAY = {'name': '元旦', 'date': '2030-01-01', 'isOffDay': True}


class Errors(unittest.TestCase):
    """R-POL-3 bad input: a message naming the file, exit status 2."""

    def check(self, docs, needle):
        with tempfile.TemporaryDirectory() as tmp:
            paths = [write(tmp, f'{i}.json', d) for i, d in enumerate(docs)]
            r = run_tool(*paths)
            self.assertEqual(r.returncode, 2, (docs, r.stdout))
            self.assertEqual(r.stdout, '')
            self.assertIn('error', r.stderr)
            self.assertIn(needle, r.stderr)

    def test_R_POL_3_malformed_json(self):
        self.check(['{"year": 2030, "days": ['], 'malformed JSON')
        self.check([''], 'malformed JSON')

    def test_R_POL_3_wrong_schema(self):
        cases = [
            ([[1, 2]], 'top level'),
            ([{'year': '2030', 'days': []}], '"year"'),
            ([{'year': 2030}], '"days"'),
            ([{'year': 2030, 'days': {}}], '"days"'),
            ([{'year': 2030, 'papers': 'x', 'days': [GOOD_DAY]}], '"papers"'),
            ([{'year': 2030, 'days': [1]}], 'days[0]'),
            ([{'year': 2030, 'days': [{'name': '元旦', 'date': '2030-01-01'}]}], 'isOffDay'),
            ([{'year': 2030, 'days': [dict(GOOD_DAY, isOffDay='true')]}], 'isOffDay'),
            ([{'year': 2030, 'days': [dict(GOOD_DAY, name=None)]}], 'name'),
            ([{'year': 2030, 'days': [dict(GOOD_DAY, date='2030/01/01')]}], 'YYYY-MM-DD'),
            ([{'year': 2030, 'days': [dict(GOOD_DAY, date='2030-02-30')]}], 'does not exist'),
            ([{'year': 2030, 'days': [dict(GOOD_DAY, date='2035-01-01')]}], 'neighbouring'),
            ([{'year': 2030, 'days': [dict(GOOD_DAY, name='节' * 16)]}], '47 bytes'),
            ([{'year': 1960, 'days': []}], 'outside'),
        ]
        for docs, needle in cases:
            with self.subTest(needle=needle):
                self.check(docs, needle)

    def test_R_POL_3_conflicts_between_files(self):
        a = {'year': 2030, 'days': [GOOD_DAY]}
        b = {'year': 2031, 'days': [dict(GOOD_DAY, isOffDay=False),
                                    dict(GOOD_DAY, date='2031-01-01')]}
        self.check([a, b], '2030-01-01')
        self.check([a, a], 'given twice')
        gap = {'year': 2032, 'days': [dict(GOOD_DAY, date='2032-01-01')]}
        self.check([a, gap], 'contiguous')

    def test_R_POL_3_missing_file(self):
        r = run_tool(os.path.join(DATA, 'nosuch.json'))
        self.assertEqual(r.returncode, 2)
        self.assertIn('cannot read', r.stderr)

    def test_R_POL_3_in_process(self):
        """The module's functions: warnings go through the callback."""
        warnings = []
        first, last, _, days = holiday_cn.convert(YEARS, warnings.append)
        self.assertEqual((first, last), (2024, 2026))
        self.assertEqual(len(warnings), 1)
        self.assertEqual(days['2025-01-28'], (True, '春节'))
        err = io.StringIO()
        with redirect_stderr(err):
            self.assertEqual(holiday_cn.main([YEARS[3]]), 2)
        self.assertIn('no announced year', err.getvalue())
        self.assertEqual(holiday_cn.escape_name('a\\b\nc'), 'a\\x5cb\\x0ac')


# ---------- the library: the converted file is the built-in calendar ----------

class DayInfo(ctypes.Structure):
    _fields_ = [('struct_size', ctypes.c_size_t), ('kind', ctypes.c_int32),
                ('weekday', ctypes.c_int32), ('covered', ctypes.c_int32),
                ('n_spans', ctypes.c_uint32), ('spans', ctypes.c_int32 * 16),
                ('working_ms', ctypes.c_int64), ('name', ctypes.c_void_p),
                ('name_len', ctypes.c_size_t)]


class LoadError(ctypes.Structure):
    _fields_ = [('struct_size', ctypes.c_size_t), ('code', ctypes.c_int32),
                ('line', ctypes.c_int32), ('message', ctypes.c_char * 256)]


def has_sanitizer_runtime(path):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError:
        return False
    return any(name in data for name in (b'libasan.so', b'libubsan.so', b'libtsan.so'))


class Library(unittest.TestCase):
    """R-POL-3 round trip: holiday-cn files -> converter -> tousu_policy_load."""

    @classmethod
    def setUpClass(cls):
        if not LIB_PATH:
            raise unittest.SkipTest('no library given')
        if has_sanitizer_runtime(LIB_PATH):
            raise unittest.SkipTest(f'{LIB_PATH} carries a sanitizer runtime')
        lib = ctypes.CDLL(LIB_PATH)
        P = ctypes.POINTER
        vp = ctypes.c_void_p
        for name, res, args in (
                ('tousu_policy_new', ctypes.c_int, [P(vp)]),
                ('tousu_policy_free', None, [vp]),
                ('tousu_policy_load', ctypes.c_int,
                 [P(vp), ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, P(LoadError)]),
                ('tousu_policy_dump', ctypes.c_int,
                 [vp, ctypes.c_char_p, ctypes.c_size_t, P(ctypes.c_size_t)]),
                ('tousu_policy_calendar', ctypes.c_int, [vp, P(vp)]),
                ('tousu_calendar_new_builtin_cn', ctypes.c_int, [P(vp)]),
                ('tousu_calendar_free', None, [vp]),
                ('tousu_calendar_day', ctypes.c_int,
                 [vp, ctypes.c_int32, ctypes.c_int32, ctypes.c_int32, P(DayInfo)])):
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = res, args
        cls.lib = lib

    def load(self, text):
        data = text.encode('utf-8')
        p, err = ctypes.c_void_p(), LoadError()
        err.struct_size = ctypes.sizeof(err)
        rc = self.lib.tousu_policy_load(ctypes.byref(p), data, len(data), b'cn.policy',
                                        ctypes.byref(err))
        self.assertEqual(rc, 0, err.message.decode('utf-8', 'replace'))
        self.addCleanup(self.lib.tousu_policy_free, p)
        return p

    def calendar(self, policy=None):
        c = ctypes.c_void_p()
        if policy is None:
            self.assertEqual(self.lib.tousu_calendar_new_builtin_cn(ctypes.byref(c)), 0)
        else:
            self.assertEqual(self.lib.tousu_policy_calendar(policy, ctypes.byref(c)), 0)
        self.addCleanup(self.lib.tousu_calendar_free, c)
        return c

    def day(self, cal, date):
        info = DayInfo()
        info.struct_size = ctypes.sizeof(info)
        self.assertEqual(self.lib.tousu_calendar_day(cal, date.year, date.month, date.day,
                                                     ctypes.byref(info)), 0)
        name = ctypes.string_at(info.name, info.name_len).decode('utf-8')
        return (info.kind, info.covered, info.working_ms, list(info.spans)[:2 * info.n_spans],
                name)

    def dump(self, policy):
        need = ctypes.c_size_t()
        self.lib.tousu_policy_dump(policy, None, 0, ctypes.byref(need))
        buf = ctypes.create_string_buffer(need.value + 1)
        self.assertEqual(self.lib.tousu_policy_dump(policy, buf, len(buf), ctypes.byref(need)), 0)
        return buf.value.decode('utf-8')

    def test_R_POL_3_converted_equals_builtin(self):
        import datetime
        text = run_tool(*YEARS).stdout
        policy = self.load(text)
        mine, builtin = self.calendar(policy), self.calendar()
        d, end, n = datetime.date(2023, 1, 1), datetime.date(2027, 12, 31), 0
        while d <= end:
            self.assertEqual(self.day(mine, d), self.day(builtin, d), d)
            d += datetime.timedelta(days=1)
            n += 1
        self.assertEqual(n, 1826)
        plain = ctypes.c_void_p()
        self.assertEqual(self.lib.tousu_policy_new(ctypes.byref(plain)), 0)
        self.addCleanup(self.lib.tousu_policy_free, plain)
        self.assertEqual(self.dump(policy), self.dump(plain))

    def test_R_POL_3_updated_year_replaces_builtin(self):
        """A corrected notice: the converted year replaces the built-in days."""
        import datetime
        with open(YEARS[1], encoding='utf-8') as f:
            doc = json.load(f)
        doc['days'] = [d for d in doc['days'] if d['date'] != '2025-10-08']
        doc['days'].append({'name': '站庆', 'date': '2025-06-10', 'isOffDay': True})
        with tempfile.TemporaryDirectory() as tmp:
            path = write(tmp, '2025.json', doc)
            text = run_tool(YEARS[0], path, YEARS[2]).stdout
        cal = self.calendar(self.load(text))
        self.assertEqual(self.day(cal, datetime.date(2025, 10, 8))[0], 0)   # regular again
        self.assertEqual(self.day(cal, datetime.date(2025, 6, 10))[0], 1)
        self.assertEqual(self.day(cal, datetime.date(2025, 6, 10))[4], '站庆')
        self.assertEqual(self.day(cal, datetime.date(2025, 10, 7))[0], 1)


def main():
    global LIB_PATH
    args = sys.argv[1:]
    if args and not args[0].startswith('-'):
        LIB_PATH = args.pop(0)
    LIB_PATH = LIB_PATH or os.environ.get('TOUSU_LIB')
    prog = unittest.main(argv=[sys.argv[0]] + args, exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == '__main__':
    sys.exit(main())
