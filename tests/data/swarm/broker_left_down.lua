-- A broker the scenario crashes before swarm{} is not the swarm's to restart: the liveness
-- phase must report the partitions whose ISR stays short.
local c = cluster { brokers = 3 }
c:topic("t", { partitions = 1, replication_factor = 3 })
run_for("2s")
c:broker(1):crash()
swarm { safety = "5s", liveness = "10s" }
