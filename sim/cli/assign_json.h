#pragma once
// `ksim assign`: one JSON assignment problem in, the assignment JSON out, computed by the
// ksim::assign library (Kafka's assignors). Formats are specified in docs/assign.md.
#include <ostream>
#include <string_view>

namespace ksim::cli {

// Reads one JSON assignment problem, writes the assignment JSON to out. Returns the exit code:
// 0 ok, 2 bad input (a clear one-line error on err naming the offending field).
int run_assign_json(std::string_view input_text, std::ostream& out, std::ostream& err);

}  // namespace ksim::cli
