local s = param("session.timeout.ms", 45000, { minimum = 6000 })
local c = cluster { brokers = 1 }
