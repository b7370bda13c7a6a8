--[[
tests/test_lua.lua - the LuaJIT binding (bindings/lua/tousu.lua) over the
built shared library: store callbacks from Lua (R-HOST-2, R-HOST-3) and
64-bit ids, which a Lua number holds exactly only up to 2^53.

    luajit tests/test_lua.lua BINDINGS_DIR LIBTOUSU   (run by tests/test_lua.sh)

Prints one line per check and exits 1 on the first failure.
]]
package.path = arg[1] .. "/?.lua;" .. package.path
local tousu = require("tousu")
local ffi = require("ffi")
local lib = tousu.load(arg[2])

local T0 = 1709514000000 -- 2024-03-04 09:00 +08:00
local MINUTE = 60000
local BIG = "18446744073709551615" -- 2^64 - 1
local ABOVE = "9007199254740993"   -- 2^53 + 1: no Lua number holds it

local failures = 0
local function check(ok, what)
    print((ok and "ok   " or "FAIL ") .. what)
    if not ok then
        failures = failures + 1
    end
end

local function complaint(contact_id, customer_id, matter, t)
    return {contact_id = contact_id, customer_id = customer_id, matter = matter, intake_ms = t,
            category = lib.TOUSU_CAT_COMPLAINT, flags = tousu.F_COMPLAINT}
end

-- A Lua store that remembers what it was told (history and windows are
-- empty, which is all these checks need).
local function recording_store()
    local st = {records = {}, asked = {}}
    st.history = function(customer, matter, since)
        st.asked[#st.asked + 1] = {customer = customer, matter = matter}
        return st.open and {open_id = st.open} or nil
    end
    st.window = function() return {} end
    st.members = function() return {} end
    st.record = function(intake) st.records[#st.records + 1] = intake end
    st.archive = function() return false end
    return st
end

-- tousu.id: what an id may be on the way in.
do
    check(tousu.id(42) == 42ULL, "R-HOST-2 id from an integer number")
    check(tousu.id(BIG) == 0xFFFFFFFFFFFFFFFFULL, "R-HOST-2 id from a decimal string, 2^64 - 1")
    check(tousu.id(nil) == 0ULL, "R-HOST-2 nil id is 0")
    for _, bad in ipairs({1.5, -1, 2 ^ 53 + 2, "12a", "", "18446744073709551616", {}}) do
        local ok, err = pcall(tousu.id, bad)
        check(not ok and tostring(err):find("tousu: id", 1, true) ~= nil,
              ("R-HOST-2 id %s is refused, not rounded"):format(tostring(bad)))
    end
end

-- Default mode: ids up to 2^53 arrive as exact numbers.
do
    local st = recording_store()
    local engine = tousu.engine(lib, {store = st})
    engine:triage(complaint(1, 13800000001, 4401001, T0))
    check(st.asked[1].customer == 13800000001 and st.asked[1].matter == 4401001,
          "R-HOST-2 history() gets the customer and matter as numbers")
    check(#st.records == 1 and st.records[1].contact_id == 1 and
          st.records[1].customer_id == 13800000001, "R-HOST-2 record() gets exact ids")
    engine:free()
end

-- Default mode, an id above 2^53: an error, never a rounded id, and
-- nothing recorded (R-HOST-3).
do
    local st = recording_store()
    local engine = tousu.engine(lib, {store = st})
    local ok, err = pcall(engine.triage, engine, complaint(2, ABOVE, 7, T0))
    check(not ok and tostring(err):find(ABOVE, 1, true) ~= nil and
          tostring(err):find('ids = "string"', 1, true) ~= nil,
          "R-HOST-3 a customer id above 2^53 fails the triage with the id in the message")
    check(#st.records == 0, "R-HOST-3 nothing was recorded")
    engine:triage(complaint(3, 7, 7, T0 + MINUTE))
    check(#st.records == 1, "R-HOST-3 the engine works on after the failure")
    engine:free()
end

-- ids = "string": every id exact, both ways.
do
    local st = recording_store()
    local engine = tousu.engine(lib, {store = st, ids = "string"})
    engine:triage(complaint(ABOVE, BIG, ABOVE, T0))
    check(st.asked[1].customer == BIG and st.asked[1].matter == ABOVE,
          "R-HOST-2 string ids: history() gets 2^64 - 1 and 2^53 + 1 exactly")
    check(st.records[1].contact_id == ABOVE and st.records[1].customer_id == BIG and
          st.records[1].matter == ABOVE, "R-HOST-2 string ids: record() gets them exactly")
    st.open = BIG -- the store answers with an open complaint id above 2^53
    local r = engine:triage(complaint(5, BIG, ABOVE, T0 + MINUTE))
    check(r.followup == 1 and r.followup_of == 0xFFFFFFFFFFFFFFFFULL,
          "R-REP-3 an open complaint id from a Lua store reaches the result exactly")
    engine:free()
    local ok = pcall(tousu.engine, lib, {ids = "hex"})
    check(not ok, "R-HOST-2 an unknown ids mode is refused")
end

-- The built-in store: batch members with ids above 2^53 (R-BAT-4).
do
    local first = 9007199254740993ULL -- 2^53 + 1
    for _, mode in ipairs({"string", "number"}) do
        local engine = tousu.engine(lib, {ids = mode})
        local r
        for i = 0, 10 do -- 11 ordinary customers: a batch (R-BAT-1)
            local c = complaint(first + i, 1000 + i, 99, T0 + i * MINUTE)
            c.category = lib.TOUSU_CAT_FAULT
            c.flags = 0
            r = engine:triage(c)
        end
        check(r.batch == 1 and r.batch_members == 11, "R-BAT-1 11 ordinary customers: a batch")
        if mode == "string" then
            local ids = engine:batch_members()
            check(#ids == 11 and ids[1] == "9007199254740993" and ids[11] == "9007199254741003",
                  "R-BAT-4 batch members above 2^53 as exact strings")
        else
            local ok, err = pcall(engine.batch_members, engine)
            check(not ok and tostring(err):find("9007199254740993", 1, true) ~= nil,
                  "R-BAT-4 number mode refuses member ids above 2^53")
        end
        engine:free()
    end
end

-- R-SLA-12: Engine:explain shows times in the engine's policy zone.
do
    local pp = ffi.new("tousu_policy *[1]")
    assert(lib.tousu_policy_new(pp) == 0)
    local policy = ffi.gc(pp[0], lib.tousu_policy_free)
    assert(lib.tousu_policy_set_int(policy, lib.TOUSU_P_UTC_OFFSET_MIN, 360) == 0)
    local engine = tousu.engine(lib, {policy = policy})
    local text = engine:explain(engine:triage(complaint(1, 2, 3, T0)))
    check(text:find("intake: 2024-03-04 07:00:00+06:00", 1, true) ~= nil,
          "R-SLA-12 explain in the policy zone (+06:00)")
    engine:free()
    local plain = tousu.engine(lib, {})
    text = plain:explain(plain:triage(complaint(1, 2, 3, T0)))
    check(text:find("intake: 2024-03-04 09:00:00+08:00", 1, true) ~= nil,
          "R-SLA-12 explain in the built-in zone (+08:00)")
    plain:free()
end

if failures > 0 then
    print(("%d check(s) failed"):format(failures))
    os.exit(1)
end
print("all Lua binding checks passed")
