-- Teaches: acks=all only means "every replica in the ISR has it". When the ISR has shrunk to
-- the leader alone and min.insync.replicas=1, acks=all is as weak as acks=1: the leader dies,
-- an out-of-sync replica is elected (unclean election), and acknowledged writes vanish.
-- With min.insync.replicas=2 the same faults make producers get NOT_ENOUGH_REPLICAS instead,
-- and nothing acknowledged is lost. Kafka: Partition.appendRecordsToLeader,
-- PartitionChangeBuilder (unclean election), AbstractFetcherThread (truncation, KIP-101).
scenario {
  title = "unclean election loses acknowledged writes (min.insync.replicas=1 vs 2)",
  summary = "The followers of a partition are cut off; the ISR shrinks to the leader; the " ..
            "leader dies and a lagging follower is elected. min.insync.replicas decides " ..
            "whether acks=all writes were acknowledged in the meantime, and so lost.",
  seed = 41,
  learn = {
    "A follower that stops fetching leaves the ISR after replica.lag.time.max.ms",
    "acks=all with min.insync.replicas=1 is acknowledged by the leader alone",
    "An unclean election makes a lagging replica leader: the old leader truncates its log",
    "min.insync.replicas=2 turns the same situation into NOT_ENOUGH_REPLICAS, not data loss",
  },
  watch_for = { "the ISR column shrinking to one broker", "the replica.truncate event" },
}

local lag_ms = 10000
local alone_for = "40s"  -- longer than request.timeout.ms: parked acks=all requests time out
local c = cluster { brokers = 3, config = { ["replica.lag.time.max.ms"] = lag_ms } }

local function broker_names(ids)
  local out = {}
  for i, id in ipairs(ids) do out[i] = "broker-" .. id end
  return out
end

local function followers_of(p)
  local out = {}
  for _, id in ipairs(p.replicas) do
    if id ~= p.leader then out[#out + 1] = id end
  end
  return out
end

-- One run of the story on a fresh topic; returns what happened, for the comparison at the end.
local function run_case(topic, min_isr)
  c:topic(topic, { partitions = 1, replication_factor = 3, ["min.insync.replicas"] = min_isr,
                   ["unclean.leader.election.enable"] = true })
  local writer = c:producer("writer-" .. topic, { acks = "all" })
  local retries = {}
  on("producer.retry", { topic = topic },
     function(ev) retries[ev.error] = (retries[ev.error] or 0) + 1 end)
  writer:produce_every("50ms", { topic = topic })
  run_for("5s")
  local p = c:partition(topic, 0)
  expect(#p.isr, topic .. ": all three replicas are in sync"):eq(3)
  local leader, followers = p.leader, followers_of(p)
  step(("%s: leader broker-%d, ISR {%s}, min.insync.replicas=%d.\n%s"):format(
       topic, leader, table.concat(p.isr, ","), min_isr, describe("topics", topic)))

  network.partition(broker_names(followers), { "broker-" .. leader })
  local shrink = wait_for("partition.change", { topic = topic, reason = "isr shrink" },
                          { timeout = "30s" })
  step(("The followers cannot fetch; after replica.lag.time.max.ms the leader shrinks the " ..
        "ISR to {%s}.\n%s"):format(shrink.isr,
                                    describe("topics", nil, { under_replicated = true })))
  expect(shrink.isr, topic .. ": the ISR is the leader alone"):eq(tostring(leader))
  local acked_alone = writer:info().acked
  run_for(alone_for)
  acked_alone = writer:info().acked - acked_alone
  step(("For %s the leader alone answers acks=all: %d records acknowledged.\n%s"):format(
       alone_for, acked_alone, describe("topics", nil, { under_min_isr = true })))

  c:broker(leader):crash()
  local elected = wait_for("partition.change", { topic = topic }, { timeout = "30s" })
  step { text = ("broker-%d dies. No in-sync replica is left, so the controller elects " ..
                 "broker-%d: %s.\n%s"):format(leader, elected.leader, elected.reason,
                                             describe("topics", topic)),
         focus = { "broker-" .. elected.leader }, views = { "topics" } }
  network.heal()
  -- A second application starts writing now (fresh metadata: it finds the new leader at once);
  -- its records take the offsets the lost ones had.
  local late = c:producer("late-" .. topic, { acks = "all" })
  late:produce_every("20ms", { topic = topic })
  run_for("40s")
  c:broker(leader):restart()
  local cut = wait_for("replica.truncate", { topic = topic, broker = leader }, { timeout = "60s" })
  step { text = ("broker-%d comes back as a follower and truncates its log from %d to %d: " ..
                 "the records only it had are gone (%s)."):format(leader, cut.from, cut.to,
                                                                 cut.reason),
         focus = { "broker-" .. leader }, views = { "log:" .. topic .. "-0" } }
  wait_until(function() return #c:partition(topic, 0).isr == 3 end,
             { timeout = "60s", description = topic .. " back to three in-sync replicas" })
  writer:stop()
  late:stop()
  run_for("2s")
  return { acked_alone = acked_alone, not_enough = retries.NOT_ENOUGH_REPLICAS or 0,
           timed_out = retries.REQUEST_TIMED_OUT or 0, truncated = cut.from - cut.to,
           report = delivery("nobody", topic), elected = elected }
end

chapter "1. min.insync.replicas=1: the leader alone acknowledges acks=all writes"
local weak = run_case("ledger-weak", 1)
expect(weak.acked_alone, "with min ISR 1, writes were acknowledged by the leader alone"):gt(0)
expect(weak.elected.reason:find("unclean") ~= nil, "the election was unclean"):is_true()
expect(weak.truncated, "the old leader threw records away"):gt(0)
expect(weak.report.lost_writes, "acknowledged writes are lost"):gt(0)
step(("Lost: %d acknowledged records (e.g. %s).\n%s"):format(weak.report.lost_writes,
     weak.report.examples[1] or "-", describe("topics", "ledger-weak")))

chapter "2. min.insync.replicas=2: the same faults, no acknowledged write lost"
local strong = run_case("ledger-strong", 2)
expect(strong.acked_alone, "with min ISR 2, nothing is acknowledged while the ISR is one"):eq(0)
expect(strong.not_enough, "the producer was told NOT_ENOUGH_REPLICAS"):gt(0)
expect(strong.elected.reason:find("unclean") ~= nil, "the election was unclean here too"):is_true()
expect(strong.report.lost_writes, "no acknowledged write is lost"):eq(0)
step(("Retries after REQUEST_TIMED_OUT: %d, after NOT_ENOUGH_REPLICAS: %d; acknowledged " ..
      "records lost: %d. The old leader still truncated %d records, but none of them had " ..
      "been acknowledged."):format(strong.timed_out, strong.not_enough,
      strong.report.lost_writes, strong.truncated))
narrate("%s", describe("topics"))
