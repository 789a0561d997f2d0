#pragma once
// A message on the simulated network: one Kafka API request or response as a value.
// The network charges size_bytes() against link bandwidth; see docs/trace-format.md.
#include <variant>

#include "ksim/protocol/api_key.h"
#include "ksim/protocol/controller_apis.h"
#include "ksim/protocol/fetch.h"
#include "ksim/protocol/find_coordinator.h"
#include "ksim/protocol/heartbeat.h"
#include "ksim/protocol/init_producer_id.h"
#include "ksim/protocol/join_group.h"
#include "ksim/protocol/leave_group.h"
#include "ksim/protocol/list_offsets.h"
#include "ksim/protocol/metadata.h"
#include "ksim/protocol/offset_commit.h"
#include "ksim/protocol/offset_fetch.h"
#include "ksim/protocol/produce.h"
#include "ksim/protocol/sync_group.h"

namespace ksim {

using MessageBody = std::variant<
    ProduceRequest, ProduceResponse, FetchRequest, FetchResponse, ListOffsetsRequest,
    ListOffsetsResponse, MetadataRequest, MetadataResponse, FindCoordinatorRequest,
    FindCoordinatorResponse, JoinGroupRequest, JoinGroupResponse, SyncGroupRequest,
    SyncGroupResponse, HeartbeatRequest, HeartbeatResponse, LeaveGroupRequest, LeaveGroupResponse,
    OffsetCommitRequest, OffsetCommitResponse, OffsetFetchRequest, OffsetFetchResponse,
    BrokerHeartbeatRequest, BrokerHeartbeatResponse, LeaderAndIsrRequest, AlterPartitionRequest,
    AlterPartitionResponse, UpdateMetadataRequest, InitProducerIdRequest, InitProducerIdResponse,
    AllocateProducerIdsRequest, AllocateProducerIdsResponse>;

struct Message {
  NodeId source = -1;
  NodeId destination = -1;
  int32_t correlation_id = 0;   // a response carries its request's id
  // The connection between the two nodes the message travels on (a response travels on its
  // request's): stamped by the network, which drops what arrives after that connection closed.
  uint32_t connection = 0;
  MessageBody body;
};

// The request's addressing without its body: what a parked request (a delayed produce, a
// JoinGroup the coordinator holds) keeps to answer later on the same connection.
inline Message reply_address(const Message& request) {
  return Message{.source = request.source, .destination = request.destination,
                 .correlation_id = request.correlation_id, .connection = request.connection};
}

// The API of a body, and whether it is a response.
ApiKey api_of(const MessageBody& body);
bool is_response(const MessageBody& body);
// Approximate bytes on the wire: a request/response header plus the payload (record batches
// count their size_bytes). Used for bandwidth, never for behaviour decisions beyond timing.
int64_t size_bytes(const MessageBody& body);

}  // namespace ksim
