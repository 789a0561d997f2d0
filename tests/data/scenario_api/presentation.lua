-- step{ focus, views }, break_on and param(): presentation only. Used by
-- presentation_api_test.cpp and by the GUI determinism test (which runs it with the same seed
-- and compares the hash with a copy that has none of these calls: presentation_plain.lua).
local session_ms = param("session.timeout.ms", 10000)
local label = param("label", "plain")
local c = cluster { brokers = 3 }
c:topic("tweets", { partitions = 1, replication_factor = 3 })
c:producer("feed", { acks = "all" }):produce_every("50ms", { topic = "tweets" })
local c1 = c:consumer("c1", { ["group.id"] = "group1", ["session.timeout.ms"] = session_ms,
                             topics = { "tweets" } })
local c2 = c:consumer("c2", { ["group.id"] = "group1", ["session.timeout.ms"] = session_ms,
                             topics = { "tweets" } })
break_on("member.removed", { group = "group1" })
break_on("group.state", { group = "group1", to = "Stable" })
run_for("5s")
step { text = "two members (" .. label .. ")", focus = { c1, "group1", "broker-1" },
       views = { "groups", "log:tweets-0" } }
c1:crash()
step { text = "c1 crashed", focus = c1, views = "timeline" }
note "a note keeps the focus"
run_for("30s")
step "no focus"
