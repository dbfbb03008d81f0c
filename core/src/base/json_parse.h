// Parsing JSON text into a DOM without exceptions: a parse error comes back as
// a message and byte offset (nlohmann's DOM parser would throw). Nesting is
// bounded (kMaxJsonDepth): serialising or comparing a DOM recurses once per
// level, so a deeply nested document from a user must never reach them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gapscore {

inline constexpr std::size_t kMaxJsonDepth = 128;

struct JsonParseError {
  std::string message;
  std::size_t offset = 0;
};

// Returns the parsed value (object keys in document order), or nullopt with
// `error` filled in. gapscore uses nlohmann's ordered_json only: one
// instantiation of the library keeps the wasm module small.
std::optional<nlohmann::ordered_json> parse_json_dom(std::string_view text, JsonParseError& error);

}  // namespace gapscore
