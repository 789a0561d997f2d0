local c = cluster { brokers = 1 }
c:topic("t", { partitions = 1 })
run_for("1s")
wait_for("group.stable", { group = "nobody" }, { timeout = "5s" })
