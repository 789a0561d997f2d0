local c = cluster { brokers = 2 }
c:topic("t", { partitions = 3, replication_factor = 3 })
