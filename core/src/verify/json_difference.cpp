// The first place two report texts differ, as a JSON Pointer with both values.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/json_parse.h"

#include "gapscore/verify.h"

namespace gapscore {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kMaxValueBytes = 200;
constexpr const char* kAbsent = "(absent)";

// RFC 6901: "~" is written "~0" and "/" is written "~1".
std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

// Compact JSON, clipped on a UTF-8 boundary.
std::string show(const Json& j) {
  std::string s = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (s.size() <= kMaxValueBytes) return s;
  std::size_t cut = kMaxValueBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s + "…";
}

// Leaves compare by value (1 equals 1.0), so the path found is the first value that
// changed; spelling-only differences are left to the byte offset and the note.
bool same_leaf(const Json& a, const Json& b) { return a == b; }

bool differ_at(const Json& e, const Json& a, std::string path, ReportDifference& out) {
  if (e.is_object() && a.is_object()) {
    // Keys are matched by name, in the report's order; key order alone is a
    // formatting difference (left to the byte offset and the note).
    for (auto ie = e.begin(); ie != e.end(); ++ie) {
      const std::string p = path + "/" + pointer_token(ie.key());
      const auto fa = a.find(ie.key());
      if (fa == a.end()) {
        out.path = p;
        out.expected = show(ie.value());
        out.actual = kAbsent;
        return true;
      }
      if (differ_at(ie.value(), *fa, p, out)) return true;
    }
    for (auto ia = a.begin(); ia != a.end(); ++ia) {
      if (e.contains(ia.key())) continue;
      out.path = path + "/" + pointer_token(ia.key());
      out.expected = kAbsent;
      out.actual = show(ia.value());
      return true;
    }
    return false;
  }
  if (e.is_array() && a.is_array()) {
    const std::size_t n = std::max(e.size(), a.size());
    for (std::size_t i = 0; i < n; ++i) {
      const std::string p = path + "/" + std::to_string(i);
      if (i >= e.size() || i >= a.size()) {
        out.path = p;
        out.expected = i < e.size() ? show(e[i]) : kAbsent;
        out.actual = i < a.size() ? show(a[i]) : kAbsent;
        return true;
      }
      if (differ_at(e[i], a[i], p, out)) return true;
    }
    return false;
  }
  if (same_leaf(e, a)) return false;
  out.path = path;
  out.expected = show(e);
  out.actual = show(a);
  return true;
}

}  // namespace

std::optional<ReportDifference> first_difference(std::string_view expected, std::string_view actual) {
  if (expected == actual) return std::nullopt;
  ReportDifference d;
  const auto mismatch = std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end());
  d.byte_offset = static_cast<std::uint64_t>(mismatch.first - expected.begin());
  JsonParseError err;
  const std::optional<Json> e = parse_json_dom(expected, err);
  const std::optional<Json> a = e ? parse_json_dom(actual, err) : std::nullopt;
  if (!e || !a) {
    d.note = (!e ? "the report is not valid JSON (" : "the recomputed text is not valid JSON (") + err.message + ")";
    return d;
  }
  if (!differ_at(*e, *a, "", d))
    d.note = "the JSON values are equal but the bytes are not (whitespace, line endings, key order, number "
             "spelling or escapes); reports are compared byte for byte";
  return d;
}

}  // namespace gapscore
