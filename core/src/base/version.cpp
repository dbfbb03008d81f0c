#include "gapscore/version.h"

#ifndef GAPSCORE_VERSION_STRING
#define GAPSCORE_VERSION_STRING "0.0.0"
#endif

namespace gapscore {

std::string_view engine_version() { return GAPSCORE_VERSION_STRING; }

}  // namespace gapscore
