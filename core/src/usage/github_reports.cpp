// GitHub Copilot usage reports as GitHub delivers them (and as dashboards such
// as copilot-metrics-viewer read them): the users reports (organisation or
// enterprise, 1-day or 28-day) as one JSON document
//   {report_start_day, report_end_day, organization_id | enterprise_id, ...,
//    day_totals: [{user_id, user_login, day, ..., totals_by_ide[], ...}, ...]}
// usually pretty-printed over many lines, and the organisation / enterprise
// aggregate reports {..., day_totals: [{day, daily_active_users, ...}]}.
// Formats are told apart by the document's structure, read with a SAX parser
// that builds one record at a time (a 28-day report of a large enterprise is
// hundreds of megabytes as text; its DOM would be ten times that).
#include <memory>

#include "base/date.h"
#include "base/json_parse.h"
#include "usage/json_fields.h"
#include "usage/parsers.h"

namespace gapscore::usage {
namespace {

using Json = nlohmann::ordered_json;
using DomParser = nlohmann::detail::json_sax_dom_parser<Json>;

// What the first JSON value of a file looks like, from its structure.
class ShapeSniffer : public JsonValuesIgnored {
 public:
  bool failed = false, done = false;
  bool root_array = false, root_object = false;
  std::vector<std::string> root_keys, first_record_keys;
  std::string records_key;  // "day_totals" / "value" when the records sit under it

  bool start_object(std::size_t) { return open(false); }
  bool start_array(std::size_t) { return open(true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    if (depth_ == 1 && root_object) {
      root_keys.push_back(k);
      last_root_key_ = k;
    } else if (in_record_ && depth_ == record_depth_ + 1) {
      first_record_keys.push_back(k);
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    failed = true;
    return false;
  }

 private:
  bool open(bool is_array) {
    if (depth_ >= kMaxJsonDepth) {
      failed = true;
      return false;
    }
    if (depth_ == 0) {
      root_array = is_array;
      root_object = !is_array;
      if (is_array) records_depth_ = 1;
    } else if (depth_ == 1 && root_object && is_array && records_depth_ < 0 &&
               (last_root_key_ == "day_totals" || last_root_key_ == "value")) {
      records_depth_ = 2;
      records_key = last_root_key_;
    } else if (static_cast<int>(depth_) == records_depth_ && !is_array && !in_record_ && !seen_record_) {
      in_record_ = true;
      record_depth_ = depth_;
    }
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    if (in_record_ && depth_ == record_depth_) {
      in_record_ = false;
      seen_record_ = true;
      if (root_array) {
        done = true;
        return false;  // an array's first record tells the format
      }
    }
    if (depth_ == 0) done = true;
    return true;
  }
  std::size_t depth_ = 0;
  int records_depth_ = -1;
  std::size_t record_depth_ = 0;
  bool in_record_ = false, seen_record_ = false;
  std::string last_root_key_;
};

bool has(const std::vector<std::string>& keys, std::string_view k) {
  for (const std::string& x : keys)
    if (x == k) return true;
  return false;
}

// Builds each record's DOM in turn and hands it on, keeping no other. The
// root object (a report's wrapper) is built too, without its records array:
// it is the header, or, when it holds no records array, the one record.
class RecordStream {
 public:
  RecordStream(const std::function<void(const Json&, std::uint64_t)>& each, Json* header) : each_(each), header_(header) {}

  bool null() { return scalar([](DomParser& p) { return p.null(); }, [] { return Json(nullptr); }); }
  bool boolean(bool v) { return scalar([v](DomParser& p) { return p.boolean(v); }, [v] { return Json(v); }); }
  bool number_integer(Json::number_integer_t v) {
    return scalar([v](DomParser& p) { return p.number_integer(v); }, [v] { return Json(v); });
  }
  bool number_unsigned(Json::number_unsigned_t v) {
    return scalar([v](DomParser& p) { return p.number_unsigned(v); }, [v] { return Json(v); });
  }
  bool number_float(Json::number_float_t v, const std::string& s) {
    return scalar([&](DomParser& p) { return p.number_float(v, s); }, [v] { return Json(v); });
  }
  bool string(std::string& v) { return scalar([&](DomParser& p) { return p.string(v); }, [&] { return Json(v); }); }
  bool binary(Json::binary_t&) { return true; }
  bool key(std::string& k) {
    if (record_builder_) return record_builder_->key(k);
    if (depth_ == 1) last_key_ = k;
    return root_builder_ ? root_builder_->key(k) : true;
  }
  bool start_object(std::size_t n) { return open(false, n); }
  bool start_array(std::size_t n) { return open(true, n); }
  bool end_object() { return close(false); }
  bool end_array() { return close(true); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    const std::string what = ex.what();
    const auto colon = what.find(": ");
    message = colon == std::string::npos ? what : what.substr(colon + 2);
    offset = position;
    return false;
  }

  std::string message;
  std::size_t offset = 0;

 private:
  template <class Forward, class Make>
  bool scalar(Forward forward, Make make) {
    if (record_builder_) return forward(*record_builder_);
    if (in_records_ && static_cast<int>(depth_) == records_depth_) {
      each_(make(), ++count_);  // a scalar where a record belongs: the reader says so
      return true;
    }
    return root_builder_ ? forward(*root_builder_) : true;
  }

  bool open(bool is_array, std::size_t n) {
    if (depth_ >= kMaxJsonDepth) {
      message = "nested more than " + std::to_string(kMaxJsonDepth) + " levels deep";
      return false;
    }
    bool ok = true;
    if (record_builder_) {
      ok = is_array ? record_builder_->start_array(n) : record_builder_->start_object(n);
    } else if (depth_ == 0 && is_array) {
      records_depth_ = 1;
      in_records_ = true;
    } else if (depth_ == 0) {
      root_builder_ = std::make_unique<DomParser>(root_, false);
      ok = root_builder_->start_object(n);
    } else if (depth_ == 1 && root_builder_ && is_array && records_depth_ < 0 &&
               (last_key_ == "day_totals" || last_key_ == "value")) {
      records_depth_ = 2;
      in_records_ = true;
      ok = root_builder_->start_array(0) && root_builder_->end_array();  // the header keeps an empty array
    } else if (in_records_ && static_cast<int>(depth_) == records_depth_) {
      record_ = Json();
      record_builder_ = std::make_unique<DomParser>(record_, false);
      record_depth_ = depth_;
      ok = is_array ? record_builder_->start_array(n) : record_builder_->start_object(n);
    } else if (root_builder_) {
      ok = is_array ? root_builder_->start_array(n) : root_builder_->start_object(n);
    }
    ++depth_;
    return ok;
  }

  bool close(bool is_array) {
    --depth_;
    if (record_builder_) {
      const bool ok = is_array ? record_builder_->end_array() : record_builder_->end_object();
      if (depth_ == record_depth_) {
        record_builder_.reset();
        each_(record_, ++count_);
        record_ = Json();
      }
      return ok;
    }
    if (in_records_ && static_cast<int>(depth_) + 1 == records_depth_) {
      in_records_ = false;  // the records array ends
      return true;
    }
    if (!root_builder_) return true;
    const bool ok = is_array ? root_builder_->end_array() : root_builder_->end_object();
    if (depth_ == 0) {
      if (records_depth_ < 0) each_(root_, ++count_);  // no records array: the root object is the record
      if (header_) *header_ = std::move(root_);
      root_builder_.reset();
    }
    return ok;
  }

  const std::function<void(const Json&, std::uint64_t)>& each_;
  Json* header_;
  std::unique_ptr<DomParser> root_builder_, record_builder_;
  Json root_, record_;
  std::size_t depth_ = 0, record_depth_ = 0;
  int records_depth_ = -1;
  bool in_records_ = false;
  std::string last_key_;
  std::uint64_t count_ = 0;
};

}  // namespace

std::optional<UsageFormat> json_usage_shape(std::string_view bytes) {
  ShapeSniffer s;
  (void)Json::sax_parse(bytes.begin(), bytes.end(), &s, Json::input_format_t::json, false);
  if (s.root_object) {
    if (has(s.root_keys, "value") && s.records_key == "value") return UsageFormat::m365_json;
    if (has(s.root_keys, "userPrincipalName")) return UsageFormat::m365_json;
    if (s.records_key == "day_totals") {
      if (s.first_record_keys.empty() && !s.done) return std::nullopt;  // cut off before the first record
      if (has(s.first_record_keys, "user_login") || has(s.first_record_keys, "user_id")) return UsageFormat::github_users_report;
      return UsageFormat::github_org_report;
    }
    if (has(s.root_keys, "day") && (has(s.root_keys, "user_login") || has(s.root_keys, "user_id")))
      return UsageFormat::github_users_ndjson;  // one user-day: a line of NDJSON, or a 1-day report of one user
    return std::nullopt;
  }
  if (s.root_array) {
    const auto& k = s.first_record_keys;
    if (has(k, "total_active_users") || has(k, "copilot_ide_code_completions")) return UsageFormat::github_aggregate_json;
    if (has(k, "user_login") || has(k, "user_id")) return UsageFormat::github_users_ndjson;
    if (has(k, "day") && (has(k, "daily_active_users") || has(k, "monthly_active_users"))) return UsageFormat::github_org_report;
  }
  return std::nullopt;
}

Status for_each_json_record(std::string_view bytes, const std::string& source,
                            const std::function<void(const Json& record, std::uint64_t number)>& each, Json* header) {
  RecordStream stream(each, header);
  const bool ok = Json::sax_parse(bytes.begin(), bytes.end(), &stream, Json::input_format_t::json, true);
  if (!ok) {
    Diagnostic d = make_diagnostic(DiagCode::invalid_json,
                                   source + ": invalid JSON near byte " + std::to_string(stream.offset) + ": " +
                                       (stream.message.empty() ? std::string("invalid JSON") : stream.message),
                                   "usage");
    d.byte_offset = stream.offset;
    return Error(std::move(d));
  }
  return Ok{};
}

Status read_github_users_report(std::string_view bytes, const std::string& source, UsageData& out,
                                UsageFileSummary& summary, DiagnosticLog& log) {
  return for_each_json_record(bytes, source, [&](const Json& record, std::uint64_t n) {
    add_github_user_day(record, n, source, out, summary, log);
  });
}

Status read_github_org_report(std::string_view bytes, const std::string& source, UsageData& out,
                              UsageFileSummary& summary, DiagnosticLog& log) {
  Json header = Json::object();
  return for_each_json_record(
      bytes, source,
      [&](const Json& d, std::uint64_t n) {
        ++summary.records;
        const auto day = d.is_object() ? parse_iso_date(json_text(d, "day").substr(0, 10)) : std::nullopt;
        if (!day) {
          ++summary.records_skipped;
          skip_record(log, source, n, "no \"day\" in YYYY-MM-DD form");
          return;
        }
        AggregateDay a;
        a.day = *day;
        a.team = source;
        a.active_users = json_number(d, "daily_active_users");
        a.engaged_users = json_number(d, "monthly_active_chat_users");  // users of chat, not of completions only
        add_json_number(a.suggestions, d, "code_generation_activity_count");
        add_json_number(a.acceptances, d, "code_acceptance_activity_count");
        add_json_number(a.lines_suggested, d, "loc_suggested_to_add_sum");
        add_json_number(a.lines_accepted, d, "loc_added_sum");
        note_day(summary, a.day);
        ++summary.rows;
        out.aggregates.push_back(std::move(a));
      },
      &header);
}

}  // namespace gapscore::usage
