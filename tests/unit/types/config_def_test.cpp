// Config validation at the boundary: unknown keys and out-of-range values are rejected by name.
#include <doctest/doctest.h>

#include "ksim/types/config_def.h"

using namespace ksim;

namespace {

const ConfigField kFields[] = {
    {.name = "session.timeout.ms", .type = ConfigType::Int, .default_value = "45000", .min = 1},
    {.name = "auto.offset.reset", .type = ConfigType::Enum, .default_value = "latest",
     .allowed = {"earliest", "latest", "none"}},
    {.name = "enable.auto.commit", .type = ConfigType::Bool, .default_value = "true"},
    {.name = "partition.assignment.strategy", .type = ConfigType::List,
     .default_value = "range,cooperative-sticky",
     .allowed = {"range", "roundrobin", "sticky", "cooperative-sticky"}},
    {.name = "group.instance.id", .type = ConfigType::String, .default_value = ""},
};

}  // namespace

TEST_CASE("config: defaults fill every key; overrides replace them") {
  auto r = resolve_config(kFields, {{"session.timeout.ms", "10000"}}, "consumer 'c1'");
  REQUIRE(r.is_ok());
  CHECK(config_int(*r, "session.timeout.ms") == 10000);
  CHECK(config_string(*r, "auto.offset.reset") == "latest");
  CHECK(config_bool(*r, "enable.auto.commit"));
  CHECK(config_list(*r, "partition.assignment.strategy") ==
        std::vector<std::string>{"range", "cooperative-sticky"});
}

TEST_CASE("config: an unknown key is rejected by name with a suggestion") {
  auto r = resolve_config(kFields, {{"sesion.timeout.ms", "1"}}, "consumer 'c1'");
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().message() ==
        "unknown configuration 'sesion.timeout.ms' for consumer 'c1' (did you mean "
        "'session.timeout.ms'?)");
}

TEST_CASE("config: out-of-range, wrong type and bad enum values name key and range") {
  auto low = resolve_config(kFields, {{"session.timeout.ms", "0"}}, "consumer 'c1'");
  REQUIRE_FALSE(low.is_ok());
  CHECK(low.status().message().find("session.timeout.ms") != std::string::npos);
  CHECK(low.status().message().find("[1,...]") != std::string::npos);
  auto text = resolve_config(kFields, {{"session.timeout.ms", "ten"}}, "consumer 'c1'");
  CHECK(text.status().message().find("expected a whole number") != std::string::npos);
  auto big = resolve_config(kFields, {{"session.timeout.ms", "9999999999"}}, "consumer 'c1'");
  CHECK(big.status().message().find("32-bit") != std::string::npos);
  auto e = resolve_config(kFields, {{"auto.offset.reset", "smallest"}}, "consumer 'c1'");
  CHECK(e.status().message().find("[earliest, latest, none]") != std::string::npos);
  auto b = resolve_config(kFields, {{"enable.auto.commit", "yes"}}, "consumer 'c1'");
  CHECK(b.status().message().find("true or false") != std::string::npos);
  auto l = resolve_config(kFields, {{"partition.assignment.strategy", "range,magic"}}, "c");
  CHECK(l.status().message().find("'magic'") != std::string::npos);
}

TEST_CASE("config: a Kafka key ksim does not model is refused when set, never ignored") {
  const ConfigField fields[] = {
      {.name = "transactional.id", .type = ConfigType::String, .default_value = "",
       .modelled = false}};
  CHECK(resolve_config(fields, {}, "producer 'p'").is_ok());
  auto r = resolve_config(fields, {{"transactional.id", "tx-1"}}, "producer 'p'");
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().message().find("does not model yet") != std::string::npos);
}
