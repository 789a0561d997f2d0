local c = cluster { brokers = 1 }
c:topic("t", { partitions = 1 })
c:consumer("c1", { ["group.id"] = "g", topics = { "t" }, ["sesion.timeout.ms"] = 10000 })
