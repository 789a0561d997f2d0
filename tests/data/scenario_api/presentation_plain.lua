-- presentation.lua without focus, views or break_on: the trace hash must be the same.
local session_ms = param("session.timeout.ms", 10000)
local label = param("label", "plain")
local c = cluster { brokers = 3 }
c:topic("tweets", { partitions = 1, replication_factor = 3 })
c:producer("feed", { acks = "all" }):produce_every("50ms", { topic = "tweets" })
local c1 = c:consumer("c1", { ["group.id"] = "group1", ["session.timeout.ms"] = session_ms,
                             topics = { "tweets" } })
local c2 = c:consumer("c2", { ["group.id"] = "group1", ["session.timeout.ms"] = session_ms,
                             topics = { "tweets" } })


run_for("5s")
step { text = "two members (" .. label .. ")",
 }
c1:crash()
step { text = "c1 crashed" }
note "a note keeps the focus"
run_for("30s")
step "no focus"
