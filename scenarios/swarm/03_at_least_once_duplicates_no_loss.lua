-- Teaches: an application that commits AFTER processing (commitSync once a poll's records are
-- done) is at-least-once. When a consumer crashes, whatever it processed since its last commit
-- is processed again by the partition's next owner: duplicates, never loss. Under `ksim swarm`
-- consumers crash (no LeaveGroup) and stall; expect_delivery{ semantics = "at-least-once" }
-- must hold on every seed, and the swarm's summary counts the seeds that found duplicates.
-- Kafka: KafkaConsumer.poll/commitSync, ConsumerCoordinator (committed offset = next to read).
scenario {
  title = "swarm: commit after processing: consumer crashes duplicate, never lose",
  summary = "Three consumers of group 'alo' process 'payments' and commit after each poll's " ..
            "records; the swarm crashes and stalls them; every acknowledged payment must be " ..
            "processed at least once.",
  seed = 31,
  learn = {
    "Commit after processing: the committed offset never passes an unprocessed record",
    "A crash re-delivers what was processed since the last commit: duplicates",
    "The damage per crash is at most one poll (max.poll.records) per partition",
  },
}

local c = cluster { brokers = 3, config = { ["group.initial.rebalance.delay.ms"] = 0 } }
c:topic("payments", { partitions = 3, replication_factor = 3, ["min.insync.replicas"] = 2 })
local p = c:producer("checkout", { acks = "all" })
p:produce_every("10ms", { topic = "payments", key = "pay", key_count = 30 })  -- 100/s

local function member(name)
  return c:consumer(name, {
    ["group.id"] = "alo",
    ["auto.offset.reset"] = "earliest",
    ["session.timeout.ms"] = 6000,
    ["heartbeat.interval.ms"] = 1000,
    ["max.poll.interval.ms"] = 5000,
    ["max.poll.records"] = 20,
    topics = { "payments" },
    processing = "15ms",                -- 20 records: 300 ms of work per poll
    commit = "sync-after-processing",
  })
end
member("alo-1")
member("alo-2")
member("alo-3")

chapter "Safety: consumers crash and stall for 60 s, then heal; liveness: lag drained"
swarm {
  safety = "60s",
  liveness = "60s",
  faults = {
    consumer_crash = { every = "8s", lasts = "1s..10s", max_down = 2 },
    consumer_stall = { every = "15s", lasts = "1s..8s" },
  },
}
local r = anomalies { topic = "payments", group = "alo", semantics = "at-least-once" }
step(r.text)
expect(r.stats.acked, "payments were acknowledged"):gt(0)
-- The claim: duplicates are allowed, loss (unseen, lost-write, poll-skip) fails the seed.
expect_delivery { topic = "payments", group = "alo", semantics = "at-least-once" }
