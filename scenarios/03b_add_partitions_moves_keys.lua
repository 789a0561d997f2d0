-- Teaches: the default partitioner maps a key to murmur2(key) % partitions, so adding partitions
-- to a topic moves some keys to other partitions. The producer notices the new partition count
-- only at its next metadata refresh (metadata.max.age.ms). Afterwards a moved key has records in
-- two partitions, and Kafka orders records only within a partition: a reader can see a key's
-- newer records before its older ones. Kafka: BuiltInPartitioner.partitionForKey (Utils.murmur2),
-- CreatePartitions, kafka-topics.sh --alter --partitions (whose help warns about exactly this).
scenario {
  title = "03b: adding partitions moves keys",
  summary = "Keyed records go to murmur2(key) % 3; after growing the topic to 6 partitions " ..
            "some keys go elsewhere, and their per-key order across the change is lost.",
  seed = 31,
  learn = {
    "A key's partition is murmur2(key) % number of partitions: change the count, move keys",
    "The producer keeps the old count until its next metadata refresh (metadata.max.age.ms)",
    "Order is per partition: a moved key's old and new records are no longer ordered",
  },
  watch_for = { "producer.ack events on partitions 3..5 appearing only after the refresh" },
}

local keys = param("keys", 12)
local max_age_ms = param("metadata.max.age.ms", 10000)

local c = cluster { brokers = 3 }
c:topic("orders", { partitions = 3, replication_factor = 2 })
local checkout = c:producer("checkout", { acks = "all", ["metadata.max.age.ms"] = max_age_ms })
checkout:produce_every("50ms", { topic = "orders", key = "customer", key_count = keys,
                                 value_bytes = 40 })

-- Send id of a record: its value is "checkout-<id>" padded with dots.
local function send_id(value) return tonumber(value:match("^checkout%-(%d+)")) end

chapter "1. Twelve customers, three partitions"
run_for("35s")  -- the producer refreshed its metadata at 10, 20 and 30 s; the next is at 40 s
local before = {}
for _, r in ipairs(checkout:produced("orders")) do
  before[r.key] = before[r.key] or {}
  before[r.key][r.partition] = true
end
local consistent = true
for i = 0, keys - 1 do
  local k = "customer-" .. i
  for p in pairs(before[k] or {}) do consistent = consistent and p == partition_for_key(k, 3) end
end
expect(consistent, "every key went to murmur2(key) % 3, and only there"):is_true()
step(describe("topics", "orders"))

chapter "2. Grow the topic to six partitions"
local moved, stayed = {}, {}
for i = 0, keys - 1 do
  local k = "customer-" .. i
  local old, new = partition_for_key(k, 3), partition_for_key(k, 6)
  if old ~= new then moved[#moved + 1] = k else stayed[#stayed + 1] = k end
  note(("%s: partition %d -> %d%s"):format(k, old, new, old ~= new and "  (moves)" or ""))
end
expect(#moved, "some keys map to a different partition once there are 6"):gt(0)
expect(#stayed, "and some keys keep theirs (murmur2 % 6 < 3)"):gt(0)
local t_alter = now()
c:add_partitions("orders", 6)
expect(c:topic_info("orders").partitions, "the topic now has 6 partitions"):eq(6)
step { text = "kafka-topics.sh --alter --topic orders --partitions 6\n" ..
              describe("topics", "orders"), pause = true }

chapter "3. The producer notices at its next metadata refresh"
local function first_on_new_partition()
  for _, r in ipairs(checkout:produced("orders")) do
    if r.partition >= 3 then return r end
  end
end
wait_until(function() return first_on_new_partition() ~= nil end,
           { timeout = "60s", description = "a record on a new partition" })
local waited = now() - t_alter
step(("The first record on a new partition was acknowledged %.1f s after the alter: until " ..
      "its metadata refresh the producer still hashed over 3 partitions."):format(waited / 1000))
expect(waited, "the refresh comes within metadata.max.age.ms (plus a produce round trip)")
  :le(max_age_ms + 1000)
expect(waited, "but not at once: the producer kept using 3 partitions for a while"):gt(1000)
run_for("20s")
checkout:stop()
run_for("2s")

chapter "4. Where each key's records are now"
local spread = {}
for _, r in ipairs(checkout:produced("orders")) do
  spread[r.key] = spread[r.key] or {}
  spread[r.key][r.partition] = true
end
local function partitions_of(k)
  local out = {}
  for p in pairs(spread[k]) do out[#out + 1] = p end
  table.sort(out)
  return out
end
for _, k in ipairs(moved) do
  local ps = partitions_of(k)
  expect(table.concat(ps, ","), k .. " is in its old and its new partition")
    :eq(table.concat({ partition_for_key(k, 3), partition_for_key(k, 6) }, ","))
end
for _, k in ipairs(stayed) do
  expect(#partitions_of(k), k .. " stayed in one partition"):eq(1)
end
step(("Moved keys (%s) now have records in two partitions."):format(table.concat(moved, ", ")))

chapter "5. A reader sees moved keys out of order"
-- A new group reads everything from the beginning, a few records per partition per fetch:
-- the short new partitions are drained long before the old partitions' backlog.
local auditor = c:consumer("auditor", {
  ["group.id"] = "audit", ["auto.offset.reset"] = "earliest",
  ["max.partition.fetch.bytes"] = 512, topics = { "orders" } })
local acked = #checkout:produced("orders")
wait_until(function() return #auditor:consumed_records("orders") >= acked end,
           { timeout = "120s", description = "the auditor read every record" })
run_for("6s")  -- one more auto-commit, so the group's CURRENT-OFFSET catches up
local last_seen, inversions, example = {}, {}, nil
for _, r in ipairs(auditor:consumed_records("orders")) do
  local id = send_id(r.value)
  if last_seen[r.key] and id < last_seen[r.key] then
    inversions[r.key] = (inversions[r.key] or 0) + 1
    example = example or ("%s: send #%d read after send #%d"):format(r.key, id, last_seen[r.key])
  end
  last_seen[r.key] = math.max(last_seen[r.key] or -1, id)
end
for _, k in ipairs(moved) do
  expect((inversions[k] or 0) > 0, k .. " (moved) was read out of send order"):is_true()
end
for _, k in ipairs(stayed) do
  expect(inversions[k] or 0, k .. " (not moved) was read in send order"):eq(0)
end
step(("Example: %s. Per-key order holds only within one partition; a key that changed " ..
      "partition has no order across the change.\n%s"):format(example or "none",
      describe("group", "audit")))
