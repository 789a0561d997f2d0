// API names as Kafka's ApiKeys.name spells them.
#include "ksim/protocol/api_key.h"

namespace ksim {

std::string_view api_name(ApiKey key) {
  switch (key) {
    case ApiKey::Produce: return "Produce";
    case ApiKey::Fetch: return "Fetch";
    case ApiKey::ListOffsets: return "ListOffsets";
    case ApiKey::Metadata: return "Metadata";
    case ApiKey::LeaderAndIsr: return "LeaderAndIsr";
    case ApiKey::UpdateMetadata: return "UpdateMetadata";
    case ApiKey::OffsetCommit: return "OffsetCommit";
    case ApiKey::OffsetFetch: return "OffsetFetch";
    case ApiKey::FindCoordinator: return "FindCoordinator";
    case ApiKey::JoinGroup: return "JoinGroup";
    case ApiKey::Heartbeat: return "Heartbeat";
    case ApiKey::LeaveGroup: return "LeaveGroup";
    case ApiKey::SyncGroup: return "SyncGroup";
    case ApiKey::InitProducerId: return "InitProducerId";
    case ApiKey::AlterPartition: return "AlterPartition";
    case ApiKey::BrokerHeartbeat: return "BrokerHeartbeat";
    case ApiKey::AllocateProducerIds: return "AllocateProducerIds";
  }
  return "Unknown";
}

}  // namespace ksim
