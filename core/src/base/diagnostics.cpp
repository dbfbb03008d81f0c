#include "gapscore/status.h"

namespace gapscore {

void DiagnosticLog::add(Diagnostic d) {
  ++total_;
  if (d.severity == Severity::error) ++errors_;
  if (d.severity == Severity::warning) ++warnings_;
  ++counts_[{d.table, d.code}];
  if (items_.size() < max_items_) items_.push_back(std::move(d));
}

}  // namespace gapscore
