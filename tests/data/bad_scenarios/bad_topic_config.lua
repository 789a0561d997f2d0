local c = cluster { brokers = 1 }
c:topic("t", { partitions = 1, ["retention.ms"] = -5 })
