-- Teaches: an application that commits BEFORE processing (commitSync as soon as poll()
-- returns, and drops the batch when the commit fails) is at-most-once. When a consumer crashes
-- mid-batch, the records it had not processed yet are past the committed offset: the next owner
-- never reads them. Loss, never duplicates. Under `ksim swarm` consumers crash (no LeaveGroup)
-- and stall; expect_delivery{ semantics = "at-most-once" } must hold on every seed, and the
-- swarm's summary counts the seeds that found loss (unseen records).
-- Kafka: KafkaConsumer.poll/commitSync, ConsumerCoordinator (committed offset = next to read).
scenario {
  title = "swarm: commit before processing: consumer crashes lose, never duplicate",
  summary = "Three consumers of group 'amo' commit each poll's offsets, then process the " ..
            "records; the swarm crashes and stalls them; no payment may be processed twice.",
  seed = 41,
  learn = {
    "Commit before processing: the committed offset passes records not processed yet",
    "A crash mid-batch loses the rest of the batch: the next owner starts after it",
    "A failed commit must drop the batch: processing it could process records twice",
  },
}

local c = cluster { brokers = 3, config = { ["group.initial.rebalance.delay.ms"] = 0 } }
c:topic("payments", { partitions = 3, replication_factor = 3, ["min.insync.replicas"] = 2 })
local p = c:producer("checkout", { acks = "all" })
p:produce_every("10ms", { topic = "payments", key = "pay", key_count = 30 })  -- 100/s

local function member(name)
  return c:consumer(name, {
    ["group.id"] = "amo",
    ["auto.offset.reset"] = "earliest",
    ["session.timeout.ms"] = 6000,
    ["heartbeat.interval.ms"] = 1000,
    ["max.poll.interval.ms"] = 5000,
    ["max.poll.records"] = 20,
    topics = { "payments" },
    processing = "15ms",                -- 20 records: 300 ms of work per poll
    commit = "sync-before-processing",
  })
end
member("amo-1")
member("amo-2")
member("amo-3")

chapter "Safety: consumers crash and stall for 60 s, then heal; liveness: lag drained"
swarm {
  safety = "60s",
  liveness = "60s",
  faults = {
    consumer_crash = { every = "8s", lasts = "1s..10s", max_down = 2 },
    consumer_stall = { every = "15s", lasts = "1s..8s" },
  },
}
local r = anomalies { topic = "payments", group = "amo", semantics = "at-most-once" }
step(r.text)
expect(r.stats.acked, "payments were acknowledged"):gt(0)
-- The claim: loss is allowed, a duplicate (a payment processed twice) fails the seed.
expect_delivery { topic = "payments", group = "amo", semantics = "at-most-once" }
