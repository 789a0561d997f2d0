// API identity and wire-size estimates of message bodies.
#include "ksim/protocol/message.h"

#include <type_traits>

namespace ksim {
namespace {

template <typename T>
struct ApiOf;
#define KSIM_API_OF(Req, Resp, key)                                                  \
  template <>                                                                        \
  struct ApiOf<Req> {                                                                \
    static constexpr ApiKey api = ApiKey::key;                                       \
    static constexpr bool response = false;                                          \
  };                                                                                 \
  template <>                                                                        \
  struct ApiOf<Resp> {                                                               \
    static constexpr ApiKey api = ApiKey::key;                                       \
    static constexpr bool response = true;                                           \
  };
KSIM_API_OF(ProduceRequest, ProduceResponse, Produce)
KSIM_API_OF(FetchRequest, FetchResponse, Fetch)
KSIM_API_OF(ListOffsetsRequest, ListOffsetsResponse, ListOffsets)
KSIM_API_OF(MetadataRequest, MetadataResponse, Metadata)
KSIM_API_OF(FindCoordinatorRequest, FindCoordinatorResponse, FindCoordinator)
KSIM_API_OF(JoinGroupRequest, JoinGroupResponse, JoinGroup)
KSIM_API_OF(SyncGroupRequest, SyncGroupResponse, SyncGroup)
KSIM_API_OF(HeartbeatRequest, HeartbeatResponse, Heartbeat)
KSIM_API_OF(LeaveGroupRequest, LeaveGroupResponse, LeaveGroup)
KSIM_API_OF(OffsetCommitRequest, OffsetCommitResponse, OffsetCommit)
KSIM_API_OF(OffsetFetchRequest, OffsetFetchResponse, OffsetFetch)
KSIM_API_OF(BrokerHeartbeatRequest, BrokerHeartbeatResponse, BrokerHeartbeat)
KSIM_API_OF(AlterPartitionRequest, AlterPartitionResponse, AlterPartition)
KSIM_API_OF(InitProducerIdRequest, InitProducerIdResponse, InitProducerId)
KSIM_API_OF(AllocateProducerIdsRequest, AllocateProducerIdsResponse, AllocateProducerIds)
#undef KSIM_API_OF
template <>
struct ApiOf<LeaderAndIsrRequest> {
  static constexpr ApiKey api = ApiKey::LeaderAndIsr;
  static constexpr bool response = false;
};
template <>
struct ApiOf<UpdateMetadataRequest> {
  static constexpr ApiKey api = ApiKey::UpdateMetadata;
  static constexpr bool response = false;
};

constexpr int64_t kHeaderBytes = 24;  // size, api key/version, correlation id, client id

int64_t batches_bytes(const std::vector<RecordBatch>& batches) {
  int64_t total = 0;
  for (const RecordBatch& b : batches) total += b.size_bytes;
  return total;
}

}  // namespace

ApiKey api_of(const MessageBody& body) {
  return std::visit([](const auto& m) { return ApiOf<std::decay_t<decltype(m)>>::api; }, body);
}

bool is_response(const MessageBody& body) {
  return std::visit([](const auto& m) { return ApiOf<std::decay_t<decltype(m)>>::response; },
                    body);
}

int64_t size_bytes(const MessageBody& body) {
  if (const auto* p = std::get_if<ProduceRequest>(&body)) {
    int64_t total = kHeaderBytes + 16;
    for (const auto& part : p->partitions) total += 24 + part.batch.size_bytes;
    return total;
  }
  if (const auto* f = std::get_if<FetchResponse>(&body)) {
    int64_t total = kHeaderBytes + 16;
    for (const auto& part : f->partitions) total += 48 + batches_bytes(part.batches);
    return total;
  }
  if (const auto* f = std::get_if<FetchRequest>(&body)) {
    return kHeaderBytes + 32 + 40 * static_cast<int64_t>(f->partitions.size());
  }
  if (const auto* m = std::get_if<MetadataResponse>(&body)) {
    int64_t total = kHeaderBytes + 32 * static_cast<int64_t>(m->brokers.size());
    for (const auto& t : m->topics) total += 16 + 32 * static_cast<int64_t>(t.partitions.size());
    return total;
  }
  return kHeaderBytes + 64;  // small control messages
}

}  // namespace ksim
