-- Teaches: where the commit sits relative to processing decides the delivery guarantee.
-- Committing after processing (at-least-once) re-delivers what a crashed member had polled but
-- not committed; committing before processing (at-most-once) skips what it had polled but not
-- yet processed. Same topic, same crash, two groups.
-- Kafka: KafkaConsumer.poll/commitSync, ConsumerCoordinator (committed offset = next to read).
scenario {
  title = "05d: at-most-once vs at-least-once: the same crash, two commit strategies",
  summary = "Groups 'alo' (commit after processing) and 'amo' (commit before processing) read " ..
            "the same backlog; their active consumers crash mid-batch at the same instant; the " ..
            "idle member of each group takes over after the session timeout.",
  seed = 54,
  learn = {
    "The committed offset is where the next owner starts reading",
    "Commit after processing: a crash re-delivers the uncommitted batch (duplicates, no loss)",
    "Commit before processing: a crash skips the rest of the batch (no duplicates, loss)",
    "The size of the damage is at most max.poll.records per partition",
  },
  watch_for = { "consumer.seek_committed of each survivor vs the crashed member's last poll" },
}

local session_ms = param("session.timeout.ms", 10000)
local backlog = param("backlog", 3000)
local per_record_ms = 20

local c = cluster { brokers = 3, config = { ["group.initial.rebalance.delay.ms"] = 0 } }
c:topic("payments", { partitions = 1, replication_factor = 3 })
local feed = c:producer("checkout", { acks = "all" })

chapter "1. A backlog of payments"
feed:produce_every("1ms", { topic = "payments", key = "pay", key_count = 500 }, backlog)
wait_until(function() return feed:info().acked == backlog end,
           { timeout = "60s", description = "backlog acknowledged" })
step(("%d payments are in payments-0 (HW %d). Each group will process them at %d ms per " ..
      "record, 50 records per poll (max.poll.records): one poll is a second of work.")
     :format(backlog, c:partition("payments", 0).high_watermark, per_record_ms))

local function opts(group, commit)
  return {
    ["group.id"] = group,
    ["session.timeout.ms"] = session_ms,
    ["auto.offset.reset"] = "earliest",
    ["max.poll.records"] = 50,
    ["partition.assignment.strategy"] = "range",
    topics = { "payments" },
    processing = per_record_ms .. "ms",
    commit = commit,
  }
end
local members = {
  alo = { c:consumer("alo-1", opts("alo", "sync-after-processing")),
          c:consumer("alo-2", opts("alo", "sync-after-processing")) },
  amo = { c:consumer("amo-1", opts("amo", "sync-before-processing")),
          c:consumer("amo-2", opts("amo", "sync-before-processing")) },
}

-- the last poll and the last commit of every consumer
local last_poll, last_commit = {}, {}
on("consumer.poll", { topic = "payments" }, function(ev) last_poll[ev.consumer] = ev end)
on("consumer.commit", { topic = "payments" }, function(ev) last_commit[ev.consumer] = ev end)

chapter "2. Both groups settle: one member reads payments-0, the other is idle"
for _, g in ipairs({ "alo", "amo" }) do
  wait_until(function()
    local s = c:group(g)
    return s.state == "Stable" and #s.members == 2
  end, { timeout = "60s", description = g .. " Stable with 2 members" })
end
run_for("10.5s")
local active, idle = {}, {}
for _, g in ipairs({ "alo", "amo" }) do
  local owner = c:group(g):owner("payments", 0)
  active[g] = owner
  idle[g] = (owner == members[g][1]) and members[g][2] or members[g][1]
  step(("%s: %s owns payments-0 (committed offset %d), %s is idle.")
       :format(g, owner:info().name, c:group(g):committed("payments", 0), idle[g]:info().name))
end

chapter "3. Both active consumers crash at the same instant, in the middle of a batch"
local t_crash = now()
local at_crash = {}
for _, g in ipairs({ "alo", "amo" }) do
  local name = active[g]:info().name
  local poll = last_poll[name]
  local committed = c:group(g):committed("payments", 0)
  -- processing starts when poll() returns (alo) or when the commit before it returned (amo)
  local started = poll.t
  if g == "amo" and last_commit[name] and last_commit[name].t >= poll.t then
    started = last_commit[name].t
  end
  local size = poll.last_offset - poll.first_offset + 1
  local processed = math.min(size, math.floor((t_crash - started) / per_record_ms))
  at_crash[g] = { name = name, first = poll.first_offset, last = poll.last_offset, size = size,
                  processed = processed, committed = committed }
  active[g]:crash()
end
for _, g in ipairs({ "alo", "amo" }) do
  local a = at_crash[g]
  step(("%s: %s crashed. Its last poll() returned offsets %d..%d (%d records); at %d ms per " ..
        "record it had processed %d of them (up to offset %d). Committed offset: %d.")
       :format(g, a.name, a.first, a.last, a.size, per_record_ms, a.processed,
               a.first + a.processed - 1, a.committed))
  check(a.processed > 0 and a.processed < a.size, g .. ": the crash lands in the middle of a batch")
end
expect(at_crash.alo.committed, "alo committed the START of the batch (after processing the previous one)")
  :eq(at_crash.alo.first)
expect(at_crash.amo.committed, "amo committed the END of the batch (before processing it)")
  :eq(at_crash.amo.last + 1)

chapter "4. After the session timeout the idle member takes over from the committed offset"
local seek = {}
for _, g in ipairs({ "alo", "amo" }) do
  seek[g] = wait_for("consumer.seek_committed", { group = g, topic = "payments" },
                     { timeout = session_ms + 30000 })
  step(("%s: %s took over %.1f s after the crash:\n  %s")
       :format(g, seek[g].consumer, (seek[g].t - t_crash) / 1000, seek[g].kafka_log))
  expect(seek[g].consumer, g .. ": the idle member takes over"):eq(idle[g]:info().name)
end
run_for("5s")
local first_after = {}
for _, g in ipairs({ "alo", "amo" }) do
  first_after[g] = idle[g]:consumed("payments", 0)[1]
  expect(first_after[g], g .. ": survivor's first offset = committed offset"):eq(at_crash[g].committed)
end

chapter "5. Drain and count"
wait_until(function()
  return idle.alo:position("payments", 0) == backlog and idle.amo:position("payments", 0) == backlog
end, { timeout = "5m", description = "both survivors reached the end of the log" })
run_for("5s")

-- at-least-once: the survivor starts at the start of the crashed batch
local a = at_crash.alo
local redelivered = a.last - first_after.alo + 1
local r_alo = expect_delivery { group = "alo", topic = "payments", lost = 0, unseen = 0,
                                duplicates = redelivered }
expect(r_alo.duplicates, "alo re-delivers records"):gt(0)
narrate("alo (commit after processing): the survivor re-read %d..%d. Offsets %d..%d (%d records) " ..
        "had already been processed by %s: they are processed TWICE. Offsets %d..%d were polled " ..
        "twice but processed once. Nothing is lost: %d unique, %d deliveries, %d duplicates.",
        first_after.alo, a.last, a.first, a.first + a.processed - 1, a.processed, a.name,
        a.first + a.processed, a.last, r_alo.unique_delivered, r_alo.delivered, r_alo.duplicates)

-- at-most-once: the survivor starts after the crashed batch
local m = at_crash.amo
local skipped = first_after.amo - (m.first + m.processed)
local crashed_polled = members.amo[1] == active.amo and members.amo[1]:consumed("payments", 0)
                       or members.amo[2]:consumed("payments", 0)
local survivor_saw = {}
for _, o in ipairs(idle.amo:consumed("payments", 0)) do survivor_saw[o] = true end
local never_again = 0
for _, o in ipairs(crashed_polled) do
  if o >= m.first + m.processed and not survivor_saw[o] then never_again = never_again + 1 end
end
local r_amo = expect_delivery { group = "amo", topic = "payments", lost = 0, unseen = 0,
                                duplicates = 0 }
expect(skipped, "amo skips the polled-but-unprocessed records"):gt(0)
expect(never_again, "those records are never polled again by the survivor"):eq(skipped)
narrate("amo (commit before processing): the survivor started at %d, right after the crashed " ..
        "batch. Offsets %d..%d (%d records) were returned by poll() to %s but never processed, " ..
        "and nobody will ever read them again in this group: LOST for the application, though " ..
        "delivery() counts them as delivered (unseen = %d) because poll() did return them. " ..
        "No duplicates: %d.", first_after.amo, m.first + m.processed, m.last, skipped, m.name,
        r_amo.unseen, r_amo.duplicates)
-- The delivery checker's verdicts (docs/delivery-checker.md) count PROCESSED records: alo
-- keeps at-least-once (its duplicates, the records processed twice, are allowed) but is not
-- exactly-once; amo processed no record twice and lost the records polled but never processed
-- (unseen, allowed by at-most-once).
expect_delivery { group = "alo", topic = "payments", semantics = "at-least-once" }
expect_delivery { group = "amo", topic = "payments", semantics = "at-most-once" }
local eos = anomalies { group = "alo", topic = "payments", semantics = "exactly-once" }
expect(eos.ok, "alo is not exactly-once: " .. table.concat(eos.failing, ", ")):is_false()
expect(eos.counts["duplicate"], "the checker's duplicates are alo's records processed twice")
  :eq(a.processed)
local amo_check = anomalies { group = "amo", topic = "payments", semantics = "exactly-once" }
expect(amo_check.counts["unseen"], "the checker's unseen are amo's polled-but-unprocessed records")
  :eq(skipped)
expect(amo_check.counts["duplicate"], "amo processed no record twice"):eq(0)
narrate("The checker, on processed records: alo %d duplicate(s), amo %d unseen.",
        eos.counts["duplicate"], amo_check.counts["unseen"])
narrate("Same crash, same topic: alo processed %d records twice, amo never processed %d records. " ..
        "Both are bounded by one poll (max.poll.records = 50).", a.processed, skipped)
