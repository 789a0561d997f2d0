// Always-on assertion failure: prints seed and virtual time so the run can be reproduced.
#include "ksim/types/assert.h"

#include <cstdio>
#include <cstdlib>

namespace ksim {

AssertContext& assert_context() {
  static AssertContext context;
  return context;
}

void assert_fail(const char* expr, const char* file, int line, const char* msg) {
  const AssertContext& c = assert_context();
  std::fprintf(stderr, "ksim: invariant violated: %s%s%s\n  at %s:%d\n", expr, msg ? " — " : "",
               msg ? msg : "", file, line);
  if (c.active) {
    std::fprintf(stderr, "  seed=%llu virtual_time_us=%lld\n",
                 static_cast<unsigned long long>(c.seed), static_cast<long long>(c.now_us));
  }
  std::fflush(stderr);
  std::abort();
}

}  // namespace ksim
