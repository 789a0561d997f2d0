#pragma once
// Conversions between Lua values and ksim values for the bindings.
#include <lua.hpp>

#include <string>
#include <vector>

#include "ksim/types/config_def.h"
#include "ksim/types/ids.h"

namespace ksim::script {

// A Lua scalar as the string Kafka's config parser would see ("10000", "true", "all").
std::string config_value_string(lua_State* L, int idx);
// Reads a table: keys containing a '.' are Kafka configs; the others go to `plain` (key stack
// index pairs are not kept, so plain gets the names only, read the values with lua_getfield).
ConfigMap kafka_keys(lua_State* L, int idx, std::vector<std::string>* plain_keys);
// A string or a list of strings.
std::vector<std::string> string_list(lua_State* L, int idx, const char* what);
void push_partitions(lua_State* L, const std::vector<TopicPartition>& tps);  // {"tweets-0", ...}
void set_field(lua_State* L, const char* key, int64_t v);
void set_field(lua_State* L, const char* key, const std::string& v);
void set_field_bool(lua_State* L, const char* key, bool v);

}  // namespace ksim::script
