-- Teaches: only one member of a consumer group reads a partition; a consumer that crashes
-- (no LeaveGroup) is noticed only after session.timeout.ms; another member then resumes from
-- the group's last committed offset, so the records after it are delivered again; a consumer
-- in another group is never disturbed. Kafka: the classic group coordinator, auto-commit.
scenario {
  title = "tweets: partition takeover after a consumer crash",
  summary = "Three consumers share one partition; the active one crashes; after the session " ..
            "timeout another takes over from the last committed offset.",
  seed = 7,
  learn = {
    "Only one member of a group reads a partition; the others sit idle",
    "A crashed consumer is noticed only after session.timeout.ms",
    "The new owner resumes from the last committed offset: records after it are re-delivered",
    "Groups are independent: the console consumer is never disturbed",
  },
  watch_for = { "group1's LAG growing while the console consumer keeps up" },
}

-- Kafka's defaults; the range is the brokers' group.min/max.session.timeout.ms.
local session_ms = param("session.timeout.ms", 45000, { min = 6000, max = 1800000,
  doc = "How long the coordinator waits without a heartbeat before it removes a member" })
local heartbeat_ms = param("heartbeat.interval.ms", 3000, { min = 1,
  doc = "How often a consumer heartbeats; must stay below session.timeout.ms" })

local c = cluster { brokers = 2 }
c:topic("tweets", { partitions = 1, replication_factor = 2 })
local feed = c:producer("tweets-feed", { acks = "all" })
feed:produce_every("100ms", { topic = "tweets" })  -- ten tweets a second

local group1 = {
  ["group.id"] = "group1",
  ["session.timeout.ms"] = session_ms,
  ["heartbeat.interval.ms"] = heartbeat_ms,
  ["auto.offset.reset"] = "earliest",
  topics = { "tweets" },
}
local members = { c:consumer("Consumer0", group1) }
local console, console_group = c:console_consumer { topic = "tweets", from_beginning = true }
local console_rebalances = 0
on("group.rebalance", { group = console_group }, function() console_rebalances = console_rebalances + 1 end)

chapter "1. Consumer0 joins group1 and reads tweets-0"
local first = wait_for("group.stable", { group = "group1" }, { timeout = "30s" })
step(("group1 is Stable in generation %d after the initial rebalance delay " ..
      "(group.initial.rebalance.delay.ms = 3000)."):format(first.generation))
run_for("5s")
expect(members[1]:info().consumed, "Consumer0 reads the partition"):gt(0)

chapter "2. Two more consumers join group1"
members[2] = c:consumer("Consumer1", group1)
members[3] = c:consumer("Consumer2", group1)
local second = wait_for("group.stable", { group = "group1", generation = first.generation + 1 },
                        { timeout = "30s" })
local owner = c:group("group1"):owner("tweets", 0)
expect(owner and owner.name, "after the join, tweets-0 still has one owner"):eq("Consumer0")
local idle = 0
for _, m in ipairs(c:group("group1").members) do  -- the coordinator's view of generation 2
  if #m.assignment == 0 then idle = idle + 1 end
end
expect(idle, "the other two members own nothing (rows of '-')"):eq(2)
step { text = "One partition, three members: only " .. owner.name .. " reads tweets-0.\n" ..
              describe("group", "group1"), pause = true,
       focus = { owner, "group1" }, views = { "groups" } }
checkpoint "stable"  -- ksim-gui --at checkpoint:stable opens here

run_for("20s")  -- the owner keeps reading; auto-commit stores its position every 5 s

chapter "3. Switch the active consumer off (a crash: no LeaveGroup)"
local committed = c:group("group1"):committed("tweets", 0)
local position = owner:position("tweets", 0)
local t_off = now()
owner:crash()
step { text = ("%s crashed at offset %d; the last commit was %d. The coordinator does not " ..
               "know yet."):format(owner.name, position, committed), pause = true,
       focus = { owner }, views = { "timeline", "log:tweets-0" } }
checkpoint "after-crash"
-- The GUI plays the wait at top speed while the group is still Stable, and pauses when the
-- coordinator gives up on the owner (the CLI: only with --break). Presentation only.
fast_forward_until(function() return c:group("group1").state ~= "Stable" end,
                   "the coordinator waits for session.timeout.ms")
break_on("member.removed", { group = "group1" })
expect(position > committed, "the crashed owner had read past its last commit"):is_true()

run_for(session_ms / 2)
local g = c:group("group1")
expect(g.state, "half-way through the session timeout, nothing has happened"):eq("Stable")
expect(g.generation_id, "still the same generation"):eq(second.generation)
step(("Half the session timeout later the group is still %s in generation %d; " ..
      "group1's lag grows."):format(g.state, g.generation_id))

chapter "4. The session times out and the group rebalances"
local removed = wait_for("member.removed", { group = "group1" }, { timeout = "120s" })
local waited = removed.t - t_off
step(("After %.1f s without heartbeats the coordinator removes %s:\n  %s"):format(
     waited / 1000, owner.name, removed.kafka_log))
expect(waited, "removal comes within one heartbeat of session.timeout.ms after the crash")
  :between(session_ms - heartbeat_ms, session_ms)
local third = wait_for("group.stable", { group = "group1", generation = second.generation + 1 },
                       { timeout = "30s" })
expect(third.t - removed.t, "the survivors rebalance within one heartbeat interval")
  :le(heartbeat_ms + 1000)

chapter "5. The new owner resumes from the last committed offset"
local heir = c:group("group1"):owner("tweets", 0)
expect(heir ~= nil and heir.name ~= owner.name, "another member of group1 owns tweets-0"):is_true()
local seek = wait_for("consumer.seek_committed", { group = "group1", topic = "tweets" },
                      { timeout = "10s" })
expect(seek.offset, "the new owner starts at the last committed offset"):eq(committed)
step { text = ("%s resumes at offset %d (the last commit), so offsets %d..%d are delivered " ..
               "again.\n%s"):format(heir.name, seek.offset, committed, position - 1,
                                     describe("group", "group1")), pause = true,
       focus = { heir, "group1" }, views = { "log:tweets-0" } }
ask { question = "Why does " .. heir.name .. " read some tweets a second time?",
      choices = { "A bug in the consumer",
                  "Offsets are committed every 5 s (auto-commit), not after each record",
                  "The console consumer re-sent them" },
      answer = 2,
      explain = ("The last commit was offset %d but %s had read up to %d: the new owner " ..
                 "starts at the commit."):format(committed, owner.name, position - 1) }

chapter "6. Catch up and check delivery"
run_for("20s")
feed:stop()
run_for("15s")  -- let every consumer drain the partition
expect_delivery { group = "group1", topic = "tweets", lost = 0, unseen = 0,
                  duplicates = position - committed }
expect_delivery { group = console_group, topic = "tweets", lost = 0, unseen = 0, duplicates = 0 }
-- The checker's verdicts: group1 is at-least-once (the re-read tweets are its duplicates), the
-- console consumer exactly-once (docs/delivery-checker.md).
expect_delivery { group = "group1", topic = "tweets", semantics = "at-least-once" }
expect_delivery { group = console_group, topic = "tweets", semantics = "exactly-once" }
expect(console_rebalances, "the console consumer's group never rebalanced after its first join")
  :eq(1)
expect(c:group(console_group).generation_id, "the console group stays in generation 1"):eq(1)
narrate("%s\n%s", describe("group", "group1"), describe("group", console_group))
