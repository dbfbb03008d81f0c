#include "ingest/json_reader.h"

#include <nlohmann/json.hpp>

#include "base/json_parse.h"

namespace gapscore::ingest {
namespace {

using json = nlohmann::ordered_json;

bool is_rows_key(std::string_view k) { return k == "rows" || k == "data" || k == "records" || k == "value"; }

class RowsSax {
 public:
  RowsSax(TableBuilder& builder, const std::string& table, std::size_t slots)
      : builder_(builder), table_(table), cells_(slots), views_(slots), present_(slots, 0), given_(slots, 0) {}

  Status status = Ok{};
  bool found_rows = false;

  bool null() { return scalar(nullptr, false); }
  bool boolean(bool v) { return scalar(v ? "true" : "false", true); }
  bool number_integer(json::number_integer_t v) { return scalar_owned(std::to_string(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return scalar_owned(std::to_string(v)); }
  bool number_float(json::number_float_t, const json::string_t& raw) { return scalar(raw.c_str(), true); }
  bool string(json::string_t& v) { return scalar_owned(std::move(v)); }
  bool binary(json::binary_t&) { return scalar(nullptr, false); }

  bool start_object(std::size_t) { return open(false); }
  bool start_array(std::size_t) { return open(true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& k) {
    if (skipping()) return true;
    if (in_row() && depth_ == rows_depth_ + 1) {
      slot_ = builder_.slot_for_key(k);
      // The same column twice in one object: which value is meant is not known (CSV refuses such a header).
      if (slot_ >= 0 && given_[static_cast<std::size_t>(slot_)] && !row_bad_) {
        row_bad_ = true;
        reject(DiagCode::json_repeated_field, k, "gives the column \"" + k + "\" a second time");
      }
      if (slot_ >= 0) given_[static_cast<std::size_t>(slot_)] = 1;
      if (slot_ == -2) {
        status = Error(make_diagnostic(DiagCode::duplicate_column,
                                       table_ + ": two different fields map to the column of \"" + k + "\"", table_,
                                       element_, k));
        return false;
      }
      key_ = k;
    } else if (wrapper_ && depth_ == 1) {
      key_ = k;
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    const auto colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    Diagnostic d = make_diagnostic(DiagCode::invalid_json, table_ + ": invalid JSON near byte " +
                                                              std::to_string(position) + ": " + what,
                                   table_);
    d.byte_offset = position;
    status = Error(std::move(d));
    return false;
  }

 private:
  bool skipping() const { return skip_to_ >= 0; }
  bool in_row() const { return in_row_; }

  bool open(bool is_array) {
    if (skipping()) {
      ++depth_;
      return true;
    }
    if (depth_ == 0) {
      if (is_array) {
        rows_depth_ = 1;
        found_rows = true;
      } else {
        wrapper_ = true;
      }
    } else if (wrapper_ && depth_ == 1 && rows_depth_ < 0 && is_array && is_rows_key(key_)) {
      rows_depth_ = 2;
      found_rows = true;
    } else if (rows_depth_ >= 0 && depth_ == rows_depth_) {
      ++element_;
      if (is_array) {
        reject(DiagCode::json_row_not_object, "", "is an array, expected an object");
        skip_to_ = depth_;
      } else {
        in_row_ = true;
        row_bad_ = false;
        std::fill(present_.begin(), present_.end(), std::uint8_t{0});
        std::fill(given_.begin(), given_.end(), std::uint8_t{0});
      }
    } else if (in_row() && depth_ == rows_depth_ + 1) {
      if (slot_ >= 0 && !row_bad_) {
        row_bad_ = true;
        reject(DiagCode::json_nested_value, key_, std::string("is ") + (is_array ? "an array" : "an object") +
                                                      ", expected a single value");
      }
      skip_to_ = depth_;
    } else {
      skip_to_ = depth_;  // a value of the wrapper we do not use
    }
    ++depth_;
    return status.ok();
  }

  bool close() {
    --depth_;
    if (skipping()) {
      if (depth_ == skip_to_) skip_to_ = -1;
      return true;
    }
    if (in_row() && depth_ == rows_depth_) {
      in_row_ = false;
      if (!row_bad_) {
        for (std::size_t s = 0; s < cells_.size(); ++s) views_[s] = present_[s] ? std::string_view(cells_[s]) : "";
        status = builder_.add_slot_row(views_, present_, element_);
      }
    }
    return status.ok();
  }

  bool scalar_owned(std::string v) {
    tmp_ = std::move(v);
    return scalar(tmp_.c_str(), true, tmp_.size());
  }

  bool scalar(const char* text, bool has_value, std::size_t len = std::string::npos) {
    if (skipping()) return true;
    if (depth_ == 0) {
      status = Error(make_diagnostic(DiagCode::json_not_array,
                                     table_ + ": the JSON is a single value; expected an array of objects", table_));
      return false;
    }
    if (rows_depth_ >= 0 && depth_ == rows_depth_) {
      ++element_;
      reject(DiagCode::json_row_not_object, "", "is a single value, expected an object");
      return status.ok();
    }
    if (in_row() && depth_ == rows_depth_ + 1 && slot_ >= 0) {
      const auto s = static_cast<std::size_t>(slot_);
      present_[s] = has_value ? 1 : 0;
      if (has_value) cells_[s].assign(text, len == std::string::npos ? std::char_traits<char>::length(text) : len);
    }
    return true;
  }

  void reject(DiagCode code, const std::string& column, std::string problem) {
    status = builder_.reject_row(code, element_, column, std::move(problem));
  }

  TableBuilder& builder_;
  const std::string& table_;
  std::vector<std::string> cells_;
  std::vector<std::string_view> views_;
  std::vector<std::uint8_t> present_;
  std::vector<std::uint8_t> given_;  // columns this row's keys named so far
  std::string key_;
  std::string tmp_;
  int slot_ = -1;
  int depth_ = 0;
  int rows_depth_ = -1;
  int skip_to_ = -1;
  bool wrapper_ = false;
  bool in_row_ = false;
  bool row_bad_ = false;
  std::uint64_t element_ = 0;
};

// The first pass: every key of a row object, in first-seen order, so that the
// table's columns are known before the first row is read.
class KeysSax : public JsonValuesIgnored {
 public:
  explicit KeysSax(TableBuilder& builder) : builder_(builder) {}
  bool start_object(std::size_t) { return open(false); }
  bool start_array(std::size_t) { return open(true); }
  bool end_object() { return --depth_, true; }
  bool end_array() { return --depth_, true; }
  bool key(json::string_t& k) {
    if (rows_depth_ >= 0 && depth_ == rows_depth_ + 1 && row_object_) (void)builder_.slot_for_key(k);
    else if (wrapper_ && depth_ == 1) key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  bool open(bool is_array) {
    if (depth_ == 0) {
      if (is_array) rows_depth_ = 1;
      else wrapper_ = true;
    } else if (wrapper_ && depth_ == 1 && rows_depth_ < 0 && is_array && is_rows_key(key_)) {
      rows_depth_ = 2;
    }
    if (rows_depth_ >= 0 && depth_ == rows_depth_) row_object_ = !is_array;
    ++depth_;
    return true;
  }
  TableBuilder& builder_;
  std::string key_;
  int depth_ = 0, rows_depth_ = -1;
  bool wrapper_ = false, row_object_ = false;
};

}  // namespace

Status read_json_rows(std::string_view bytes, std::uint64_t base_offset, TableBuilder& builder,
                      const std::string& table_name) {
  // Pass 1 declares the columns (errors are left to pass 2, which reports them).
  KeysSax keys(builder);
  (void)json::sax_parse(bytes.begin(), bytes.end(), &keys, json::input_format_t::json, true);
  RowsSax sax(builder, table_name, builder.slot_count());  // pass 1 added the people table's extra columns
  const bool ok = json::sax_parse(bytes.begin(), bytes.end(), &sax, json::input_format_t::json, true);
  if (!sax.status) {
    Error e = std::move(sax.status).error();
    for (Diagnostic& d : e.diagnostics)
      if (d.byte_offset) d.byte_offset += base_offset;
    return e;
  }
  if (!ok) return Error(make_diagnostic(DiagCode::invalid_json, table_name + ": invalid JSON", table_name));
  if (!sax.found_rows) {
    return Error(make_diagnostic(DiagCode::json_not_array,
                                 table_name + ": expected a JSON array of objects, or an object with a \"rows\" array",
                                 table_name));
  }
  return builder.check_required_columns_seen();
}

}  // namespace gapscore::ingest
