#pragma once
// A fake host for GroupCoordinator driven by datadriven commands: it numbers requests, keeps
// the armed timers like a broker would (equal key replaces), fires them on `tick`, and prints
// responses, timers and trace events (raft's RedirectLogger idea).
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "ksim/group/group_coordinator.h"
#include "tests/support/datadriven.h"

namespace ksim::group::testing {

class GroupHarness {
 public:
  GroupHarness();
  // Runs one transcript command; returns its output.
  std::string run(const test::TestData& d);

 private:
  std::string cmd_config(const test::TestData& d);
  std::string cmd_join(const test::TestData& d);
  std::string cmd_sync(const test::TestData& d);
  std::string cmd_heartbeat(const test::TestData& d);
  std::string cmd_leave(const test::TestData& d);
  std::string cmd_commit(const test::TestData& d);
  std::string cmd_fetch(const test::TestData& d);
  std::string cmd_tick(const test::TestData& d);
  std::string cmd_state(const test::TestData& d);
  std::string cmd_timers() const;

  GenerationId generation_arg(const test::TestData& d, GenerationId fallback) const;
  std::string apply(const GroupEffects& fx);
  std::string group_id(const test::TestData& d) const;

  std::unique_ptr<GroupCoordinator> coord_;
  Time now_ = 0;
  RequestHandle next_handle_ = 1;
  int64_t next_uuid_ = 1;
  uint64_t next_seq_ = 1;
  struct Armed {
    Time deadline;
    uint64_t seq;
  };
  std::map<TimerKey, Armed> timers_;
};

// "0s", "3s", "4m57s".
std::string show_time(Time t);

}  // namespace ksim::group::testing
