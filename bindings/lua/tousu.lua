--[[
tousu.lua - a LuaJIT ffi binding for libtousu.

    package.path = "bindings/lua/?.lua;" .. package.path
    local tousu = require("tousu")
    local lib = tousu.load()            -- or tousu.load("/path/libtousu.so.1")
    local engine = tousu.engine(lib)    -- built-in in-memory store
    local r = engine:triage{contact_id = 1, customer_id = 7, matter = 42,
        intake_ms = 1709514000000, category = lib.TOUSU_CAT_COMPLAINT,
        flags = tousu.F_COMPLAINT}
    print(r.level, engine:explain(r))
    engine:free()

Declarations. M.CDEF below is the output of `cc -E -P include/tousu.h`
from `enum { TOUSU_VERSION_MAJOR` to tousu_memstore_bytes (version, errors,
enums, policy, host and store contract, engine, triage, memstore), with enum
lists re-wrapped; bindings/lua/gen_cdef.py writes it, and `gen_cdef.py
--check` (a meson test) fails when the header has changed under it. Released
declarations never change (fields and enum values are only appended), so the
text stays valid for every later 1.x library. For the whole API (SLA clocks,
scripts) feed the preprocessed header instead: set TOUSU_CDEF to a file made
by
    cc -E -P -I include include/tousu.h > tousu_cdef.h
(tests/abi/check_ffi_header.sh checks that ffi.cdef accepts that output).
If the host has already declared the types, nothing is declared again.

Callbacks (R-HOST-2): engine options `clock` (a function returning UTC ms)
and `store` (a table with history, window, members, record, archive; see
tousu.engine). A Lua error in a callback never unwinds through C (which
LuaJIT does not allow): the callback catches it with pcall, returns non-zero,
the library fails the call with TOUSU_ECALLBACK writing nothing (R-HOST-3),
and the binding re-raises the error once the C call has returned.
Ids (contact, customer, matter, staff) are uint64 in C, and a Lua number
holds an integer exactly only up to 2^53. So ids never cross the binding
rounded: by default they are Lua numbers, and an id above 2^53 raises an
error; an engine made with `ids = "string"` passes every id to its store
callbacks and batch_members as a decimal string (exact, and usable as a
table key). Ids given to the library (contact fields, archive fields, what
a store returns) may be integers up to 2^53, decimal strings or uint64
cdata (tousu.id). Times stay numbers (ms up to 2^53 is year 285,000).
An engine is used by one thread (Lua state) at a time.
]]
local ffi = require("ffi")
local bit = require("bit")
local jit = require("jit")

local M = {}

M.CDEF = [==[
enum {
  TOUSU_VERSION_MAJOR = 1, TOUSU_VERSION_MINOR = 0, TOUSU_VERSION_PATCH = 0,
  TOUSU_VERSION_NUMBER = 10000
};
int32_t tousu_version(void);
const char *tousu_version_string(void);
typedef enum tousu_status {
  TOUSU_OK = 0, TOUSU_EINVAL = -1, TOUSU_ERANGE = -2, TOUSU_ESTRUCT = -3, TOUSU_EUTF8 = -4,
  TOUSU_ETOOBIG = -5, TOUSU_ENOMEM = -6, TOUSU_ECALLBACK = -7, TOUSU_ENOTFOUND = -8,
  TOUSU_ESTATE = -9, TOUSU_ENOSPACE = -10, TOUSU_ECORRUPT = -11, TOUSU_EVERSION = -12,
  TOUSU_EPARSE = -13, TOUSU_ENODATA = -14, TOUSU_EDUPLICATE = -15
} tousu_status;
const char *tousu_strerror(int32_t code);
typedef enum tousu_category {
  TOUSU_CAT_UNSET = 0, TOUSU_CAT_CONSULTATION = 1, TOUSU_CAT_COMPLAINT = 2, TOUSU_CAT_FAULT = 3,
  TOUSU_CAT_DISPUTE = 4, TOUSU_CAT_SUGGESTION = 5, TOUSU_CAT_COUNT_ = 6
} tousu_category;
typedef enum tousu_handling {
  TOUSU_HANDLE_PHONE = 1, TOUSU_HANDLE_ONSITE = 2
} tousu_handling;
typedef enum tousu_channel {
  TOUSU_CH_UNSET = 0, TOUSU_CH_HALL = 1, TOUSU_CH_HOTLINE = 2, TOUSU_CH_ACCOUNT_MANAGER = 3,
  TOUSU_CH_WEBSITE = 4, TOUSU_CH_PETITION = 5, TOUSU_CH_PHONE = 6, TOUSU_CH_FAX = 7,
  TOUSU_CH_LETTER = 8, TOUSU_CH_MEDIA = 9, TOUSU_CH_ONSITE = 10, TOUSU_CH_COUNT_ = 11
} tousu_channel;
typedef enum tousu_body {
  TOUSU_BODY_COMPANY = 0, TOUSU_BODY_CITY_GOVERNMENT = 1, TOUSU_BODY_CITY_MEDIA = 2,
  TOUSU_BODY_CITY_CONSUMER = 3, TOUSU_BODY_PROV_LEADERS = 4, TOUSU_BODY_PROV_HOTLINE = 5,
  TOUSU_BODY_PROV_GOVERNMENT = 6, TOUSU_BODY_PROV_MEDIA = 7, TOUSU_BODY_PROV_CONSUMER = 8,
  TOUSU_BODY_PROV_COMM_ADMIN = 9, TOUSU_BODY_GROUP_COMPANY = 10,
  TOUSU_BODY_NATIONAL_REGULATOR = 11, TOUSU_BODY_NATIONAL_MEDIA = 12, TOUSU_BODY_COUNT_ = 13
} tousu_body;
typedef enum tousu_tier {
  TOUSU_TIER_ORDINARY = 0, TOUSU_TIER_KEY_CITY = 1, TOUSU_TIER_KEY_PROVINCE = 2,
  TOUSU_TIER_KEY_NATIONAL = 3, TOUSU_TIER_COUNT_ = 4
} tousu_tier;
typedef enum tousu_industry {
  TOUSU_IND_UNSET = 0, TOUSU_IND_FINANCE = 1, TOUSU_IND_TOURISM_HOTEL_ENTERTAINMENT = 2,
  TOUSU_IND_PARTY_GOVERNMENT_MILITARY = 3, TOUSU_IND_WHOLESALE_RETAIL = 4,
  TOUSU_IND_CATERING = 5, TOUSU_IND_REAL_ESTATE = 6, TOUSU_IND_TRANSPORT = 7,
  TOUSU_IND_TELECOM = 8, TOUSU_IND_MANUFACTURING = 9, TOUSU_IND_PUBLIC_SERVICES = 10,
  TOUSU_IND_CULTURE_HEALTH = 11, TOUSU_IND_SCIENCE_EDUCATION = 12, TOUSU_IND_OTHER = 13,
  TOUSU_IND_COUNT_ = 14
} tousu_industry;
typedef enum tousu_customer_flag {
  TOUSU_CUST_GOV_CONTACT = 1u << 0, TOUSU_CUST_GOLD_CARD = 1u << 1,
  TOUSU_CUST_GROUP_A_CONTACT = 1u << 2, TOUSU_CUST_IMPORTANT = 1u << 3,
  TOUSU_CUST_SENSITIVE = 1u << 4, TOUSU_CUST_VIP = 1u << 5, TOUSU_CUST_VIP_KNOWN = 1u << 6
} tousu_customer_flag;
typedef enum tousu_contact_flag {
  TOUSU_F_DISSATISFIED = 1u << 0, TOUSU_F_DEMANDS_RESOLUTION = 1u << 1,
  TOUSU_F_MAJOR_HARM = 1u << 2, TOUSU_F_MAJOR_MEDIA = 1u << 3, TOUSU_F_MAJOR_PUBLIC = 1u << 4,
  TOUSU_F_MAJOR_GOVERNMENT = 1u << 5, TOUSU_F_MAJOR_LITIGATION = 1u << 6,
  TOUSU_F_MAJOR_OPERATIONS = 1u << 7, TOUSU_F_MAJOR_LEADERS = 1u << 8,
  TOUSU_F_UPGRADED = 1u << 9, TOUSU_F_NOT_ON_SPOT = 1u << 10,
  TOUSU_F_MANAGER_DISPUTE = 1u << 11, TOUSU_F_SPECIAL_DEADLINE = 1u << 12
} tousu_contact_flag;
typedef enum tousu_cause {
  TOUSU_CAUSE_PROMISE_NOT_KEPT = 1u << 0, TOUSU_CAUSE_NOT_SOLVED_OR_WRONG = 1u << 1,
  TOUSU_CAUSE_SUBSCRIBED_WITHOUT_CONSENT = 1u << 2,
  TOUSU_CAUSE_IGNORED_UNTIL_SHOUTING = 1u << 3, TOUSU_CAUSE_COLD_OR_EVASIVE = 1u << 4,
  TOUSU_CAUSE_CREDIBILITY_QUESTIONED = 1u << 5, TOUSU_CAUSE_TOO_SLOW = 1u << 6,
  TOUSU_CAUSE_ALL_ = 0x7f
} tousu_cause;
typedef enum tousu_department {
  TOUSU_DEPT_NETWORK = 1u << 0, TOUSU_DEPT_BILLING = 1u << 1, TOUSU_DEPT_MARKETING = 1u << 2,
  TOUSU_DEPT_IT = 1u << 3, TOUSU_DEPT_DEVICE_MAKER = 1u << 4, TOUSU_DEPT_LEGAL = 1u << 5,
  TOUSU_DEPT_CUSTOMER_SERVICE = 1u << 6, TOUSU_DEPT_OTHER = 1u << 7, TOUSU_DEPT_ALL_ = 0xff
} tousu_department;
typedef enum tousu_kind {
  TOUSU_KIND_MAJOR = 0, TOUSU_KIND_LEAPFROG = 1, TOUSU_KIND_BATCH = 2, TOUSU_KIND_REPEAT = 3,
  TOUSU_KIND_UPGRADED = 4, TOUSU_KIND_CROSS_REGION = 5, TOUSU_KIND_IMPORTANT = 6,
  TOUSU_KIND_SENSITIVE = 7, TOUSU_KIND_SPECIAL_DEADLINE = 8, TOUSU_KIND_COUNT_ = 9
} tousu_kind;
typedef enum tousu_level {
  TOUSU_LEVEL_AGENT = 0, TOUSU_LEVEL_SUPERVISOR = 1, TOUSU_LEVEL_CITY = 2,
  TOUSU_LEVEL_PROVINCE = 3, TOUSU_LEVEL_GROUP = 4, TOUSU_LEVEL_COUNT_ = 5
} tousu_level;
typedef enum tousu_reason_code {
  TOUSU_REASON_INTAKE = 0, TOUSU_REASON_LEAPFROG = 1, TOUSU_REASON_CROSS_CITY = 2,
  TOUSU_REASON_CROSS_PROVINCE = 3, TOUSU_REASON_REPEAT = 4, TOUSU_REASON_UPGRADED = 5,
  TOUSU_REASON_STAFF_COMPLAINT = 6, TOUSU_REASON_MANAGER_DISPUTE = 7,
  TOUSU_REASON_NOT_ON_SPOT = 8, TOUSU_REASON_SLA_BREACH = 9, TOUSU_REASON_COUNT_ = 10
} tousu_reason_code;
typedef enum tousu_evidence_source {
  TOUSU_EV_FLAG = 1, TOUSU_EV_BODY = 2, TOUSU_EV_BATCH_WINDOW = 3, TOUSU_EV_ARCHIVED = 4,
  TOUSU_EV_REGION = 5, TOUSU_EV_CUSTOMER = 6, TOUSU_EV_DEADLINE = 7, TOUSU_EV_COUNT_ = 8
} tousu_evidence_source;
typedef struct tousu_policy tousu_policy;
typedef enum tousu_param {
  TOUSU_P_BATCH_WINDOW_MS = 1, TOUSU_P_BATCH_ORDINARY = 2, TOUSU_P_BATCH_VIP = 3,
  TOUSU_P_BATCH_LATE_MS = 4, TOUSU_P_REPEAT_MONTHS = 5, TOUSU_P_UTC_OFFSET_MIN = 6,
  TOUSU_P_LEVEL_UPGRADED = 7, TOUSU_P_LEVEL_CROSS_CITY = 8, TOUSU_P_LEVEL_CROSS_PROVINCE = 9,
  TOUSU_P_MAX_TEXT_BYTES = 10, TOUSU_P_VIP_FROM_IMPORTANCE = 11,
  TOUSU_P_BATCH_COUNTS_FAULTS = 12, TOUSU_P_LEAP_LEVEL_BASE = 100
} tousu_param;
int tousu_policy_new(tousu_policy **out);
void tousu_policy_free(tousu_policy *policy);
int tousu_policy_set_int(tousu_policy *policy, int32_t param, int64_t value);
int tousu_policy_get_int(const tousu_policy *policy, int32_t param, int64_t *out);
int tousu_param_bounds(int32_t param, int64_t *lo, int64_t *hi);
int tousu_policy_set_priority(tousu_policy *policy, const int32_t *kinds, size_t n);
int tousu_policy_freeze(tousu_policy *policy);
typedef struct tousu_load_error {
  size_t struct_size;
  int32_t code;
  int32_t line;
  char message[256];
} tousu_load_error;
int tousu_policy_load(tousu_policy **out, const char *text, size_t len,
    const char *name, tousu_load_error *err);
int tousu_policy_dump(const tousu_policy *policy, char *buf, size_t cap,
    size_t *needed);
typedef struct tousu_history {
  size_t struct_size;
  uint64_t open_id;
  int64_t open_ms;
  uint64_t archived_id;
  int64_t archived_ms;
  int32_t archived_level;
  int32_t reserved_;
  uint64_t archived_by;
} tousu_history;
typedef struct tousu_window {
  size_t struct_size;
  uint32_t ordinary;
  uint32_t vip;
  uint32_t events;
  int32_t has_customer;
  int32_t customer_is_vip;
  int32_t reserved_;
} tousu_window;
typedef struct tousu_intake {
  size_t struct_size;
  uint64_t contact_id;
  uint64_t customer_id;
  uint64_t matter;
  int64_t intake_ms;
  int32_t vip;
  int32_t in_window;
  int32_t opens_complaint;
  int32_t level;
} tousu_intake;
typedef struct tousu_archive {
  size_t struct_size;
  uint64_t contact_id;
  uint64_t customer_id;
  uint64_t matter;
  int64_t archived_ms;
  int32_t level;
  int32_t reserved_;
  uint64_t closed_by;
} tousu_archive;
typedef struct tousu_store_ops {
  size_t struct_size;
  int (*history)(void *user, uint64_t customer, uint64_t matter, int64_t since_ms,
      tousu_history *out);
  int (*window)(void *user, uint64_t matter, int64_t from_ms, int64_t to_ms,
      uint64_t customer, tousu_window *out);
  int (*members)(void *user, uint64_t matter, int64_t from_ms, int64_t to_ms, uint64_t *ids,
      size_t cap, size_t *n);
  int (*record)(void *user, const tousu_intake *in);
  int (*archive)(void *user, const tousu_archive *in);
} tousu_store_ops;
typedef struct tousu_host {
  size_t struct_size;
  void *user;
  int (*now_ms)(void *user, int64_t *out);
  const tousu_store_ops *store;
  void *(*alloc)(void *user, size_t n);
  void (*free)(void *user, void *p);
  void *store_user;
} tousu_host;
typedef struct tousu_engine tousu_engine;
int tousu_engine_new(tousu_engine **out, const tousu_host *host,
    tousu_policy *policy);
void tousu_engine_free(tousu_engine *engine);
int tousu_engine_set_policy(tousu_engine *engine, tousu_policy *policy);
const tousu_policy *tousu_engine_policy(const tousu_engine *engine);
const char *tousu_engine_errmsg(const tousu_engine *engine);
int tousu_engine_errcode(const tousu_engine *engine);
enum { TOUSU_MAX_REGIONS = 8 };
typedef struct tousu_contact {
  size_t struct_size;
  uint64_t contact_id;
  uint64_t customer_id;
  uint64_t matter;
  int64_t intake_ms;
  int32_t category;
  int32_t channel;
  int32_t body;
  int32_t tier;
  int32_t industry;
  uint32_t customer_flags;
  uint32_t flags;
  uint32_t causes;
  uint32_t departments;
  uint32_t manage_code;
  uint32_t spend_code;
  uint32_t customer_region;
  uint32_t handling_region;
  uint32_t n_needed_regions;
  uint32_t needed_regions[TOUSU_MAX_REGIONS];
  uint64_t staff_id;
  int32_t staff_level;
  int32_t reserved2_;
  uint64_t account_manager_id;
  int64_t special_deadline_ms;
  const char *text;
  size_t text_len;
} tousu_contact;
typedef struct tousu_reason {
  int32_t code;
  int32_t level;
  int64_t value;
} tousu_reason;
typedef struct tousu_evidence {
  int32_t kind;
  int32_t source;
  int64_t value;
  int64_t value2;
} tousu_evidence;
typedef struct tousu_signal {
  int32_t kind;
  int32_t group;
  uint32_t offset;
  uint32_t length;
} tousu_signal;
enum {
  TOUSU_MAX_SIGNALS = 8, TOUSU_MAX_REASONS = 16, TOUSU_MAX_EVIDENCE = 24, TOUSU_MAX_RECUSED = 4
};
typedef struct tousu_result {
  size_t struct_size;
  int64_t intake_ms;
  int32_t category;
  int32_t handling;
  int32_t is_complaint;
  uint32_t causes;
  int32_t regular_channel;
  int32_t is_vip;
  int32_t is_important;
  int32_t is_sensitive;
  int32_t urgent;
  uint32_t kinds;
  int32_t top_kind;
  int32_t priority_tier;
  int32_t named_owner;
  int32_t level;
  uint32_t n_reasons;
  uint32_t n_evidence;
  tousu_reason reasons[TOUSU_MAX_REASONS];
  tousu_evidence evidence[TOUSU_MAX_EVIDENCE];
  uint32_t n_recused;
  int32_t needs_coordination;
  uint64_t recused[TOUSU_MAX_RECUSED];
  uint32_t coord_departments;
  uint32_t n_coord_regions;
  uint32_t coord_regions[TOUSU_MAX_REGIONS];
  int32_t followup;
  int32_t batch;
  uint64_t followup_of;
  uint64_t repeat_of;
  int64_t repeat_archived_ms;
  int64_t repeat_since_ms;
  uint32_t batch_ordinary;
  uint32_t batch_vip;
  uint32_t batch_members;
  uint32_t manage_code;
  int64_t batch_window_start_ms;
  uint32_t spend_code;
  int32_t industry;
  int32_t tier;
  uint32_t suggested_kinds;
  uint32_t n_signals;
  tousu_signal signals[TOUSU_MAX_SIGNALS];
  int32_t reserved_;
} tousu_result;
int tousu_triage(tousu_engine *engine, const tousu_contact *contact,
    tousu_result *out);
int tousu_engine_batch_members(tousu_engine *engine, const uint64_t **ids,
    size_t *n);
int tousu_archive_complaint(tousu_engine *engine, const tousu_archive *archive);
int tousu_result_explain(const tousu_result *result, char *buf, size_t cap,
    size_t *needed);
int tousu_result_explain_policy(const tousu_policy *policy,
    const tousu_result *result, char *buf, size_t cap,
    size_t *needed);
const char *tousu_kind_name(int32_t kind);
const char *tousu_category_name(int32_t category);
const char *tousu_level_name(int32_t level);
const char *tousu_reason_name(int32_t code);
const char *tousu_body_name(int32_t body);
const char *tousu_channel_name(int32_t channel);
typedef struct tousu_memstore tousu_memstore;
int tousu_memstore_new(tousu_memstore **out, const tousu_policy *policy);
void tousu_memstore_free(tousu_memstore *store);
int tousu_memstore_set_policy(tousu_memstore *store, const tousu_policy *policy);
const tousu_store_ops *tousu_memstore_ops(void);
size_t tousu_memstore_bytes(const tousu_memstore *store);
]==]

M.F_COMPLAINT = 3        -- TOUSU_F_DISSATISFIED | TOUSU_F_DEMANDS_RESOLUTION (R-DEF-1)
M.NotFound = setmetatable({}, {__tostring = function() return "tousu.NotFound" end})

local function declare()
    if pcall(ffi.typeof, "tousu_engine") then
        return -- already declared by the host
    end
    local path = os.getenv("TOUSU_CDEF")
    if path and path ~= "" then
        local f = assert(io.open(path, "r"))
        ffi.cdef(f:read("*a"))
        f:close()
    else
        ffi.cdef(M.CDEF)
    end
end
declare()

--- Load the library: path, else $TOUSU_LIB, else the system's libtousu.
function M.load(path)
    path = path or os.getenv("TOUSU_LIB")
    if not path or path == "" then
        path = "tousu"
    end
    return ffi.load(path)
end

-- The uint64 id fields of the structs the binding fills or reads.
local ID_FIELDS = {contact_id = true, customer_id = true, matter = true, staff_id = true,
                   account_manager_id = true, closed_by = true, open_id = true,
                   archived_id = true, archived_by = true}
local EXACT_MAX = 2 ^ 53 -- the largest integer every smaller one is exact below
local UINT64_MAX = 0xFFFFFFFFFFFFFFFFULL

local function bad_id(x, why)
    error(("tousu: id %s %s"):format(tostring(x), why), 3)
end

--- A uint64 id (cdata) from an integer number in 0..2^53, a decimal string
--- or uint64 cdata; nil is 0. Anything else raises an error: an id is
--- never rounded.
function M.id(x)
    local t = type(x)
    if x == nil then
        return ffi.new("uint64_t", 0)
    elseif t == "number" then
        if x < 0 or x > EXACT_MAX or x ~= math.floor(x) then
            bad_id(x, "is not an integer in 0..2^53 (pass a larger id as a decimal string)")
        end
        return ffi.new("uint64_t", x)
    elseif t == "string" then
        if not x:match("^%d+$") then
            bad_id(("%q"):format(x), "is not a decimal number")
        end
        local v = ffi.new("uint64_t", 0)
        for i = 1, #x do
            local d = x:byte(i) - 48
            if v > (UINT64_MAX - d) / 10 then
                bad_id(x, "does not fit 64 bits")
            end
            v = v * 10 + d
        end
        return v
    elseif t == "cdata" then
        return ffi.new("uint64_t", x)
    end
    bad_id(x, "is not a number, a string or cdata")
end

-- A uint64 in decimal (tostring writes "123ULL").
local function decimal(v)
    return (tostring(v):gsub("ULL$", ""))
end

-- An id from C for Lua: a number (mode "number", exact or an error) or a
-- decimal string (mode "string").
local function lua_id(v, mode)
    v = ffi.new("uint64_t", v)
    if mode == "string" then
        return decimal(v)
    end
    if v > EXACT_MAX then
        error(("tousu: id %s is above 2^53 and not exact as a Lua number; make the engine "
               .. "with ids = \"string\""):format(decimal(v)), 2)
    end
    return tonumber(v)
end

local function sized(ctype, fields)
    local v = ffi.new(ctype)
    v.struct_size = ffi.sizeof(ctype)
    for k, x in pairs(fields or {}) do
        if ID_FIELDS[k] then
            v[k] = M.id(x)
        else
            v[k] = x
        end
    end
    return v
end
M.sized = sized

--- A tousu_contact from a table of its fields; `text` may be a Lua string.
function M.contact(fields)
    local c = ffi.new("tousu_contact")
    c.struct_size = ffi.sizeof("tousu_contact")
    local keep
    for k, v in pairs(fields) do
        if k == "text" then
            keep = v
            c.text = v
            c.text_len = #v
        elseif k == "needed_regions" then
            for i, r in ipairs(v) do
                c.needed_regions[i - 1] = r
            end
            c.n_needed_regions = #v
        elseif ID_FIELDS[k] then
            c[k] = M.id(v)
        else
            c[k] = v
        end
    end
    return c, keep -- keep: the text string, to hold while c is in use
end

local Engine = {}
Engine.__index = Engine

local function fill(out, values, names)
    values = values or {}
    for _, name in ipairs(names) do
        if ID_FIELDS[name] then
            out[name] = M.id(values[name])
        else
            out[name] = values[name] or 0
        end
    end
end

local HISTORY = {"open_id", "open_ms", "archived_id", "archived_ms", "archived_level",
                 "archived_by"}
local WINDOW = {"ordinary", "vip", "events", "has_customer", "customer_is_vip"}

-- Copy a struct the library passed by pointer into a plain Lua table.
local function totable(p, names, ids)
    local t = {}
    for _, name in ipairs(names) do
        if ID_FIELDS[name] then
            t[name] = lua_id(p[name], ids)
        else
            t[name] = tonumber(p[name])
        end
    end
    return t
end
local INTAKE = {"contact_id", "customer_id", "matter", "intake_ms", "vip", "in_window",
                "opens_complaint", "level"}
local ARCHIVE = {"contact_id", "customer_id", "matter", "archived_ms", "level", "closed_by"}

-- Wrap a Lua function as a C callback that never raises: the first error
-- is kept in self.pending and the callback returns TOUSU_ECALLBACK.
function Engine:_guard(ctype, fn)
    local cb = ffi.cast(ctype, function(...)
        local ok, rc = pcall(fn, ...)
        if ok then
            return rc or 0
        end
        if rc == M.NotFound then
            return -8 -- TOUSU_ENOTFOUND: not a failure
        end
        if self.pending == nil then
            self.pending = rc
        end
        return -7 -- TOUSU_ECALLBACK
    end)
    self.callbacks[#self.callbacks + 1] = cb
    return cb
end

--[[ Make an engine. opts (all optional):
  clock  = function() return utc_ms end
  store  = { history = function(customer, matter, since_ms) return {open_id=..} or nil end,
             window  = function(matter, from_ms, to_ms, customer)
                          return {ordinary=, vip=, events=, has_customer=, customer_is_vip=} end,
             members = function(matter, from_ms, to_ms) return {id, ...} end,
             record  = function(intake_table) end,
             archive = function(archive_table) -- error(tousu.NotFound) if not open
                       end }
  policy = a tousu_policy * (the engine takes its own reference)
  ids    = "number" (default: ids as Lua numbers, an error above 2^53) or
           "string" (every id the store callbacks and batch_members see is
           a decimal string)
Errors raise a Lua error "tousu_engine_new: <message> (<code>)". ]]
function M.engine(lib, opts)
    opts = opts or {}
    local ids = opts.ids or "number"
    if ids ~= "number" and ids ~= "string" then
        error(("tousu.engine: ids must be \"number\" or \"string\", not %s"):format(
            tostring(opts.ids)), 2)
    end
    local self = setmetatable({lib = lib, callbacks = {}, pending = nil, ids = ids}, Engine)
    local host = sized("tousu_host")
    if opts.clock then
        local clock = opts.clock
        host.now_ms = self:_guard("int (*)(void *, int64_t *)", function(_, out)
            out[0] = clock()
            return 0
        end)
    end
    if opts.store then
        local s = opts.store
        local ops = sized("tousu_store_ops")
        ops.history = self:_guard("int (*)(void *, uint64_t, uint64_t, int64_t, tousu_history *)",
            function(_, customer, matter, since, out)
                fill(out, s.history(lua_id(customer, ids), lua_id(matter, ids), tonumber(since)),
                     HISTORY)
                return 0
            end)
        ops.window = self:_guard(
            "int (*)(void *, uint64_t, int64_t, int64_t, uint64_t, tousu_window *)",
            function(_, matter, from, to, customer, out)
                fill(out, s.window(lua_id(matter, ids), tonumber(from), tonumber(to),
                                   lua_id(customer, ids)), WINDOW)
                return 0
            end)
        ops.members = self:_guard(
            "int (*)(void *, uint64_t, int64_t, int64_t, uint64_t *, size_t, size_t *)",
            function(_, matter, from, to, out_ids, cap, n)
                local found = s.members(lua_id(matter, ids), tonumber(from), tonumber(to))
                for i = 1, math.min(#found, tonumber(cap)) do
                    out_ids[i - 1] = M.id(found[i])
                end
                n[0] = #found
                return 0
            end)
        ops.record = self:_guard("int (*)(void *, const tousu_intake *)", function(_, p)
            s.record(totable(p, INTAKE, ids))
            return 0
        end)
        ops.archive = self:_guard("int (*)(void *, const tousu_archive *)", function(_, p)
            if s.archive(totable(p, ARCHIVE, ids)) == false then
                return -8
            end
            return 0
        end)
        self.ops = ops -- must outlive the engine
        host.store = ops
    end
    local out = ffi.new("tousu_engine *[1]")
    local rc = lib.tousu_engine_new(out, host, opts.policy)
    if rc ~= 0 then
        self:_release()
        error(("tousu_engine_new: %s (%d)"):format(ffi.string(lib.tousu_strerror(rc)), rc), 2)
    end
    self.ptr = ffi.gc(out[0], lib.tousu_engine_free)
    return self
end

function Engine:_release()
    for _, cb in ipairs(self.callbacks) do
        cb:free()
    end
    self.callbacks = {}
end

--- Free the engine now, then its callbacks. The garbage collector frees an
--- engine that was not freed, but callbacks (a limited LuaJIT resource) are
--- released only here.
function Engine:free()
    if self.ptr ~= nil then
        self.lib.tousu_engine_free(ffi.gc(self.ptr, nil))
        self.ptr = nil
    end
    self:_release()
end

-- After a C call: re-raise a callback's error, else raise on failure.
function Engine:_check(rc, what)
    local err = self.pending
    self.pending = nil
    if err ~= nil then
        error(err, 0)
    end
    if rc ~= 0 then
        error(("%s: %s (%d)"):format(what, ffi.string(self.lib.tousu_engine_errmsg(self.ptr)),
                                     rc), 3)
    end
end

--- Triage a contact (a tousu_contact or a table of its fields); returns a
--- tousu_result (cdata: r.level, r.kinds, r.batch, ...).
function Engine:triage(contact)
    local keep
    if type(contact) == "table" then
        contact, keep = M.contact(contact)
    end
    local r = sized("tousu_result")
    local rc = self.lib.tousu_triage(self.ptr, contact, r)
    self:_check(rc, "tousu_triage")
    return r, keep -- (keep: the text string was alive during the call)
end

--- R-BAT-4: the contact ids of the last triage's batch incident (numbers,
--- or decimal strings for an engine made with ids = "string").
function Engine:batch_members()
    local ids = ffi.new("const uint64_t *[1]")
    local n = ffi.new("size_t[1]")
    self:_check(self.lib.tousu_engine_batch_members(self.ptr, ids, n), "batch_members")
    local t = {}
    for i = 0, tonumber(n[0]) - 1 do
        t[#t + 1] = lua_id(ids[0][i], self.ids)
    end
    return t
end

--- R-REP-1: archive an open complaint (fields of tousu_archive).
function Engine:archive(fields)
    local a = sized("tousu_archive", fields)
    self:_check(self.lib.tousu_archive_complaint(self.ptr, a), "tousu_archive_complaint")
end

--- The library's explanation of a result, with its times in this engine's
--- policy zone (tousu_result_explain_policy).
function Engine:explain(r)
    local policy = self.lib.tousu_engine_policy(self.ptr)
    local needed = ffi.new("size_t[1]")
    self.lib.tousu_result_explain_policy(policy, r, nil, 0, needed)
    local buf = ffi.new("char[?]", needed[0] + 1)
    local rc = self.lib.tousu_result_explain_policy(policy, r, buf, needed[0] + 1, needed)
    if rc ~= 0 then
        error("tousu_result_explain_policy: " .. ffi.string(self.lib.tousu_strerror(rc)), 2)
    end
    return ffi.string(buf)
end

--- Is kind k (lib.TOUSU_KIND_*) among r.kinds?
function M.has_kind(r, k)
    return bit.band(r.kinds, bit.lshift(1, k)) ~= 0
end

-- A C function that calls back into Lua must not be called from a JIT
-- trace (LuaJIT raises "bad callback"): keep these wrappers interpreted.
jit.off(Engine.triage)
jit.off(Engine.archive)
jit.off(M.engine)

return M
