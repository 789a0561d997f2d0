#pragma once
// InitProducerId (API 22): an idempotent producer's id and epoch (KIP-98). Without a
// transactional.id any broker answers, from the block of ids the controller gave it
// (AllocateProducerIds, KIP-730).
#include <optional>
#include <string>

#include "ksim/types/error_code.h"
#include "ksim/types/ids.h"

namespace ksim {

struct InitProducerIdRequest {
  std::optional<std::string> transactional_id;  // null: idempotence only
  int32_t transaction_timeout_ms = 60000;
  ProducerId producer_id = -1;  // KIP-360: the current id and epoch when bumping
  int16_t producer_epoch = -1;
};

struct InitProducerIdResponse {
  ErrorCode error = ErrorCode::NONE;
  ProducerId producer_id = -1;
  int16_t producer_epoch = -1;
};

}  // namespace ksim
