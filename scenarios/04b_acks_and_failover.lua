-- Teaches: what each acks setting promises when the leader dies. acks=1 is answered after the
-- leader's own append, so records the followers had not copied yet are acknowledged and then
-- lost when a follower takes over (a clean election!); acks=all is answered only once the ISR
-- has the record (the HW passed it), so nothing acknowledged is lost; acks=0 is never answered,
-- so its losses go unnoticed. Kafka: Partition.appendRecordsToLeader, DelayedProduce,
-- KafkaApis.handleProduceRequest (acks=0), AbstractFetcherThread (truncation).
scenario {
  title = "acks=0, 1 and all through a leader failover",
  summary = "Three producers with acks=0, 1 and all write to partitions led by broker-0, " ..
            "whose followers lag 300 ms behind; broker-0 crashes; a follower takes over.",
  seed = 43,
  learn = {
    "acks=1 acknowledges before replication: a failover loses the acknowledged tail",
    "acks=all acknowledges after the ISR has the record: a clean failover loses nothing",
    "acks=0 gets no answer at all: records sent to a dead leader vanish unnoticed",
  },
  watch_for = { "replica.truncate on broker-0 when it returns", "the lost-writes counts" },
}

local c = cluster { brokers = 3 }
local victim = 0
local writers = {
  { acks = "1", topic = "clicks" },
  { acks = "all", topic = "payments" },
  { acks = "0", topic = "metrics" },
}

chapter "1. Three producers, one per acks setting, all writing to partitions led by broker-0"
for _, w in ipairs(writers) do
  c:topic(w.topic, { partitions = 3, replication_factor = 3, ["min.insync.replicas"] = 2 })
end
run_for("1s")
for _, w in ipairs(writers) do
  for p = 0, 2 do
    if c:partition(w.topic, p).leader == victim then w.partition = p end
  end
  expect(w.partition ~= nil, w.topic .. " has a partition led by broker-0"):is_true()
  w.producer = c:producer("acks-" .. w.acks, { acks = w.acks })
  w.producer:produce_every("10ms", { topic = w.topic, partition = w.partition })
end
run_for("5s")
step(describe("topics"))

chapter "2. The followers fall 300 ms behind (a slow link from broker-0)"
network.delay("broker-" .. victim, { "broker-1", "broker-2" }, "300ms")
run_for("5s")
for _, w in ipairs(writers) do
  local p = c:partition(w.topic, w.partition)
  expect(#p.isr, w.topic .. ": a 300 ms lag is well inside replica.lag.time.max.ms"):eq(3)
end
step("Fetch responses from broker-0 now take 300 ms: the followers hold the log only up to " ..
     "what broker-0 had 300 ms ago. acks=1 and acks=0 writers do not wait for them.")

chapter "3. broker-0 crashes; an in-sync follower takes over (a clean election)"
local before = {}
for _, w in ipairs(writers) do before[w.acks] = w.producer:info().acked end
c:broker(victim):crash()
local elected = wait_for("partition.change", { topic = "clicks", partition = writers[1].partition,
                                              leader_epoch = 1 }, { timeout = "30s" })
expect(elected.reason:find("unclean") == nil, "the election is clean"):is_true()
step(("After broker.session.timeout.ms the controller elects broker-%d (%s).\n%s"):format(
     elected.leader, elected.reason, describe("topics", nil, { under_replicated = true })))
network.heal()
run_for("30s")

chapter "4. broker-0 returns and truncates what nobody else had"
c:broker(victim):restart()
local truncated = {}
on("replica.truncate", { broker = victim }, function(ev)
  truncated[ev.topic] = (truncated[ev.topic] or 0) + ev.from - ev.to
end)
wait_until(function()
  for _, w in ipairs(writers) do
    if #c:partition(w.topic, w.partition).isr < 3 then return false end
  end
  return true
end, { timeout = "120s", description = "broker-0 back in every ISR" })
run_for("60s")  -- the producers find the new leaders and write over the lost offsets
for _, w in ipairs(writers) do w.producer:stop() end
run_for("40s")

chapter "5. What each acks setting lost"
local lines = {}
for _, w in ipairs(writers) do
  w.report = delivery("nobody", w.topic)
  w.info = w.producer:info()
  lines[#lines + 1] = ("acks=%-3s %-8s sent %5d, acknowledged %5d, truncated on broker-0 %4d, " ..
                       "acknowledged but lost %4d, readable %5d"):format(
      w.acks, w.topic, w.info.sent, w.info.acked, truncated[w.topic] or 0, w.report.lost_writes,
      w.report.readable)
end
step(table.concat(lines, "\n"))
local one, all, zero = writers[1], writers[2], writers[3]
expect(truncated.clicks or 0, "acks=1: broker-0 truncated records it had acknowledged"):gt(0)
expect(one.report.lost_writes, "acks=1: acknowledged writes are lost"):gt(0)
expect(all.report.lost_writes, "acks=all: no acknowledged write is lost"):eq(0)
-- The delivery checker names the same loss (docs/delivery-checker.md).
expect(anomalies { topic = one.topic }.counts["lost-write"], "the checker finds acks=1's loss")
  :eq(one.report.lost_writes)
expect_delivery { topic = all.topic, semantics = "exactly-once" }
expect(zero.info.failed, "acks=0: the producer was never told about a failure"):eq(0)
expect(zero.info.sent - zero.report.readable, "acks=0: records sent but not in the log"):gt(0)
narrate("%s", describe("topics"))
