// How a group-key value is shown: manager ids are people, so they appear as
// pseudonyms (individual results on, salted) or as opaque "manager N" labels.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "dataset/dataset.h"
#include "gapscore/config.h"

namespace gapscore::privacy {

using KeyLabeller = std::function<std::string(std::string_view attribute, const std::string& value)>;

KeyLabeller key_labeller(const Dataset& ds, const Config& config);

}  // namespace gapscore::privacy
