local c = cluster { brokers = 1 }
speed(5000)
