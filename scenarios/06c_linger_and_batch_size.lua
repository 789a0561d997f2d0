-- Teaches: linger.ms and batch.size trade latency for throughput. A longer linger fills bigger
-- batches (fewer requests) at the price of waiting; a bigger batch.size lets one in-flight
-- request carry more, which is what raises the ceiling when the producer is saturated.
-- Kafka: RecordAccumulator (ready when full or after linger.ms), Sender.
scenario {
  title = "producer batching: linger.ms and batch.size",
  summary = "Five producers, same records, different linger.ms/batch.size; a table of what " ..
            "each achieves.",
  seed = 5,
  learn = {
    "linger.ms adds up to its value to every record's latency and makes batches bigger",
    "bigger batches mean fewer requests for the same records",
    "with one request in flight and a slow network, batch.size caps the throughput",
  },
}

-- 2 ms one-way links: a request's round trip is about 4-5 ms.
local c = cluster { brokers = 3, network = { latency = "2ms", jitter = "100us" } }
local setups = {
  { name = "linger0",        linger = 0,  batch = 16384, every = "500us" },
  { name = "linger5",        linger = 5,  batch = 16384, every = "500us" },
  { name = "linger50",       linger = 50, batch = 16384, every = "500us" },
  -- saturated: 40,000 records/s of 240 bytes, one request in flight per broker
  { name = "saturated-16k",  linger = 5,  batch = 16384, every = "25us", inflight = 1 },
  { name = "saturated-128k", linger = 5,  batch = 131072, every = "25us", inflight = 1 },
}
local producers = {}
for i, s in ipairs(setups) do
  c:topic(s.name, { partitions = 1, replication_factor = 1 })
  producers[i] = c:producer(s.name, {
    acks = "1", ["linger.ms"] = s.linger, ["batch.size"] = s.batch,
    ["max.in.flight.requests.per.connection"] = s.inflight or 5 })
end
run_for("2s")  -- topics and metadata settle
for i, s in ipairs(setups) do
  producers[i]:produce_every(s.every, { topic = s.name, value_bytes = 200 })
end

chapter "1. Ten seconds of the same records"
run_for("10s")
local rows, m = {}, {}
for i, s in ipairs(setups) do
  m[i] = producers[i]:metrics()
  rows[#rows + 1] = string.format("%-15s %8d %10d %10.0f %9d %10.0f %9.2f %9.2f",
    s.name, s.linger, s.batch, m[i].record_send_rate, m[i].requests, m[i].batch_size_avg,
    m[i].request_latency_p50_ms + m[i].record_queue_time_avg_ms, m[i].request_latency_p99_ms)
end
step { text = "producer        linger.ms batch.size  records/s  requests  avg batch" ..
              "  latency-ms  p99-req-ms\n" .. table.concat(rows, "\n"), pause = true }

expect(m[2].batch_size_avg, "linger 5 ms makes bigger batches than linger 0"):gt(m[1].batch_size_avg)
expect(m[3].requests, "linger 50 ms needs fewer requests than linger 5 ms"):lt(m[2].requests)
expect(m[3].record_queue_time_avg_ms, "linger 50 ms makes records wait longer"):gt(
  m[1].record_queue_time_avg_ms + 10)
expect(m[5].record_send_rate, "saturated: a bigger batch.size raises the throughput"):gt(
  m[4].record_send_rate * 1.5)
expect(m[1].record_send_rate, "unsaturated producers keep up with the 2,000 records/s offered")
  :between(1900, 2100)
