-- prelude.lua: the scenario API, in Lua, over the __ksim C functions (love2d's wrap_*.lua
-- pattern: sugar here, the C side minimal). Documented in docs/scenario-api.md.
local K = __ksim
__ksim = nil

local function fail(message, level) error(message, (level or 1) + 1) end
local function us(d) return K.duration_us(d) end

---------------------------------------------------------------------------------------------
-- Metadata and parameters
function scenario(meta) K.scenario(meta) end
-- param_defaults{ name = value }: defaults for later param() calls (--set still wins); a GUI
-- session saved with edited parameters starts with it.
local param_overrides = {}
function param_defaults(t) for k, v in pairs(t) do param_overrides[k] = v end end
-- param(name, default, { min =, max =, doc = }): the range is checked for the default, --set
-- and the GUI's panel; doc is the help text (panel tooltip, ksim run's header).
local param_option_keys = { min = true, max = true, doc = true }
function param(name, default, opts)
  if opts ~= nil then
    if type(opts) ~= "table" then
      fail("param(" .. tostring(name) .. "): options must be a table { min =, max =, doc = }", 2)
    end
    for k in pairs(opts) do
      if not param_option_keys[k] then
        fail("param(" .. tostring(name) .. "): unknown option '" .. tostring(k) ..
             "' (valid: min, max, doc)", 2)
      end
    end
  end
  local d = param_overrides[name]
  if d == nil then d = default end
  opts = opts or {}
  return K.param(name, d, opts.min, opts.max, opts.doc)
end
function seed() return K.seed() end
function now() return K.now() end
function format_time(ms) return K.format_time(ms) end  -- ms number or "5s"

---------------------------------------------------------------------------------------------
-- Nodes
local Broker, Producer, Consumer = {}, {}, {}
Broker.__index, Producer.__index, Consumer.__index = Broker, Producer, Consumer
local function cmd(kind, target, extra)
  local t = extra or {}
  t.kind, t.target = kind, target
  K.apply(t)
end

-- crash(): the process dies (kill -9) and its host resets its connections, so peers notice
-- within a round trip; crash{ host = true }: the whole host goes down, peers notice only by
-- their timeouts. (Broker:crash, with lose_unflushed, is defined with the replication faults.)
local function crash_opts(opts)
  if opts ~= nil and type(opts) ~= "table" then fail("crash(opts): opts must be a table", 3) end
  return { host = opts ~= nil and opts.host or nil,
           lose_unflushed = opts ~= nil and opts.lose_unflushed or nil }
end
function Broker:restart() cmd("broker.restart", self.name) end
function Broker:isolate() cmd("broker.isolate", self.name) end
function Broker:pause(d) cmd("node.pause", self.name, { duration = d }) end

-- send(record): fire-and-forget; send(record, fn): asynchronous, fn(metadata) runs when the
-- record completes; returns the record's id.
function Producer:send(record, callback)
  if callback == nil then return K.produce(self.name, record) end
  local id = K.produce(self.name, record, nil, nil, "notify")
  once("producer.record", { producer = self.name, id = id }, callback)
  return id
end
-- send_sync(record): the main code waits for the record's outcome (producer.send(r).get()).
function Producer:send_sync(record, opts)
  local id = K.produce(self.name, record, nil, nil, "notify")
  return wait_for("producer.record", { producer = self.name, id = id }, opts)
end
-- produce_every(interval, record [, count [, mode]]): mode "fire-and-forget" (default) or
-- "sync" (each send waits for its ack, then the interval).
function Producer:produce_every(interval, record, count, mode)
  K.produce(self.name, record, interval, count, mode)
end
function Producer:metrics() return K.producer_metrics(self.name) end
function Producer:stop() cmd("producer.stop", self.name) end
function Producer:crash(opts) cmd("producer.crash", self.name, crash_opts(opts)) end
function Producer:restart() cmd("producer.restart", self.name) end
function Producer:pause(d) cmd("node.pause", self.name, { duration = d }) end
function Producer:info() return K.producer_info(self.name) end

function Consumer:crash(opts) cmd("consumer.crash", self.name, crash_opts(opts)) end
function Consumer:close() cmd("consumer.close", self.name) end
function Consumer:restart() cmd("consumer.restart", self.name) end
function Consumer:stall_poll(d) cmd("consumer.stall_poll", self.name, { duration = d }) end
function Consumer:pause(d) cmd("node.pause", self.name, { duration = d }) end
function Consumer:info() return K.consumer_info(self.name) end
function Consumer:member_id() return K.consumer_info(self.name).member_id end
function Consumer:assignment() return K.consumer_info(self.name).assignment end
function Consumer:position(topic, p) return K.consumer_info(self.name).positions[topic .. "-" .. p] end
function Consumer:consumed(topic, p) return K.consumed(self.name, topic, p) end
function Consumer:group() return K.consumer_info(self.name).group end
Consumer.__tostring = function(c) return c.name end
Producer.__tostring = Consumer.__tostring
Broker.__tostring = Consumer.__tostring

local by_name = {}
local function remember(obj) by_name[obj.name] = obj; return obj end

-- node("broker-0") / node("c1"): any node by name.
function node(name)
  if by_name[name] then return by_name[name] end
  local kind = K.node_kind(name)
  if kind == "broker" then return remember(setmetatable({ name = name }, Broker)) end
  fail("no node named '" .. tostring(name) .. "'", 2)
end

---------------------------------------------------------------------------------------------
-- Groups and partitions (snapshots with helpers)
local Group = {}
Group.__index = Group
function Group:owner(topic, p)
  local tp = topic .. "-" .. p
  for _, m in ipairs(self.members) do
    for _, owned in ipairs(m.assignment) do
      if owned == tp then
        for _, obj in pairs(by_name) do
          if getmetatable(obj) == Consumer and K.consumer_info(obj.name).member_id == m.member_id then
            return obj
          end
        end
      end
    end
  end
  return nil
end
function Group:committed(topic, p) return self.committed_offsets[topic .. "-" .. p] end

local function group_snapshot(id)
  local g = K.group(id)
  g.committed_offsets = g.committed
  g.committed = nil
  return setmetatable(g, Group)
end

---------------------------------------------------------------------------------------------
-- The cluster
local Cluster = {}
Cluster.__index = Cluster
local topic_keys = { partitions = true, replication_factor = true, config = true }

function Cluster:topic(name, opts)
  opts = opts or {}
  local configs = {}
  for k, v in pairs(opts) do
    if k == "replication.factor" then opts.replication_factor = v
    elseif k:find("%.") then configs[k] = v
    elseif not topic_keys[k] then
      fail("unknown topic option '" .. k .. "' (expected partitions, replication_factor, " ..
           "config or a Kafka topic config such as retention.ms)", 2)
    end
  end
  for k, v in pairs(opts.config or {}) do configs[k] = v end
  K.topic(name, opts.partitions, opts.replication_factor, configs)
  return { name = name }
end
function Cluster:add_partitions(topic, total)
  K.add_partitions(type(topic) == "table" and topic.name or topic, total)
end
function Cluster:producer(name, opts)
  K.producer(name, opts or {})
  return remember(setmetatable({ name = name }, Producer))
end
function Cluster:consumer(name, opts)
  opts = opts or {}
  if opts.subscribe then opts.topics, opts.subscribe = opts.subscribe, nil end
  K.consumer(name, opts)
  return remember(setmetatable({ name = name }, Consumer))
end
function Cluster:console_consumer(opts)
  local name = opts.name or "console-consumer"
  local group = K.console_consumer(name, opts.topic, opts.from_beginning)
  local c = remember(setmetatable({ name = name }, Consumer))
  return c, group
end
function Cluster:group(id) return group_snapshot(id) end
function Cluster:partition(topic, p) return K.partition(type(topic) == "table" and topic.name or topic, p) end
function Cluster:broker(id) return node("broker-" .. id) end
function Cluster:node(name) return node(name) end

function cluster(spec)
  K.cluster(spec)
  return setmetatable({}, Cluster)
end

network = {}
local function names(list)
  local out = {}
  for i, x in ipairs(list) do out[i] = type(x) == "table" and x.name or x end
  return out
end
local function side(x) return type(x) == "table" and x.name == nil and names(x) or names({ x }) end
-- network.partition(a, b): cut both ways between two lists of nodes.
function network.partition(a, b) K.apply({ kind = "network.partition", side_a = names(a), side_b = names(b) }) end
-- network.heal(): every link back to the cluster's default (cuts, delays and losses undone).
function network.heal() K.apply({ kind = "network.heal" }) end
-- One-way link faults; a and b are nodes, names or lists of them (messages from a to b).
function network.cut(a, b) K.apply({ kind = "network.cut", side_a = side(a), side_b = side(b) }) end
function network.delay(a, b, d)
  K.apply({ kind = "network.delay", side_a = side(a), side_b = side(b), duration = d })
end
function network.loss(a, b, p)
  K.apply({ kind = "network.loss", side_a = side(a), side_b = side(b), loss = p })
end
-- network.in_flight(): the messages on the wire now, in send order: { id, api, dir, from, to,
-- sent_at, arrives_at (ms), bytes, corr }.
function network.in_flight() return K.in_flight() end
-- network.drop(id): drops one in-flight message, named by its send sequence number (`id` above,
-- "message #id" in ksim-gui's inspector); it is never delivered.
function network.drop(id)
  if math.type(id) ~= "integer" or id < 1 then
    fail("network.drop(id): id must be a positive integer, got " .. tostring(id), 2)
  end
  K.apply({ kind = "network.drop", message_id = id })
end
-- Broker lifecycle faults of the replication model (kept here, beside the network faults):
-- broker:crash{ lose_unflushed = true } loses records above each log's last flush
-- (flush.messages / flush.ms); broker:crash{ host = true } takes the host down (no resets);
-- broker:shutdown() is a controlled shutdown.
function Broker:crash(opts) cmd("broker.crash", self.name, crash_opts(opts)) end
function Broker:shutdown() cmd("broker.shutdown", self.name) end

---------------------------------------------------------------------------------------------
-- Time. The main chunk may wait (run_for, wait_for, wait_until); callbacks may not.
local function callback_args(desc, fn)
  if type(desc) == "function" then return desc end
  if type(fn) ~= "function" then fail("expected a function", 3) end
  return fn
end
function at(t, desc, fn)
  local delay = us(t) - K.now_us()
  if delay < 0 then fail("at(" .. tostring(t) .. "): that time has passed", 2) end
  return K.schedule(delay, callback_args(desc, fn))
end
function after(d, desc, fn) return K.schedule(us(d), callback_args(desc, fn)) end
function every(d, desc, fn)
  local interval = us(d)
  if interval <= 0 then fail("every() needs an interval above 0", 2) end
  return K.schedule(interval, callback_args(desc, fn), interval)
end
function cancel(id) K.cancel(id) end

local function in_main(what)
  local _, is_main = coroutine.running()
  local ok = coroutine.isyieldable()
  if not ok then fail(what .. " can only be used in the scenario's main code, not in a callback", 3) end
end

function run_for(d)
  in_main("run_for")
  coroutine.yield("sleep", us(d))
end
function run_until(t)
  in_main("run_until")
  local delay = us(t) - K.now_us()
  if delay > 0 then coroutine.yield("sleep", delay) end
end

local default_timeout = "10m"
-- Event filters hold strings, integers and booleans, keyed by field name.
local function clean_filter(filter, level)
  local out = {}
  for k, v in pairs(filter or {}) do
    if type(k) ~= "string" then fail("event filter keys must be strings", level + 1) end
    if type(v) == "number" then
      local i = math.tointeger(v)
      if i == nil then fail("event filter '" .. k .. "': expected an integer, got " .. v, level + 1) end
      v = i
    elseif type(v) ~= "string" and type(v) ~= "boolean" then
      fail("event filter '" .. k .. "': expected a string, integer or boolean", level + 1)
    end
    out[k] = v
  end
  return out
end
function wait_for(type_, filter, opts)
  in_main("wait_for")
  opts = opts or {}
  local ev = coroutine.yield("wait", type_, clean_filter(filter, 2), us(opts.timeout or default_timeout))
  if ev == nil and not opts.optional then
    fail(string.format("wait_for(%q) timed out after %s", type_, tostring(opts.timeout or default_timeout)), 2)
  end
  return ev
end
function wait_until(pred, opts)
  in_main("wait_until")
  opts = opts or {}
  local deadline = K.now_us() + us(opts.timeout or default_timeout)
  while not pred() do
    local left = deadline - K.now_us()
    if left <= 0 or coroutine.yield("next", left) == nil and K.now_us() >= deadline then
      if opts.optional then return false end
      fail("wait_until: " .. (opts.description or "condition") .. " not met within " ..
           tostring(opts.timeout or default_timeout), 2)
    end
  end
  return true
end
function on(type_, filter, fn)
  if type(filter) == "function" then filter, fn = {}, filter end
  return K.on(type_, clean_filter(filter, 2), fn, false)
end
function once(type_, filter, fn)
  if type(filter) == "function" then filter, fn = {}, filter end
  return K.on(type_, clean_filter(filter, 2), fn, true)
end
function off(id) K.off(id) end

---------------------------------------------------------------------------------------------
-- Narration (presentation only: never changes the simulation or its trace)
function narrate(text, ...) K.narrate("step", select("#", ...) > 0 and string.format(text, ...) or tostring(text)) end
function chapter(title) K.narrate("chapter", title) end
function note(text) K.narrate("note", text) end
local step_keys = { text = true, pause = true, focus = true, views = true }
-- step{ focus }: nodes, group snapshots or names (one, or a list) -> names.
local function focus_names(list)
  if list == nil then return nil end
  if type(list) ~= "table" or list.name or list.group_id then list = { list } end
  local out = {}
  for i, x in ipairs(list) do
    if type(x) == "table" then x = x.name or x.group_id end
    if type(x) ~= "string" then
      fail("step{ focus }: entry " .. i .. " is not a node, a group or a name", 3)
    end
    out[i] = x
  end
  return out
end
function step(s)
  if type(s) == "string" then s = { text = s } end
  for k in pairs(s) do
    if not step_keys[k] then
      fail("step{}: unknown key '" .. tostring(k) .. "' (valid: text, pause, focus, views)", 2)
    end
  end
  K.narrate("step", s.text, s.pause, focus_names(s.focus), s.views)
end
-- break_on(type, filter): the GUI pauses when a matching trace event happens (presentation only).
function break_on(type_, filter) K.break_on(type_, clean_filter(filter or {}, 2)) end
-- Presentation cues (wrap_presentation.cpp), never in the trace:
-- checkpoint "name": a named point (GUI: timeline flag, chapter menu, --at checkpoint:name).
function checkpoint(name) K.checkpoint(name) end
-- pause(), speed(x), fast_forward_until(pred [, description]): GUI pacing; no-ops in the CLI.
function pause() K.pause() end
function speed(x) K.speed(x) end
function fast_forward_until(pred, description)
  K.predicate("fast_forward_until", pred, description)
end
-- break_when(pred [, description]): the GUI pauses when pred() becomes true (ksim run --break).
function break_when(pred, description) K.predicate("break_when", pred, description) end
-- ask{ question, choices, answer, explain }: a quiz; the GUI pauses, the CLI prints Q and A.
local ask_keys = { question = true, choices = true, answer = true, explain = true }
function ask(q)
  if type(q) ~= "table" then
    fail("ask{}: expected a table { question, choices, answer, explain }", 2)
  end
  for k in pairs(q) do
    if not ask_keys[k] then
      fail("ask{}: unknown key '" .. tostring(k) ..
           "' (valid: question, choices, answer, explain)", 2)
    end
  end
  K.ask(q.question, q.choices, q.answer, q.explain)
end
function describe(what, arg, opts) return K.describe(what, arg, opts) end

---------------------------------------------------------------------------------------------
-- Expectations: recorded with the scenario's file:line; a failure fails the run, not the script.
local Expect = {}
Expect.__index = Expect
local function show(v) return type(v) == "string" and string.format("%q", v) or tostring(v) end
local function record(self, ok, relation)
  local what = self.description and (self.description .. ": ") or ""
  K.expect(ok, what .. show(self.value) .. " " .. relation)
  return ok
end
function Expect:eq(x) return record(self, self.value == x, "== " .. show(x)) end
function Expect:ne(x) return record(self, self.value ~= x, "~= " .. show(x)) end
function Expect:gt(x) return record(self, self.value > x, "> " .. show(x)) end
function Expect:ge(x) return record(self, self.value >= x, ">= " .. show(x)) end
function Expect:lt(x) return record(self, self.value < x, "< " .. show(x)) end
function Expect:le(x) return record(self, self.value <= x, "<= " .. show(x)) end
function Expect:between(a, b)
  return record(self, self.value >= a and self.value <= b, "in [" .. show(a) .. ", " .. show(b) .. "]")
end
function Expect:is_true() return record(self, self.value == true, "is true") end
function Expect:is_false() return record(self, self.value == false, "is false") end
function Expect:is_nil() return record(self, self.value == nil, "is nil") end
function expect(value, description) return setmetatable({ value = value, description = description }, Expect) end
function check(ok, description) K.expect(ok and true or false, description or "check") return ok end

function expect_event(type_, filter, opts)
  opts = opts or {}
  local ev = wait_for(type_, filter, { timeout = opts.within or default_timeout, optional = true })
  K.expect(ev ~= nil, string.format("event %q within %s", type_, tostring(opts.within or default_timeout)))
  return ev
end

local function topic_name_of(t) return type(t) == "table" and t.name or t end
-- The delivery-semantics checker (docs/delivery-checker.md).
-- anomalies{ topic = "t", group = "g", semantics = "at-least-once", allow = { "reordering" } }
local anomaly_fields = { topic = true, group = true, semantics = true, allow = true }
function anomalies(spec)
  if type(spec) ~= "table" or spec.topic == nil then fail("anomalies: expected { topic = ..., group = ... }", 2) end
  for k in pairs(spec) do
    if not anomaly_fields[k] then fail("anomalies: unknown field '" .. tostring(k) .. "' (expected topic, group, semantics, allow)", 2) end
  end
  return K.anomalies(topic_name_of(spec.topic), spec.group, spec.semantics, spec.allow)
end
function history(kind, filter) return K.history(kind, filter) end

-- expect_delivery{ group = "g", topic = "t", semantics = "at-least-once", allow = {...} }
-- and the accounting form: lost = 0, unseen = 0, duplicates = n | { max = n, min = n }
local delivery_fields = { topic = true, group = true, semantics = true, allow = true,
                          lost = true, unseen = true, duplicates = true }
function expect_delivery(spec)
  for k in pairs(spec) do
    if not delivery_fields[k] then fail("expect_delivery: unknown field '" .. tostring(k) .. "'", 2) end
  end
  local topic = topic_name_of(spec.topic)
  if spec.semantics then
    local a = K.anomalies(topic, spec.group, spec.semantics, spec.allow)
    local what = "delivery of " .. topic .. (spec.group and (" to " .. spec.group) or "") ..
                 " is " .. spec.semantics
    if not a.ok then what = what .. ": " .. table.concat(a.failing, ", ") .. " found\n" .. a.text end
    -- one part per anomaly: `ksim test --junit` writes each as its own testcase (docs/ci.md)
    local label = "expect_delivery[" .. topic .. (spec.group and ("/" .. spec.group) or "") .. "] "
    local parts = {}
    for i, o in ipairs(a.outcomes) do
      parts[i] = { name = label .. o.anomaly, verdict = o.verdict, text = o.text }
    end
    K.expect(a.ok, what, parts)
    if spec.lost == nil and spec.unseen == nil and spec.duplicates == nil then return a end
  end
  local r = K.delivery(spec.group, topic)
  local prefix = "delivery of " .. topic .. " to " .. spec.group .. ": "
  if spec.lost then K.expect(r.lost_writes == spec.lost, prefix .. "lost writes " .. r.lost_writes .. " == " .. spec.lost) end
  if spec.unseen then K.expect(r.unseen == spec.unseen, prefix .. "unseen " .. r.unseen .. " == " .. spec.unseen) end
  local d = spec.duplicates
  if type(d) == "number" then K.expect(r.duplicates == d, prefix .. "duplicates " .. r.duplicates .. " == " .. d)
  elseif type(d) == "table" then
    if d.max then K.expect(r.duplicates <= d.max, prefix .. "duplicates " .. r.duplicates .. " <= " .. d.max) end
    if d.min then K.expect(r.duplicates >= d.min, prefix .. "duplicates " .. r.duplicates .. " >= " .. d.min) end
  end
  return r
end
function delivery(group, topic) return K.delivery(group, topic) end

---------------------------------------------------------------------------------------------
-- Topic administration (wrap_admin.cpp): what kafka-configs.sh --alter and kafka-topics.sh
-- --alter/--delete do through the Admin client. Documented in docs/topics.md.
local function topic_name(t) return type(t) == "table" and t.name or t end

-- c:alter_topic("orders", { set = { ["retention.ms"] = 60000 }, delete = { "segment.bytes" } })
function Cluster:alter_topic(topic, changes)
  changes = changes or {}
  for k in pairs(changes) do
    if k ~= "set" and k ~= "delete" then
      fail("alter_topic: unknown field '" .. tostring(k) .. "' (expected set or delete)", 2)
    end
  end
  K.alter_topic(topic_name(topic), changes.set or {}, changes.delete or {})
end
-- c:delete_topic("orders"): gone from metadata; clients then get UNKNOWN_TOPIC_OR_PARTITION.
function Cluster:delete_topic(topic) K.delete_topic(topic_name(topic)) end
-- c:topic_info("orders") -> { name, topic_id, partitions, replication_factor, internal, configs }
-- (configs: the topic's overrides only), or nil when the topic does not exist.
function Cluster:topic_info(topic) return K.topic_info(topic_name(topic)) end
-- partition_for_key("user-1", 6) -> the default partitioner's partition (murmur2 of the key).
function partition_for_key(key, partitions) return K.partition_for_key(key, partitions) end
-- p:produced("orders") -> acknowledged records in send order: { partition, offset, key, value }
function Producer:produced(topic) return K.produced(self.name, topic_name(topic)) end
-- c:consumed_records("orders") -> poll() results in order: { partition, offset, key, value }
function Consumer:consumed_records(topic) return K.consumed_records(self.name, topic_name(topic)) end

---------------------------------------------------------------------------------------------
-- The swarm (docs/swarm.md). swarm{ safety = "2m", liveness = "1m", faults = { ... } } runs a
-- safety phase with the faults `ksim swarm` / `ksim run --swarm` draw from the seed (none in a
-- plain run), heals them, then requires the cluster to converge within `liveness`.
function swarm(spec)
  in_main("swarm")
  local safety, liveness = K.swarm_begin(spec)
  coroutine.yield("sleep", safety)
  K.swarm_heal()
  local deadline = K.now_us() + liveness
  local ok = K.swarm_converged()
  while not ok and K.now_us() < deadline do
    coroutine.yield("sleep", math.min(100000, deadline - K.now_us()))  -- checked every 100 ms
    ok = K.swarm_converged()
  end
  K.expect(ok, K.swarm_finish(ok))
  return ok
end
-- swarm_schedule{ seed = S, { fault = "broker_crash", after = "12.345s", lasts = "7s",
-- node = "broker-1" }, ... }: replay exactly these faults (written by `ksim swarm`'s shrinker).
function swarm_schedule(spec) K.swarm_schedule(spec) end
