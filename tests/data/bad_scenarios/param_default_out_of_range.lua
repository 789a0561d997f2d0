local s = param("session.timeout.ms", 45000, { min = 6000, max = 30000 })
local c = cluster { brokers = 1 }
