// Status formatting.
#include "ksim/types/result.h"

namespace ksim {

std::string Status::to_string() const {
  std::string out(error_name(code_));
  if (!message_.empty()) out += ": " + message_;
  return out;
}

}  // namespace ksim
