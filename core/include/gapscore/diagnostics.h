// Collects the diagnostics of one run: every one is counted (per table and
// code), the first `max_items` are kept in full for the report.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gapscore/status.h"

namespace gapscore {

class DiagnosticLog {
 public:
  explicit DiagnosticLog(std::size_t max_items = 100) : max_items_(max_items) {}

  void add(Diagnostic d);

  const std::vector<Diagnostic>& items() const { return items_; }
  // (table, code) -> how many times it occurred.
  const std::map<std::pair<std::string, DiagCode>, std::uint64_t>& counts() const { return counts_; }
  std::uint64_t total() const { return total_; }
  std::uint64_t errors() const { return errors_; }
  std::uint64_t warnings() const { return warnings_; }
  bool truncated() const { return total_ > items_.size(); }
  std::size_t max_items() const { return max_items_; }

 private:
  std::size_t max_items_;
  std::vector<Diagnostic> items_;
  std::map<std::pair<std::string, DiagCode>, std::uint64_t> counts_;
  std::uint64_t total_ = 0;
  std::uint64_t errors_ = 0;
  std::uint64_t warnings_ = 0;
};

}  // namespace gapscore
