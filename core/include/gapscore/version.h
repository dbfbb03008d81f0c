// The engine's version: reports carry it, and verify compares it.
#pragma once

#include <string_view>

namespace gapscore {

std::string_view engine_version();

}  // namespace gapscore
