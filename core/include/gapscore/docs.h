// Reference documentation generated from the definitions themselves (schemas,
// config keys, diagnostic codes, metric catalog), so docs/ cannot drift.
// `gapscore docs <name>` prints them; tests check docs/*.md are current.
#pragma once

#include <string>

namespace gapscore {

std::string input_format_markdown();  // docs/input-format.md
std::string config_markdown();        // docs/config.md
// docs/metrics.md is catalog_markdown() in catalog.h.

}  // namespace gapscore
