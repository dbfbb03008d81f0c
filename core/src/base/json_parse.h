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

// SAX callbacks that pass over every value: the base of readers that look only
// at a document's structure and keys (they add the start_/end_/key/parse_error
// callbacks).
struct JsonValuesIgnored {
  using Json = nlohmann::ordered_json;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const Json::string_t&) { return true; }
  bool string(Json::string_t&) { return true; }
  bool binary(Json::binary_t&) { return true; }
};

}  // namespace gapscore
