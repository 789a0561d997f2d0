// Producer configs that decide idempotence, as ProducerConfig.postProcessAndValidate-
// IdempotenceConfigs does since Kafka 3.2 (KAFKA-13673).
#include <doctest/doctest.h>

#include "ksim/client/producer_config.h"

namespace ksim {
namespace {

TEST_CASE("producer config: idempotence is on by default (KIP-679)") {
  auto c = ProducerConfig::from({}, "p");
  REQUIRE(c.is_ok());
  CHECK(c->enable_idempotence);
  CHECK(c->acks == -1);
  CHECK(c->effective.at("enable.idempotence") == "true");
}

TEST_CASE("producer config: a conflicting setting quietly disables the default idempotence") {
  for (const ConfigMap& m : {ConfigMap{{"acks", "1"}}, ConfigMap{{"retries", "0"}},
                             ConfigMap{{"max.in.flight.requests.per.connection", "6"}}}) {
    auto c = ProducerConfig::from(m, "p");
    REQUIRE(c.is_ok());
    CHECK_FALSE(c->enable_idempotence);
    CHECK(c->effective.at("enable.idempotence") == "false");
  }
}

TEST_CASE("producer config: asked for explicitly, idempotence rejects the conflicts by name") {
  auto acks = ProducerConfig::from({{"enable.idempotence", "true"}, {"acks", "1"}}, "p");
  CHECK(acks.code() == ErrorCode::INVALID_CONFIG);
  CHECK(acks.status().message().find("Must set acks to all") != std::string::npos);
  auto inflight = ProducerConfig::from(
      {{"enable.idempotence", "true"}, {"max.in.flight.requests.per.connection", "6"}}, "p");
  CHECK(inflight.status().message().find("max.in.flight.requests.per.connection") !=
        std::string::npos);
  auto retries = ProducerConfig::from({{"enable.idempotence", "true"}, {"retries", "0"}}, "p");
  CHECK(retries.status().message().find("retries") != std::string::npos);
  auto ok = ProducerConfig::from(
      {{"enable.idempotence", "true"}, {"max.in.flight.requests.per.connection", "5"}}, "p");
  CHECK(ok.is_ok());
  auto off = ProducerConfig::from({{"enable.idempotence", "false"}, {"acks", "0"}}, "p");
  REQUIRE(off.is_ok());
  CHECK_FALSE(off->enable_idempotence);
}

}  // namespace
}  // namespace ksim
