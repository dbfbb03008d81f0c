#include "gapscore/status.h"

#include <algorithm>

namespace gapscore {

void DiagnosticLog::add(Diagnostic d) {
  if (only_ && d.code != *only_) return;
  ++total_;
  if (d.severity == Severity::error) ++errors_;
  if (d.severity == Severity::warning) ++warnings_;
  ++counts_[{d.table, d.code}];
  if (items_.size() < max_items_) items_.push_back(std::move(d));
}

DiagnosticLog DiagnosticLog::restore(std::size_t max_items, std::vector<Diagnostic> items,
                                     std::map<std::pair<std::string, DiagCode>, std::uint64_t> counts,
                                     std::uint64_t total, std::uint64_t errors, std::uint64_t warnings) {
  DiagnosticLog log(max_items);
  log.items_ = std::move(items);
  log.counts_ = std::move(counts);
  log.total_ = total;
  log.errors_ = errors;
  log.warnings_ = warnings;
  return log;
}

void DiagnosticLog::append(const DiagnosticLog& other) {
  for (const Diagnostic& d : other.items_)
    if (items_.size() < max_items_) items_.push_back(d);
  add_counts(other);
}

void DiagnosticLog::merge_by_row(const DiagnosticLog& other) {
  std::vector<Diagnostic> merged;
  merged.reserve(std::min(max_items_, items_.size() + other.items_.size()));
  std::size_t i = 0, j = 0;
  while (merged.size() < max_items_ && (i < items_.size() || j < other.items_.size())) {
    const bool take_mine = j == other.items_.size() || (i < items_.size() && items_[i].row <= other.items_[j].row);
    merged.push_back(take_mine ? std::move(items_[i++]) : other.items_[j++]);
  }
  items_ = std::move(merged);
  add_counts(other);
}

void DiagnosticLog::add_counts(const DiagnosticLog& other) {
  total_ += other.total_;
  errors_ += other.errors_;
  warnings_ += other.warnings_;
  for (const auto& [key, n] : other.counts_) counts_[key] += n;
}

}  // namespace gapscore
