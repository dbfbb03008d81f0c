// Reading a report back for verification: its inputs, and its effective
// configuration turned back into a Config.
#include <nlohmann/json.hpp>

#include "config/config_json.h"
#include "base/json_parse.h"
#include "gapscore/verify.h"

namespace gapscore {
namespace {

using Json = nlohmann::ordered_json;

Error not_a_report(const std::string& why) {
  return Error(make_diagnostic(DiagCode::invalid_argument, "not a gapscore report: " + why, "report"));
}

bool is_text_or_null(const Json& j) { return j.is_string() || j.is_null(); }

// In report.config null stands for "not set" (window ends, privacy.dp,
// privacy.dp.seed, ...), which a config file expresses by leaving the key out.
// privacy.salt_given goes too (it is not a config key). Built anew rather than
// erased in place: simpler than ordered_map's erase, which shifts elements.
Json config_input(const Json& j, const std::string& path = {}) {
  if (!j.is_object()) return j;
  Json out = Json::object();
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string key_path = path.empty() ? it.key() : path + "." + it.key();
    if (it->is_null() || key_path == "privacy.salt_given") continue;
    out[it.key()] = config_input(*it, key_path);
  }
  return out;
}

}  // namespace

const char* verify_verdict_name(VerifyVerdict v) {
  switch (v) {
    case VerifyVerdict::identical: return "identical";
    case VerifyVerdict::different: return "different";
    case VerifyVerdict::inputs_mismatch: return "inputs_mismatch";
    case VerifyVerdict::cannot_verify: return "cannot_verify";
  }
  return "cannot_verify";
}

Result<ReportRecord> read_report_record(std::string_view report_text) {
  JsonParseError err;
  const std::optional<Json> parsed = parse_json_dom(report_text, err);
  if (!parsed) return not_a_report("the text is not valid JSON (" + err.message + ")");
  const Json& root = *parsed;
  if (!root.is_object()) return not_a_report("the JSON is not an object");
  ReportRecord r;
  const auto version = root.find("gapscore_version");
  if (version == root.end() || !version->is_string()) return not_a_report("\"gapscore_version\" is missing");
  r.gapscore_version = version->get<std::string>();

  const auto inputs = root.find("inputs");
  if (inputs == root.end() || !inputs->is_array()) return not_a_report("\"inputs\" is missing");
  bool seen[kTableKindCount] = {};
  for (const Json& in : *inputs) {
    if (!in.is_object()) return not_a_report("an entry of \"inputs\" is not an object");
    const auto table = in.find("table"), source = in.find("source"), format = in.find("format"),
               sha = in.find("sha256");
    if (table == in.end() || !table->is_string() || source == in.end() || !is_text_or_null(*source) ||
        format == in.end() || !format->is_string() || sha == in.end() || !is_text_or_null(*sha))
      return not_a_report("an entry of \"inputs\" lacks table, source, format or sha256");
    const auto kind = table_kind_from_name(table->get<std::string>());
    if (!kind) return not_a_report("unknown input table \"" + clip_for_diagnostic(table->get<std::string>()) + "\"");
    auto& once = seen[static_cast<std::size_t>(*kind)];
    // The activity may come from several files (one entry each, in SHA-256 order); other tables once.
    if (once && *kind != TableKind::activity)
      return not_a_report("the " + table->get<std::string>() + " table is listed twice in \"inputs\"");
    once = true;
    ReportedInput ri;
    ri.kind = *kind;
    ri.source = source->is_string() ? source->get<std::string>() : std::string();
    ri.format = format->get<std::string>();
    ri.sha256 = sha->is_string() ? sha->get<std::string>() : std::string();
    r.inputs.push_back(std::move(ri));
  }

  const auto config = root.find("config");
  if (config == root.end() || !config->is_object()) return not_a_report("\"config\" is missing");
  const auto privacy = config->find("privacy");
  if (privacy == config->end() || !privacy->is_object()) return not_a_report("\"config.privacy\" is missing");
  const auto salt_given = privacy->find("salt_given"), individual = privacy->find("individual_results"),
             dp = privacy->find("dp");
  if (salt_given == privacy->end() || !salt_given->is_boolean())
    return not_a_report("\"config.privacy.salt_given\" is missing");
  r.salt_given = salt_given->get<bool>();
  r.individual_results = individual != privacy->end() && individual->is_boolean() && individual->get<bool>();
  if (dp != privacy->end() && dp->is_object()) {
    r.dp = true;
    const auto seed = dp->find("seed");
    r.dp_seeded = seed != dp->end() && seed->is_number();
  }
  r.config_json = config->dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Result<Config> config_from_report(const ReportRecord& record, const std::optional<std::string>& salt) {
  Json config = Json::parse(record.config_json, nullptr, /*allow_exceptions=*/false);
  if (config.is_discarded() || !config.is_object()) return not_a_report("\"config\" is not a JSON object");
  config = config_input(config);
  if (record.salt_given) {
    if (!salt || salt->empty())
      return Error(make_diagnostic(DiagCode::invalid_argument,
                                   "the report was made with a secret salt (config.privacy.salt_given is true), "
                                   "which the report does not contain; give the salt the run used",
                                   "config", 0, "privacy.salt"));
    config["privacy"]["salt"] = *salt;
  }
  auto parsed = parse_config(config.dump(-1, ' ', false, Json::error_handler_t::replace));
  if (!parsed) {
    Error e = std::move(parsed).error();
    e.diagnostics.insert(e.diagnostics.begin(),
                         make_diagnostic(DiagCode::invalid_argument,
                                         "the report's config cannot be read back into a configuration: " +
                                             e.message(),
                                         "config"));
    return e;
  }
  return parsed;
}

}  // namespace gapscore
