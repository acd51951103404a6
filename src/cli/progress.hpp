#pragma once
// A progress line on stderr for long work: count, percentage, rate, ETA and a caller's status.
// On a terminal it redraws one line (at most 5 times a second); otherwise it prints a line every
// 10% so that logs stay short.
#include <chrono>
#include <string>

namespace ltv::cli {

class Progress {
 public:
  Progress(std::string label, long long total, long long start, bool quiet);
  void update(long long done, const std::string& status);
  void finish();
  static std::string number(double x);  ///< 4 significant digits
  static std::string duration(double seconds);

 private:
  std::string label_;
  long long total_, start_;
  bool quiet_, tty_;
  int last_decile_ = -1;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point begin_, last_draw_;
};

}  // namespace ltv::cli
