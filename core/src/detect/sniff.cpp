// sniff_json (gapscore/inputs.h): what a file is, from its first bytes,
// decided by the same code that reads it (CSV reader, usage detection), so
// a portal's column matcher never disagrees with the engine.
#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "base/json_parse.h"
#include "gapscore/inputs.h"
#include "ingest/csv.h"
#include "usage/parsers.h"

namespace gapscore {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kHeadBytes = 64 * 1024;

// Keys of the first row object of a JSON table (an array of objects, or an
// object holding the array under rows/data/records/value), from a prefix.
class FirstObjectKeys : public JsonValuesIgnored {
 public:
  std::vector<std::string> keys;
  bool done = false;

  bool start_object(std::size_t) { return open(false); }
  bool start_array(std::size_t) { return open(true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    if (depth_ == rows_depth_ + 1 && in_row_) keys.push_back(k);
    if (depth_ == 1 && wrapper_) last_key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  bool open(bool is_array) {
    if (depth_ == 0) {
      if (is_array) rows_depth_ = 1;
      else wrapper_ = true;
    } else if (wrapper_ && depth_ == 1 && is_array && rows_depth_ < 0 &&
               (last_key_ == "rows" || last_key_ == "data" || last_key_ == "records" || last_key_ == "value")) {
      rows_depth_ = 2;
    } else if (depth_ == rows_depth_ && !is_array && !in_row_) {
      in_row_ = true;
    }
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    if (in_row_ && depth_ == rows_depth_) {
      done = true;
      return false;  // the first row is all we need
    }
    return true;
  }
  int depth_ = 0, rows_depth_ = -1;
  bool wrapper_ = false, in_row_ = false;
  std::string last_key_;
};

// A header that is not UTF-8, with only ASCII before (looks_windows_1252), is
// read as Windows-1252, as the table itself will be.
std::vector<std::string> csv_header(std::string_view head, char& delimiter, bool& bom, bool windows_1252 = false) {
  CsvOptions options;
  options.windows_1252 = windows_1252;
  CsvReader reader(options, "sniff");
  std::vector<std::string> header;
  const auto take = [&](const CsvRecord& r) -> Status {
    if (header.empty())
      for (std::string_view f : r.fields) {
        std::size_t b = 0, e = f.size();
        while (b < e && (f[b] == ' ' || f[b] == '\t')) ++b;
        while (e > b && (f[e - 1] == ' ' || f[e - 1] == '\t')) --e;
        header.emplace_back(f.substr(b, e - b));
      }
    return Error(Diagnostic{});  // one record is enough: stop reading
  };
  Status read = reader.feed(head, take);
  if (header.empty() && read) read = reader.finish(take);
  if (header.empty() && !read && read.error().code() == DiagCode::looks_windows_1252)
    return csv_header(head, delimiter, bom, true);
  delimiter = reader.delimiter();
  bom = reader.had_bom();
  return header;
}

}  // namespace

std::string sniff_json(std::string_view head) {
  head = head.substr(0, kHeadBytes);
  Json j;
  const bool bom = head.substr(0, 3) == "\xEF\xBB\xBF";
  std::string_view body = bom ? head.substr(3) : head;
  std::size_t i = 0;
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
  std::string format = "unknown";
  Json headers = Json::array();
  Json delimiter = nullptr;
  Json usage_format = nullptr;
  bool usage_certain = false;
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    format = "xlsx";  // a zip container: Excel workbooks are zips of XML parts
  } else if (std::find(head.begin(), head.end(), '\0') != head.end()) {
    format = "binary";
  } else if (i == body.size()) {
    format = "empty";
  } else {
    const auto usage = usage::detect_usage_format(head, UsageFormat::detect, "");
    if (usage) {
      format = "usage";
      usage_format = usage_format_name(*usage);
      std::string lower(body.substr(i, 4096));
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      // A JSON object with only a "value" array is read as Graph JSON, but a table
      // wrapped in {"value": [...]} looks the same: only user names make it certain.
      usage_certain = *usage != UsageFormat::m365_json || lower.find("\"userprincipalname\"") != std::string::npos;
    }
    if (body[i] == '[' || body[i] == '{') {
      if (!usage || !usage_certain) format = "json";
      FirstObjectKeys keys;
      (void)Json::sax_parse(body.begin() + static_cast<std::ptrdiff_t>(i), body.end(), &keys, Json::input_format_t::json, false);
      for (const std::string& k : keys.keys) headers.push_back(k);
    } else {
      if (!usage) format = "csv";
      char d = 0;
      bool had_bom = false;
      for (const std::string& h : csv_header(head, d, had_bom)) headers.push_back(h);
      if (d) delimiter = std::string(1, d);
    }
  }
  j["format"] = format;
  j["delimiter"] = delimiter;
  j["headers"] = std::move(headers);
  j["usage_format"] = usage_format;
  j["usage_certain"] = usage_certain;
  j["byte_order_mark"] = bom;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace gapscore
