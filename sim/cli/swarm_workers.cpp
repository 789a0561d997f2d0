// Worker processes for `ksim swarm`: fork, one pipe per worker, results as lines.
#include "sim/cli/swarm_workers.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>

namespace ksim::cli {
namespace {

void write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  return out;
}

[[noreturn]] void worker(const SwarmTarget& target, uint64_t from, uint64_t count, int index,
                         int workers, int fd) {
  for (uint64_t i = static_cast<uint64_t>(index); i < count; i += static_cast<uint64_t>(workers))
    write_all(fd, encode_result(run_seed(target, from + i)));
  ::close(fd);
  std::fflush(nullptr);
  ::_exit(0);  // no atexit handlers or destructors of the parent's state in the child
}

}  // namespace

std::vector<SeedResult> run_seeds(const SwarmTarget& target, uint64_t from, uint64_t count,
                                  int workers) {
  std::map<uint64_t, SeedResult> by_seed;
  if (workers <= 1) {
    for (uint64_t i = 0; i < count; i++) by_seed[from + i] = run_seed(target, from + i);
  } else {
    std::fflush(nullptr);  // nothing buffered may be written twice by the children
    std::vector<std::pair<pid_t, int>> children;
    for (int w = 0; w < workers; w++) {
      int fds[2];
      if (::pipe(fds) != 0) break;
      pid_t pid = ::fork();
      if (pid == 0) {
        ::close(fds[0]);
        for (const auto& [_, fd] : children) ::close(fd);
        worker(target, from, count, w, workers, fds[1]);
      }
      ::close(fds[1]);
      if (pid < 0) {
        ::close(fds[0]);
        break;
      }
      children.push_back({pid, fds[0]});
    }
    // Reading one pipe to its end while the others fill is fine: no worker waits on another.
    for (const auto& [pid, fd] : children) {
      std::string text = read_all(fd);
      ::close(fd);
      int status = 0;
      ::waitpid(pid, &status, 0);
      size_t start = 0;
      for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        if (auto r = decode_result(text.substr(start, nl - start))) by_seed[r->seed] = *r;
    }
  }
  std::vector<SeedResult> out;
  for (uint64_t i = 0; i < count; i++) {
    auto it = by_seed.find(from + i);
    if (it != by_seed.end()) {
      out.push_back(it->second);
    } else {
      out.push_back({.seed = from + i, .declared = true, .where = "worker",
                     .failure = "the worker process running this seed died"});
    }
  }
  return out;
}

}  // namespace ksim::cli
