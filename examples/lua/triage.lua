--[[
examples/lua/triage.lua - triage one complaint from LuaJIT through
bindings/lua/tousu.lua, with the built-in policy and in-memory store.

    luajit examples/lua/triage.lua [path/to/libtousu.so.1]

The library path may also come from TOUSU_LIB; default: the system's libtousu.
]]
local here = (debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./")
package.path = here .. "../../bindings/lua/?.lua;" .. package.path
local tousu = require("tousu")

local lib = tousu.load(arg[1])
print(("libtousu %s"):format(require("ffi").string(lib.tousu_version_string())))

-- The host's clock: here a fixed instant, 2024-03-04 09:30 +08:00.
local engine = tousu.engine(lib, {clock = function() return 1709515800000 end})

-- A customer, dissatisfied and wanting the matter resolved (R-DEF-1), who
-- wrote to the provincial supervision hotline (leapfrog, R-LEAP-1).
local r = engine:triage{
    contact_id = 1, customer_id = 13800000001, matter = 4401001,
    intake_ms = 0, -- 0: take the time from the clock callback
    category = lib.TOUSU_CAT_COMPLAINT, flags = tousu.F_COMPLAINT,
    channel = lib.TOUSU_CH_WEBSITE, body = lib.TOUSU_BODY_PROV_HOTLINE,
    text = "宽带断网三天，要求尽快修复并给出答复",
}
print(("urgent=%d leapfrog=%s level=%s"):format(r.urgent,
    tostring(tousu.has_kind(r, lib.TOUSU_KIND_LEAPFROG)),
    require("ffi").string(lib.tousu_level_name(r.level))))
io.write(engine:explain(r))
engine:free()
