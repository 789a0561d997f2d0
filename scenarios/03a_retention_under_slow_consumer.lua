-- Teaches: retention deletes whole segments by age whether or not anyone has read them. A
-- consumer slower than the producer falls behind the log start offset; its next fetch gets
-- OFFSET_OUT_OF_RANGE and it resets by auto.offset.reset: "earliest" jumps to the new log start
-- (skipping what retention deleted), "latest" jumps to the end (skipping everything in between).
-- A consumer that stays slower than the producer falls off again and again.
-- Kafka: UnifiedLog.deleteOldSegments (retention.ms, whole segments, log start offset),
-- the fetcher's OFFSET_OUT_OF_RANGE handling and SubscriptionState's reset strategy.
scenario {
  title = "03a: retention under a slow consumer",
  summary = "Segments of 1 KiB and retention.ms = 20 s; two slow groups fall off the log start: " ..
            "one resets to earliest, the other to latest, and each skips records it never saw.",
  seed = 33,
  learn = {
    "Retention deletes whole segments older than retention.ms, read or not",
    "A consumer behind the log start gets OFFSET_OUT_OF_RANGE on its next fetch",
    "auto.offset.reset=earliest resumes at the new log start; latest at the end of the log",
    "Either way the records in between are never delivered to that group",
    "A consumer that stays slower than the producer keeps falling off: earliest is no cure",
  },
  watch_for = { "consumer.out_of_range then consumer.reset_offset, and log_start_offset jumps" },
}

local retention_ms = param("retention.ms", 20000)

local c = cluster { brokers = 1, config = { ["log.retention.check.interval.ms"] = 1000 } }
c:topic("clicks", { partitions = 1, replication_factor = 1,
                    ["segment.bytes"] = 1024, ["retention.ms"] = retention_ms })
local feed = c:producer("clicks-feed", { acks = "all" })
feed:produce_every("50ms", { topic = "clicks", value_bytes = 100 })  -- 20 records a second

-- Both groups process one record every 200 ms (5 a second) and fetch at most ~2 batches at a
-- time, so they fall behind by about 15 records a second.
local function slow(group, reset)
  return { ["group.id"] = group, ["auto.offset.reset"] = reset,
           ["max.partition.fetch.bytes"] = 256, ["max.poll.records"] = 5,
           topics = { "clicks" }, processing = "200ms" }
end
local early = c:consumer("early", slow("reset-earliest", "earliest"))
local late = c:consumer("late", slow("reset-latest", "latest"))

-- Every out-of-range fetch of each consumer and the reset that follows it. The first pair is
-- kept for the narration; all of them are tallied.
local seen = { early = { resets = 0, skipped = 0 }, late = { resets = 0, skipped = 0 } }
for name, s in pairs(seen) do
  -- The first reset is the initial position (no committed offset yet): "latest" starts at the
  -- end of the log, so that group never sees the records written before it joined.
  once("consumer.reset_offset", { consumer = name }, function(r) s.initial = r.offset end)
  on("consumer.out_of_range", { consumer = name }, function(ev)
    s.out_of_range = s.out_of_range or ev
    once("consumer.reset_offset", { consumer = name }, function(r)
      s.reset = s.reset or r
      s.resets = s.resets + 1
      s.skipped = s.skipped + (r.offset - ev.offset)
    end)
  end)
end

chapter "1. Retention moves the log start offset"
wait_until(function() return (c:partition("clicks", 0).log_start_offset or 0) > 0 end,
           { timeout = "60s", description = "retention deleted a segment" })
local p = c:partition("clicks", 0)
step(("At %.1f s retention deleted the oldest segments: the log now starts at offset %d " ..
      "(end %d)."):format(now() / 1000, p.log_start_offset, p.high_watermark))
expect(now() / 1000, "no segment goes before retention.ms has passed"):gt(retention_ms / 1000)
step(describe("topics", "clicks"))

chapter "2. The slow consumers fall off the log start"
wait_until(function() return seen.early.reset ~= nil and seen.late.reset ~= nil end,
           { timeout = "180s", description = "both consumers hit OFFSET_OUT_OF_RANGE and reset" })
local function report(name, s)
  local skipped = s.reset.offset - s.out_of_range.offset
  step(("%s (auto.offset.reset=%s): fetch at offset %d is below the log start %d -> " ..
        "OFFSET_OUT_OF_RANGE; reset to %d, skipping %d records.\n  %s"):format(
       name, s.reset.policy, s.out_of_range.offset, s.out_of_range.log_start_offset,
       s.reset.offset, skipped, s.reset.kafka_log))
  return skipped
end
local skipped_early = report("early", seen.early)
local skipped_late = report("late", seen.late)
expect(seen.early.out_of_range.offset < seen.early.out_of_range.log_start_offset,
       "early's position was below the log start when it fetched"):is_true()
expect(seen.early.reset.policy, "early resets by its policy"):eq("earliest")
expect(seen.early.reset.offset, "earliest resumes at (or just after) the new log start")
  :ge(seen.early.out_of_range.log_start_offset)
expect(seen.late.reset.policy, "late resets by its policy"):eq("latest")
expect(seen.late.reset.offset, "latest jumps past the log start, to the end of the log")
  :gt(seen.late.out_of_range.log_start_offset)
expect(skipped_late, "latest skips more than earliest (the whole backlog)"):gt(skipped_early)

chapter "3. What each group missed"
run_until("60s")
feed:stop()
step("The feed stops at 60 s. Retention keeps deleting segments as they pass retention.ms.")
run_until("120s")
local e = delivery("reset-earliest", "clicks")
local l = delivery("reset-latest", "clicks")
local missed_early, missed_late = e.acked - e.unique_delivered, l.acked - l.unique_delivered
for name, s in pairs(seen) do
  note(("%s: %d resets, %d records skipped in total"):format(name, s.resets, s.skipped))
end
step(("Acknowledged %d records. reset-earliest never received %d of them (%d resets), " ..
      "reset-latest %d (%d resets, and it started at offset %d). The broker did what it was " ..
      "configured to do: retention deleted them."):format(e.acked, missed_early,
      seen.early.resets, missed_late, seen.late.resets, seen.late.initial))
expect(seen.early.resets, "earliest keeps a slow consumer at the log start: it falls off again")
  :gt(1)
expect(missed_early, "the earliest group missed records: the ones retention deleted first"):gt(0)
expect(missed_late, "the latest group missed records too"):gt(0)
expect(missed_early, "earliest misses exactly what its resets skipped")
  :eq(seen.early.initial + seen.early.skipped)
expect(missed_late, "latest misses its start position plus what its resets skipped")
  :eq(seen.late.initial + seen.late.skipped)
narrate("%s\n%s", describe("group", "reset-earliest"), describe("group", "reset-latest"))
