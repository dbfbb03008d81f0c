// Parsing JSON text into a DOM without exceptions: a parse error comes back as
// a message and byte offset (nlohmann's DOM parser would throw).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gapscore {

struct JsonParseError {
  std::string message;
  std::size_t offset = 0;
};

// Returns the parsed value, or nullopt with `error` filled in.
std::optional<nlohmann::json> parse_json_dom(std::string_view text, JsonParseError& error);

}  // namespace gapscore
