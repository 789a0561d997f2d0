local c = cluster { brokers = 2 }
c:topic("t", { partitions = 1 )
