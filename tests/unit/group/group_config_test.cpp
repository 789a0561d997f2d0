// GroupCoordinatorConfig.from: Kafka keys, defaults and ranges; errors name the key and range.
#include <doctest/doctest.h>

#include "ksim/group/group_config.h"

namespace ksim::group {

TEST_CASE("group_config: defaults are Kafka's") {
  Result<GroupCoordinatorConfig> c = GroupCoordinatorConfig::from({});
  REQUIRE(c.is_ok());
  CHECK(c->group_min_session_timeout_ms == 6000);
  CHECK(c->group_max_session_timeout_ms == 1800000);
  CHECK(c->group_initial_rebalance_delay_ms == 3000);
  CHECK(c->group_max_size == INT32_MAX);
  CHECK(c->offsets_topic_num_partitions == 50);
  CHECK(c->initial_rebalance_delay() == 3 * kSecond);
}

TEST_CASE("group_config: values are parsed by Kafka name") {
  Result<GroupCoordinatorConfig> c = GroupCoordinatorConfig::from(
      {{"group.initial.rebalance.delay.ms", "0"}, {"group.max.size", "3"},
       {"offsets.topic.num.partitions", "1"}});
  REQUIRE(c.is_ok());
  CHECK(c->group_initial_rebalance_delay_ms == 0);
  CHECK(c->group_max_size == 3);
  CHECK(c->offsets_topic_num_partitions == 1);
}

TEST_CASE("group_config: group.max.size=0 is rejected with Kafka's atLeast(1) message") {
  Result<GroupCoordinatorConfig> c = GroupCoordinatorConfig::from({{"group.max.size", "0"}});
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.code() == ErrorCode::INVALID_CONFIG);
  CHECK(c.status().message() ==
        "Invalid value 0 for configuration group.max.size: Value must be at least 1");
}

TEST_CASE("group_config: offsets.topic.num.partitions=0 names the key and range") {
  Result<GroupCoordinatorConfig> c =
      GroupCoordinatorConfig::from({{"offsets.topic.num.partitions", "0"}});
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.status().message() == "Invalid value 0 for configuration offsets.topic.num.partitions: "
                                "Value must be at least 1");
}

TEST_CASE("group_config: a non-integer or out-of-INT value names the key and the INT range") {
  Result<GroupCoordinatorConfig> c =
      GroupCoordinatorConfig::from({{"group.min.session.timeout.ms", "6s"}});
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.status().message() == "Invalid value 6s for configuration group.min.session.timeout.ms: "
                                "Not a number of type INT (range [-2147483648, 2147483647])");
  c = GroupCoordinatorConfig::from({{"group.max.session.timeout.ms", "2147483648"}});
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.status().message().find("group.max.session.timeout.ms") != std::string::npos);
}

TEST_CASE("group_config: an unknown key is rejected and the known keys are listed") {
  Result<GroupCoordinatorConfig> c = GroupCoordinatorConfig::from({{"group.max.sizes", "3"}});
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.status().message().find("\"group.max.sizes\"") != std::string::npos);
  CHECK(c.status().message().find("group.max.size,") != std::string::npos);
}

TEST_CASE("group_config: ksim rules: negative initial delay, min session above max") {
  Result<GroupCoordinatorConfig> c =
      GroupCoordinatorConfig::from({{"group.initial.rebalance.delay.ms", "-1"}});
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.status().message().find("group.initial.rebalance.delay.ms") != std::string::npos);
  c = GroupCoordinatorConfig::from({{"group.min.session.timeout.ms", "60000"},
                                    {"group.max.session.timeout.ms", "30000"}});
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.status().message().find("group.max.session.timeout.ms (30000)") != std::string::npos);
}

}  // namespace ksim::group
