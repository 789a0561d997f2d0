-- Teaches: static membership (KIP-345). A consumer with group.instance.id that restarts within
-- session.timeout.ms rejoins under the same instance id: the coordinator replaces its old member
-- id (member.replaced) and hands it back the same assignment without a rebalance. The same
-- rolling restart with dynamic members (no instance id) costs rebalances at every step.
-- Kafka: GroupMetadataManager (static member replacement), ConsumerCoordinator.
scenario {
  title = "05c: static membership survives a rolling restart without rebalancing",
  summary = "Three static consumers (i1..i3) are restarted one after the other, each within " ..
            "the session timeout: same generation, same partitions. Three dynamic consumers " ..
            "doing the same roll rebalance at every restart.",
  seed = 53,
  learn = {
    "group.instance.id makes a member static: its identity survives a process restart",
    "A static member that rejoins within session.timeout.ms replaces its old member id (member.replaced)",
    "The group stays Stable in the same generation and the instance gets its partitions back",
    "Dynamic members get a new member id on restart: each restart means rebalances",
  },
  watch_for = { "member.replaced / group.static.rejoin instead of group.rebalance",
                "group.rebalance events of group 'dynamic' at every restart" },
}

local session_ms = param("session.timeout.ms", 30000)
local down_s = param("down_seconds", 5)

local c = cluster { brokers = 3, config = { ["group.initial.rebalance.delay.ms"] = 0 } }
c:topic("clicks", { partitions = 6, replication_factor = 3 })
local feed = c:producer("web", { acks = "all" })
feed:produce_every("10ms", { topic = "clicks", key = "user", key_count = 100 })

local function opts(group, instance)
  local o = {
    ["group.id"] = group,
    ["session.timeout.ms"] = session_ms,
    ["auto.offset.reset"] = "earliest",
    ["partition.assignment.strategy"] = "range",
    topics = { "clicks" },
    processing = "1ms",
    commit = "sync-after-processing",
  }
  if instance then o["group.instance.id"] = instance end
  return o
end

local static, dynamic = {}, {}
for i = 1, 3 do static[i] = c:consumer("static-" .. i, opts("static", "i" .. i)) end

local function owned(g, consumer)
  local parts = {}
  for p = 0, 5 do
    if g:owner("clicks", p) == consumer then parts[#parts + 1] = p end
  end
  return table.concat(parts, ",")
end

chapter "1. Three static members settle"
wait_until(function()
  local g = c:group("static")
  return g.state == "Stable" and #g.members == 3
end, { timeout = "60s", description = "static group Stable with 3 members" })
run_for("10s")
local g0 = c:group("static")
local gen0 = g0.generation_id
local before = {}
for i = 1, 3 do before[i] = owned(g0, static[i]) end
step(("Group 'static' is Stable in generation %d; instances own clicks partitions i1={%s} " ..
      "i2={%s} i3={%s}. session.timeout.ms = %d ms.")
     :format(gen0, before[1], before[2], before[3], session_ms))
step { text = describe("group", "static", { verbose = true }), pause = true }

local rebalances = { static = 0, dynamic = 0 }
local replaced = {}
on("group.rebalance", function(ev)
  if rebalances[ev.group] then rebalances[ev.group] = rebalances[ev.group] + 1 end
end)
on("member.replaced", { group = "static" }, function(ev)
  replaced[#replaced + 1] = ev
end)

chapter "2. Rolling restart of the static members"
for i = 1, 3 do
  local cons = static[i]
  local old_id = cons:member_id()
  cons:crash()
  step(("static-%d (instance i%d) crashes: no LeaveGroup. It is down for %d s, well below " ..
        "session.timeout.ms."):format(i, i, down_s))
  run_for(down_s * 1000)
  cons:restart()
  local ev = wait_for("member.replaced", { group = "static", instance = "i" .. i },
                      { timeout = "30s" })
  step(("static-%d is back and rejoins as instance i%d: the coordinator replaces member %s by %s " ..
        "(state %s).\n  %s"):format(i, i, ev.old_member, ev.member, ev.state, ev.kafka_log))
  expect(ev.old_member, "i" .. i .. ": the old member id was replaced"):eq(old_id)
  run_for("10s")
  local g = c:group("static")
  expect(g.generation_id, "after restarting i" .. i .. ": same generation"):eq(gen0)
  expect(g.state, "after restarting i" .. i .. ": still Stable"):eq("Stable")
  expect(owned(g, cons), "i" .. i .. " owns the same partitions again"):eq(before[i])
  expect(cons:info().state, "static-" .. i .. " is a Stable member again"):eq("Stable")
end

local g1 = c:group("static")
expect(rebalances.static, "no group.rebalance in group 'static' during the roll"):eq(0)
expect(#replaced, "one member.replaced per restart"):eq(3)
expect(g1.generation_id, "the generation never changed"):eq(gen0)
narrate("Roll done: %d rebalances, %d member replacements, generation still %d. The " ..
        "instances kept i1={%s} i2={%s} i3={%s}.", rebalances.static, #replaced,
        g1.generation_id, owned(g1, static[1]), owned(g1, static[2]), owned(g1, static[3]))

chapter "3. The same roll with dynamic members"
for i = 1, 3 do dynamic[i] = c:consumer("dynamic-" .. i, opts("dynamic", nil)) end
wait_until(function()
  local g = c:group("dynamic")
  return g.state == "Stable" and #g.members == 3
end, { timeout = "60s", description = "dynamic group Stable with 3 members" })
run_for("10s")
local d0 = c:group("dynamic")
local dgen0 = d0.generation_id
rebalances.dynamic = 0
local last_revoke = 0
on("consumer.revoke", { group = "dynamic" }, function(ev) last_revoke = ev.t end)
step(("Group 'dynamic' (no group.instance.id) is Stable in generation %d with 3 members.")
     :format(dgen0))
for i = 1, 3 do
  local cons = dynamic[i]
  local t_crash = now()
  cons:crash()
  run_for(down_s * 1000)
  cons:restart()
  local reb = wait_for("group.rebalance", { group = "dynamic" }, { timeout = "30s" })
  step(("dynamic-%d crashed and came back after %d s. Without an instance id it joins as a NEW " ..
        "member, which starts a rebalance at once:\n  %s"):format(i, down_s, reb.kafka_log))
  local removed = wait_for("member.removed", { group = "dynamic", reason = "session timeout" },
                           { timeout = session_ms + 30000 })
  local st = wait_for("group.stable", { group = "dynamic" }, { timeout = "30s" })
  local paused = st.t - last_revoke
  step(("The join phase waits for every known member, including the dead old member id of " ..
        "dynamic-%d. Only when its session expires (%.1f s after the crash) does the rebalance " ..
        "complete: generation %d, Stable at +%.1f s. Within one heartbeat.interval.ms the " ..
        "surviving members learnt of the rebalance and (eager range assignor) revoked ALL " ..
        "their partitions: the whole group consumed nothing for %.1f s.")
       :format(i, (removed.t - t_crash) / 1000, st.generation, (st.t - t_crash) / 1000,
               paused / 1000))
  expect(paused, "dynamic-" .. i .. " restart: the group stood still for seconds"):gt(10000)
  expect(st.generation, "dynamic-" .. i .. " restart: a new generation"):gt(reb.generation)
  run_for("5s")
end
local d1 = c:group("dynamic")
expect(rebalances.dynamic, "dynamic roll: rebalances (at least one per restart)"):ge(3)
expect(d1.generation_id - dgen0, "dynamic roll: generations went by"):ge(3)
expect(rebalances.static, "meanwhile group 'static' still never rebalanced"):eq(0)
narrate("Dynamic roll: %d group.rebalance events, generation %d -> %d. Static roll: 0 " ..
        "rebalances, generation %d throughout.", rebalances.dynamic, dgen0, d1.generation_id, gen0)

chapter "4. Delivery"
feed:stop()
run_for("20s")
local rs = expect_delivery { group = "static", topic = "clicks", lost = 0, unseen = 0 }
local rd = expect_delivery { group = "dynamic", topic = "clicks", lost = 0, unseen = 0 }
narrate("Nothing lost in either group. static: %d deliveries (%d duplicates); dynamic: %d " ..
        "deliveries (%d duplicates). A crash re-delivers only what was polled but not yet committed.",
        rs.delivered, rs.duplicates, rd.delivered, rd.duplicates)
