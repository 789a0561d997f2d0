-- Teaches: a group's coordinator is the leader of its __consumer_offsets partition; commits
-- are records in that partition's log, replicated like any other. When the coordinator broker
-- crashes, the new leader of the partition loads the group by replaying the log, the consumers
-- rediscover it (FindCoordinator) and go on from the committed offsets: nothing is lost.
-- Kafka: GroupCoordinator, CoordinatorLoaderImpl, GroupMetadataManager.replay.
scenario {
  title = "05e: coordinator failover keeps committed offsets",
  summary = "The coordinator broker of a group crashes; the new leader of __consumer_offsets-N " ..
            "loads the group from the log; consumers find it and keep their offsets.",
  seed = 51,
  learn = {
    "The coordinator of a group is the leader of __consumer_offsets-(hash(group) % 50)",
    "OffsetCommit writes a record to that partition; the answer comes once it is replicated",
    "A new leader loads the groups of the partition by replaying its log",
    "Consumers rediscover the coordinator; a Stable group stays Stable, offsets survive",
  },
  watch_for = { "group.loaded on the new coordinator, with the group's committed offsets" },
}

local c = cluster { brokers = 3 }
c:topic("orders", { partitions = 3, replication_factor = 3 })
local feed = c:producer("shop", { acks = "all" })
feed:produce_every("20ms", { topic = "orders", key = "order", key_count = 60 })  -- 50/s

local billing = {
  ["group.id"] = "billing",
  ["auto.offset.reset"] = "earliest",
  ["partition.assignment.strategy"] = "range",
  topics = { "orders" },
  processing = "2ms",
  commit = "sync-after-processing",
}
local a, b = c:consumer("billing-a", billing), c:consumer("billing-b", billing)

chapter "1. The group settles and commits through its coordinator"
local stable = wait_for("group.stable", { group = "billing" }, { timeout = "30s" })
run_for("10s")
local g = c:group("billing")
local coordinator = g.coordinator
local partition = 0
for p = 0, 49 do  -- which __consumer_offsets partition the coordinator leads for this group
  local info = c:partition("__consumer_offsets", p)
  if info.leader == coordinator and info.log_end_offset and info.log_end_offset > 0 then
    partition = p
  end
end
local offsets_p = c:partition("__consumer_offsets", partition)
step(("billing is Stable in generation %d; its coordinator is broker-%d, leader of " ..
      "__consumer_offsets-%d, whose log holds %d records (HW %d) replicated to ISR {%s}.")
     :format(stable.generation, coordinator, partition, offsets_p.log_end_offset,
             offsets_p.high_watermark, table.concat(offsets_p.isr, ",")))
expect(offsets_p.high_watermark, "commits are records in __consumer_offsets, replicated"):gt(2)
expect(#offsets_p.isr, "the offsets partition has three replicas in sync"):eq(3)

chapter "2. Crash the coordinator broker"
local before = {}
for p = 0, 2 do before[p] = c:group("billing"):committed("orders", p) end
local t_crash = now()
c:broker(coordinator):crash()
step(("broker-%d crashed; committed offsets were orders-0..2 = %d, %d, %d.")
     :format(coordinator, before[0], before[1], before[2]))

local loaded = wait_for("group.loaded", { group = "billing" }, { timeout = "30s" })
step(("%.1f s later broker-%d leads __consumer_offsets-%d and has loaded billing from the log: " ..
      "state %s, generation %d, %d members, %d committed offsets.\n  %s")
     :format((loaded.t - t_crash) / 1000, loaded.coordinator, loaded.partition, loaded.state,
             loaded.generation, loaded.members, loaded.offsets, loaded.kafka_log))
expect(loaded.coordinator ~= coordinator, "another broker is the coordinator now"):is_true()
expect(loaded.generation, "the loaded group has the generation it had"):eq(stable.generation)
expect(loaded.offsets, "the loaded group has all three committed offsets"):eq(3)
local after = c:group("billing")
for p = 0, 2 do
  expect(after:committed("orders", p), "orders-" .. p .. " committed offset survived")
    :ge(before[p])
end

chapter "3. The consumers find the new coordinator and go on"
local found = wait_for("consumer.coordinator", { group = "billing" }, { timeout = "60s" })
step(("%s rediscovered the coordinator %.1f s after the crash:\n  %s")
     :format(found.consumer, (found.t - t_crash) / 1000, found.kafka_log))
run_for("40s")
local g2 = c:group("billing")
expect(g2.state, "the group is Stable on its new coordinator"):eq("Stable")
expect(g2.generation_id, "no rebalance was needed: same generation"):eq(stable.generation)
local progressed = 0
for p = 0, 2 do
  if g2:committed("orders", p) > before[p] then progressed = progressed + 1 end
end
expect(progressed, "commits go on through the new coordinator on every partition"):eq(3)

chapter "4. Delivery"
feed:stop()
run_for("20s")
local r = expect_delivery { group = "billing", topic = "orders", lost = 0, unseen = 0,
                            duplicates = { max = 0 } }
narrate("%d records delivered once each; no loss, no duplicates (no rebalance happened).\n%s\n%s",
        r.unique_delivered, describe("group", "billing"), describe("group", "billing", { state = true }))
