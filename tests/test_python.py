#!/usr/bin/env python3
"""test_python.py - libtousu through Python ctypes (bindings/python/tousu.py).

Usage: test_python.py LIBTOUSU_SO      (or set TOUSU_LIB)

R-HOST-5: the shared library is usable from Python ctypes.
R-HOST-2: time and storage come from host callbacks written in Python.
R-HOST-3: a callback that fails (raises) makes the call fail with
          TOUSU_ECALLBACK, writes nothing, re-raises the exception in Python,
          and the retried call gives the result of a run that never failed.
R-BAT-1, R-BAT-2, R-BAT-4, R-REP-1, R-REP-3, R-REP-4 through a dict store.
Standard library only. Exit 77 (skipped) when the library carries a
sanitizer runtime, which a plain python3 cannot load.
"""
import copy
import ctypes
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'bindings', 'python'))
import tousu  # noqa: E402

LIB_PATH = None
LIB = None

T0 = 1709514000000          # 2024-03-04 09:00 +08:00
MINUTE = 60 * 1000
HOUR = 60 * MINUTE
COMPLAINT = dict(category=tousu.CAT_COMPLAINT, flags=tousu.F_COMPLAINT,
                 channel=tousu.CH_HOTLINE)
ORDINARY = tousu.CUST_VIP_KNOWN                   # R-CUS-5 stated: not VIP
VIP = tousu.CUST_VIP_KNOWN | tousu.CUST_VIP


class DictStore(tousu.Store):
    """The store contract (docs/store.md) over two Python dicts."""

    def __init__(self):
        self.events = {}    # matter -> [(intake_ms, contact, customer, vip)] in arrival order
        self.history_of = {}  # (customer, matter) -> dict of the tousu_history fields
        self.calls = []     # op names, in call order

    def snapshot(self):
        return copy.deepcopy((self.events, self.history_of))

    def _in(self, matter, from_ms, to_ms):
        evs = [e for e in self.events.get(matter, []) if from_ms <= e[0] <= to_ms]
        return sorted(evs, key=lambda e: e[0])   # stable: ties keep arrival order

    def history(self, customer, matter, since_ms):
        self.calls.append('history')
        h = self.history_of.get((customer, matter))
        if h is None:
            return None
        out = dict(open_id=h['open_id'], open_ms=h['open_ms'])
        if h['archived_id'] and h['archived_ms'] >= since_ms:
            out.update((k, h[k]) for k in ('archived_id', 'archived_ms', 'archived_level',
                                           'archived_by'))
        return out

    def window(self, matter, from_ms, to_ms, customer):
        self.calls.append('window')
        seen = {}
        evs = self._in(matter, from_ms, to_ms)
        for _, _, c, vip in evs:
            seen[c] = seen.get(c, False) or bool(vip)   # R-BAT-2: once each, VIP if ever
        n_vip = sum(seen.values())
        return dict(ordinary=len(seen) - n_vip, vip=n_vip, events=len(evs),
                    has_customer=int(customer in seen),
                    customer_is_vip=int(seen.get(customer, False)))

    def members(self, matter, from_ms, to_ms):
        self.calls.append('members')
        return [e[1] for e in self._in(matter, from_ms, to_ms)]

    def record(self, intake):
        self.calls.append('record')
        # Build the change aside, then apply it (all-or-nothing).
        key = (intake.customer_id, intake.matter)
        h = dict(self.history_of.get(key) or dict(open_id=0, open_ms=0, archived_id=0,
                                                  archived_ms=0, archived_level=0,
                                                  archived_by=0))
        if intake.opens_complaint:
            h.update(open_id=intake.contact_id, open_ms=intake.intake_ms)
        if intake.in_window:
            self.events.setdefault(intake.matter, []).append(
                (intake.intake_ms, intake.contact_id, intake.customer_id, intake.vip))
        if intake.opens_complaint:
            self.history_of[key] = h

    def archive(self, archive):
        self.calls.append('archive')
        h = self.history_of.get((archive.customer_id, archive.matter))
        if h is None or h['open_id'] != archive.contact_id:
            raise tousu.NotFound()
        h.update(archived_id=h['open_id'], archived_ms=archive.archived_ms,
                 archived_level=archive.level, archived_by=archive.closed_by,
                 open_id=0, open_ms=0)


class StoreDown(Exception):
    """What a real store might raise: its database is unreachable."""


class FaultyStore(DictStore):
    """Raises StoreDown from the n-th callback (0-based), or from every
    call of one op when fail_op is set; working again once disarmed."""

    def __init__(self, fail_at=None, fail_op=None):
        super().__init__()
        self.fail_at, self.fail_op, self.count = fail_at, fail_op, 0

    def disarm(self):
        self.fail_at = self.fail_op = None

    def _maybe_fail(self, op):
        n, self.count = self.count, self.count + 1
        if n == self.fail_at or op == self.fail_op:
            raise StoreDown('store down in %s (call %d)' % (op, n))

    def history(self, *a):
        self._maybe_fail('history')
        return super().history(*a)

    def window(self, *a):
        self._maybe_fail('window')
        return super().window(*a)

    def members(self, *a):
        self._maybe_fail('members')
        return super().members(*a)

    def record(self, *a):
        self._maybe_fail('record')
        return super().record(*a)

    def archive(self, *a):
        self._maybe_fail('archive')
        return super().archive(*a)


def complaint(contact_id, customer_id, matter, intake_ms, vip=False, **extra):
    fields = dict(COMPLAINT, contact_id=contact_id, customer_id=customer_id, matter=matter,
                  intake_ms=intake_ms, customer_flags=VIP if vip else ORDINARY)
    fields.update(extra)
    return tousu.Contact(**fields)


def scenario():
    """A short day: a batch forming on matter 500 (11 ordinary customers in
    an hour, one of them calling twice), a complaint archived and repeated
    on matter 77, a follow-up on an open one, and one archive of a contact
    that is not open. Items: ('triage', Contact) or ('archive', kwargs)."""
    items = []
    cid = 100
    for i in range(11):
        cid += 1
        items.append(('triage', complaint(cid, 1000 + i, 500, T0 + i * 5 * MINUTE)))
        if i == 3:   # R-BAT-2: the same customer again counts once
            cid += 1
            items.append(('triage', complaint(cid, 1000, 500, T0 + 16 * MINUTE)))
    items.append(('triage', complaint(1, 7, 77, T0)))
    items.append(('triage', complaint(2, 8, 77, T0 + MINUTE)))
    items.append(('archive', dict(contact_id=1, customer_id=7, matter=77,
                                  archived_ms=T0 + 2 * HOUR, level=tousu.LEVEL_CITY,
                                  closed_by=4242)))
    items.append(('triage', complaint(3, 8, 77, T0 + 3 * HOUR)))       # R-REP-3 follow-up
    items.append(('triage', complaint(4, 7, 77, T0 + 26 * HOUR)))      # R-REP-1 repeat
    items.append(('archive', dict(contact_id=999, customer_id=7, matter=77,
                                  archived_ms=T0 + 27 * HOUR)))         # not open
    return items


def run_item(engine, item):
    """Returns the result bytes of a triage, or the outcome of an archive.
    The batch members (R-BAT-4) are fetched from the store after the triage
    succeeded: when only that read fails, only it is retried."""
    kind, arg = item
    if kind == 'triage':
        r = engine.triage(arg)
        try:
            members = engine.batch_members()
        except StoreDown:
            engine.member_faults = getattr(engine, 'member_faults', 0) + 1
            members = engine.batch_members()   # the triage itself stands
        return (r.to_bytes(), tuple(members))
    try:
        engine.archive(**arg)
        return 'archived'
    except tousu.TousuError as e:
        return e.code


def clean_run():
    store = DictStore()
    with tousu.Engine(LIB, store=store) as engine:
        outcomes = [run_item(engine, item) for item in scenario()]
    return store, outcomes


class TestPython(unittest.TestCase):

    # R-HOST-5: a runtime version query through ctypes
    def test_R_HOST_5_version(self):
        number, text = tousu.version(LIB)
        self.assertEqual(number, tousu.VERSION_NUMBER)
        major, minor, patch = (int(x) for x in text.split('.'))
        self.assertEqual(number, major * 10000 + minor * 100 + patch)
        self.assertEqual(tousu.strerror(LIB, tousu.ECALLBACK) != '', True)

    # R-HOST-2: the built-in store and a clock callback
    def test_R_HOST_2_clock_callback_gives_intake_time(self):
        now = [T0 + 123]
        with tousu.Engine(LIB, clock=lambda: now[0]) as engine:
            r = engine.triage(complaint(1, 2, 3, 0))
            self.assertEqual(r.intake_ms, T0 + 123)
            self.assertEqual(r.is_complaint, 1)

    def test_R_HOST_2_no_clock_and_no_time_is_einval(self):
        with tousu.Engine(LIB) as engine:
            with self.assertRaises(tousu.TousuError) as cm:
                engine.triage(complaint(1, 2, 3, 0))
            self.assertEqual(cm.exception.code, tousu.EINVAL)

    # R-BAT-1: the 11th distinct ordinary customer within an hour triggers;
    # the 10th does not (boundary). R-BAT-2 counts a repeat caller once.
    # R-BAT-4 lists every member. All through the Python dict store.
    def test_R_BAT_1_eleven_ordinary_customers_in_python_store(self):
        store = DictStore()
        with tousu.Engine(LIB, store=store) as engine:
            results = []
            for i in range(11):
                results.append(engine.triage(complaint(101 + i, 1000 + i, 500,
                                                       T0 + i * 5 * MINUTE)))
                if i == 3:
                    r = engine.triage(complaint(201, 1000, 500, T0 + 16 * MINUTE))
                    self.assertEqual(r.batch_ordinary, 4)   # R-BAT-2: still 4 customers
            tenth, eleventh = results[9], results[10]
            self.assertEqual((tenth.batch, tenth.batch_ordinary), (0, 10))
            self.assertFalse(tenth.has_kind(tousu.KIND_BATCH))
            self.assertEqual((eleventh.batch, eleventh.batch_ordinary, eleventh.batch_vip),
                             (1, 11, 0))
            self.assertTrue(eleventh.has_kind(tousu.KIND_BATCH))
            self.assertEqual(eleventh.batch_window_start_ms, T0 + 50 * MINUTE - HOUR)
            # R-BAT-4: the 12 contacts of the window, oldest first, this one last
            members = engine.batch_members()
            self.assertEqual(eleventh.batch_members, 12)
            self.assertEqual(members, [101, 102, 103, 104, 201, 105, 106, 107, 108, 109,
                                       110, 111])
        self.assertEqual(len(store.events[500]), 12)

    # R-BAT-1: 6 VIP customers trigger, 5 do not.
    def test_R_BAT_1_six_vip_customers(self):
        with tousu.Engine(LIB, store=DictStore()) as engine:
            rs = [engine.triage(complaint(1 + i, 50 + i, 9, T0 + i * MINUTE, vip=True))
                  for i in range(6)]
        self.assertEqual((rs[4].batch, rs[4].batch_vip), (0, 5))
        self.assertEqual((rs[5].batch, rs[5].batch_vip), (1, 6))

    # R-REP-1: archived, then the same customer complains about the same
    # matter again: a repeat; R-REP-4 owned one level above the closer and
    # not by the staff member who closed it. R-REP-3: open means follow-up.
    def test_R_REP_1_repeat_after_archive_in_python_store(self):
        store = DictStore()
        with tousu.Engine(LIB, store=store) as engine:
            first = engine.triage(complaint(1, 7, 77, T0))
            self.assertEqual((first.repeat_of, first.followup), (0, 0))
            again = engine.triage(complaint(2, 7, 77, T0 + HOUR))
            self.assertEqual((again.followup, again.followup_of), (1, 1))   # R-REP-3
            engine.archive(1, 7, 77, archived_ms=T0 + 2 * HOUR, level=tousu.LEVEL_CITY,
                           closed_by=4242)
            self.assertEqual(store.history_of[(7, 77)]['archived_id'], 1)
            r = engine.triage(complaint(3, 7, 77, T0 + 26 * HOUR))
            self.assertEqual(r.repeat_of, 1)
            self.assertEqual(r.repeat_archived_ms, T0 + 2 * HOUR)
            self.assertTrue(r.has_kind(tousu.KIND_REPEAT))
            self.assertEqual(r.level, tousu.LEVEL_PROVINCE)                # R-REP-4
            self.assertIn(4242, list(r.recused)[:r.n_recused])
            # archiving what is not open: ENOTFOUND, not a failure
            with self.assertRaises(tousu.TousuError) as cm:
                engine.archive(999, 7, 77, archived_ms=T0 + 27 * HOUR)
            self.assertEqual(cm.exception.code, tousu.ENOTFOUND)

    # R-HOST-3: record() raises -> TOUSU_ECALLBACK, nothing stored, the
    # exception re-raised in Python, the retry succeeds with the result of
    # a run that never failed.
    def test_R_HOST_3_record_raises_then_retry(self):
        _, want = clean_run()
        store = FaultyStore(fail_op='record')
        items = scenario()
        with tousu.Engine(LIB, store=store) as engine:
            # the first item fails: nothing at all was stored
            before = store.snapshot()
            with self.assertRaises(StoreDown):
                run_item(engine, items[0])
            self.assertEqual(engine.errcode, tousu.ECALLBACK)
            self.assertIn('record', engine.errmsg)
            self.assertEqual(store.snapshot(), before)
            self.assertEqual(store.snapshot(), ({}, {}))
            store.disarm()
            got = [run_item(engine, item) for item in items]
        self.assertEqual(got, want)

    # R-HOST-3: every store call, in turn, raises once (a fault loop in the
    # style of SQLite's malloc tests): each failure surfaces as the store's
    # own exception, leaves the store as it was, and the retried call and
    # the rest of the day give exactly the clean run's results and store.
    def test_R_HOST_3_fault_at_every_store_call(self):
        clean_store, want = clean_run()
        n_calls = len(clean_store.calls)
        self.assertGreater(n_calls, 30)
        failures_by_op = {}
        for fail_at in range(n_calls):
            store = FaultyStore(fail_at=fail_at)
            got = []
            with tousu.Engine(LIB, store=store) as engine:
                for item in scenario():
                    before = store.snapshot()
                    try:
                        got.append(run_item(engine, item))
                        continue
                    except StoreDown as exc:
                        failed_op = str(exc).split()[3]
                    self.assertEqual(engine.errcode, tousu.ECALLBACK)
                    self.assertEqual(store.snapshot(), before, 'call %d' % fail_at)
                    failures_by_op[failed_op] = failures_by_op.get(failed_op, 0) + 1
                    got.append(run_item(engine, item))   # the retry
                member_faults = getattr(engine, 'member_faults', 0)
                if member_faults:
                    failures_by_op['members'] = failures_by_op.get('members', 0) + member_faults
            self.assertEqual(got, want, 'fault at store call %d' % fail_at)
            self.assertEqual(store.snapshot(), clean_store.snapshot())
        self.assertEqual(sum(failures_by_op.values()), n_calls)
        self.assertEqual(set(failures_by_op),
                         {'history', 'window', 'members', 'record', 'archive'})

    # R-HOST-3: a clock that raises behaves the same way.
    def test_R_HOST_3_clock_raises(self):
        class ClockDown(Exception):
            pass

        def clock():
            raise ClockDown('no time')

        store = DictStore()
        with tousu.Engine(LIB, store=store, clock=clock) as engine:
            with self.assertRaises(ClockDown):
                engine.triage(complaint(1, 2, 3, 0))
            self.assertEqual(engine.errcode, tousu.ECALLBACK)
            self.assertEqual(store.calls, [])
            r = engine.triage(complaint(1, 2, 3, T0))   # the engine still works
            self.assertEqual(r.intake_ms, T0)

    # A raising callback must not be read as success: an exception of a
    # failed call is not left pending for the next one.
    def test_R_HOST_3_exception_is_not_left_pending(self):
        store = FaultyStore(fail_op='window')
        with tousu.Engine(LIB, store=store) as engine:
            with self.assertRaises(StoreDown):
                engine.triage(complaint(1, 2, 3, T0))
            store.disarm()
            r = engine.triage(complaint(1, 2, 3, T0))
            self.assertEqual(r.is_complaint, 1)

    # R-HOST-4 through the binding: bad input is an error code, not a crash.
    def test_R_HOST_4_bad_input_is_an_error(self):
        with tousu.Engine(LIB, store=DictStore()) as engine:
            with self.assertRaises(tousu.TousuError) as cm:
                engine.triage(complaint(1, 2, 3, T0, category=99))
            self.assertEqual(cm.exception.code, tousu.ERANGE)
            with self.assertRaises(tousu.TousuError) as cm:
                engine.triage(complaint(1, 2, 3, T0, text=b'\xff\xfe'))
            self.assertEqual(cm.exception.code, tousu.EUTF8)

    # The structs are the C layout: the library accepts their struct_size
    # (a smaller one is rejected) and fills every field we read above.
    def test_R_HOST_5_struct_sizes_accepted(self):
        with tousu.Engine(LIB) as engine:
            c = complaint(1, 2, 3, T0)
            c.struct_size = ctypes.sizeof(c) - 8
            with self.assertRaises(tousu.TousuError) as cm:
                engine.triage(c)
            self.assertEqual(cm.exception.code, tousu.ESTRUCT)
            r = engine.triage(complaint(1, 2, 3, T0, manage_code=77, spend_code=88,
                                        tier=tousu.TIER_KEY_CITY, customer_flags=0))
            self.assertEqual((r.manage_code, r.spend_code, r.tier, r.is_vip), (77, 88, 1, 1))
            text = tousu.explain(LIB, r)
            self.assertIn('intake: 2024-03-04 09:00:00+08:00', text)

    # R-SLA-12: an explanation shows its times in the policy's zone, through
    # the engine (Engine.explain) or a given Policy (tousu.explain).
    def test_R_SLA_12_explain_in_policy_zone(self):
        policy = tousu.Policy(LIB)
        policy.set_int(tousu.P_UTC_OFFSET_MIN, 360)
        with tousu.Engine(LIB, policy=policy) as engine:
            r = engine.triage(complaint(1, 2, 3, T0))
            self.assertIn('intake: 2024-03-04 07:00:00+06:00', engine.explain(r))
            self.assertIn('+08:00', tousu.explain(LIB, r))
        other = tousu.Policy(LIB)
        other.set_int(tousu.P_UTC_OFFSET_MIN, -150)
        self.assertIn('intake: 2024-03-03 22:30:00-02:30', tousu.explain(LIB, r, other))


# C type -> ctypes type, for comparing bindings/python/tousu.py with the header.
C_TYPES = {
    'size_t': ctypes.c_size_t, 'uint64_t': ctypes.c_uint64, 'int64_t': ctypes.c_int64,
    'uint32_t': ctypes.c_uint32, 'int32_t': ctypes.c_int32, 'void *': ctypes.c_void_p,
    'const char *': ctypes.c_char_p,
}
STRUCTS = {
    'tousu_contact': tousu.Contact, 'tousu_result': tousu.Result, 'tousu_reason': tousu.Reason,
    'tousu_evidence': tousu.Evidence, 'tousu_signal': tousu.Signal,
    'tousu_history': tousu.History, 'tousu_window': tousu.Window, 'tousu_intake': tousu.Intake,
    'tousu_archive': tousu.Archive, 'tousu_store_ops': tousu.StoreOps, 'tousu_host': tousu.Host,
}


def header_structs():
    """{struct name: [(field, C type, array length or None, is function)]}
    from `cc -E -P include/tousu.h`, or None when no compiler runs."""
    import re
    import shlex
    import subprocess
    header = os.path.join(HERE, '..', 'include', 'tousu.h')
    cmd = shlex.split(os.environ.get('CC', 'cc')) + ['-E', '-P', '-I',
                                                     os.path.dirname(header), header]
    try:
        text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    consts = {m.group(1): int(m.group(2)) for m in re.finditer(r'(TOUSU_\w+) = (-?\d+)', text)}
    out = {}
    for m in re.finditer(r'typedef struct (tousu_\w+) \{(.*?)\} \1;', text, re.S):
        if m.group(1) not in STRUCTS:
            continue
        fields = []
        for decl in m.group(2).split(';'):
            decl = ' '.join(decl.split())
            if not decl:
                continue
            fn = re.search(r'\(\*(\w+)\)', decl)
            if fn:
                fields.append((fn.group(1), None, None, True))
                continue
            arr = re.match(r'(.*?)\s*\b(\w+)\s*\[(\w+)\]$', decl)
            if arr:
                n = arr.group(3)
                fields.append((arr.group(2), arr.group(1), consts.get(n, None) or int(n), False))
            else:
                fm = re.match(r'(.*?)\s*\b(\w+)$', decl)
                ctype = re.sub(r'\s*\*$', ' *', fm.group(1).strip())
                fields.append((fm.group(2), ctype, None, False))
        out[m.group(1)] = fields
    return out


class TestLayout(unittest.TestCase):
    # R-HOST-5: the ctypes structures are the header's, field for field
    # (names, order, types, array lengths), so a header change that the
    # binding misses fails here, not in a host's production run.
    def test_R_HOST_5_ctypes_structs_match_header(self):
        structs = header_structs()
        if structs is None:
            self.skipTest('no C compiler to preprocess include/tousu.h')
        for cname, pytype in STRUCTS.items():
            self.assertIn(cname, structs)
            want = structs[cname]
            have = pytype._fields_
            self.assertEqual([f[0] for f in have], [f[0] for f in want], cname)
            for (name, ptype), (_, ctype, length, is_fn) in zip(have, want):
                where = '%s.%s' % (cname, name)
                if is_fn:
                    self.assertTrue(issubclass(ptype, ctypes._CFuncPtr), where)
                elif length is not None:
                    self.assertEqual(ptype._length_, length, where)
                    elem = ptype._type_
                    if ctype in C_TYPES:
                        self.assertIs(elem, C_TYPES[ctype], where)
                    else:
                        self.assertIs(elem, STRUCTS[ctype], where)
                elif ctype in C_TYPES:
                    self.assertIs(ptype, C_TYPES[ctype], where)
                else:   # a pointer to one of our structs
                    self.assertTrue(ctype.endswith('*'), where)
                    self.assertIs(ptype._type_, STRUCTS[ctype.replace('const ', '')[:-2]],
                                  where)


def has_sanitizer_runtime(path):
    """A library linked with ASan/UBSan cannot be dlopen'ed by plain python3."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError:
        return False
    return any(name in data for name in (b'libasan.so', b'libubsan.so', b'libtsan.so'))


def main():
    global LIB_PATH, LIB
    args = sys.argv[1:]
    if args and not args[0].startswith('-'):
        LIB_PATH = args.pop(0)
    LIB_PATH = LIB_PATH or os.environ.get('TOUSU_LIB')
    if not LIB_PATH:
        print('usage: test_python.py LIBTOUSU_SO (or set TOUSU_LIB)', file=sys.stderr)
        return 2
    if has_sanitizer_runtime(LIB_PATH):
        print('SKIP %s carries a sanitizer runtime' % LIB_PATH)
        return 77
    LIB = tousu.load(LIB_PATH)
    prog = unittest.main(argv=[sys.argv[0]] + args, exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == '__main__':
    sys.exit(main())
