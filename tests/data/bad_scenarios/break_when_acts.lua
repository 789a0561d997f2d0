local c = cluster { brokers = 1 }
c:topic("t", { partitions = 1, replication_factor = 1 })
break_when(function() c:broker(0):crash() return false end)
run_for("5s")
