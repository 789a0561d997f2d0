-- Teaches: max.poll.interval.ms bounds the time between two poll() calls. If one poll's worth of
-- work (max.poll.records x processing time per record) takes longer, the heartbeat thread
-- declares the poll timeout, the member sends LeaveGroup and loses its partitions, rejoins on
-- its next poll, and the group rebalances again and again: a rebalance storm. The fix is to make
-- one poll's work fit: fewer records per poll (or faster processing, or a larger interval).
-- Kafka: AbstractCoordinator.HeartbeatThread (maybeLeaveGroup on poll timeout),
-- ConsumerCoordinator.onJoinPrepare / onPartitionsLost.
scenario {
  title = "05b: a rebalance storm and its fix",
  summary = "A backlog meets a consumer that takes 15 s per poll with max.poll.interval.ms = " ..
            "10 s: members are kicked out, rejoin, and the group never settles. Cutting " ..
            "max.poll.records to 50 (1.5 s per poll) fixes it.",
  seed = 7,
  learn = {
    "Time per poll = max.poll.records x processing time per record (+ per-poll work)",
    "Above max.poll.interval.ms the member leaves the group: 'consumer poll timeout has expired.'",
    "Each leave and rejoin is a rebalance; work done since the last commit is redone",
    "Fix: fewer records per poll (max.poll.records), faster processing, or a larger interval",
  },
  watch_for = { "consumer.leave ... due to consumer poll timeout has expired.",
                "group.rebalance lines for 'slow' every few seconds, none for 'fixed'" },
}

local interval_ms = 10000
local per_record_ms = 30

local c = cluster { brokers = 3 }
c:topic("orders", { partitions = 4, replication_factor = 3 })

chapter "1. A backlog builds up while nobody reads"
local backfill = c:producer("backfill", { acks = "all" })
backfill:produce_every("2ms", { topic = "orders", key = "order", key_count = 200 })   -- 500/s
run_for("20s")
backfill:stop()
local live = c:producer("shop", { acks = "all" })
live:produce_every("20ms", { topic = "orders", key = "order", key_count = 200 })      -- 50/s
run_for("2s")
local backlog = 0
for p = 0, 3 do backlog = backlog + c:partition("orders", p).high_watermark end
step(("%d records wait in orders-0..3; from now on the shop writes 50 a second."):format(backlog))
expect(backlog, "a backlog of thousands of records"):gt(5000)

local function settings(group, max_records)
  return { ["group.id"] = group, ["auto.offset.reset"] = "earliest", topics = { "orders" },
           ["partition.assignment.strategy"] = "range",
           ["max.poll.interval.ms"] = interval_ms, ["max.poll.records"] = max_records,
           processing = per_record_ms .. "ms" }
end

-- Listeners, from the trace: rebalances, poll-timeout leaves and lost partitions per group.
local rebalances, leaves, lost = { slow = 0, fixed = 0 }, { slow = 0, fixed = 0 },
                                 { slow = 0, fixed = 0 }
local first_leave
for _, g in ipairs({ "slow", "fixed" }) do
  on("group.rebalance", { group = g }, function() rebalances[g] = rebalances[g] + 1 end)
  on("consumer.leave", { group = g }, function(ev)
    if ev.kafka_log:find("consumer poll timeout has expired.", 1, true) then
      leaves[g] = leaves[g] + 1
      first_leave = first_leave or ev
    end
  end)
  on("consumer.lost", { group = g }, function() lost[g] = lost[g] + 1 end)
end

chapter "2. The cause: 500 records x 30 ms = 15 s per poll, max.poll.interval.ms = 10 s"
step(("Group 'slow': max.poll.records = 500, %d ms per record -> up to %.1f s of work per " ..
      "poll, but max.poll.interval.ms = %d ms. Group 'fixed': same code, max.poll.records = 50 " ..
      "-> %.1f s per poll."):format(per_record_ms, 500 * per_record_ms / 1000, interval_ms,
                                    50 * per_record_ms / 1000))
local t0 = now()
local slow = { c:consumer("slow-1", settings("slow", 500)), c:consumer("slow-2", settings("slow", 500)) }
local fixed = { c:consumer("fixed-1", settings("fixed", 50)), c:consumer("fixed-2", settings("fixed", 50)) }
wait_for("group.stable", { group = "slow" }, { timeout = "30s" })
wait_for("group.stable", { group = "fixed" }, { timeout = "30s" })
local initial = { slow = rebalances.slow, fixed = rebalances.fixed }
step(("Both groups are Stable after their first rebalance (%d and %d group.rebalance line(s))."):
     format(initial.slow, initial.fixed))

chapter "3. The symptom: poll timeouts, LeaveGroup, rebalance after rebalance"
local leave = wait_for("consumer.leave", { group = "slow" }, { timeout = "60s" })
step(("%.1f s after the start, %s's heartbeat thread gives up on it:\n  %s")
     :format((leave.t - t0) / 1000, leave.consumer, leave.kafka_log))
expect(leave.kafka_log:find("consumer poll timeout has expired.", 1, true) ~= nil,
       "the member leaves because of the poll timeout"):is_true()
run_until(t0 + 180000)
step(("In 3 minutes: group 'slow' had %d rebalances, %d poll-timeout LeaveGroups and %d " ..
      "'Lost previously assigned partitions' lines; group 'fixed' had %d, %d and %d.")
     :format(rebalances.slow, leaves.slow, lost.slow, rebalances.fixed, leaves.fixed, lost.fixed))
step(describe("group", "slow", { state = true }) .. "\n" .. describe("group", "slow"))
expect(rebalances.slow, "slow: the group rebalances again and again"):ge(6)
expect(leaves.slow, "slow: members keep leaving on the poll timeout"):ge(4)
expect(lost.slow, "slow: every leave loses the member's partitions"):ge(4)

chapter "4. The fix: max.poll.records = 50 keeps every poll under 1.5 s"
expect(rebalances.fixed, "fixed: no rebalance after the initial one(s)"):eq(initial.fixed)
expect(leaves.fixed, "fixed: no poll timeout"):eq(0)
expect(lost.fixed, "fixed: no partition lost"):eq(0)
expect(c:group("fixed").state, "fixed: Stable"):eq("Stable")
local progress = { slow = 0, fixed = 0 }
for _, g in ipairs({ "slow", "fixed" }) do
  for p = 0, 3 do progress[g] = progress[g] + (c:group(g):committed("orders", p) or 0) end
end
step(("Committed progress after 3 minutes: 'slow' %d records, 'fixed' %d records.\n%s")
     :format(progress.slow, progress.fixed, describe("group", "fixed")))
expect(progress.fixed, "fixed commits more than the storming group"):gt(progress.slow)
note("The storming group redoes its work: auto-commit runs in the next poll(), and by then " ..
     "the member has already left the group, so its offsets never move.")
