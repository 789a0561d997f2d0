#pragma once
// A LuaVm with a recording print sink and a seeded splitmix64 random source, for the tests.
#include <cstdint>
#include <string>
#include <vector>

#include "ksim/script/lua_vm.h"

namespace ksim::script::testing {

struct Harness {
  explicit Harness(LuaLimits limits = {}, uint64_t seed = 1)
      : state(seed),
        vm(
            limits,
            [this] {
              uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
              z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
              z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
              return z ^ (z >> 31);
            },
            [this](std::string_view line) { printed.emplace_back(line); }) {}

  // Runs `code` as chunk `name`; returns the error's to_string(), or "" on success.
  std::string run(std::string_view code, std::string_view name = "scenarios/test.lua") {
    std::optional<ScriptError> error = vm.run_string(code, name);
    return error ? error->to_string() : std::string();
  }

  uint64_t state;
  std::vector<std::string> printed;
  LuaVm vm;
};

}  // namespace ksim::script::testing
