-- network.in_flight() lists the wire in send order; network.drop(id) removes one message: it is
-- traced as net.drop with reason "command" and its id, and leaves the wire at once. Unknown ids
-- and non-integers are errors.
local c = cluster { brokers = 2 }
c:topic("t", { partitions = 2, replication_factor = 2 })
local p = c:producer("p", { acks = "all" })
p:produce_every("10ms", { topic = "t" })
local dropped = {}
on("net.drop", { reason = "command" }, function(ev) dropped[#dropped + 1] = ev end)
run_for("1s")
local wire = network.in_flight()
for _ = 1, 1000 do
  if #wire > 0 then break end
  run_for("1ms")
  wire = network.in_flight()
end
expect(#wire, "messages on the wire"):gt(0)
for i = 2, #wire do check(wire[i - 1].id < wire[i].id, "send order") end
local victim = wire[1]
network.drop(victim.id)
local still = false
for _, m in ipairs(network.in_flight()) do still = still or m.id == victim.id end
check(not still, "the dropped message left the wire")
run_for("1ms")
expect(#dropped, "one net.drop by command"):eq(1)
expect(dropped[1].id, "net.drop names the message"):eq(victim.id)
expect(dropped[1].api, "net.drop names the API"):eq(victim.api)
expect(dropped[1].corr, "net.drop carries the correlation id"):eq(victim.corr)
local ok, err = pcall(network.drop, victim.id)
check(not ok and tostring(err):find("is not in flight") ~= nil, "dropping it twice is an error")
ok, err = pcall(network.drop, 1.5)
check(not ok and tostring(err):find("positive integer") ~= nil, "ids are integers")
