-- Teaches: eager rebalancing stops the world (every member revokes every partition before it
-- rejoins), cooperative rebalancing (KIP-429, cooperative-sticky) revokes only the partitions
-- that move, in two rounds. Same cluster, same workload, two groups side by side.
-- Kafka: ConsumerCoordinator.onJoinPrepare / onJoinComplete, CooperativeStickyAssignor.
scenario {
  title = "05a: eager vs cooperative rebalancing",
  summary = "Two groups read the same 6-partition topic, one with range (eager), one with " ..
            "cooperative-sticky; a third member joins each; we measure what stops.",
  seed = 5,
  learn = {
    "Eager: every member revokes all its partitions at the start of a rebalance",
    "Cooperative: only the partitions that change owner are revoked, over two rebalances",
    "Time without an owner, per partition, is the price of a rebalance",
  },
  watch_for = { "consumer.revoke lines: all six partitions (eager) vs two (cooperative)" },
}

local c = cluster { brokers = 3 }
c:topic("events", { partitions = 6, replication_factor = 3 })
c:producer("source", { acks = "all" }):produce_every("10ms", { topic = "events", key = "k",
                                                      key_count = 100 })
local function settings(group, strategy)
  return { ["group.id"] = group, ["partition.assignment.strategy"] = strategy,
           ["auto.offset.reset"] = "earliest", topics = { "events" }, processing = "1ms" }
end
local strategy = { eager = "range", coop = "cooperative-sticky" }
local G = { "eager", "coop" }
local members = { eager = {}, coop = {} }
for _, g in ipairs(G) do
  for i = 1, 2 do members[g][i] = c:consumer(g .. "-" .. i, settings(g, strategy[g])) end
end

-- Ownership from the trace: consumer.assignment gives a member's full assignment; revoke/lost
-- lines list what a member gives up. owner[g][tp] = consumer name, nil while unowned.
local owner, since, gap = { eager = {}, coop = {} }, { eager = {}, coop = {} },
                          { eager = {}, coop = {} }
local revoked, rebalances, measuring = { eager = 0, coop = 0 }, { eager = 0, coop = 0 }, false
local function parts(text) local out = {}; for tp in text:gmatch("events%-%d+") do out[#out + 1] = tp end; return out end
for _, g in ipairs(G) do
  local function give_up(ev)
    for _, tp in ipairs(parts(ev.kafka_log)) do
      if measuring then revoked[g] = revoked[g] + 1 end
      if owner[g][tp] == ev.consumer then owner[g][tp], since[g][tp] = nil, ev.t end
    end
  end
  on("consumer.revoke", { group = g }, give_up)
  on("consumer.lost", { group = g }, give_up)
  on("consumer.assignment", { group = g }, function(ev)
    for _, tp in ipairs(parts(ev.partitions)) do
      if owner[g][tp] == nil and since[g][tp] and measuring then
        gap[g][tp] = (gap[g][tp] or 0) + (ev.t - since[g][tp])
      end
      owner[g][tp], since[g][tp] = ev.consumer, nil
    end
  end)
  on("group.rebalance", { group = g }, function() if measuring then rebalances[g] = rebalances[g] + 1 end end)
end

chapter "1. Both groups settle: two members, three partitions each"
wait_until(function()
  return c:group("eager").state == "Stable" and c:group("coop").state == "Stable"
end, { timeout = "30s", description = "both groups Stable" })
run_for("5s")
local before = { eager = {}, coop = {} }
for _, g in ipairs(G) do for tp, o in pairs(owner[g]) do before[g][tp] = o end end
step(describe("group", "eager", { verbose = true }) .. "\n" ..
     describe("group", "coop", { verbose = true }))

chapter "2. A third member joins each group"
local gen = { eager = c:group("eager").generation_id, coop = c:group("coop").generation_id }
measuring = true
members.eager[3] = c:consumer("eager-3", settings("eager", "range"))
members.coop[3] = c:consumer("coop-3", settings("coop", "cooperative-sticky"))
wait_for("group.stable", { group = "eager", generation = gen.eager + 1 }, { timeout = "60s" })
wait_for("group.stable", { group = "coop", generation = gen.coop + 2 }, { timeout = "60s" })
run_for("2s")
measuring = false

local moved, total, unaffected_gap = { eager = 0, coop = 0 }, { eager = 0, coop = 0 }, 0
for _, g in ipairs(G) do
  for p = 0, 5 do
    local tp = "events-" .. p
    local m = owner[g][tp] ~= before[g][tp]
    if m then moved[g] = moved[g] + 1 end
    total[g] = total[g] + (gap[g][tp] or 0)
    if g == "eager" then
      expect((gap.eager[tp] or 0) > 0, "eager: " .. tp .. " had no owner for a while"):is_true()
    elseif not m then
      unaffected_gap = unaffected_gap + (gap.coop[tp] or 0)
    end
  end
end
step(("eager (range): %d rebalance(s), %d partitions revoked, %d moved, %.3f partition-s " ..
      "without an owner.\ncoop (cooperative-sticky): %d rebalance(s), %d revoked, %d moved, " ..
      "%.3f partition-s without an owner.")
     :format(rebalances.eager, revoked.eager, moved.eager, total.eager / 1000,
             rebalances.coop, revoked.coop, moved.coop, total.coop / 1000))
-- range 3+3 -> 2+2+2 moves two partitions; eager revokes all six anyway.
-- range gives consecutive blocks in member-id order: 2 moves at best, 3 when the new member's
-- id sorts last (0-2|3-5 -> 0-1|2-3|4-5), as here.
expect(moved.eager, "eager: range 3+3 -> 2+2+2 moves at least two partitions"):between(2, 4)
expect(revoked.eager, "eager: the two old members revoke all six partitions"):eq(6)
expect(rebalances.eager, "eager: one rebalance"):eq(1)
expect(moved.coop, "cooperative: sticky 3+3 -> 2+2+2 moves two partitions"):eq(2)
expect(revoked.coop, "cooperative: revokes exactly what moves"):eq(moved.coop)
expect(rebalances.coop, "cooperative: two rebalances (revoke, then assign)"):eq(2)
expect(unaffected_gap, "cooperative: partitions that stay never lose their owner"):eq(0)
note("Cooperative is not free: the two moving partitions wait for the second round, which " ..
     "ends only when every member has rejoined (they learn of it by heartbeat). What it " ..
     "saves is the four partitions that never stop.")

chapter "3. Both groups end balanced"
for _, g in ipairs(G) do
  local counts = {}
  for _, m in ipairs(members[g]) do counts[#counts + 1] = #m:assignment() end
  table.sort(counts)
  expect(table.concat(counts, ","), g .. ": 2,2,2 partitions per member"):eq("2,2,2")
end
run_for("10s")
narrate("%s\n%s", describe("group", "eager", { verbose = true }),
        describe("group", "coop", { verbose = true }))
