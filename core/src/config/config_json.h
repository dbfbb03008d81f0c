// The effective configuration as a JSON object, for embedding in reports.
#pragma once

#include <nlohmann/json.hpp>

#include "gapscore/config.h"

namespace gapscore {

nlohmann::ordered_json config_json(const Config& config);

}  // namespace gapscore
