local c = cluster { brokers = 1 }
step { text = "hello", fokus = { "broker-0" } }
