#include "base/json_parse.h"

namespace gapscore {
namespace {

// A DOM builder that records parse errors instead of throwing, and stops at
// kMaxJsonDepth levels of nesting.
template <class Json>
class DomBuilder : public nlohmann::detail::json_sax_dom_parser<Json> {
  using Base = nlohmann::detail::json_sax_dom_parser<Json>;

 public:
  explicit DomBuilder(Json& target) : Base(target, false) {}
  bool start_object(std::size_t n) { return deeper() && Base::start_object(n); }
  bool start_array(std::size_t n) { return deeper() && Base::start_array(n); }
  bool end_object() {
    --depth_;
    return Base::end_object();
  }
  bool end_array() {
    --depth_;
    return Base::end_array();
  }
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

 private:
  bool deeper() {
    if (++depth_ <= kMaxJsonDepth) return true;
    message = "nested more than " + std::to_string(kMaxJsonDepth) + " levels deep";
    failed = true;
    return false;
  }
  std::size_t depth_ = 0;
};

template <class Json>
std::optional<Json> parse_dom(std::string_view text, JsonParseError& error) {
  Json root;
  DomBuilder<Json> builder(root);
  const bool ok = Json::sax_parse(text.begin(), text.end(), &builder, Json::input_format_t::json, true);
  if (!ok || builder.failed) {
    error.message = builder.message.empty() ? "invalid JSON" : builder.message;
    error.offset = builder.offset;
    return std::nullopt;
  }
  return root;
}

}  // namespace

std::optional<nlohmann::ordered_json> parse_json_dom(std::string_view text, JsonParseError& error) {
  return parse_dom<nlohmann::ordered_json>(text, error);
}

}  // namespace gapscore
