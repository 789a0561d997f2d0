-- Test data (tests/unit/cli/cmd_test_test.cpp): an expect_delivery that fails on one anomaly.
-- The group joins after 20 records were written and starts at the end of the log
-- (auto.offset.reset=latest), so it never processes them: unseen, which at-least-once forbids.
scenario { title = "test: expect_delivery fails on unseen records", seed = 3 }
local c = cluster { brokers = 1 }
c:topic("t", { partitions = 1, replication_factor = 1 })
local p = c:producer("p", { acks = "all" })
p:produce_every("10ms", { topic = "t" }, 20)
run_for("2s")
c:consumer("late", { ["group.id"] = "g", topics = { "t" } })
run_for("5s")
expect_delivery { topic = "t", group = "g", semantics = "at-least-once" }
