-- Teaches: the life of a broker that goes away and comes back. While it is gone its partitions
-- are under-replicated and its leaderships have moved; when it returns it registers again, is
-- unfenced, becomes a follower everywhere, truncates and catches up, and rejoins each ISR;
-- the automatic leader rebalance then hands its preferred leaderships back. A controlled
-- shutdown moves leaders first, so clients barely notice. Kafka: BrokerLifecycleManager,
-- ReplicationControlManager (fencing, controlled shutdown), Partition.maybeExpandIsr,
-- auto.leader.rebalance.enable (preferred replica election).
scenario {
  title = "broker restart: under-replicated, catch-up, ISR expand, preferred leader back",
  summary = "broker-1 crashes (losing its unflushed records) and restarts; it catches up, " ..
            "rejoins every ISR and gets its preferred leaderships back; then broker-2 is " ..
            "shut down cleanly and restarted.",
  seed = 44,
  learn = {
    "A crashed broker is noticed after broker.session.timeout.ms; its leaderships move",
    "kafka-topics.sh --under-replicated-partitions lists what it is missing",
    "A restarted broker truncates, catches up and rejoins the ISR (isr expand)",
    "auto.leader.rebalance.enable gives preferred leaders their partitions back",
    "A controlled shutdown moves leaders before the broker stops",
  },
  watch_for = { "broker.fenced / broker.unfenced", "isr expand", "preferred leader election" },
}

local c = cluster { brokers = 3, config = { ["leader.imbalance.check.interval.seconds"] = 30 } }
local orders = c:topic("orders", { partitions = 6, replication_factor = 3,
                                   ["min.insync.replicas"] = 2, ["flush.messages"] = 100 })
local app = c:producer("orders-app", { acks = "all" })
app:produce_every("10ms", { topic = "orders", key = "customer", key_count = 20 })

local function leaders_of(broker)
  local n = 0
  for p = 0, 5 do if c:partition("orders", p).leader == broker then n = n + 1 end end
  return n
end
local function preferred_everywhere()
  for p = 0, 5 do
    local part = c:partition("orders", p)
    if part.leader ~= part.replicas[1] then return false end
  end
  return true
end
local function all_in_sync()
  for p = 0, 5 do if #c:partition("orders", p).isr ~= 3 then return false end end
  return true
end

chapter "1. Six partitions, every broker leads two"
run_for("10s")
expect(leaders_of(1), "broker-1 leads its two preferred partitions"):eq(2)
step(describe("topics", "orders"))

chapter "2. broker-1 crashes, losing the records it had not flushed"
local unflushed = 0
on("replica.truncate", { broker = 1, reason = "crash: unflushed" },
   function(ev) unflushed = unflushed + ev.from - ev.to end)
local t_crash = now()
c:broker(1):crash { lose_unflushed = true }
local fenced = wait_for("broker.fenced", { broker = 1 }, { timeout = "30s" })
expect(fenced.t - t_crash, "fenced within broker.session.timeout.ms (9 s) of its last heartbeat")
  :between(9000 - 2000, 9000 + 250)
run_for("1s")
expect(leaders_of(1), "its leaderships moved to the followers"):eq(0)
expect(unflushed, "records above the last flush (flush.messages = 100) were lost"):gt(0)
step(("The crash lost %d records broker-1 had not flushed; the other replicas have them."):format(
     unflushed))
step(("broker-1 is fenced %.2f s after the crash; its partitions are led elsewhere and every " ..
      "partition is under-replicated:\n%s\nAt min ISR (2 of 3, still writable):\n%s"):format(
      (fenced.t - t_crash) / 1000, describe("topics", nil, { under_replicated = true }),
      describe("topics", nil, { at_min_isr = true })))
expect(describe("topics", nil, { unavailable = true }), "no partition is unavailable"):eq("")
run_for("20s")

chapter "3. broker-1 restarts, catches up and rejoins every ISR"
local expands = 0
on("partition.change", { topic = "orders", reason = "isr expand" },
   function() expands = expands + 1 end)
local t_restart = now()
c:broker(1):restart()
local unfenced = wait_for("broker.unfenced", { broker = 1 }, { timeout = "30s" })
wait_until(all_in_sync, { timeout = "60s", description = "broker-1 back in every ISR" })
run_for("1s")
expect(expands, "one isr expand per partition"):eq(6)
step(("broker-1 is unfenced %.1f ms after its restart and is back in all six ISRs %.1f ms " ..
      "later. It is still leader of nothing:\n%s"):format(
      unfenced.t - t_restart, now() - 1000 - unfenced.t, describe("topics")))
expect(leaders_of(1), "no leadership comes back by itself"):eq(0)

chapter "4. The leader rebalance gives broker-1 its preferred partitions back"
local moved = wait_for("partition.change",
                       { topic = "orders", reason = "preferred leader election" },
                       { timeout = "60s" })
run_for("1s")
expect(preferred_everywhere(), "every partition is led by its preferred replica again"):is_true()
step(("At %s the periodic check (leader.imbalance.check.interval.seconds = 30) finds broker-1 " ..
      "leading 0 of its 2 preferred partitions (100%% > leader.imbalance.per.broker.percentage" ..
      " = 10%%) and elects it.\n%s"):format(format_time(moved.t), describe("topics")))

chapter "5. A controlled shutdown of broker-2 moves its leaders first"
local t_stop = now()
c:broker(2):shutdown()
local stopped = wait_for("broker.shutdown", { broker = 2 }, { timeout = "10s" })
expect(stopped.t - t_stop, "leaders move and the broker stops within a second"):lt(1000)
expect(leaders_of(2), "broker-2 leads nothing"):eq(0)
step(("broker-2 asked to shut down; the controller moved its leaderships away at once (no " ..
      "9 s session timeout), then it stopped.\n%s"):format(describe("topics")))
run_for("10s")
c:broker(2):restart()
wait_until(all_in_sync, { timeout = "60s", description = "broker-2 back in every ISR" })
wait_until(preferred_everywhere, { timeout = "60s", description = "preferred leaders again" })
app:stop()
run_for("5s")
local report = delivery("nobody", "orders")
expect(report.lost_writes, "acks=all, min.insync.replicas=2: no acknowledged write lost"):eq(0)
expect(app:info().acked, "the producer kept writing through it all"):gt(5000)
narrate("%s\nacknowledged %d records, lost %d", describe("topics"), app:info().acked,
        report.lost_writes)
