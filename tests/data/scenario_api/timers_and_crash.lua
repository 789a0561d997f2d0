-- at/after/every fire at their virtual times (in ms), a self-cancelled every stops, format_time
-- reads "5s", and a producer can crash: regressions caught once (1000x late timers).
local c = cluster { brokers = 1 }
c:topic("t", { partitions = 1 })
local fired = {}
after("10ms", function() fired[#fired + 1] = now() end)
at("50ms", function() fired[#fired + 1] = now() end)
local n = 0
local id
id = every("20ms", function() n = n + 1; if n == 3 then cancel(id) end end)
narrate("t=%s", format_time("5s"))
run_for("200ms")
expect(fired[1]):eq(10)
expect(fired[2]):eq(50)
expect(n):eq(3)
local p = c:producer("p", {})
p:crash()
check(true, "producer crash accepted")
