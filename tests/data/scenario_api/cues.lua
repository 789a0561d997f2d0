-- presentation_plain.lua plus every presentation cue: checkpoints, pause(), speed(),
-- fast_forward_until(), break_when(), ask{} and a param range. Used by presentation_api_test.cpp,
-- cmd_run_break_test.cpp and the GUI tests; the trace hash must equal presentation_plain.lua's.
local session_ms = param("session.timeout.ms", 10000,
                         { min = 6000, max = 30000, doc = "Consumer session timeout (ms)" })
local label = param("label", "plain")
local c = cluster { brokers = 3 }
c:topic("tweets", { partitions = 1, replication_factor = 3 })
c:producer("feed", { acks = "all" }):produce_every("50ms", { topic = "tweets" })
local c1 = c:consumer("c1", { ["group.id"] = "group1", ["session.timeout.ms"] = session_ms,
                             topics = { "tweets" } })
local c2 = c:consumer("c2", { ["group.id"] = "group1", ["session.timeout.ms"] = session_ms,
                             topics = { "tweets" } })
local function members() return #c:group("group1").members end
checkpoint "built"
speed(0.5)
fast_forward_until(function() return members() == 2 end, "until both members joined")
run_for("5s")
step { text = "two members (" .. label .. ")",
 }
pause()
c1:crash()
checkpoint "crashed"
break_when(function() return members() == 1 end, "group1 is down to one member")
step { text = "c1 crashed" }
ask { question = "When does the coordinator notice?",
      choices = { "at once", "after the session timeout" },
      answer = 2, explain = "No LeaveGroup was sent." }
run_for("30s")
step "no focus"
checkpoint "end"
