#include "json_parse.h"

namespace gapscore {
namespace {

// A DOM builder that records parse errors instead of throwing.
class DomBuilder : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
 public:
  explicit DomBuilder(nlohmann::json& target) : json_sax_dom_parser(target, false) {}
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    const auto colon = what.find(": ");
    message = colon == std::string::npos ? what : what.substr(colon + 2);
    offset = position;
    failed = true;
    return false;
  }
  std::string message;
  std::size_t offset = 0;
  bool failed = false;
};

}  // namespace

std::optional<nlohmann::json> parse_json_dom(std::string_view text, JsonParseError& error) {
  nlohmann::json root;
  DomBuilder builder(root);
  const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json, true);
  if (!ok || builder.failed) {
    error.message = builder.message.empty() ? "invalid JSON" : builder.message;
    error.offset = builder.offset;
    return std::nullopt;
  }
  return root;
}

}  // namespace gapscore
