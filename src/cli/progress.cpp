#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace ltv::cli {

Progress::Progress(std::string label, long long total, long long start, bool quiet)
    : label_(std::move(label)),
      total_(total),
      start_(start),
      quiet_(quiet),
      tty_(isatty(STDERR_FILENO) != 0),
      begin_(std::chrono::steady_clock::now()),
      last_draw_(begin_) {}

std::string Progress::number(double x) {
  std::ostringstream os;
  os.precision(4);
  os << x;
  return os.str();
}

std::string Progress::duration(double s) {
  const long long t = static_cast<long long>(s + 0.5);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", t / 3600, (t / 60) % 60);
  else
    std::snprintf(buf, sizeof buf, "%lldm%02llds", t / 60, t % 60);
  return buf;
}

void Progress::update(long long done, const std::string& status) {
  if (quiet_ || total_ <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  const int decile = static_cast<int>(10 * done / total_);
  if (tty_ ? (now - last_draw_ < std::chrono::milliseconds(200) && done < total_) : decile == last_decile_)
    return;
  last_draw_ = now;
  last_decile_ = decile;
  const double elapsed = std::chrono::duration<double>(now - begin_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done - start_) / elapsed : 0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
  constexpr int width = 24;
  const int filled = static_cast<int>(width * done / total_);
  std::ostringstream line;
  line << label_ << " " << done << "/" << total_ << " [" << std::string(filled, '=')
       << std::string(width - filled, ' ') << "] " << (100 * done / total_) << "% " << number(rate)
       << "/s ETA " << duration(eta) << "  " << status;
  if (tty_)
    std::cerr << "\r" << line.str() << "\x1b[K" << std::flush;
  else
    std::cerr << line.str() << "\n";
  drawn_ = true;
}

void Progress::finish() {
  if (tty_ && drawn_) std::cerr << "\n";
}

}  // namespace ltv::cli
