local c = cluster { brokers = 1 }
step { text = "hello", views = "log:tweets" }
