-- Teaches: with more than one request in flight per connection, a retried batch can land after
-- batches sent later, so a partition's log no longer follows the send order -- unless the
-- producer is idempotent: the leader then refuses a batch whose sequence does not follow on
-- (OUT_OF_ORDER_SEQUENCE_NUMBER), and the producer sends its retries strictly in sequence order.
-- Kafka: Sender, RecordAccumulator.reenqueue / insertInSequenceOrder,
-- RecordAccumulator.shouldStopDrainBatchesForPartition, ProducerAppendInfo.checkSequence,
-- max.in.flight.requests.per.connection (KIP-98: up to 5 with idempotence).
scenario {
  title = "max.in.flight.requests.per.connection > 1 reorders retried records",
  summary = "Two producers, 5 requests in flight each; one request of each is lost on the " ..
            "way. The plain producer's retry lands behind later records; the idempotent one's " ..
            "does not.",
  seed = 62,
  learn = {
    "a retry goes to the back of the log: later batches already sent are ahead of it",
    "idempotence keeps order with up to 5 requests in flight, at the cost of a pause",
    "OUT_OF_ORDER_SEQUENCE_NUMBER is the leader saying an earlier batch is missing",
  },
  watch_for = { "net.drop of two Produce requests", "OUT_OF_ORDER_SEQUENCE_NUMBER retries" },
}

local c = cluster { brokers = 3 }

chapter "1. Two producers, five requests in flight each"
for _, t in ipairs({ "plain", "idempotent" }) do
  c:topic(t, { partitions = 1, replication_factor = 3, ["min.insync.replicas"] = 2 })
end
local common = { ["max.in.flight.requests.per.connection"] = 5, ["request.timeout.ms"] = 2000,
                 ["linger.ms"] = 0 }
local plain = c:producer("plain", { ["enable.idempotence"] = false,
  ["max.in.flight.requests.per.connection"] = 5, ["request.timeout.ms"] = 2000,
  ["linger.ms"] = 0 })
local idem = c:producer("idem", common)
run_for("1s")
plain:produce_every("2ms", { topic = "plain" })
idem:produce_every("2ms", { topic = "idempotent" })
run_for("3s")

chapter "2. One produce request of each producer is lost on the way"
local leaders = {}
for _, t in ipairs({ "plain", "idempotent" }) do leaders[#leaders + 1] = c:partition(t, 0).leader end
local dropped = {}
local listener = on("net.drop", { api = "Produce" }, function(e) dropped[#dropped + 1] = e.from end)
-- Lose the next produce request of each producer on the wire (network.drop takes the id of a
-- message in flight, as the GUI's inspector does). A network cut would not do: like TCP, it
-- holds what is sent and delivers it when it heals.
local lost = {}
local function lose_one_request_each()
  for _, m in ipairs(network.in_flight()) do
    local mine = m.from == "plain" or m.from == "idem"
    if mine and m.api == "Produce" and m.dir == "req" and not lost[m.from] then
      network.drop(m.id)
      lost[m.from] = true
    end
  end
  return lost.plain and lost.idem
end
for _ = 1, 1000 do
  if lose_one_request_each() then break end
  run_for("100us")
end
off(listener)
run_for("6s")
step("The lost requests time out after request.timeout.ms (2 s). In the meantime the plain " ..
     "producer's later requests were written; its retry lands behind them. The idempotent " ..
     "producer's later batches were refused with OUT_OF_ORDER_SEQUENCE_NUMBER until the " ..
     "missing one arrived, so its log keeps the send order.")

chapter "3. The two logs"
plain:stop()
idem:stop()
run_for("3s")
local p = anomalies { topic = "plain", semantics = "at-least-once" }
local i = anomalies { topic = "idempotent", semantics = "at-least-once" }
step { text = p.text .. "\n" .. i.text, pause = true }

expect(#dropped, "a produce request of each producer was lost"):ge(2)
expect(p.counts["reordering"], "the plain producer's log is out of send order"):gt(0)
expect(p.counts["nonmonotonic-send"], "its acknowledged offsets went backwards"):gt(0)
expect(i.counts["reordering"], "the idempotent producer's log follows the send order"):eq(0)
expect(i.counts["nonmonotonic-send"], "and its acknowledged offsets only go up"):eq(0)
expect(i.counts["duplicate"] + i.counts["lost-write"], "nothing duplicated or lost"):eq(0)
expect(idem:metrics().retries, "the idempotent producer retried the refused batches"):gt(0)
