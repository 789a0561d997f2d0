local c = cluster { brokers = 1 }
c:topic("t", { partitions = 1 })
c:producr("p", {})
