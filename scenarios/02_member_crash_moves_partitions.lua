-- Teaches: with several partitions, every member of a group owns its own share (range
-- assignor); when a member crashes, its partitions move to the survivors once
-- session.timeout.ms has passed, and records keep their order within each partition.
scenario {
  title = "member crash: its partitions move to the survivors",
  summary = "Six partitions, three consumers; one crashes; after the session timeout the " ..
            "other two own all six, and order holds within every partition.",
  seed = 11,
  learn = {
    "The range assignor gives each member a contiguous share of each topic's partitions",
    "A crashed member's partitions are reassigned only after session.timeout.ms",
    "Kafka orders records within a partition, not across partitions",
  },
  watch_for = { "the idle partitions' LAG while the coordinator waits" },
}

local session_ms = param("session.timeout.ms", 15000)

local c = cluster { brokers = 3 }
c:topic("orders", { partitions = 6, replication_factor = 3, ["min.insync.replicas"] = 2 })
local p = c:producer("orders-app", { acks = "all" })
p:produce_every("20ms", { topic = "orders", key = "customer", key_count = 12 })

local settings = { ["group.id"] = "billing", ["session.timeout.ms"] = session_ms,
                   ["auto.offset.reset"] = "earliest", topics = { "orders" } }
local members = {}
for i = 1, 3 do members[i] = c:consumer("billing-" .. i, settings) end

chapter "1. Three members share six partitions"
local g1 = wait_for("group.stable", { group = "billing" }, { timeout = "30s" })
run_for("1s")
for _, m in ipairs(members) do
  expect(#m:assignment(), m.name .. " owns two partitions"):eq(2)
end
step { text = describe("group", "billing"), pause = true }
run_for("10s")

chapter "2. billing-2 crashes"
local victim = members[2]
local lost = victim:assignment()
local t_crash = now()
victim:crash()
run_for(session_ms / 3)
expect(c:group("billing").generation_id, "nothing moves before the session timeout")
  :eq(g1.generation)
step(("%s's partitions (%s) are not read while the coordinator waits."):format(
     victim.name, table.concat(lost, ", ")))

chapter "3. The session expires; the survivors take over"
local g2 = wait_for("group.stable", { group = "billing", generation = g1.generation + 1 },
                    { timeout = "60s" })
expect(g2.t - t_crash, "the move happens after the session timeout, not before")
  :ge(session_ms - 3000)
run_for("1s")
local owned = 0
for _, m in ipairs({ members[1], members[3] }) do
  expect(#m:assignment(), m.name .. " now owns three partitions"):eq(3)
  owned = owned + #m:assignment()
end
expect(owned, "the survivors own all six partitions"):eq(6)
step { text = describe("group", "billing"), pause = true }

chapter "4. Order within each partition"
run_for("10s")
p:stop()
run_for("10s")
for _, m in ipairs(members) do
  for part = 0, 5 do
    local offsets = m:consumed("orders", part)
    local ordered = true
    for i = 2, #offsets do
      if offsets[i] <= offsets[i - 1] then ordered = false end
    end
    check(ordered, ("%s read orders-%d in offset order (%d records)"):format(m.name, part, #offsets))
  end
end
expect_delivery { group = "billing", topic = "orders", lost = 0, unseen = 0 }
