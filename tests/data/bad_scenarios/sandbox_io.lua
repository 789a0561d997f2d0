local c = cluster { brokers = 1 }
io.open("/etc/passwd")
