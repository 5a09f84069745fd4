#pragma once
// Progress for long work, on stderr and only when stderr is a terminal (so pipes, logs and
// tests see none of it). The line is cleared when the work ends.

#include <unistd.h>

#include <string>

namespace nullity_cli {

class Progress {
 public:
  Progress() : enabled_(::isatty(2) == 1) {}
  ~Progress() { show(""); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Replaces the progress line with `what` (e.g. "[3/8] lapack-gelsd").
  void show(const std::string& what) {
    if (!enabled_) return;
    const std::string line = "\r\033[K" + (what.empty() ? std::string() : "nullity: " + what);
    [[maybe_unused]] const auto written = ::write(2, line.data(), line.size());
  }

 private:
  bool enabled_;
};

}  // namespace nullity_cli
