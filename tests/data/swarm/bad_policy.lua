local c = cluster { brokers = 3 }
swarm { safety = "5s", faults = { broker_crsh = { every = "5s", lasts = "1s" } } }
