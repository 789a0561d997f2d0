// Tidy: banned tokens in sim/ and include/ksim/ (determinism contract, docs/design.md), found
// in code with comments and literals blanked out, so a comment may name what it avoids.
#include <algorithm>
#include <array>
#include <cctype>

#include "tidy.h"

namespace tidy {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Skips a raw string R"delim( ... )delim" starting at the quote at `i`; blanks its body.
size_t skip_raw_string(std::string& out, std::string_view text, size_t i, bool keep) {
  size_t open = text.find('(', i);
  if (open == std::string_view::npos) return text.size();
  std::string close = ")" + std::string(text.substr(i + 1, open - i - 1)) + "\"";
  size_t end = text.find(close, open);
  end = end == std::string_view::npos ? text.size() : end + close.size();
  if (!keep)
    for (size_t k = open + 1; k + close.size() < end; k++)
      if (out[k] != '\n') out[k] = ' ';
  return end;
}

// Skips a "..." or '...' literal starting at `i`; blanks its body unless keep.
size_t skip_literal(std::string& out, std::string_view text, size_t i, bool keep) {
  const char quote = text[i];
  size_t k = i + 1;
  for (; k < text.size() && text[k] != quote && text[k] != '\n'; k++) {
    if (text[k] == '\\') {
      if (!keep) out[k] = ' ';
      k++;
      if (k >= text.size()) break;
    }
    if (!keep && text[k] != '\n') out[k] = ' ';
  }
  return k + 1;
}

// True when the ' at `i` is a digit separator (4'000'000), not a character literal: the word
// before it starts with a digit.
bool digit_separator(std::string_view text, size_t i) {
  size_t w = i;
  while (w > 0 && ident_char(text[w - 1])) w--;
  return w < i && std::isdigit(static_cast<unsigned char>(text[w]));
}

}  // namespace

std::string strip_comments(std::string_view text, bool keep_strings) {
  std::string out(text);
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '/' && next == '/') {
      size_t end = text.find('\n', i);
      end = end == std::string_view::npos ? text.size() : end;
      std::fill(out.begin() + static_cast<long>(i), out.begin() + static_cast<long>(end), ' ');
      i = end;
    } else if (c == '/' && next == '*') {
      size_t end = text.find("*/", i + 2);
      end = end == std::string_view::npos ? text.size() : end + 2;
      for (size_t k = i; k < end; k++)
        if (out[k] != '\n') out[k] = ' ';
      i = end;
    } else if (c == '"' && i > 0 && text[i - 1] == 'R' &&
               (i < 2 || !ident_char(text[i - 2]) || text[i - 2] == '8' ||
                text[i - 2] == 'u' || text[i - 2] == 'U' || text[i - 2] == 'L')) {
      i = skip_raw_string(out, text, i, keep_strings);
    } else if (c == '"' || (c == '\'' && !digit_separator(text, i))) {
      i = skip_literal(out, text, i, keep_strings);
    } else {
      i++;
    }
  }
  return out;
}

namespace {

enum class Match {
  Any,           // the identifier anywhere
  Call,          // `name(`, not a member call (`x.name(`, `p->name(`)
  StdQualified,  // `std::name`
  Prefix,        // an identifier starting with the name
};

struct Ban {
  std::string_view name;
  Match match;
  std::string_view why;
};

constexpr std::string_view kWallClock =
    "the wall clock breaks determinism; use virtual time (Scheduler::now(), Kernel::now())";
constexpr std::string_view kRandom =
    "unseeded randomness; draw from a named ksim::Rng stream (Kernel::stream(name))";
constexpr std::string_view kThreads = "one thread runs the simulation (docs/design.md)";
constexpr std::string_view kUnordered =
    "hash order must not reach behaviour; use std::map or a sorted vector";
constexpr std::string_view kPrintf = "use fmt (snprintf into a buffer is allowed)";

constexpr std::array<Ban, 18> kBans = {{
    {"system_clock", Match::Any, kWallClock},
    {"steady_clock", Match::Any, kWallClock},
    {"high_resolution_clock", Match::Any, kWallClock},
    {"gettimeofday", Match::Any, kWallClock},
    {"time", Match::Call, kWallClock},
    {"clock", Match::Call, kWallClock},
    {"rand", Match::Call, kRandom},
    {"srand", Match::Any, kRandom},
    {"random_device", Match::Any, kRandom},
    {"thread", Match::StdQualified, kThreads},
    {"jthread", Match::StdQualified, kThreads},
    {"async", Match::StdQualified, kThreads},
    {"pthread_", Match::Prefix, kThreads},
    {"unordered_map", Match::Any, kUnordered},
    {"unordered_set", Match::Any, kUnordered},
    {"printf", Match::Call, kPrintf},
    {"vprintf", Match::Call, kPrintf},
    {"sprintf", Match::Call, kPrintf},
}};

bool matches(const Ban& ban, std::string_view code, size_t start, std::string_view ident) {
  switch (ban.match) {
    case Match::Any: return ident == ban.name;
    case Match::Prefix: return ident.starts_with(ban.name);
    case Match::StdQualified:
      return ident == ban.name && start >= 5 && code.substr(start - 5, 5) == "std::";
    case Match::Call: {
      if (ident != ban.name) return false;
      size_t after = code.find_first_not_of(" \t", start + ident.size());
      if (after == std::string_view::npos || code[after] != '(') return false;
      size_t before = code.find_last_not_of(" \t", start == 0 ? 0 : start - 1);
      if (start == 0 || before == std::string_view::npos) return true;
      if (code[before] == '.') return false;
      return !(code[before] == '>' && before > 0 && code[before - 1] == '-');
    }
  }
  return false;
}

void add(std::vector<Violation>& out, std::string_view file, std::string_view text, size_t at,
         std::string message) {
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at),
                                             '\n'));
  out.push_back({std::string(file), line, "banned-token", std::move(message)});
}

}  // namespace

std::vector<Violation> check_banned_tokens(std::string_view rel_path, std::string_view text) {
  std::vector<Violation> out;
  const std::string code = strip_comments(text, /*keep_strings=*/false);
  for (size_t i = 0; i < code.size();) {
    if (!ident_char(code[i]) || (i > 0 && ident_char(code[i - 1]))) {
      i++;
      continue;
    }
    size_t end = i;
    while (end < code.size() && ident_char(code[end])) end++;
    std::string_view ident(code.data() + i, end - i);
    for (const Ban& ban : kBans) {
      if (!matches(ban, code, i, ident)) continue;
      add(out, rel_path, text, i,
          "banned token '" + std::string(ident) + "': " + std::string(ban.why));
      break;
    }
    i = end;
  }
  // FIXME is searched in the raw text: it lives in comments.
  for (size_t at = text.find("FIXME"); at != std::string_view::npos;
       at = text.find("FIXME", at + 5))
    add(out, rel_path, text, at, "banned token 'FIXME': finish the work before it is merged");
  return out;
}

}  // namespace tidy
