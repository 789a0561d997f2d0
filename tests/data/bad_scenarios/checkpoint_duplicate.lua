local c = cluster { brokers = 1 }
checkpoint "start"
run_for("1s")
checkpoint "start"
