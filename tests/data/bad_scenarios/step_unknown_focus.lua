local c = cluster { brokers = 1 }
c:topic("t", { partitions = 1 })
step { text = "hello", focus = { "broker-0", "nobody" } }
