-- After delete_topic, brokers drop the topic's replicas and refuse writes with
-- UNKNOWN_TOPIC_OR_PARTITION: nothing more is acknowledged (regression: writes were acked).
local c = cluster { brokers = 2 }
c:topic("gone", { partitions = 2, replication_factor = 2 })
local p = c:producer("p", { acks = "all", ["delivery.timeout.ms"] = 10000, ["request.timeout.ms"] = 5000 })
p:produce_every("100ms", { topic = "gone" })
run_for("5s")
local before = p:metrics().acked
c:delete_topic("gone")
run_for("10s")
local m = p:metrics()
narrate("acked before %d, after delete %d, failed %d", before, m.acked, m.failed)
expect(m.acked - before, "nothing acked after the delete (a few in flight may land)"):le(2)
