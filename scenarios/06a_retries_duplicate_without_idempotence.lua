-- Teaches: a producer that retries a request whose answer was lost writes the records twice,
-- unless it is idempotent. With enable.idempotence (Kafka's default since 3.0) every batch
-- carries the producer id, epoch and sequence numbers; the partition leader remembers the last
-- five batches of each producer and answers a retry with the offsets of its first write.
-- Kafka: Sender (request.timeout.ms, retries), NetworkClient (a timeout closes the connection),
-- TransactionManager (sequences), ProducerStateManager / ProducerStateEntry (5 batches),
-- UnifiedLog.analyzeAndValidateProducerState (duplicates), KIP-98, KIP-679.
scenario {
  title = "retries duplicate records, unless the producer is idempotent",
  summary = "Two producers write the same way to two topics; for 8 s no produce response " ..
            "reaches them. Both time out and retry; only the idempotent one writes once.",
  seed = 61,
  learn = {
    "a lost response makes the producer retry records the broker had already written",
    "without idempotence each retry is a second copy of the records in the log",
    "with idempotence the leader recognises the retry by producer id, epoch and sequence",
  },
  watch_for = { "producer.retry events on both producers", "log.duplicate on the leader" },
}

local c = cluster { brokers = 3 }
local settings = { ["request.timeout.ms"] = 3000, ["retry.backoff.ms"] = 100, ["linger.ms"] = 5 }

chapter "1. Two producers, one idempotent, each with its own topic"
for _, t in ipairs({ "plain", "idempotent" }) do
  c:topic(t, { partitions = 1, replication_factor = 3, ["min.insync.replicas"] = 2 })
end
local plain = c:producer("plain", {
  ["enable.idempotence"] = false, ["request.timeout.ms"] = 3000, ["retry.backoff.ms"] = 100,
})
local idem = c:producer("idem", settings)  -- enable.idempotence=true is the default
run_for("1s")
plain:produce_every("20ms", { topic = "plain" })
idem:produce_every("20ms", { topic = "idempotent" })
run_for("4s")
expect(idem:info().acked, "the idempotent producer got its producer id and writes"):gt(100)
step("Both producers write 50 records/s with acks=all. The idempotent one first asked a " ..
     "broker for a producer id (InitProducerId); its batches carry that id, epoch 0 and " ..
     "sequence numbers counting records per partition.")

chapter "2. For 8 s no produce response reaches the producers"
local brokers = { c:broker(0), c:broker(1), c:broker(2) }
network.cut(brokers, { plain, idem })  -- one way: requests arrive and are written
run_for("8s")
network.heal()
step("Requests still reach the leaders and are written and replicated, but every answer is " ..
     "lost. After request.timeout.ms (3 s) each producer gives up on the connection: every " ..
     "request in flight on it fails and its batches are retried — the same records again.")

chapter "3. The network heals; the retries get answers"
run_for("10s")
plain:stop()
idem:stop()
run_for("5s")
local p = anomalies { topic = "plain" }
local i = anomalies { topic = "idempotent" }
local rows = {}
for _, r in ipairs({ { "plain", plain, p }, { "idem", idem, i } }) do
  local m = r[2]:metrics()
  rows[#rows + 1] = string.format("%-6s %7d %7d %8d %10d %10d", r[1], m.acked, m.retries,
    r[3].counts["duplicate"], r[3].counts["lost-write"], r[3].counts["reordering"])
end
step { text = "producer  acked retries  copies  lost-write  reordering\n" ..
              table.concat(rows, "\n") .. "\n\n" .. p.text, pause = true }

expect(plain:metrics().retries, "the plain producer retried"):gt(0)
expect(idem:metrics().retries, "the idempotent producer retried too"):gt(0)
expect(p.counts["duplicate"], "without idempotence the retries wrote records twice"):gt(0)
expect(i.counts["duplicate"], "with idempotence no record is written twice"):eq(0)
expect(i.counts["lost-write"] + p.counts["lost-write"], "acks=all: no acknowledged record lost")
  :eq(0)
expect(i.counts["reordering"], "with idempotence the log keeps the send order"):eq(0)
expect(idem:info().failed + plain:info().failed, "every record was finally written"):eq(0)
