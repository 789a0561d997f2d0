#pragma once
// Status and Result<T>: expected failures as values, carrying a Kafka ErrorCode and a message
// (leveldb's Status shape; std::expected needs C++23). No exceptions for control flow in sim/.
#include <string>
#include <utility>
#include <variant>

#include "ksim/types/assert.h"
#include "ksim/types/error_code.h"

namespace ksim {

class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status ok() { return {}; }

  bool is_ok() const { return code_ == ErrorCode::NONE; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "NOT_ENOUGH_REPLICAS: isr 1 < min.insync.replicas 2"
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::NONE;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, like std::expected
  Result(Status error) : v_(std::move(error)) { KSIM_ASSERT(!std::get<Status>(v_).is_ok()); }

  bool is_ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return is_ok(); }

  // REQUIRES: is_ok().
  const T& value() const& { KSIM_ASSERT(is_ok()); return std::get<T>(v_); }
  T& value() & { KSIM_ASSERT(is_ok()); return std::get<T>(v_); }
  T&& value() && { KSIM_ASSERT(is_ok()); return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !is_ok().
  const Status& status() const { KSIM_ASSERT(!is_ok()); return std::get<Status>(v_); }
  ErrorCode code() const { return is_ok() ? ErrorCode::NONE : status().code(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace ksim
