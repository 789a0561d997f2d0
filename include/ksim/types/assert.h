#pragma once
// KSIM_ASSERT: always-on invariant checks (TigerStyle). On failure prints the run's seed and
// virtual time (set by the kernel through assert_context), the file and line, then aborts.
#include <cstdint>

namespace ksim {

struct AssertContext {
  uint64_t seed = 0;
  int64_t now_us = 0;
  bool active = false;
};
// The one process-wide context; the kernel updates it as time advances. Not behaviour: it is
// only read when an assertion fails.
AssertContext& assert_context();

[[noreturn]] void assert_fail(const char* expr, const char* file, int line, const char* msg);

}  // namespace ksim

#define KSIM_ASSERT(cond) \
  ((cond) ? (void)0 : ::ksim::assert_fail(#cond, __FILE__, __LINE__, nullptr))
#define KSIM_ASSERT_MSG(cond, msg) \
  ((cond) ? (void)0 : ::ksim::assert_fail(#cond, __FILE__, __LINE__, (msg)))
