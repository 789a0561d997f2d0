-- Teaches: with acks=all, replication factor 3, min.insync.replicas=2, unclean leader election
-- off and the idempotent producer (the default), no fault schedule of broker crashes, network
-- partitions and pauses loses an acknowledged write. `ksim swarm` runs this file under many
-- seeds, each with its own faults; a plain `ksim run` runs the same workload without faults.
-- Kafka: Partition.appendRecordsToLeader (min ISR), DelayedProduce, KIP-98 (idempotence).
scenario {
  title = "swarm: acks=all, RF 3, min ISR 2 loses nothing under crashes and partitions",
  summary = "A producer writes 'orders' while brokers crash, partitions split the cluster and " ..
            "nodes pause; then every fault heals and a consumer group must read every " ..
            "acknowledged record.",
  seed = 7,
  learn = {
    "acks=all answers only once min.insync.replicas replicas have the record",
    "With unclean election off a new leader always comes from the ISR, which has the record",
    "Idempotent retries are not written twice within a producer epoch; a batch that outlives " ..
      "delivery.timeout.ms makes the producer bump its epoch, and then a retry can be",
  },
}

local c = cluster { brokers = 3, config = {
  ["unclean.leader.election.enable"] = false,
  ["group.initial.rebalance.delay.ms"] = 0,
  ["replica.lag.time.max.ms"] = 10000,
} }
c:topic("orders", { partitions = 2, replication_factor = 3, ["min.insync.replicas"] = 2 })
local p = c:producer("checkout", { acks = "all", ["delivery.timeout.ms"] = 30000,
                                   ["request.timeout.ms"] = 5000 })
p:produce_every("50ms", { topic = "orders", key = "order", key_count = 20 })
c:consumer("billing", { ["group.id"] = "billing", topics = { "orders" },
                        ["auto.offset.reset"] = "earliest" })

chapter "Safety: faults for 40 s, then heal; liveness: converge within 90 s"
swarm {
  safety = "40s",
  liveness = "90s",
  faults = {
    broker_crash = { every = "10s", lasts = "2s..12s", max_down = 1 },
    partition = { every = "15s", lasts = "2s..10s" },
    pause = { every = "20s", lasts = "500ms..4s" },
  },
}
local info = p:info()
step(("checkout: %d sent, %d acknowledged, %d failed"):format(info.sent or 0, info.acked,
                                                             info.failed or 0))
expect(info.acked, "records were acknowledged"):gt(0)
-- The claim, on its own line so that `ksim swarm` counts it apart from everything else.
local found = anomalies { topic = "orders", group = "billing" }
expect(found.counts["lost-write"], "lost writes (acknowledged, later unreadable)"):eq(0)
expect_delivery { topic = "orders", group = "billing", semantics = "at-least-once" }
