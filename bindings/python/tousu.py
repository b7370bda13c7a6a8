"""tousu.py - a small ctypes binding for libtousu (Python 3, standard library).

    import tousu
    lib = tousu.load()                  # or tousu.load("/path/libtousu.so.1")
    with tousu.Engine(lib) as engine:   # built-in in-memory store
        r = engine.triage(contact_id=1, customer_id=7, matter=42,
                          intake_ms=1709514000000,
                          category=tousu.CAT_COMPLAINT,
                          flags=tousu.F_DISSATISFIED | tousu.F_DEMANDS_RESOLUTION)
        print(r.level, engine.explain(r))   # times in the policy zone

The structures mirror include/tousu.h field for field (ctypes lays them out
as the C compiler does); every struct starts with struct_size, which the
binding sets. Enum and flag values are fixed by the ABI and copied here.

Host callbacks (R-HOST-2): pass `store=` an object derived from Store and/or
`clock=` a function returning UTC milliseconds. A Python exception raised in
a callback never crosses into C: the callback returns non-zero, the library
fails the call with TOUSU_ECALLBACK and writes nothing (R-HOST-3), and the
binding re-raises the original exception once the C call has returned
(the pattern of pygit2's callbacks). An exception that is not caught would
otherwise be printed by ctypes and read as 0, i.e. as success.

Thread-safety follows the library: an Engine is used by one thread at a time.
"""
import ctypes
import ctypes.util
import os

__all__ = ['load', 'Engine', 'Store', 'Policy', 'TousuError', 'NotFound', 'explain',
           'Contact', 'Result', 'History', 'Window', 'Intake', 'Archive']

c_int, c_int32, c_uint32 = ctypes.c_int, ctypes.c_int32, ctypes.c_uint32
c_int64, c_uint64, c_size_t = ctypes.c_int64, ctypes.c_uint64, ctypes.c_size_t
c_void_p, c_char_p, POINTER = ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER

# ---------------------------------------------------------------- constants
# (values fixed by the ABI: include/tousu.h)

VERSION_NUMBER = 10000

OK, EINVAL, ERANGE, ESTRUCT, EUTF8, ETOOBIG, ENOMEM = 0, -1, -2, -3, -4, -5, -6
ECALLBACK, ENOTFOUND, ESTATE, ENOSPACE, ECORRUPT = -7, -8, -9, -10, -11
EVERSION, EPARSE, ENODATA, EDUPLICATE = -12, -13, -14, -15

CAT_UNSET, CAT_CONSULTATION, CAT_COMPLAINT, CAT_FAULT = 0, 1, 2, 3
CAT_DISPUTE, CAT_SUGGESTION = 4, 5

HANDLE_PHONE, HANDLE_ONSITE = 1, 2

CH_UNSET, CH_HALL, CH_HOTLINE, CH_ACCOUNT_MANAGER, CH_WEBSITE = 0, 1, 2, 3, 4
CH_PETITION, CH_PHONE, CH_FAX, CH_LETTER, CH_MEDIA, CH_ONSITE = 5, 6, 7, 8, 9, 10

BODY_COMPANY, BODY_CITY_GOVERNMENT, BODY_CITY_MEDIA, BODY_CITY_CONSUMER = 0, 1, 2, 3
BODY_PROV_LEADERS, BODY_PROV_HOTLINE, BODY_PROV_GOVERNMENT, BODY_PROV_MEDIA = 4, 5, 6, 7
BODY_PROV_CONSUMER, BODY_PROV_COMM_ADMIN, BODY_GROUP_COMPANY = 8, 9, 10
BODY_NATIONAL_REGULATOR, BODY_NATIONAL_MEDIA = 11, 12

TIER_ORDINARY, TIER_KEY_CITY, TIER_KEY_PROVINCE, TIER_KEY_NATIONAL = 0, 1, 2, 3

CUST_GOV_CONTACT, CUST_GOLD_CARD, CUST_GROUP_A_CONTACT = 1 << 0, 1 << 1, 1 << 2
CUST_IMPORTANT, CUST_SENSITIVE, CUST_VIP, CUST_VIP_KNOWN = 1 << 3, 1 << 4, 1 << 5, 1 << 6

F_DISSATISFIED, F_DEMANDS_RESOLUTION, F_MAJOR_HARM = 1 << 0, 1 << 1, 1 << 2
F_MAJOR_MEDIA, F_MAJOR_PUBLIC, F_MAJOR_GOVERNMENT = 1 << 3, 1 << 4, 1 << 5
F_MAJOR_LITIGATION, F_MAJOR_OPERATIONS, F_MAJOR_LEADERS = 1 << 6, 1 << 7, 1 << 8
F_UPGRADED, F_NOT_ON_SPOT, F_MANAGER_DISPUTE, F_SPECIAL_DEADLINE = 1 << 9, 1 << 10, 1 << 11, 1 << 12
F_COMPLAINT = F_DISSATISFIED | F_DEMANDS_RESOLUTION  # R-DEF-1 both

KIND_MAJOR, KIND_LEAPFROG, KIND_BATCH, KIND_REPEAT, KIND_UPGRADED = 0, 1, 2, 3, 4
KIND_CROSS_REGION, KIND_IMPORTANT, KIND_SENSITIVE, KIND_SPECIAL_DEADLINE = 5, 6, 7, 8
KIND_COUNT = 9

LEVEL_AGENT, LEVEL_SUPERVISOR, LEVEL_CITY, LEVEL_PROVINCE, LEVEL_GROUP = 0, 1, 2, 3, 4

P_BATCH_WINDOW_MS, P_BATCH_ORDINARY, P_BATCH_VIP, P_BATCH_LATE_MS = 1, 2, 3, 4
P_REPEAT_MONTHS, P_UTC_OFFSET_MIN, P_LEVEL_UPGRADED = 5, 6, 7
P_LEVEL_CROSS_CITY, P_LEVEL_CROSS_PROVINCE, P_MAX_TEXT_BYTES = 8, 9, 10
P_VIP_FROM_IMPORTANCE, P_BATCH_COUNTS_FAULTS, P_LEAP_LEVEL_BASE = 11, 12, 100

MAX_REGIONS, MAX_SIGNALS, MAX_REASONS, MAX_EVIDENCE, MAX_RECUSED = 8, 8, 16, 24, 4

# ---------------------------------------------------------------- structures


class _Sized(ctypes.Structure):
    """A struct whose first field is size_t struct_size, set on creation."""

    def __init__(self, **fields):
        super().__init__()
        self.struct_size = ctypes.sizeof(self)
        for name, value in fields.items():
            setattr(self, name, value)

    def to_bytes(self):
        return ctypes.string_at(ctypes.addressof(self), ctypes.sizeof(self))


class Contact(_Sized):
    _fields_ = [
        ('struct_size', c_size_t),
        ('contact_id', c_uint64),
        ('customer_id', c_uint64),
        ('matter', c_uint64),
        ('intake_ms', c_int64),
        ('category', c_int32),
        ('channel', c_int32),
        ('body', c_int32),
        ('tier', c_int32),
        ('industry', c_int32),
        ('customer_flags', c_uint32),
        ('flags', c_uint32),
        ('causes', c_uint32),
        ('departments', c_uint32),
        ('manage_code', c_uint32),
        ('spend_code', c_uint32),
        ('customer_region', c_uint32),
        ('handling_region', c_uint32),
        ('n_needed_regions', c_uint32),
        ('needed_regions', c_uint32 * MAX_REGIONS),
        ('staff_id', c_uint64),
        ('staff_level', c_int32),
        ('reserved2_', c_int32),
        ('account_manager_id', c_uint64),
        ('special_deadline_ms', c_int64),
        ('text', c_char_p),
        ('text_len', c_size_t),
    ]

    def __init__(self, text=None, **fields):
        super().__init__(**fields)
        if text is not None:
            self.set_text(text)

    def set_text(self, text):
        """UTF-8 text (str or bytes); the struct keeps the buffer alive."""
        data = text.encode('utf-8') if isinstance(text, str) else bytes(text)
        self.text = data
        self.text_len = len(data)


class Reason(ctypes.Structure):
    _fields_ = [('code', c_int32), ('level', c_int32), ('value', c_int64)]


class Evidence(ctypes.Structure):
    _fields_ = [('kind', c_int32), ('source', c_int32), ('value', c_int64), ('value2', c_int64)]


class Signal(ctypes.Structure):
    _fields_ = [('kind', c_int32), ('group', c_int32), ('offset', c_uint32),
                ('length', c_uint32)]


class Result(_Sized):
    _fields_ = [
        ('struct_size', c_size_t),
        ('intake_ms', c_int64),
        ('category', c_int32),
        ('handling', c_int32),
        ('is_complaint', c_int32),
        ('causes', c_uint32),
        ('regular_channel', c_int32),
        ('is_vip', c_int32),
        ('is_important', c_int32),
        ('is_sensitive', c_int32),
        ('urgent', c_int32),
        ('kinds', c_uint32),
        ('top_kind', c_int32),
        ('priority_tier', c_int32),
        ('named_owner', c_int32),
        ('level', c_int32),
        ('n_reasons', c_uint32),
        ('n_evidence', c_uint32),
        ('reasons', Reason * MAX_REASONS),
        ('evidence', Evidence * MAX_EVIDENCE),
        ('n_recused', c_uint32),
        ('needs_coordination', c_int32),
        ('recused', c_uint64 * MAX_RECUSED),
        ('coord_departments', c_uint32),
        ('n_coord_regions', c_uint32),
        ('coord_regions', c_uint32 * MAX_REGIONS),
        ('followup', c_int32),
        ('batch', c_int32),
        ('followup_of', c_uint64),
        ('repeat_of', c_uint64),
        ('repeat_archived_ms', c_int64),
        ('repeat_since_ms', c_int64),
        ('batch_ordinary', c_uint32),
        ('batch_vip', c_uint32),
        ('batch_members', c_uint32),
        ('manage_code', c_uint32),
        ('batch_window_start_ms', c_int64),
        ('spend_code', c_uint32),
        ('industry', c_int32),
        ('tier', c_int32),
        ('suggested_kinds', c_uint32),
        ('n_signals', c_uint32),
        ('signals', Signal * MAX_SIGNALS),
        ('reserved_', c_int32),
    ]

    def has_kind(self, kind):
        return bool(self.kinds & (1 << kind))


class History(_Sized):
    _fields_ = [
        ('struct_size', c_size_t),
        ('open_id', c_uint64),
        ('open_ms', c_int64),
        ('archived_id', c_uint64),
        ('archived_ms', c_int64),
        ('archived_level', c_int32),
        ('reserved_', c_int32),
        ('archived_by', c_uint64),
    ]


class Window(_Sized):
    _fields_ = [
        ('struct_size', c_size_t),
        ('ordinary', c_uint32),
        ('vip', c_uint32),
        ('events', c_uint32),
        ('has_customer', c_int32),
        ('customer_is_vip', c_int32),
        ('reserved_', c_int32),
    ]


class Intake(_Sized):
    _fields_ = [
        ('struct_size', c_size_t),
        ('contact_id', c_uint64),
        ('customer_id', c_uint64),
        ('matter', c_uint64),
        ('intake_ms', c_int64),
        ('vip', c_int32),
        ('in_window', c_int32),
        ('opens_complaint', c_int32),
        ('level', c_int32),
    ]


class Archive(_Sized):
    _fields_ = [
        ('struct_size', c_size_t),
        ('contact_id', c_uint64),
        ('customer_id', c_uint64),
        ('matter', c_uint64),
        ('archived_ms', c_int64),
        ('level', c_int32),
        ('reserved_', c_int32),
        ('closed_by', c_uint64),
    ]


HISTORY_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_uint64, c_uint64, c_int64, POINTER(History))
WINDOW_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_uint64, c_int64, c_int64, c_uint64,
                             POINTER(Window))
MEMBERS_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_uint64, c_int64, c_int64, POINTER(c_uint64),
                              c_size_t, POINTER(c_size_t))
RECORD_FN = ctypes.CFUNCTYPE(c_int, c_void_p, POINTER(Intake))
ARCHIVE_FN = ctypes.CFUNCTYPE(c_int, c_void_p, POINTER(Archive))
NOW_FN = ctypes.CFUNCTYPE(c_int, c_void_p, POINTER(c_int64))
ALLOC_FN = ctypes.CFUNCTYPE(c_void_p, c_void_p, c_size_t)
FREE_FN = ctypes.CFUNCTYPE(None, c_void_p, c_void_p)


class StoreOps(_Sized):
    _fields_ = [
        ('struct_size', c_size_t),
        ('history', HISTORY_FN),
        ('window', WINDOW_FN),
        ('members', MEMBERS_FN),
        ('record', RECORD_FN),
        ('archive', ARCHIVE_FN),
    ]


class Host(_Sized):
    _fields_ = [
        ('struct_size', c_size_t),
        ('user', c_void_p),
        ('now_ms', NOW_FN),
        ('store', POINTER(StoreOps)),
        ('alloc', ALLOC_FN),
        ('free', FREE_FN),
        ('store_user', c_void_p),
    ]


# ---------------------------------------------------------------- library

_SIGNATURES = {
    'tousu_version': (c_int32, []),
    'tousu_version_string': (c_char_p, []),
    'tousu_strerror': (c_char_p, [c_int32]),
    'tousu_policy_new': (c_int, [POINTER(c_void_p)]),
    'tousu_policy_free': (None, [c_void_p]),
    'tousu_policy_set_int': (c_int, [c_void_p, c_int32, c_int64]),
    'tousu_policy_get_int': (c_int, [c_void_p, c_int32, POINTER(c_int64)]),
    'tousu_engine_new': (c_int, [POINTER(c_void_p), POINTER(Host), c_void_p]),
    'tousu_engine_free': (None, [c_void_p]),
    'tousu_engine_errmsg': (c_char_p, [c_void_p]),
    'tousu_engine_errcode': (c_int, [c_void_p]),
    'tousu_triage': (c_int, [c_void_p, POINTER(Contact), POINTER(Result)]),
    'tousu_engine_batch_members': (c_int, [c_void_p, POINTER(POINTER(c_uint64)),
                                           POINTER(c_size_t)]),
    'tousu_archive_complaint': (c_int, [c_void_p, POINTER(Archive)]),
    'tousu_result_explain': (c_int, [POINTER(Result), c_char_p, c_size_t, POINTER(c_size_t)]),
    'tousu_result_explain_policy': (c_int, [c_void_p, POINTER(Result), c_char_p, c_size_t,
                                            POINTER(c_size_t)]),
    'tousu_engine_policy': (c_void_p, [c_void_p]),
    'tousu_kind_name': (c_char_p, [c_int32]),
    'tousu_category_name': (c_char_p, [c_int32]),
    'tousu_level_name': (c_char_p, [c_int32]),
}


def load(path=None):
    """Load libtousu: `path`, else $TOUSU_LIB, else the system's libtousu.
    Returns the ctypes library with argument and result types declared."""
    path = path or os.environ.get('TOUSU_LIB') or ctypes.util.find_library('tousu')
    if not path:
        raise OSError('libtousu not found: pass its path or set TOUSU_LIB')
    lib = ctypes.CDLL(path)
    for name, (restype, argtypes) in _SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


def version(lib):
    return lib.tousu_version(), lib.tousu_version_string().decode()


def strerror(lib, code):
    return lib.tousu_strerror(code).decode()


class TousuError(Exception):
    """A libtousu call failed: .code is the TOUSU_E* status."""

    def __init__(self, code, message):
        super().__init__('%s (%d)' % (message, code))
        self.code = code
        self.message = message


class NotFound(Exception):
    """Raised by Store.archive when there is no such open complaint: the
    callback then returns TOUSU_ENOTFOUND, which is not a failure."""


def explain(lib, result, policy=None):
    """The library's explanation of a result: times in the zone of `policy`
    (a Policy, or a raw tousu_policy pointer such as Engine.policy_ptr;
    tousu_result_explain_policy), or at +08:00 when it is None
    (tousu_result_explain)."""
    if isinstance(policy, Policy):
        policy = policy._ptr
    if policy is None:
        def call(buf, cap, needed):
            return lib.tousu_result_explain(ctypes.byref(result), buf, cap, needed)
    else:
        def call(buf, cap, needed):
            return lib.tousu_result_explain_policy(policy, ctypes.byref(result), buf, cap,
                                                   needed)
    needed = c_size_t(0)
    rc = call(None, 0, ctypes.byref(needed))
    if rc not in (OK, ENOSPACE):
        raise TousuError(rc, strerror(lib, rc))
    buf = ctypes.create_string_buffer(needed.value + 1)
    rc = call(buf, len(buf), ctypes.byref(needed))
    if rc != OK:
        raise TousuError(rc, strerror(lib, rc))
    return buf.value.decode('utf-8')


class Policy:
    """A policy (R-POL): settable until an engine takes it."""

    def __init__(self, lib):
        self._lib = lib
        self._ptr = c_void_p()
        rc = lib.tousu_policy_new(ctypes.byref(self._ptr))
        if rc:
            raise TousuError(rc, strerror(lib, rc))

    def set_int(self, param, value):
        rc = self._lib.tousu_policy_set_int(self._ptr, param, value)
        if rc:
            raise TousuError(rc, strerror(self._lib, rc))

    def get_int(self, param):
        out = c_int64()
        rc = self._lib.tousu_policy_get_int(self._ptr, param, ctypes.byref(out))
        if rc:
            raise TousuError(rc, strerror(self._lib, rc))
        return out.value

    def close(self):
        ptr = self.__dict__.get('_ptr')
        if ptr:
            self._lib.tousu_policy_free(ptr)
            self._ptr = None

    __del__ = close


class Store:
    """A host store written in Python (docs/store.md). Override the five
    methods; each may raise to report a failure (R-HOST-3: the triage then
    fails with TOUSU_ECALLBACK, and the exception is re-raised to the caller).
    A write (record, archive) must be all-or-nothing.
    """

    def history(self, customer, matter, since_ms):
        """R-REP: a dict with any of open_id, open_ms, archived_id,
        archived_ms, archived_level, archived_by (archived entries only when
        archived at or after since_ms), or None for nothing."""
        raise NotImplementedError

    def window(self, matter, from_ms, to_ms, customer):
        """R-BAT: a dict with ordinary, vip, events, has_customer,
        customer_is_vip for the distinct customers of matter with intake in
        [from_ms, to_ms] inclusive."""
        raise NotImplementedError

    def members(self, matter, from_ms, to_ms):
        """R-BAT-4: the contact ids of matter in [from_ms, to_ms], oldest first."""
        raise NotImplementedError

    def record(self, intake):
        """The single write of a triage; intake is an Intake (a copy)."""
        raise NotImplementedError

    def archive(self, archive):
        """R-REP-1: archive the open complaint archive.contact_id of
        (customer_id, matter); raise NotFound when there is none."""
        raise NotImplementedError


def _copy(struct_type, ptr):
    """A Python-owned copy of a struct the library passed by pointer."""
    copy = struct_type()
    ctypes.memmove(ctypes.addressof(copy), ptr, ctypes.sizeof(copy))
    return copy


class _Callbacks:
    """The C callbacks of one engine: each catches every exception, keeps
    the first one in `pending`, and returns a failure code instead."""

    def __init__(self, store, clock):
        self.pending = None
        self.store = store
        self.clock = clock
        self.ops = None
        self.now = NOW_FN(self._guard(self._now)) if clock else NOW_FN()
        if store is not None:
            self.ops = StoreOps(
                history=HISTORY_FN(self._guard(self._history)),
                window=WINDOW_FN(self._guard(self._window)),
                members=MEMBERS_FN(self._guard(self._members)),
                record=RECORD_FN(self._guard(self._record)),
                archive=ARCHIVE_FN(self._guard(self._archive)))

    def _guard(self, fn):
        def call(*args):
            try:
                return fn(*args)
            except NotFound:
                return ENOTFOUND
            except BaseException as exc:  # noqa: B902 - re-raised after the C call
                if self.pending is None:
                    self.pending = exc
                return ECALLBACK
        return call

    def take(self):
        exc, self.pending = self.pending, None
        return exc

    @staticmethod
    def _fill(out, values, names):
        for name in names:
            setattr(out, name, int((values or {}).get(name, 0)))

    def _now(self, user, out):
        out[0] = int(self.clock())
        return OK

    def _history(self, user, customer, matter, since_ms, out):
        values = self.store.history(customer, matter, since_ms)
        self._fill(out.contents, values, ('open_id', 'open_ms', 'archived_id', 'archived_ms',
                                          'archived_level', 'archived_by'))
        return OK

    def _window(self, user, matter, from_ms, to_ms, customer, out):
        values = self.store.window(matter, from_ms, to_ms, customer)
        self._fill(out.contents, values,
                   ('ordinary', 'vip', 'events', 'has_customer', 'customer_is_vip'))
        return OK

    def _members(self, user, matter, from_ms, to_ms, ids, cap, n):
        found = list(self.store.members(matter, from_ms, to_ms))
        for i, cid in enumerate(found[:cap]):
            ids[i] = cid
        n[0] = len(found)
        return OK

    def _record(self, user, intake):
        self.store.record(_copy(Intake, intake))
        return OK

    def _archive(self, user, archive):
        return ENOTFOUND if self.store.archive(_copy(Archive, archive)) is False else OK


class Engine:
    """A tousu_engine. store: a Store, or None for the built-in in-memory
    store; clock: a function returning UTC ms, or None (then every contact
    needs intake_ms); policy: a Policy or None (built-in)."""

    def __init__(self, lib, store=None, clock=None, policy=None):
        self._lib = lib
        self._ptr = c_void_p()
        self._cb = _Callbacks(store, clock)
        host = Host()
        host.now_ms = self._cb.now
        if self._cb.ops is not None:
            host.store = ctypes.pointer(self._cb.ops)  # must outlive the engine: kept on self
        self._policy = policy  # the engine holds its own reference too
        rc = lib.tousu_engine_new(ctypes.byref(self._ptr), ctypes.byref(host),
                                  policy._ptr if policy else None)
        if rc:
            raise TousuError(rc, 'tousu_engine_new: ' + strerror(lib, rc))

    def close(self):
        """Free the engine (also done when it is garbage-collected)."""
        ptr = self.__dict__.get('_ptr')
        if ptr:
            self._lib.tousu_engine_free(ptr)
            self._ptr = None

    __del__ = close

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def errcode(self):
        return self._lib.tousu_engine_errcode(self._ptr)

    @property
    def errmsg(self):
        return self._lib.tousu_engine_errmsg(self._ptr).decode('utf-8', 'replace')

    def _check(self, rc, what):
        exc = self._cb.take()
        if exc is not None:
            raise exc  # the host's own exception, from its callback
        if rc:
            raise TousuError(rc, '%s: %s' % (what, self.errmsg))

    @property
    def policy_ptr(self):
        """The engine's tousu_policy (tousu_engine_policy), owned by it."""
        return self._lib.tousu_engine_policy(self._ptr)

    def explain(self, result):
        """A result explained with times in this engine's policy zone."""
        return explain(self._lib, result, self.policy_ptr)

    def triage(self, contact=None, **fields):
        """Triage a Contact (or its fields as keywords); returns a Result."""
        if contact is None:
            contact = Contact(**fields)
        result = Result()
        rc = self._lib.tousu_triage(self._ptr, ctypes.byref(contact), ctypes.byref(result))
        self._check(rc, 'tousu_triage')
        return result

    def batch_members(self):
        """R-BAT-4: the contact ids of the last triage's batch incident."""
        ids = POINTER(c_uint64)()
        n = c_size_t(0)
        self._check(self._lib.tousu_engine_batch_members(self._ptr, ctypes.byref(ids),
                                                         ctypes.byref(n)),
                    'tousu_engine_batch_members')
        return [ids[i] for i in range(n.value)]

    def archive(self, contact_id, customer_id, matter, archived_ms=0, level=0, closed_by=0):
        """R-REP-1: archive an open complaint (raises TousuError ENOTFOUND
        when there is none)."""
        a = Archive(contact_id=contact_id, customer_id=customer_id, matter=matter,
                    archived_ms=archived_ms, level=level, closed_by=closed_by)
        self._check(self._lib.tousu_archive_complaint(self._ptr, ctypes.byref(a)),
                    'tousu_archive_complaint')
