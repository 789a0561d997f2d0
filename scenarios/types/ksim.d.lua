---@meta ksim
-- LuaCATS annotations for the ksim scenario API (sim/script/prelude.lua and the __ksim C
-- functions behind it), so that an editor with lua-language-server completes and checks
-- scenarios. ksim never loads this file: scenarios are the *.lua files directly in scenarios/,
-- and this one sits in a subfolder on purpose. Reference: docs/scenario-api.md.
--
-- Editor set-up (lua-language-server), e.g. in .luarc.json at the repository root:
--   { "runtime.version": "Lua 5.4", "workspace.library": ["scenarios/types"] }

---A duration: a string with one number and one unit ("500us", "250ms", "5s", "2m", "2min",
---"1h"; fractions allowed, as in "1.5s") or a number of milliseconds (fractions are rounded to
---the microsecond). Negative durations are refused.
---@alias ksim.Duration string|number

---A Kafka config value. Booleans become "true"/"false"; a list (array of strings) becomes
---Kafka's comma-separated form.
---@alias ksim.ConfigValue string|number|boolean|string[]

---A trace event type, as written in the "type" field of the trace (docs/trace-format.md).
---@alias ksim.EventType
---| "command"
---| "node.crash" | "node.restart" | "node.pause"
---| "net.drop" | "net.reset"
---| "topic.create" | "topic.partitions" | "topic.delete" | "topic.config"
---| "broker.fenced" | "broker.unfenced" | "broker.controlled_shutdown" | "partition.change"
---| "broker.shutdown_requested" | "broker.shutdown" | "alter_partition.timeout"
---| "replica.role" | "replica.truncate" | "log.append" | "partition.hw"
---| "producer.start" | "producer.stop" | "producer.ack" | "producer.sent" | "producer.retry"
---| "producer.error"
---| "consumer.start" | "consumer.coordinator" | "consumer.coordinator_lost" | "consumer.join"
---| "consumer.joined" | "consumer.synced" | "consumer.assigned" | "consumer.assignment"
---| "consumer.revoke" | "consumer.lost" | "consumer.rejoin" | "consumer.reset_generation"
---| "consumer.leave" | "consumer.fatal" | "consumer.seek_committed" | "consumer.reset_offset"
---| "consumer.out_of_range" | "consumer.poll" | "consumer.commit" | "consumer.commit_failed"
---| "consumer.stall" | "consumer.close"
---| "group.created" | "group.state" | "group.rebalance" | "group.join" | "group.join.delayed"
---| "group.join.retry" | "group.leader" | "group.generation" | "group.sync" | "group.stable"
---| "group.static.rejoin" | "member.pending" | "member.added" | "member.replaced"
---| "member.removed" | "offset.commit"

---A trace event as Lua sees it (on/once callbacks, wait_for, expect_event): `t` is the virtual
---time in milliseconds (µs precision), `type` the event type, and every field of the trace line
---under its own name (integers, strings or booleans). See docs/trace-format.md for the fields.
---@class ksim.Event
---@field t number virtual time in milliseconds
---@field type string
---@field [string] any

---A filter on trace fields: every listed field must be present in the event and equal.
---Values must be strings, booleans or integers (a float such as 1.5 or 2.0 never matches).
---Keys are not checked: a misspelt key simply never matches.
---@alias ksim.EventFilter table<string, string|integer|boolean>

----------------------------------------------------------------------------------------------
-- Metadata and parameters

---@class ksim.ScenarioMeta
---@field title? string shown by `ksim run` ("# title") and the GUI's scenario card
---@field summary? string
---@field seed? integer the run's seed unless `ksim run --seed N` overrides it (default 1)
---@field learn? string[] "You'll learn" bullets (GUI card)
---@field watch_for? string[] "Watch for" bullets (GUI card)
---@field level? any accepted and ignored
---@field minutes? any accepted and ignored
---@field tags? any accepted and ignored

---Declares the scenario's metadata. Must come before cluster{}. Unknown keys are an error.
---@param meta ksim.ScenarioMeta
function scenario(meta) end

---A parameter with a default that `ksim run --set name=value` overrides. The override keeps the
---default's type: a number default parses the value as a number (error if it is not one), a
---boolean default is true only for "true", anything else gets the string.
---With options, the range is checked for the default, for `--set` and in the GUI's panel (a
---value outside it is refused by name with the range); `doc` is the panel's tooltip and is
---printed in `ksim run`'s header.
---@generic T
---@param name string
---@param default T
---@param opts? ksim.ParamOptions
---@return T
function param(name, default, opts) end

---@class ksim.ParamOptions
---@field min? number the lowest value (needs a number default)
---@field max? number the highest value
---@field doc? string help text

---Defaults for later param() calls (`--set` still wins). A session saved by ksim-gui after
---editing parameters starts with this line, so the saved file replays the same run.
---@param values table<string, any>
function param_defaults(values) end

---The run's seed.
---@return integer
function seed() end

---The current virtual time in milliseconds (a float with µs precision; 0 before cluster{}).
---@return number
function now() end

---Formats a duration as "HH:MM:SS.uuuuuu". Known bug: the value is converted twice (see
---docs/scenario-api.md), so the result is 1000 times too large.
---@param d ksim.Duration
---@return string
function format_time(d) end

----------------------------------------------------------------------------------------------
-- Building

---@class ksim.NetworkSpec
---@field latency? ksim.Duration one-way delay of every link (default 250us)
---@field jitter? ksim.Duration uniform extra delay in [0, jitter], seeded per link (default 100us)
---@field bandwidth? integer bytes per second per directed link (default 125000000; 0 = unlimited)
---@field loss? number probability in [0, 1] that a message is dropped (default 0)

---@class ksim.ClusterSpec
---@field brokers? integer number of brokers, 1..1000 (default 3); named broker-0, broker-1, …
---@field racks? string[] one rack per broker (broker.rack)
---@field config? table<string, ksim.ConfigValue> Kafka broker configs ("min.insync.replicas", …)
---@field network? ksim.NetworkSpec the default link between any two nodes

---Builds the cluster: a controller, the brokers and the internal __consumer_offsets topic, at
---virtual time 0. Call once, after scenario{} and before anything else that needs a cluster.
---@param spec ksim.ClusterSpec
---@return ksim.Cluster
function cluster(spec) end

---Any node by name: "broker-0", or the name given to a producer or consumer. Brokers are
---created on first use; clients must have been built by this scenario. "controller" is an error.
---@param name string
---@return ksim.Broker|ksim.Producer|ksim.Consumer
function node(name) end

---@class ksim.Cluster
local Cluster = {}

---@class ksim.TopicOptions
---@field partitions? integer default: the brokers' num.partitions (1)
---@field replication_factor? integer default: the brokers' default.replication.factor (1)
---@field config? table<string, ksim.ConfigValue> topic configs ("retention.ms", …)
---@field [string] ksim.ConfigValue a dotted key is a topic config; "replication.factor" also works

---Creates a topic. Keys with a dot are Kafka topic configs; plain keys other than partitions,
---replication_factor and config are an error.
---@param name string
---@param opts? ksim.TopicOptions
---@return ksim.Topic
function Cluster:topic(name, opts) end

---@class ksim.Topic
---@field name string

---Raises the partition count of a topic to `total` (kafka-topics.sh --alter --partitions).
---@param topic string|ksim.Topic
---@param total integer must be above the current count
function Cluster:add_partitions(topic, total) end

---@class ksim.ProducerSettings
---@field acks? "all"|"-1"|"0"|"1"|integer
---@field [string] ksim.ConfigValue Kafka producer configs ("linger.ms", "batch.size", …)

---Adds a producer (client.id defaults to its name). It sends nothing until send() or
---produce_every().
---@param name string unique among all nodes
---@param opts? ksim.ProducerSettings
---@return ksim.Producer
function Cluster:producer(name, opts) end

---@class ksim.ConsumerSettings
---@field topics? string|string[] required: the subscription (subscribe(topics))
---@field subscribe? string|string[] alias of topics
---@field processing? ksim.Duration application time per record returned by poll() (default 0)
---@field processing_per_poll? ksim.Duration application time per poll() (default 0)
---@field poll_timeout? ksim.Duration poll(Duration) timeout (default 100ms)
---@field commit? "auto"|"sync-after-processing"|"sync-before-processing"|"none" default "auto"; any other value sets enable.auto.commit=false unless given
---@field [string] ksim.ConfigValue Kafka consumer configs; "group.id" is required

---Adds a consumer that subscribes and starts polling at once (it joins its group).
---@param name string unique among all nodes
---@param opts ksim.ConsumerSettings
---@return ksim.Consumer
function Cluster:consumer(name, opts) end

---@class ksim.ConsoleConsumerOptions
---@field topic string
---@field from_beginning? boolean auto.offset.reset=earliest instead of latest
---@field name? string node name (default "console-consumer")

---kafka-console-consumer.sh without --group: a consumer in group "console-consumer-<n>", n drawn
---from the run's seeded stream in [0, 100000), client.id "console-consumer".
---@param opts ksim.ConsoleConsumerOptions
---@return ksim.Consumer consumer
---@return string group_id
function Cluster:console_consumer(opts) end

---A snapshot of a group as its coordinator holds it now. An unknown group gives state "Dead",
---generation_id 0 and no members.
---@param id string
---@return ksim.Group
function Cluster:group(id) end

---A snapshot of a partition: the controller's registration, plus the leader's log offsets when
---the leader is up and leading.
---@param topic string|ksim.Topic
---@param p integer
---@return ksim.Partition
function Cluster:partition(topic, p) end

---The broker with this id (node "broker-<id>").
---@param id integer
---@return ksim.Broker
function Cluster:broker(id) end

---Same as the global node(name).
---@param name string
---@return ksim.Broker|ksim.Producer|ksim.Consumer
function Cluster:node(name) end

----------------------------------------------------------------------------------------------
-- Nodes and actions

---@class ksim.Broker
---@field name string "broker-<id>"
local Broker = {}
---Hard crash: the process stops; in-flight messages to it are dropped; its host resets its
---peers' connections (they notice within a round trip).
---crash{ lose_unflushed = true } also loses records above each log's last flush.
---crash{ host = true }: the whole host goes down; no resets, peers notice by timeouts.
---@param opts? {lose_unflushed?: boolean, host?: boolean}
function Broker:crash(opts) end
---A controlled shutdown (leaderships move away, then the broker stops).
function Broker:shutdown() end
---Restarts a crashed broker (no-op if it is up).
function Broker:restart() end
---Cuts every link to and from the broker; network.heal() restores them.
function Broker:isolate() end
---A stop-the-world pause: the node handles nothing until the pause ends.
---@param d ksim.Duration
function Broker:pause(d) end

---@class ksim.Record
---@field topic string
---@field key? string nil: null key (sticky partitioner)
---@field key_count? integer > 0: the key becomes "<key>-<id % key_count>"
---@field value_bytes? integer pad the value to this many bytes
---@field partition? integer send to this partition

---@class ksim.ProducerInfo
---@field sent integer records handed to send()
---@field acked integer records acknowledged
---@field failed integer records that failed for good
---@field producing boolean a produce_every workload is running

---@class ksim.Producer
---@field name string
local Producer = {}
---Sends one record now. Returns the record's id (0, 1, …) within this producer. With a
---callback, fn(event) runs when the record completes (a "producer.record" event: id, topic,
---partition, offset, outcome = "acked"|"failed"|"unknown", error, latency_us).
---@param record ksim.Record
---@param callback? fun(ev: ksim.Event)
---@return integer
function Producer:send(record, callback) end
---Sends one record and waits (main code only) for its "producer.record" event.
---@param record ksim.Record
---@param opts? ksim.WaitOptions
---@return ksim.Event|nil
function Producer:send_sync(record, opts) end
---Sends one record every `interval`, the first at once, until stop() or `count` records.
---mode "sync": each send waits for its acknowledgement, then the interval. Replaces a running
---workload.
---@param interval ksim.Duration
---@param record ksim.Record
---@param count? integer
---@param mode? "fire-and-forget"|"sync"
function Producer:produce_every(interval, record, count, mode) end
---KafkaProducer-like metrics.
---@return {sent: integer, acked: integer, failed: integer, unknown: integer, retries: integer, errors: integer, requests: integer, batches: integer, record_send_rate: number, batch_size_avg: number, request_latency_p50_ms: number, request_latency_p99_ms: number, record_queue_time_avg_ms: number, buffer_bytes_used: integer}
function Producer:metrics() end
---Stops the produce_every workload.
function Producer:stop() end
---The producer process dies: queued records fail, in-flight ones are unknown.
---crash{ host = true }: the whole host goes down (no resets).
---@param opts? { host?: boolean }
function Producer:crash(opts) end
---@param d ksim.Duration
function Producer:pause(d) end
---@return ksim.ProducerInfo
function Producer:info() end

---@class ksim.ConsumerInfo
---@field name string
---@field member_id string "" before the first JoinGroup answer
---@field client_id string
---@field group string
---@field generation_id integer -1 before joining
---@field state "Unjoined"|"Joining"|"Syncing"|"Stable"|"Stopped"
---@field consumed integer records returned by poll() so far (duplicates included)
---@field closed boolean
---@field up boolean false after crash()
---@field assignment string[] e.g. { "tweets-0" }
---@field positions table<string, integer> next offset to fetch, per assigned partition

---@class ksim.Consumer
---@field name string
local Consumer = {}
---Hard crash: no commit, no LeaveGroup; the coordinator waits for session.timeout.ms.
---crash{ host = true }: the whole host goes down (no resets; the same for a consumer).
---@param opts? { host?: boolean }
function Consumer:crash(opts) end
---close(): commits (when auto-commit is on and the member is Stable), then sends LeaveGroup.
function Consumer:close() end
---Restarts a crashed consumer as a new member (no-op unless it crashed).
function Consumer:restart() end
---The application stops calling poll() for `d` (max.poll.interval.ms applies).
---@param d ksim.Duration
function Consumer:stall_poll(d) end
---@param d ksim.Duration
function Consumer:pause(d) end
---@return ksim.ConsumerInfo
function Consumer:info() end
---@return string
function Consumer:member_id() end
---@return string[]
function Consumer:assignment() end
---The next offset the consumer will fetch from this partition; nil when it is not assigned,
----1 when the position is not known yet (or after a crash).
---@param topic string
---@param p integer
---@return integer|nil
function Consumer:position(topic, p) end
---The offsets poll() returned from this partition, in order (duplicates included).
---@param topic string
---@param p integer
---@return integer[]
function Consumer:consumed(topic, p) end
---@return string group id
function Consumer:group() end

---@class ksim.NetworkApi
network = {}
---Cuts every link between the two sides, both ways. Nodes are objects or names.
---@param side_a (string|ksim.Broker|ksim.Producer|ksim.Consumer)[]
---@param side_b (string|ksim.Broker|ksim.Producer|ksim.Consumer)[]
function network.partition(side_a, side_b) end
---Restores every link to the cluster's default link (undoes partition and isolate).
function network.heal() end
---One-way link fault: no message from a reaches b (network.heal() undoes it).
---@param a any node, name or list of them (senders)
---@param b any node, name or list of them (receivers)
function network.cut(a, b) end
---@param a any
---@param b any
---@param d ksim.Duration
function network.delay(a, b, d) end -- one way: d added to every message from a to b
---@param a any
---@param b any
---@param p number probability in [0, 1]
function network.loss(a, b, p) end -- one way: each message from a to b dropped with p
---@class ksim.InFlightMessage
---@field id integer send sequence number (what network.drop takes)
---@field api string Kafka API name
---@field dir "req"|"resp"
---@field from string
---@field to string
---@field sent_at number ms
---@field arrives_at number ms
---@field bytes integer
---@field corr integer correlation id
---The messages on the wire now, in send order.
---@return ksim.InFlightMessage[]
function network.in_flight() end
---Drops one in-flight message now (never delivered; traced as net.drop reason "command").
---@param id integer the message's send sequence number
function network.drop(id) end

----------------------------------------------------------------------------------------------
-- Topic administration (docs/topics.md)

---@class ksim.TopicChanges
---@field set? table<string, ksim.ConfigValue> topic configs to set
---@field delete? string[] topic configs to remove (back to the broker default)

---incrementalAlterConfigs (SET and DELETE), validated as topic configs.
---@param topic string|ksim.Topic
---@param changes ksim.TopicChanges
function Cluster:alter_topic(topic, changes) end
---DeleteTopics. The internal __consumer_offsets topic is refused.
---@param topic string|ksim.Topic
function Cluster:delete_topic(topic) end
---@param topic string|ksim.Topic
---@return {name: string, topic_id: string, partitions: integer, replication_factor: integer, internal: boolean, configs: table<string, string>}|nil
function Cluster:topic_info(topic) end
---The default partitioner's partition for a key (murmur2, toPositive).
---@param key string
---@param partitions integer
---@return integer
function partition_for_key(key, partitions) end

---@class ksim.RecordView
---@field partition integer
---@field offset integer
---@field key string|nil
---@field value string

---Acknowledged records in send order.
---@param topic string|ksim.Topic
---@return ksim.RecordView[]
function Producer:produced(topic) end
---What poll() returned, in order.
---@param topic string|ksim.Topic
---@return ksim.RecordView[]
function Consumer:consumed_records(topic) end

----------------------------------------------------------------------------------------------
-- Queries

---@class ksim.GroupMember
---@field member_id string
---@field client_id string
---@field group_instance_id string "" for a dynamic member
---@field assignment string[]

---@class ksim.Group
---@field group_id string
---@field state "Empty"|"PreparingRebalance"|"CompletingRebalance"|"Stable"|"Dead"
---@field generation_id integer
---@field protocol string the selected assignor ("range", …)
---@field leader string member id of the group leader
---@field coordinator integer broker id of the coordinator (-1 when it is unavailable)
---@field members ksim.GroupMember[] in join order
---@field committed_offsets table<string, integer> e.g. { ["tweets-0"] = 42 }
local Group = {}
---The consumer (built by this scenario) whose member owns the partition, or nil.
---@param topic string
---@param p integer
---@return ksim.Consumer|nil
function Group:owner(topic, p) end
---The group's committed offset for the partition, or nil.
---@param topic string
---@param p integer
---@return integer|nil
function Group:committed(topic, p) end

---@class ksim.Partition
---@field leader integer broker id, -1 when offline
---@field leader_epoch integer
---@field replicas integer[]
---@field isr integer[]
---@field high_watermark? integer nil unless the leader is up and leading
---@field log_end_offset? integer
---@field log_start_offset? integer

---@class ksim.DeliveryReport
---@field acked integer records producers saw acknowledged
---@field readable integer offsets below the high watermark of the partition leaders
---@field delivered integer deliveries to the group's consumers, duplicates included
---@field unique_delivered integer
---@field duplicates integer deliveries beyond the first of the same (partition, offset)
---@field lost_writes integer acked records whose offset no longer holds their value
---@field unseen integer readable offsets the group never received
---@field examples string[] up to five offending records

---Delivery accounting of one group on one topic (no expectation recorded).
---@param group string
---@param topic string
---@return ksim.DeliveryReport
function delivery(group, topic) end

---@class ksim.DescribeTopicsOptions
---@field under_replicated? boolean
---@field under_min_isr? boolean
---@field at_min_isr? boolean
---@field unavailable? boolean
---@field include_internal? boolean also list __consumer_offsets

---@class ksim.DescribeGroupOptions
---@field members? boolean --members
---@field verbose? boolean --members --verbose
---@field state? boolean --state

---Text in the layout of kafka-topics.sh --describe ("topics"; arg = a topic or nil for all) or
---kafka-consumer-groups.sh --describe ("group"; arg = the group id).
---@param what "topics"|"group"
---@param arg? string
---@param opts? ksim.DescribeTopicsOptions|ksim.DescribeGroupOptions
---@return string
function describe(what, arg, opts) end

----------------------------------------------------------------------------------------------
-- Time. run_for, run_until, wait_for and wait_until may only be called from the scenario's
-- main code, never from a callback.

---Calls fn once at absolute virtual time t. `description` is optional and currently unused.
---Known bug: at/after/every currently fire 1000 times too late (docs/scenario-api.md).
---Error if t has passed. Returns an id for cancel().
---@param t ksim.Duration
---@param description string|fun()
---@param fn? fun()
---@return integer
function at(t, description, fn) end

---Calls fn once, `d` from now.
---@param d ksim.Duration
---@param description string|fun()
---@param fn? fun()
---@return integer
function after(d, description, fn) end

---Calls fn every `d` (the first call `d` from now) until cancel(id). `d` must be above 0.
---@param d ksim.Duration
---@param description string|fun()
---@param fn? fun()
---@return integer
function every(d, description, fn) end

---Cancels a pending at/after/every call (no-op for an unknown id).
---@param id integer
function cancel(id) end

---Lets virtual time pass by `d` (main code only).
---@param d ksim.Duration
function run_for(d) end

---Lets virtual time pass until absolute time t; returns at once if t has passed (main only).
---@param t ksim.Duration
function run_until(t) end

---@class ksim.WaitOptions
---@field timeout? ksim.Duration default "10m"
---@field optional? boolean on timeout return nil (wait_for) or false (wait_until) instead of failing

---Waits for the next event of this type whose fields match `filter`; returns it. On timeout the
---run fails with file:line, unless opts.optional. Main code only.
---@param type ksim.EventType|string
---@param filter? ksim.EventFilter
---@param opts? ksim.WaitOptions
---@return ksim.Event|nil
function wait_for(type, filter, opts) end

---@class ksim.WaitUntilOptions: ksim.WaitOptions
---@field description? string named in the timeout error

---Evaluates pred now and again after every traced event (message lines excluded) until it is
---true; returns true. On timeout the run fails, unless opts.optional (then returns false).
---@param pred fun(): boolean
---@param opts? ksim.WaitUntilOptions
---@return boolean
function wait_until(pred, opts) end

---Calls fn(event) for every later event of this type matching the filter. fn runs at the
---event's virtual time, right after the event that emitted it. Returns an id for off().
---@param type ksim.EventType|string
---@param filter ksim.EventFilter|fun(ev: ksim.Event)
---@param fn? fun(ev: ksim.Event)
---@return integer
function on(type, filter, fn) end

---As on(), for the first matching event only.
---@param type ksim.EventType|string
---@param filter ksim.EventFilter|fun(ev: ksim.Event)
---@param fn? fun(ev: ksim.Event)
---@return integer
function once(type, filter, fn) end

---Stops a listener registered with on() or once().
---@param id integer
function off(id) end

----------------------------------------------------------------------------------------------
-- Narration: presentation only. Never traced, never part of the trace hash.

---A chapter heading ("== title ==" in the CLI; chapters are numbered for the GUI).
---@param title string
function chapter(title) end

---@alias ksim.FocusTarget ksim.Broker|ksim.Producer|ksim.Consumer|ksim.Group|string

---@class ksim.Step
---@field text string
---@field pause? boolean the GUI pauses here; the CLI ignores it
---@field focus? ksim.FocusTarget|ksim.FocusTarget[] GUI spotlight: nodes or groups (objects or names); the rest is dimmed. Unknown names are an error
---@field views? string|string[] GUI panels brought to the front: "cluster", "topics", "partitions", "groups", "groups:describe", "groups:members", "groups:state", "partitions:under-replicated", "partitions:under-min-isr", "partitions:at-min-isr", "partitions:unavailable", "timeline", "events", "log", "log:<topic>-<p>", "checks", "faults", "inspector", "params". Unknown names are an error

---A narration step. Unknown keys are an error.
---@param s string|ksim.Step
function step(s) end

---A breakpoint: the GUI pauses when a trace event of this type (and these fields) happens and
---shows it in the narration bar; `ksim run --break` stops there (exit 3); otherwise ignored.
---Presentation only: never changes the run or its trace hash.
---@param type string a trace event type, e.g. "member.removed"
---@param filter? table<string, string|integer|boolean> fields that must be equal
function break_on(type, filter) end

---A breakpoint on a condition: the GUI pauses when pred() becomes true (false -> true; checked
---after each event that writes a trace line, not after message lines); `ksim run --break`
---stops there (exit 3); `ksim run` and `ksim test` never call pred. pred may only read: an
---action, narration, expectation or math.random in it fails the run at its line.
---@param pred fun(): boolean
---@param description? string shown when it pauses
function break_when(pred, description) end

---A named point of the run (unique per run): a timeline flag and a chapter-menu entry in the
---GUI, `ksim-gui FILE --at checkpoint:NAME`; `ksim run` prints `# checkpoint NAME at t=...`.
---@param name string
function checkpoint(name) end

---GUI pacing; no-ops in the CLI. pause(): stop playing here.
function pause() end

---GUI pacing: play at x virtual seconds per wall second from here (0.001 to 1000).
---@param x number
function speed(x) end

---GUI pacing: from here, play at top speed until pred() becomes true (checked like
---break_when), then go back to the speed before. Does not wait: the script goes on at once.
---@param pred fun(): boolean
---@param description? string
function fast_forward_until(pred, description) end

---@class ksim.Quiz
---@field question string
---@field choices string[] at least two
---@field answer integer the number of the right choice (1-based)
---@field explain? string shown with the answer

---A quiz: the GUI pauses and reveals the answer on a click; `ksim run` prints the question and
---the answer; `ksim test` ignores it. Unknown keys and an answer out of range are errors.
---@param q ksim.Quiz
function ask(q) end

---A narration step from a format string (string.format) or any value (tostring).
---@param text any
---@param ... any
function narrate(text, ...) end

---A side note (indented in the CLI). print(...) also produces a note.
---@param text string
function note(text) end

----------------------------------------------------------------------------------------------
-- Expectations: recorded with the scenario's file:line and the virtual time. A failed
-- expectation fails the run (exit code 1) but does not stop the script.

---@class ksim.Expect
local Expect = {}
---@return boolean
function Expect:eq(x) end
---@return boolean
function Expect:ne(x) end
---@return boolean
function Expect:gt(x) end
---@return boolean
function Expect:ge(x) end
---@return boolean
function Expect:lt(x) end
---@return boolean
function Expect:le(x) end
---Inclusive on both ends.
---@return boolean
function Expect:between(a, b) end
---Passes only for the value true (not for other truthy values).
---@return boolean
function Expect:is_true() end
---Passes only for the value false (not for nil).
---@return boolean
function Expect:is_false() end
---@return boolean
function Expect:is_nil() end

---@param value any
---@param description? string
---@return ksim.Expect
function expect(value, description) end

---Records an expectation that `ok` is truthy; returns ok.
---@generic T
---@param ok T
---@param description? string default "check"
---@return T
function check(ok, description) end

---@class ksim.ExpectEventOptions
---@field within? ksim.Duration default "10m"

---Waits (main code only) for a matching event and records whether it came in time. Returns the
---event or nil.
---@param type ksim.EventType|string
---@param filter? ksim.EventFilter
---@param opts? ksim.ExpectEventOptions
---@return ksim.Event|nil
function expect_event(type, filter, opts) end

---@class ksim.DuplicateBounds
---@field min? integer
---@field max? integer

---@alias ksim.Semantics "at-most-once"|"at-least-once"|"exactly-once"
---@alias ksim.Anomaly "lost-write"|"unseen"|"duplicate"|"inconsistent-offsets"|"poll-skip"|"nonmonotonic-poll"|"nonmonotonic-send"|"reordering"|"aborted-read"

---@class ksim.DeliverySpec
---@field group? string
---@field topic string|table
---@field semantics? ksim.Semantics the delivery checker's verdict (docs/delivery-checker.md)
---@field allow? ksim.Anomaly[] anomalies accepted on purpose
---@field lost? integer expected lost_writes (accounting form)
---@field unseen? integer expected unseen offsets (accounting form)
---@field duplicates? integer|ksim.DuplicateBounds

---Checks delivery of a topic to a group now: with `semantics`, one expectation for the
---checker's verdict (the report on failure); with lost/unseen/duplicates, one per key given.
---@param spec ksim.DeliverySpec
---@return ksim.DeliveryReport|ksim.AnomalyReport
function expect_delivery(spec) end

---@class ksim.AnomalyFinding
---@field anomaly ksim.Anomaly
---@field at_us integer
---@field detail string

---@class ksim.AnomalyReport
---@field counts table<ksim.Anomaly, integer>
---@field findings ksim.AnomalyFinding[] at most 20 per anomaly
---@field excused { anomaly: ksim.Anomaly, reason: string, count: integer }[]
---@field not_checked table<ksim.Anomaly, string>
---@field stats { sends: integer, acked: integer, failed: integer, unknown: integer, pending: integer, polled: integer, processed: integer, consumers: integer, commits: integer, rebalances: integer }
---@field ok? boolean with semantics: no failing anomaly
---@field failing? ksim.Anomaly[]
---@field allowed? { anomaly: ksim.Anomaly, why: string }[]
---@field outcomes? { anomaly: ksim.Anomaly, verdict: "failed"|"allowed"|"not found"|"not checked", text: string }[] with semantics: one per anomaly (one JUnit testcase each)
---@field text string the printed report

---The delivery checker's report on one topic (and group); no expectation recorded.
---@param spec { topic: string|table, group?: string, semantics?: ksim.Semantics, allow?: ksim.Anomaly[] }
---@return ksim.AnomalyReport
function anomalies(spec) end

---The run's history: "sends", "polls" (processed_at_us once the application processed the
---record), "commits", "assignments", "rebalances" or "seeks".
---@param kind string
---@param filter? { topic?: string, group?: string, client?: string }
---@return table[]
function history(kind, filter) end
