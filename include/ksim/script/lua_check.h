#pragma once
// Argument helpers for Lua binding authors (wrap_*.cpp): typed checks whose errors name the
// argument, the expected form and the valid values (love's luax_enumerror), and the
// exception barrier that keeps C++ exceptions from crossing Lua frames (love's luax_catchexcept).
//
// Every check_* below raises a Lua error (a longjmp) on bad input, so the caller's frame must
// hold no object with a non-trivial destructor at the call (style.md, "Error crossing").
#include <exception>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "ksim/types/time.h"

struct lua_State;

namespace ksim::script {

using LuaCFunction = int (*)(lua_State*);

// Raises a Lua error with `message` prefixed by the calling Lua line ("file:line: "). Copies
// the message first, so `message` may point into a buffer that the raise discards.
// Registry key of the chunk name whose frames raise_error skips when locating an error
// (the scenario runner stores its prelude's chunk name there).
inline constexpr const char* kInternalChunkKey = "ksim.internal_chunk";
// Raises `message` as a Lua error located at the first non-internal Lua frame ("file:line: ").
[[noreturn]] void raise_error(lua_State* L, const char* message);

// Runs `body` (returning int, the number of results) and turns any C++ exception into a Lua
// error raised after the catch block has ended. Usage in a binding:
//   int w_topic(lua_State* L) { return catch_exceptions(L, [&] { ...; return 1; }); }
// `body` must not itself raise Lua errors while C++ objects are alive in its own frames.
// Returns whatever `body` returns (the result count for a lua_CFunction, or a value).
template <typename Body>
auto catch_exceptions(lua_State* L, Body&& body) -> decltype(body()) {
  char message[512];
  message[0] = '\0';
  try {
    return body();
  } catch (const std::exception& e) {
    std::string_view what = e.what();
    size_t n = what.copy(message, sizeof message - 1);
    message[n] = '\0';
  } catch (...) {
    std::string_view what = "unknown C++ exception";
    message[what.copy(message, sizeof message - 1)] = '\0';
  }
  raise_error(L, message);
}

// Wraps a binding so that exceptions become Lua errors: lua_pushcfunction(L, protect<&w_x>).
template <LuaCFunction F>
int protect(lua_State* L) {
  return catch_exceptions(L, [L] { return F(L); });
}

// A duration argument: a string with a unit ("250ms", "5s", "2m", via ksim::parse_duration)
// or a number of milliseconds (fractions allowed, rounded to the microsecond). Negative,
// NaN and infinite values are refused. Error: "bad argument #2 to 'run_for' (duration
// expected, as "250ms", "5s" or a number of milliseconds; got ...)".
Duration check_duration(lua_State* L, int idx);
// As check_duration, or `fallback` when the argument is absent or nil.
Duration opt_duration(lua_State* L, int idx, Duration fallback);

// A string argument that must be one of `valid`; returns its index in `valid`. `what` names
// the thing ("acks"). Error: "bad argument #2 to 'producer' (invalid acks 'two'; expected one
// of 'all', '0', '1')".
int check_enum(lua_State* L, int idx, std::string_view what,
               std::span<const std::string_view> valid);
int check_enum(lua_State* L, int idx, std::string_view what,
               std::initializer_list<std::string_view> valid);

// Requires a table at `idx` whose keys are all strings in `allowed`. An unknown key raises
// "unknown config key 'sesion.timeout.ms' for consumer (did you mean 'session.timeout.ms'?)";
// a non-string key raises "config table for consumer has a non-string key (3); write
// ["key"] = value". When several keys are unknown, the bytewise-smallest is reported, so the
// message does not depend on table order. `what` names the owner ("consumer 'c1'").
void check_table_fields(lua_State* L, int idx, std::span<const std::string_view> allowed,
                        std::string_view what);
void check_table_fields(lua_State* L, int idx, std::initializer_list<std::string_view> allowed,
                        std::string_view what);

// The message check_table_fields raises (without the "file:line: " prefix); pure, for tests.
std::string unknown_key_message(std::string_view key, std::span<const std::string_view> allowed,
                                std::string_view what);
// The closest candidate by edit distance, or "" when none is close enough to suggest.
std::string_view suggest_key(std::string_view key, std::span<const std::string_view> candidates);

// Strings without copies. The view returned by check_/to_string_view points into a Lua string
// and is valid while that value stays reachable (on the stack or in a table).
std::string_view check_string_view(lua_State* L, int idx);
void push_string_view(lua_State* L, std::string_view s);

}  // namespace ksim::script
