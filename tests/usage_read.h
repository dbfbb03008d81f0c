// Reading one AI-usage export in a test: its status, rows and diagnostics.
#pragma once

#include <string>

#include "gapscore/status.h"
#include "usage/parsers.h"

namespace gapscore::testing_util {

struct UsageRead {
  Status status = Ok{};
  usage::UsageData data;
  DiagnosticLog log;
};

// `bytes` read as the export `name` (its source name in diagnostics).
inline UsageRead read_usage(const std::string& bytes, const std::string& name, UsageFormat hint = UsageFormat::detect) {
  UsageRead r;
  r.status = usage::read_usage_file(bytes, hint, name, r.data, r.log);
  return r;
}

}  // namespace gapscore::testing_util
