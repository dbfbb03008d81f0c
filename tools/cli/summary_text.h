// A short human-readable overview of a report, for terminals.
#pragma once

#include <string>

namespace gapscore::cli {

std::string summary_text(const std::string& report_json);

}  // namespace gapscore::cli
