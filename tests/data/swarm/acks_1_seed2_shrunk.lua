-- Shrunk by ksim swarm: scenarios/swarm/02_acks_1_loses_writes.lua under seed 2 fails with these 2 fault(s) at
--   scenarios/swarm/02_acks_1_loses_writes.lua:36 lost writes (acknowledged, later unreadable): 1 == 0
-- Replay: ksim run tests/data/swarm/acks_1_seed2_shrunk.lua   (the lines below the schedule are the original file)
swarm_schedule { seed = 2,
  { fault = "delay", after = "4.507s", lasts = "9.517s", node = "broker-2", by = "0.377s" },
  { fault = "broker_crash", after = "5.287s", lasts = "3.796s", node = "broker-2" },
}
-- Teaches: acks=1 answers after the leader's own append, before any follower has the record,
-- so a leader crash right after an ack loses it even in a clean election. Under `ksim swarm`
-- the lost-write expectation below fails on some seeds, and the shrinker reduces one to the
-- crash that matters. A plain `ksim run` (no faults) passes.
-- Kafka: Partition.appendRecordsToLeader (acks=1), AbstractFetcherThread (truncation).
scenario {
  title = "swarm: acks=1 loses acknowledged writes when a leader crashes",
  summary = "A producer with acks=1 writes 'clicks' while brokers crash; a consumer group then " ..
            "reads everything that is left.",
  seed = 11,
  learn = {
    "acks=1: acknowledged = on the leader's disk, not on a follower's",
    "A clean election to an in-sync follower still truncates what only the old leader had",
  },
}

local c = cluster { brokers = 3, config = { ["group.initial.rebalance.delay.ms"] = 0 } }
c:topic("clicks", { partitions = 1, replication_factor = 3 })
local p = c:producer("web", { acks = "1", ["enable.idempotence"] = false,
                              ["delivery.timeout.ms"] = 30000, ["request.timeout.ms"] = 5000 })
p:produce_every("10ms", { topic = "clicks", key = "click", key_count = 10 })
c:consumer("stats", { ["group.id"] = "stats", topics = { "clicks" },
                      ["auto.offset.reset"] = "earliest" })

chapter "Safety: broker crashes and slow links for 30 s, then heal"
swarm {
  safety = "30s",
  liveness = "90s",
  faults = {
    broker_crash = { every = "8s", lasts = "2s..8s", max_down = 1 },
    delay = { every = "6s", lasts = "3s..10s", by = "100ms..400ms" },  -- followers fall behind
  },
}
local found = anomalies { topic = "clicks", group = "stats" }
step(found.text)
expect(found.counts["lost-write"], "lost writes (acknowledged, later unreadable)"):eq(0)
