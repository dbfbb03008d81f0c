#include "gapscore/config.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "config/config_json.h"
#include "base/json_parse.h"
#include "base/date.h"
#include "model/schema.h"
#include "base/text_distance.h"
#include "base/date_formats.h"

namespace gapscore {
namespace {

using json = nlohmann::ordered_json;

// The people table's attributes, then the HR attributes a Viva Insights person
// query carries as standard (any other attribute column of one may be named too).
constexpr std::string_view kGroupable[] = {"team",         "role",          "work_mode",        "manager_id",
                                           "ai_trained",   "Organization",  "FunctionType",     "LevelDesignation",
                                           "SupervisorIndicator", "Layer",  "Region"};
constexpr std::size_t kPersonTableAttributes = 5;

// Tables whose date column config.date_formats may set.
constexpr std::string_view kDateTables[] = {"activity", "people", "surveys", "usage"};
// Tables whose encoding config.encodings may set (the CSV tables; usage exports have readers of their own).
constexpr std::string_view kEncodingTables[] = {"activity", "people", "surveys", "playbook"};

constexpr ConfigKeyDoc kKeys[] = {
    {"mode", "\"lenient\" | \"strict\"", "\"lenient\"",
     "lenient: bad rows are skipped and counted; strict: the run fails listing the first errors."},
    {"max_diagnostics", "integer 1..10000", "100", "How many diagnostics are listed in full (all are counted)."},
    {"group_by", "array of person attributes", "[\"team\"]",
     "Grouping for per-group metrics: any of team, role, work_mode, manager_id, ai_trained, another column of the "
     "people table (department, location...), or an HR attribute of a Viva Insights person query (Organization, FunctionType, LevelDesignation, SupervisorIndicator, Layer, Region, or "
     "any other attribute column it has). [] = overall only."},
    {"rollup_by", "person attribute | null", "null",
     "A coarser grouping that contains the groups, e.g. \"department\" (a column of the people table) over "
     "group_by [\"team\"]: the report adds a rollup section with a figure per department, and the privacy checks "
     "cover both levels. Every group must lie inside one rollup group."},
    {"period", "\"week\" | \"month\"", "\"week\"", "Trend period: ISO week (Monday start) or calendar month."},
    {"trends.max_groups", "integer 1..500", "50",
     "Trend series for at most this many groups: the largest by headcount (ties in key order). A diagnostic "
     "(trend_groups_capped) says when groups were left out."},
    {"trends.groups", "array of group keys", "none",
     "Trend series for exactly these groups instead. A key is a string when group_by has one attribute, else an "
     "array with one value per group_by attribute (or an object {attribute: value})."},
    {"window.start", "date YYYY-MM-DD", "none", "First day of activity to include."},
    {"window.end", "date YYYY-MM-DD", "none", "Last day of activity to include."},
    {"ai_user_min_share", "number 0..1", "0.1", "A person is an AI user when Σai_tasks/Σtasks reaches this share."},
    {"rework_threshold", "number 0..1", "0.15",
     "An AI user whose rework_hours/hours reaches this is counted in effectiveness_gap."},
    {"weights.adoption_gap", "number >= 0", "1", "Weight of adoption_gap in the gap score."},
    {"weights.usage_unevenness", "number >= 0", "1", "Weight of usage_unevenness in the gap score."},
    {"weights.effectiveness_gap", "number >= 0", "1", "Weight of effectiveness_gap in the gap score."},
    {"weights.playbook_gap", "number >= 0", "1", "Weight of playbook_gap (needs a playbook)."},
    {"weights.sentiment_gap", "number >= 0", "1", "Weight of sentiment_gap (needs surveys)."},
    {"bootstrap.resamples", "integer 100..100000", "2000", "Bootstrap resamples for confidence intervals."},
    {"bootstrap.seed", "integer >= 0", "20240229", "Seed of the bootstrap's own random generator."},
    {"bootstrap.confidence", "number 0.5..0.999", "0.95", "Confidence level of bootstrap intervals."},
    {"privacy.min_group_size", "integer >= 3", "5",
     "Groups and cells with fewer distinct people are suppressed."},
    {"privacy.min_group_size_extremes", "integer >= min_group_size", "10",
     "People needed before single-person statistics (min, max, median, quantiles) are shown."},
    {"privacy.individual_results", "boolean", "false",
     "Allow person-level output (pseudonymous ids). Off: nothing derived from one person appears."},
    {"privacy.salt", "string: 32+ hex digits, or \"generate\"", "\"\"",
     "Secret key for pseudonymous person ids (individual_results) and cell keys (protection cell_key): at least 32 "
     "hexadecimal digits (128 bits). \"generate\" makes one for this run and hands it back (keep it to get the same "
     "pseudonyms and cell keys again); anything else is rejected."},
    {"privacy.protection", "\"suppression\" | \"cell_key\" | \"dp\"", "\"suppression\"",
     "Protection across repeated reports (docs/privacy.md): suppression protects one report only; cell_key perturbs "
     "counts and sums consistently (needs privacy.salt); dp releases differentially private headline figures and "
     "spends from a privacy-budget ledger. privacy.dp alone means dp."},
    {"privacy.cell_key.max_count_noise", "integer 1..10", "2",
     "Protection cell_key: each count moves by a whole number between -max and max, the same for the same cell in "
     "every report."},
    {"privacy.cell_key.sum_noise_share", "number 0.05..2", "0.5",
     "Protection cell_key: each sum moves by at most this share of the largest single person's contribution to it."},
    {"privacy.ledger_id", "string", "none",
     "Protection dp: the privacy-budget ledger entry releases spend from. Default: the people table's SHA-256, or the "
     "activity table's when there is no people table."},
    {"privacy.dp.epsilon", "number 0.01..10", "1",
     "With privacy.dp present (protection dp): the privacy budget one release (report) spends (docs/privacy.md)."},
    {"privacy.dp.total_epsilon", "number 0.01..1000", "10",
     "Protection dp: the ledger refuses a release that would bring the budget spent on privacy.ledger_id past this."},
    {"privacy.dp.delta", "number 0..0.001", "0", "Accepted and reported; the mechanism is pure epsilon-DP (delta 0)."},
    {"privacy.dp.seed", "integer >= 0", "none", "Fixed noise seed, for tests only; without it noise is drawn from a secure source."},
    {"privacy.dp.max_tasks_per_person", "number > 0", "2000", "Clamp on a person's tasks (and AI tasks) in the window."},
    {"privacy.dp.max_hours_saved_per_person", "number > 0", "400", "Clamp on a person's |hours saved| in the window."},
    {"privacy.dp.max_rework_hours_per_person", "number > 0", "200", "Clamp on a person's rework hours in the window."},
    {"insights.heavy_user_min_share", "number 0..1", "0.6", "Persona heavy_user: AI share of tasks at least this."},
    {"insights.champion_max_rework_rate", "number 0..1", "0.05", "Persona champion: rework rate below this."},
    {"insights.champion_min_percentile", "number 0..1", "0.75",
     "Persona champion: quality-adjusted output per hour at or above this percentile of the group."},
    {"insights.kpi_min_abs_rho", "number 0..1", "0.2",
     "KPI audit: a legacy proxy tracks an outcome when |Spearman rho| reaches this with more of the proxy going "
     "with more value or quality, or fewer errors; the other way it points the wrong way (docs/insights.md)."},
    {"insights.split_min_share", "number 0..1", "0.3",
     "Uneven groups: people with at least this AI share of tasks count as leaning on AI."},
    {"insights.uneven_min_split", "number 0..0.5", "0.35",
     "Uneven groups: listed when both those leaning on AI and those avoiding it make up at least this share."},
    {"insights.playbook_card_max_utilization", "number 0..1", "0.5",
     "Role guidance: a recommended task used with AI below this share is named in a recommendation and a card."},
    {"insights.mentees_per_champion", "integer 1..10", "3", "Peer mentoring: non-adopters per champion at most."},
    {"insights.max_items", "integer 1..50", "5", "Items listed per insight (lowest utilization, success stories, ...)."},
    {"insights.min_days", "integer 1..3660", "28",
     "Enough data: a score, gap or finding over fewer calendar days (first to last activity day) is marked "
     "too_little_data and gets no verdict."},
    {"insights.min_periods", "integer 1..520", "4",
     "Enough data: a score, gap or finding covering fewer trend periods (config.period) with activity is marked "
     "too_little_data."},
    {"insights.min_people_per_side", "integer >= min_group_size, or null", "null",
     "Enough data: AI users and non-users needed on each side of a comparison; null = privacy.min_group_size."},
    {"insights.kpi_proxies", "array of column names", "[\"emails_sent\", \"collaboration_hours\", \"meeting_hours\", \"chats_sent\"]",
     "KPI audit: numeric columns audited as legacy proxies next to hours, tasks and ai_interactions: the activity "
     "table's emails_sent and meeting_hours, or any numeric column of a Viva Insights person query (matched like "
     "headers: Emails_sent = emails_sent). Columns no input has are skipped."},
    {"rollout.by", "person attribute", "\"team\"", "The attribute the rollout dates are keyed by."},
    {"rollout.dates", "object {group: date}", "none",
     "First day each group had AI tools; groups not listed had none in the window (controls)."},
    {"usage.identity", "\"auto\" | \"identities\" | \"email\" | \"github_login\" | \"person_id\"", "\"auto\"",
     "How usage-export users are matched to people; auto tries the identities table, then e-mail / GitHub login, then "
     "person_id."},
    {"usage.engaged_min_days", "integer 1..366", "4", "Engaged users: active with AI tools on at least this many days."},
    {"usage.segments.weeks", "integer 1..52", "12",
     "Usage segments: the last this many weeks of usage data (fewer when the data covers fewer)."},
    {"usage.segments.habit_min_share", "number 0..1", "0.75",
     "Usage segments: habitual = actions in at least ceil(habit_min_share x weeks) of the weeks (9 of 12)."},
    {"usage.segments.power_min_mean", "number >= 0", "15",
     "Usage segments: power_user = habitual with at least this many actions a week on average (else habitual_user)."},
    {"usage.segments.novice_min_mean", "number >= 0", "1",
     "Usage segments: novice_user = not habitual with at least this mean (low_user: above 0 and below it)."},
    {"usage.maturity.ramping_up", "number 0..1", "0.2", "Adoption maturity: \"ramping up\" from this power-user share."},
    {"usage.maturity.embedding", "number 0..1", "0.4", "Adoption maturity: \"embedding\" from this power-user share."},
    {"usage.maturity.full_integration", "number 0..1", "0.6",
     "Adoption maturity: \"full integration\" from this power-user share (below ramping_up: \"initial rollout\")."},
    {"columns.<table>", "object {header: column}", "{}",
     "Map other header names onto gapscore columns, per table (activity, people, surveys, playbook)."},
    {"date_formats.<table>", "date format", "detect",
     "The date format of a table's date column (activity, people, surveys, usage): YYYY-MM-DD (or iso, which also "
     "takes date-times), M/D/YYYY, D/M/YYYY, D.M.YYYY, YYYY/MM/DD, ... from the tokens YYYY MM M DD D, or "
     "excel_serial. Without it the format is detected from the column's first values; ambiguous ones are an error."},
    {"encodings.<table>", "utf-8 | windows-1252", "utf-8",
     "The character encoding of a CSV table (activity, people, surveys, playbook). windows-1252 (also written cp1252, "
     "latin1 or iso-8859-1, which browsers read the same way) is what Excel's \"CSV\" writes on Windows; it is read "
     "as UTF-8. The CLI, the npm package and the Python module set it by themselves for a table that is not UTF-8 and has only ASCII "
     "before its first bad byte."},
};

struct Parser {
  Config config;
  std::vector<Diagnostic> errors;
  json trend_keys_;  // config.trends.groups as given, checked once group_by is known
  std::string protection_given;  // privacy.protection as given ("" = not given)

  void error(DiagCode code, const std::string& key, std::string message) {
    errors.push_back(make_diagnostic(code, "config " + key + ": " + std::move(message), "config", 0, key));
  }

  void unknown(const std::string& prefix, const std::string& key, const std::vector<std::string>& cands) {
    const std::string close = closest_match(key, cands);
    std::string msg = "unknown key";
    if (!close.empty()) msg += "; did you mean \"" + close + "\"?";
    error(DiagCode::config_unknown_key, prefix + key, std::move(msg));
  }

  bool number(const json& v, const std::string& key, double lo, double hi, double& out) {
    if (!v.is_number()) {
      error(DiagCode::config_invalid_value, key, "must be a number");
      return false;
    }
    const double d = v.get<double>();
    if (!(d >= lo && d <= hi)) {
      error(DiagCode::config_invalid_value, key, "must be between " + trim_number(lo) + " and " + trim_number(hi));
      return false;
    }
    out = d;
    return true;
  }

  bool integer(const json& v, const std::string& key, long long lo, long long hi, long long& out) {
    if (!v.is_number_integer() && !(v.is_number_float() && v.get<double>() == std::floor(v.get<double>()))) {
      error(DiagCode::config_invalid_value, key, "must be a whole number");
      return false;
    }
    const double d = v.get<double>();
    if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi))) {
      error(DiagCode::config_invalid_value, key,
            "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
      return false;
    }
    out = v.is_number_unsigned() ? static_cast<long long>(v.get<std::uint64_t>())
                                 : v.is_number_integer() ? v.get<long long>() : static_cast<long long>(d);
    return true;
  }

  static std::string trim_number(double d) {
    if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    std::string s = std::to_string(d);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    return s;
  }

  void date(const json& v, const std::string& key, std::optional<std::int32_t>& out) {
    if (!v.is_string() || !parse_iso_date(v.get<std::string>())) {
      error(DiagCode::config_invalid_value, key, "must be a date in YYYY-MM-DD form");
      return;
    }
    out = parse_iso_date(v.get<std::string>());
  }

  void parse(const json& root) {
    if (!root.is_object()) {
      error(DiagCode::config_invalid_value, "(root)", "the configuration must be a JSON object");
      return;
    }
    for (const auto& [key, v] : root.items()) {
      if (key == "mode") {
        if (v == "lenient") config.strict = false;
        else if (v == "strict") config.strict = true;
        else error(DiagCode::config_invalid_value, key, "must be \"lenient\" or \"strict\"");
      } else if (key == "max_diagnostics") {
        long long n = 0;
        if (integer(v, key, 1, 10000, n)) config.max_diagnostics = static_cast<int>(n);
      } else if (key == "group_by") {
        parse_group_by(v);
      } else if (key == "rollup_by") {
        parse_rollup_by(v);
      } else if (key == "period") {
        if (v == "week") config.period = Period::week;
        else if (v == "month") config.period = Period::month;
        else error(DiagCode::config_invalid_value, key, "must be \"week\" or \"month\"");
      } else if (key == "trends") {
        parse_trends(v);
      } else if (key == "window") {
        parse_window(v);
      } else if (key == "ai_user_min_share") {
        number(v, key, 0.0, 1.0, config.ai_user_min_share);
      } else if (key == "rework_threshold") {
        number(v, key, 0.0, 1.0, config.rework_threshold);
      } else if (key == "weights") {
        parse_weights(v);
      } else if (key == "bootstrap") {
        parse_bootstrap(v);
      } else if (key == "privacy") {
        parse_privacy(v);
      } else if (key == "columns") {
        parse_columns(v);
      } else if (key == "insights") {
        parse_insights(v);
      } else if (key == "rollout") {
        parse_rollout(v);
      } else if (key == "usage") {
        parse_usage(v);
      } else if (key == "date_formats") {
        parse_date_formats(v);
      } else if (key == "encodings") {
        parse_encodings(v);
      } else {
        unknown("", key, {"mode", "max_diagnostics", "group_by", "rollup_by", "period", "trends", "window", "ai_user_min_share",
                          "rework_threshold", "weights", "bootstrap", "privacy", "columns", "insights", "rollout", "usage",
                          "date_formats", "encodings"});
      }
    }
    check_trend_keys();
    if (!config.rollup_by.empty() && config.group_by.empty())
      error(DiagCode::config_invalid_value, "rollup_by", "needs group_by: it rolls the groups up into larger ones");
    if (!config.rollup_by.empty() && (config.privacy.dp || config.privacy.protection == Protection::cell_key))
      error(DiagCode::config_invalid_value, "rollup_by",
            "cannot be combined with differential privacy or cell-key perturbation (they release group_by's groups only)");
    for (const std::string& g : config.group_by)
      if (!config.rollup_by.empty() && normalize_header(g) == normalize_header(config.rollup_by))
        error(DiagCode::config_invalid_value, "rollup_by", quote_for_diagnostic(g) + " is already in group_by");
    if (config.window_start && config.window_end && *config.window_start > *config.window_end)
      error(DiagCode::config_invalid_value, "window", "start is after end");
    const PrivacyConfig& pc = config.privacy;
    const bool salted = !pc.salt.empty() || pc.generate_salt;
    if (pc.individual_results && pc.dp)
      error(DiagCode::config_invalid_value, "privacy.dp",
            "cannot be combined with individual_results (person-level rows are not differentially private)");
    if (pc.individual_results && pc.protection == Protection::cell_key)
      error(DiagCode::config_invalid_value, "privacy.protection",
            "cell_key cannot be combined with individual_results (person-level rows are exact)");
    if (pc.individual_results && !salted && !has_error_on("privacy.salt"))
      error(DiagCode::config_invalid_value, "privacy.salt",
            "is required with individual_results (person ids are replaced by keyed hashes of it): at least 32 "
            "hexadecimal digits, or \"generate\"");
    if (pc.protection == Protection::cell_key && !salted && !has_error_on("privacy.salt"))
      error(DiagCode::config_invalid_value, "privacy.salt",
            "is required with protection cell_key (each person's record key is derived from it): at least 32 "
            "hexadecimal digits, or \"generate\"");
    if (config.privacy.min_group_size_extremes < config.privacy.min_group_size)
      error(DiagCode::config_invalid_value, "privacy.min_group_size_extremes",
            "must be at least privacy.min_group_size (" + std::to_string(config.privacy.min_group_size) + ")");
    // A side smaller than min_group_size would describe too few people to publish.
    if (config.insights.min_people_per_side && *config.insights.min_people_per_side < config.privacy.min_group_size)
      error(DiagCode::config_invalid_value, "insights.min_people_per_side",
            "must be at least privacy.min_group_size (" + std::to_string(config.privacy.min_group_size) + ")");
  }

  bool has_error_on(const std::string& key) const {
    return std::any_of(errors.begin(), errors.end(), [&](const Diagnostic& d) { return d.column == key; });
  }

  bool object(const json& v, const std::string& key) {
    if (v.is_object()) return true;
    error(DiagCode::config_invalid_value, key, "must be an object");
    return false;
  }

  void parse_group_by(const json& v) {
    if (!v.is_array()) {
      error(DiagCode::config_invalid_value, "group_by", "must be an array such as [\"team\"]");
      return;
    }
    std::vector<std::string> out;
    for (const json& item : v) {
      if (!item.is_string()) {
        error(DiagCode::config_invalid_value, "group_by", "entries must be strings");
        return;
      }
      const std::string name = item.get<std::string>();
      if (const std::string why = check_attribute(name); !why.empty()) {
        error(DiagCode::config_invalid_value, "group_by", why);
        return;
      }
      for (const std::string& seen : out)
        if (seen == name) {
          error(DiagCode::config_invalid_value, "group_by", "\"" + name + "\" is listed twice");
          return;
        }
      out.push_back(name);
    }
    config.group_by = std::move(out);
  }

  void parse_rollup_by(const json& v) {
    if (v.is_null()) return;
    if (!v.is_string()) {
      error(DiagCode::config_invalid_value, "rollup_by", "must be a person attribute such as \"department\", or null");
      return;
    }
    const std::string name = v.get<std::string>();
    if (name.empty()) return;
    if (const std::string why = check_attribute(name); !why.empty()) {
      error(DiagCode::config_invalid_value, "rollup_by", why);
      return;
    }
    config.rollup_by = name;
  }

  // "" when `name` can be a group_by attribute: one of kGroupable, or another
  // HR attribute column of a person query (checked at the join). A near miss of
  // a people-table attribute ("tema", "Team") is a typo, not a new attribute.
  static std::string check_attribute(const std::string& name) {
    for (std::string_view g : kGroupable)
      if (g == name) return {};
    const std::string usage =
        " (use team, role, work_mode, manager_id, ai_trained, another column of the people table such as "
        "department, or an HR attribute of a Viva person query such as Organization)";
    bool plain = !name.empty() && name.size() <= 64;
    for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ' || c == '-');
    if (!plain) return quote_for_diagnostic(name) + " is not a person attribute" + usage;
    std::vector<std::string> fixed(std::begin(kGroupable), std::begin(kGroupable) + kPersonTableAttributes);
    std::string lower;
    for (char c : name) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    const std::string close = closest_match(lower, fixed);
    if (!close.empty() && edit_distance(lower, close) <= 2)
      return quote_for_diagnostic(name) + " is not a person attribute; did you mean \"" + close + "\"?";
    return {};
  }

  // Whether `table` is one of `tables`; else an unknown key under `prefix`.
  template <std::size_t N>
  bool table_among(const std::string& prefix, const std::string& table, const std::string_view (&tables)[N]) {
    if (std::find(std::begin(tables), std::end(tables), table) != std::end(tables)) return true;
    unknown(prefix, table, std::vector<std::string>(std::begin(tables), std::end(tables)));
    return false;
  }

  void parse_date_formats(const json& v) {
    if (!object(v, "date_formats")) return;
    for (const auto& [table, item] : v.items()) {
      if (!table_among("date_formats.", table, kDateTables)) continue;
      const std::string k = "date_formats." + table;
      std::string why;
      if (!item.is_string() || !DateFormat::parse(item.get<std::string>(), &why)) {
        error(DiagCode::config_invalid_value, k,
              item.is_string() ? quote_for_diagnostic(item.get<std::string>()) + ": " + why
                               : std::string("must be a date format such as \"M/D/YYYY\""));
        continue;
      }
      config.date_formats[table] = item.get<std::string>();
    }
  }

  void parse_encodings(const json& v) {
    if (!object(v, "encodings")) return;
    for (const auto& [table, item] : v.items()) {
      if (!table_among("encodings.", table, kEncodingTables)) continue;
      std::string name = item.is_string() ? item.get<std::string>() : std::string();
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (name == "utf-8" || name == "utf8") {
        config.encodings.erase(table);
      } else if (name == "windows-1252" || name == "cp1252" || name == "latin1" || name == "iso-8859-1") {
        config.encodings[table] = "windows-1252";
      } else {
        error(DiagCode::config_invalid_value, "encodings." + table,
              (item.is_string() ? quote_for_diagnostic(item.get<std::string>()) + ": " : std::string()) +
                  "must be \"utf-8\" or \"windows-1252\"");
      }
    }
  }

  void parse_window(const json& v) {
    if (!object(v, "window")) return;
    for (const auto& [key, item] : v.items()) {
      if (key == "start") date(item, "window.start", config.window_start);
      else if (key == "end") date(item, "window.end", config.window_end);
      else unknown("window.", key, {"start", "end"});
    }
  }

  void parse_weights(const json& v) {
    if (!object(v, "weights")) return;
    ScoreWeights& w = config.weights;
    for (const auto& [key, item] : v.items()) {
      const std::string k = "weights." + key;
      if (key == "adoption_gap") number(item, k, 0.0, 1e6, w.adoption_gap);
      else if (key == "usage_unevenness") number(item, k, 0.0, 1e6, w.usage_unevenness);
      else if (key == "effectiveness_gap") number(item, k, 0.0, 1e6, w.effectiveness_gap);
      else if (key == "playbook_gap") number(item, k, 0.0, 1e6, w.playbook_gap);
      else if (key == "sentiment_gap") number(item, k, 0.0, 1e6, w.sentiment_gap);
      else unknown("weights.", key, {"adoption_gap", "usage_unevenness", "effectiveness_gap", "playbook_gap",
                                     "sentiment_gap"});
    }
  }

  void parse_bootstrap(const json& v) {
    if (!object(v, "bootstrap")) return;
    for (const auto& [key, item] : v.items()) {
      const std::string k = "bootstrap." + key;
      long long n = 0;
      if (key == "resamples") {
        if (integer(item, k, 100, 100000, n)) config.bootstrap.resamples = static_cast<int>(n);
      } else if (key == "seed") {
        if (item.is_number_unsigned()) config.bootstrap.seed = item.get<std::uint64_t>();
        else if (integer(item, k, 0, (1LL << 53), n)) config.bootstrap.seed = static_cast<std::uint64_t>(n);
      } else if (key == "confidence") {
        number(item, k, 0.5, 0.999, config.bootstrap.confidence);
      } else {
        unknown("bootstrap.", key, {"resamples", "seed", "confidence"});
      }
    }
  }

  void parse_privacy(const json& v) {
    if (!object(v, "privacy")) return;
    PrivacyConfig& p = config.privacy;
    for (const auto& [key, item] : v.items()) {
      const std::string k = "privacy." + key;
      long long n = 0;
      if (key == "min_group_size") {
        if (integer(item, k, 3, 1000000, n)) p.min_group_size = static_cast<int>(n);
        else if (item.is_number() && item.get<double>() < 3)
          errors.back().message = "config " + k + ": must be at least 3 (smaller groups can reveal individuals)";
      } else if (key == "min_group_size_extremes") {
        if (integer(item, k, 3, 1000000, n)) p.min_group_size_extremes = static_cast<int>(n);
      } else if (key == "individual_results") {
        if (item.is_boolean()) p.individual_results = item.get<bool>();
        else error(DiagCode::config_invalid_value, k, "must be true or false");
      } else if (key == "salt") {
        parse_salt(item, k);
      } else if (key == "protection") {
        if (!item.is_string()) {
          error(DiagCode::config_invalid_value, k, "must be \"suppression\", \"cell_key\" or \"dp\"");
        } else if (const std::string m = item.get<std::string>(); m == "suppression" || m == "cell_key" || m == "dp") {
          protection_given = m;
        } else {
          error(DiagCode::config_invalid_value, k, "must be \"suppression\", \"cell_key\" or \"dp\"");
        }
      } else if (key == "cell_key") {
        parse_cell_key(item);
      } else if (key == "ledger_id") {
        if (item.is_string() && !item.get<std::string>().empty() && item.get<std::string>().size() <= 256)
          p.ledger_id = item.get<std::string>();
        else
          error(DiagCode::config_invalid_value, k, "must be a non-empty string of at most 256 characters");
      } else if (key == "dp") {
        parse_dp(item);
      } else {
        unknown("privacy.", key, {"min_group_size", "min_group_size_extremes", "individual_results", "salt", "protection",
                                  "cell_key", "ledger_id", "dp"});
      }
    }
    // privacy.dp alone means protection dp (as before protection existed).
    if (protection_given == "dp" || (protection_given.empty() && p.dp)) {
      p.protection = Protection::dp;
      if (!p.dp) p.dp = DpConfig{};
    } else if (protection_given == "cell_key") {
      p.protection = Protection::cell_key;
    }
    if (p.dp && p.protection != Protection::dp)
      error(DiagCode::config_invalid_value, "privacy.dp", "is read only with privacy.protection \"dp\"");
  }

  // A salt is a secret key: short ones are guessed in seconds (a 4-letter salt
  // names every pseudonym in about a second), so at least 128 bits.
  void parse_salt(const json& item, const std::string& k) {
    PrivacyConfig& p = config.privacy;
    if (!item.is_string()) {
      error(DiagCode::config_invalid_value, k, "must be a string");
      return;
    }
    const std::string salt = item.get<std::string>();
    if (salt.empty()) return;
    if (salt == "generate") {
      p.generate_salt = true;
      return;
    }
    const bool hex = std::all_of(salt.begin(), salt.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
    if (!hex || salt.size() < 32) {
      error(DiagCode::config_invalid_value, k,
            "must be at least 32 hexadecimal digits (128 bits; e.g. from `openssl rand -hex 16`), or \"generate\" "
            "to have one made for this run; a shorter or guessable salt lets anyone with the report recompute the "
            "pseudonyms");
      return;
    }
    p.salt = salt;
  }

  void parse_cell_key(const json& v) {
    if (!object(v, "privacy.cell_key")) return;
    CellKeyConfig& c = config.privacy.cell_key;
    for (const auto& [key, item] : v.items()) {
      const std::string k = "privacy.cell_key." + key;
      long long n = 0;
      if (key == "max_count_noise") {
        if (integer(item, k, 1, 10, n)) c.max_count_noise = static_cast<int>(n);
      } else if (key == "sum_noise_share") {
        number(item, k, 0.05, 2.0, c.sum_noise_share);
      } else {
        unknown("privacy.cell_key.", key, {"max_count_noise", "sum_noise_share"});
      }
    }
  }

  void parse_dp(const json& v) {
    if (!object(v, "privacy.dp")) return;
    DpConfig dp;
    for (const auto& [key, item] : v.items()) {
      const std::string k = "privacy.dp." + key;
      long long n = 0;
      if (key == "epsilon") {
        number(item, k, 0.01, 10.0, dp.epsilon);
      } else if (key == "total_epsilon") {
        number(item, k, 0.01, 1000.0, dp.total_epsilon);
      } else if (key == "delta") {
        number(item, k, 0.0, 0.001, dp.delta);
      } else if (key == "seed") {
        if (item.is_number_unsigned()) dp.seed = item.get<std::uint64_t>();
        else if (integer(item, k, 0, (1LL << 53), n)) dp.seed = static_cast<std::uint64_t>(n);
      } else if (key == "max_tasks_per_person") {
        number(item, k, 1.0, 1e7, dp.max_tasks_per_person);
      } else if (key == "max_hours_saved_per_person") {
        number(item, k, 0.01, 1e6, dp.max_hours_saved_per_person);
      } else if (key == "max_rework_hours_per_person") {
        number(item, k, 0.01, 1e6, dp.max_rework_hours_per_person);
      } else {
        unknown("privacy.dp.", key, {"epsilon", "total_epsilon", "delta", "seed", "max_tasks_per_person",
                                     "max_hours_saved_per_person", "max_rework_hours_per_person"});
      }
    }
    if (dp.total_epsilon < dp.epsilon)
      error(DiagCode::config_invalid_value, "privacy.dp.total_epsilon", "must be at least privacy.dp.epsilon");
    config.privacy.dp = dp;
  }

  void parse_insights(const json& v) {
    if (!object(v, "insights")) return;
    InsightsConfig& c = config.insights;
    for (const auto& [key, item] : v.items()) {
      const std::string k = "insights." + key;
      long long n = 0;
      if (key == "heavy_user_min_share") number(item, k, 0.0, 1.0, c.heavy_user_min_share);
      else if (key == "champion_max_rework_rate") number(item, k, 0.0, 1.0, c.champion_max_rework_rate);
      else if (key == "champion_min_percentile") number(item, k, 0.0, 1.0, c.champion_min_percentile);
      else if (key == "kpi_min_abs_rho") number(item, k, 0.0, 1.0, c.kpi_min_abs_rho);
      else if (key == "split_min_share") number(item, k, 0.0, 1.0, c.split_min_share);
      else if (key == "uneven_min_split") number(item, k, 0.0, 0.5, c.uneven_min_split);
      else if (key == "playbook_card_max_utilization") number(item, k, 0.0, 1.0, c.playbook_card_max_utilization);
      else if (key == "mentees_per_champion") {
        if (integer(item, k, 1, 10, n)) c.mentees_per_champion = static_cast<int>(n);
      } else if (key == "max_items") {
        if (integer(item, k, 1, 50, n)) c.max_items = static_cast<int>(n);
      } else if (key == "min_days") {
        if (integer(item, k, 1, 3660, n)) c.min_days = static_cast<int>(n);
      } else if (key == "min_periods") {
        if (integer(item, k, 1, 520, n)) c.min_periods = static_cast<int>(n);
      } else if (key == "min_people_per_side") {
        if (item.is_null()) c.min_people_per_side.reset();
        else if (integer(item, k, 3, 1000000, n)) c.min_people_per_side = static_cast<int>(n);
      } else if (key == "kpi_proxies") {
        std::vector<std::string> names;
        const bool ok = item.is_array() && item.size() <= 100 &&
                        std::all_of(item.begin(), item.end(), [](const json& x) { return x.is_string() && !x.get<std::string>().empty(); });
        if (!ok) {
          error(DiagCode::config_invalid_value, k, "must be an array of at most 100 column names");
          continue;
        }
        for (const json& x : item) names.push_back(x.get<std::string>());
        c.kpi_proxies = std::move(names);
      } else {
        unknown("insights.", key, {"heavy_user_min_share", "champion_max_rework_rate", "champion_min_percentile",
                                   "kpi_min_abs_rho", "split_min_share", "uneven_min_split", "playbook_card_max_utilization",
                                   "mentees_per_champion", "max_items", "min_days", "min_periods",
                                   "min_people_per_side", "kpi_proxies"});
      }
    }
  }

  void parse_trends(const json& v) {
    if (!object(v, "trends")) return;
    for (const auto& [key, item] : v.items()) {
      if (key == "max_groups") {
        long long n = 0;
        if (integer(item, "trends.max_groups", 1, 500, n)) config.trends.max_groups = static_cast<int>(n);
      } else if (key == "groups") {
        if (item.is_null()) continue;
        if (!item.is_array() || item.size() > 500) {
          error(DiagCode::config_invalid_value, "trends.groups", "must be an array of at most 500 group keys");
          continue;
        }
        trend_keys_ = item;
      } else {
        unknown("trends.", key, {"max_groups", "groups"});
      }
    }
  }

  // Group keys need group_by, which may come later in the file: checked at the end.
  void check_trend_keys() {
    if (trend_keys_.is_null()) return;
    std::vector<std::vector<std::string>> keys;
    const std::size_t n = config.group_by.size();
    for (const json& k : trend_keys_) {
      std::vector<std::string> key;
      if (k.is_string() && n == 1) {
        key.push_back(k.get<std::string>());
      } else if (k.is_array() && k.size() == n && std::all_of(k.begin(), k.end(), [](const json& x) { return x.is_string(); })) {
        for (const json& x : k) key.push_back(x.get<std::string>());
      } else if (k.is_object() && k.size() == n) {
        for (const std::string& a : config.group_by) {
          const auto it = k.find(a);
          if (it == k.end() || !it->is_string()) break;
          key.push_back(it->get<std::string>());
        }
      }
      if (key.size() != n || n == 0) {
        error(DiagCode::config_invalid_value, "trends.groups",
              "each key must give one text value per group_by attribute (a string when group_by has one, else an "
              "array or an object)");
        return;
      }
      keys.push_back(std::move(key));
    }
    config.trends.groups = std::move(keys);
  }

  void parse_rollout(const json& v) {
    if (!object(v, "rollout")) return;
    RolloutConfig r;
    for (const auto& [key, item] : v.items()) {
      if (key == "by") {
        if (item.is_string() && check_attribute(item.get<std::string>()).empty()) r.by = item.get<std::string>();
        else error(DiagCode::config_invalid_value, "rollout.by", "must be a person attribute (team, role, work_mode, manager_id, ai_trained, or an HR attribute such as Organization)");
      } else if (key == "dates") {
        if (!object(item, "rollout.dates")) continue;
        for (const auto& [group, date] : item.items()) {
          std::optional<std::int32_t> d;
          this->date(date, "rollout.dates." + group, d);
          if (d) r.dates[group] = *d;
        }
      } else {
        unknown("rollout.", key, {"by", "dates"});
      }
    }
    config.rollout = r;
  }

  void parse_usage(const json& v) {
    if (!object(v, "usage")) return;
    for (const auto& [key, item] : v.items()) {
      long long n = 0;
      if (key == "identity") {
        const std::string s = item.is_string() ? item.get<std::string>() : "";
        if (s == "auto" || s == "identities" || s == "email" || s == "github_login" || s == "person_id")
          config.usage.identity = s;
        else
          error(DiagCode::config_invalid_value, "usage.identity",
                "must be \"auto\", \"identities\", \"email\", \"github_login\" or \"person_id\"");
      } else if (key == "engaged_min_days") {
        if (integer(item, "usage.engaged_min_days", 1, 366, n)) config.usage.engaged_min_days = static_cast<int>(n);
      } else if (key == "segments") {
        parse_segments(item);
      } else if (key == "maturity") {
        parse_maturity(item);
      } else {
        unknown("usage.", key, {"identity", "engaged_min_days", "segments", "maturity"});
      }
    }
  }

  void parse_segments(const json& v) {
    if (!object(v, "usage.segments")) return;
    UsageConfig::Segments& g = config.usage.segments;
    for (const auto& [key, item] : v.items()) {
      const std::string k = "usage.segments." + key;
      long long n = 0;
      if (key == "weeks") {
        if (integer(item, k, 1, 52, n)) g.weeks = static_cast<int>(n);
      } else if (key == "habit_min_share") {
        number(item, k, 0.0, 1.0, g.habit_min_share);
      } else if (key == "power_min_mean") {
        number(item, k, 0.0, 1e9, g.power_min_mean);
      } else if (key == "novice_min_mean") {
        number(item, k, 0.0, 1e9, g.novice_min_mean);
      } else {
        unknown("usage.segments.", key, {"weeks", "habit_min_share", "power_min_mean", "novice_min_mean"});
      }
    }
  }

  void parse_maturity(const json& v) {
    if (!object(v, "usage.maturity")) return;
    UsageConfig::Maturity& m = config.usage.maturity;
    for (const auto& [key, item] : v.items()) {
      const std::string k = "usage.maturity." + key;
      if (key == "ramping_up") number(item, k, 0.0, 1.0, m.ramping_up);
      else if (key == "embedding") number(item, k, 0.0, 1.0, m.embedding);
      else if (key == "full_integration") number(item, k, 0.0, 1.0, m.full_integration);
      else unknown("usage.maturity.", key, {"ramping_up", "embedding", "full_integration"});
    }
    if (!(m.ramping_up <= m.embedding && m.embedding <= m.full_integration))
      error(DiagCode::config_invalid_value, "usage.maturity",
            "the thresholds must rise: ramping_up <= embedding <= full_integration");
  }

  void parse_columns(const json& v) {
    if (!object(v, "columns")) return;
    for (const auto& [table, mapping] : v.items()) {
      const auto kind = table_kind_from_name(table);
      if (!kind) {
        unknown("columns.", table, {"activity", "people", "surveys", "playbook"});
        continue;
      }
      const std::string k = "columns." + table;
      if (!object(mapping, k)) continue;
      const TableSchema& schema = schema_for(*kind);
      for (const auto& [header, target] : mapping.items()) {
        if (!target.is_string()) {
          error(DiagCode::config_invalid_value, k + "." + header, "must name a column (a string)");
          continue;
        }
        const std::string t = normalize_header(target.get<std::string>());
        bool known = false;
        std::vector<std::string> names;
        for (const ColumnSpec& c : schema.columns) {
          known = known || c.name == t;
          names.emplace_back(c.name);
        }
        if (!known) {
          const std::string close = closest_match(t, names);
          error(DiagCode::config_invalid_value, k + "." + header,
                quote_for_diagnostic(target.get<std::string>()) + " is not a column of " + table +
                    (close.empty() ? "" : "; did you mean \"" + close + "\"?"));
          continue;
        }
        config.columns[table].emplace_back(header, t);
      }
    }
  }
};

}  // namespace

const char* protection_name(Protection p) {
  switch (p) {
    case Protection::suppression: return "suppression";
    case Protection::cell_key: return "cell_key";
    case Protection::dp: return "dp";
  }
  return "suppression";
}

std::span<const std::string_view> groupable_attributes() { return kGroupable; }
bool is_person_table_attribute(std::string_view name) {
  for (std::size_t i = 0; i < kPersonTableAttributes; ++i)
    if (kGroupable[i] == name) return true;
  return false;
}
std::span<const ConfigKeyDoc> config_key_docs() { return kKeys; }

Result<Config> parse_config(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
  if (i == text.size()) return Config{};
  JsonParseError err;
  const std::optional<json> parsed = parse_json_dom(text, err);
  if (!parsed) {
    Diagnostic d = make_diagnostic(DiagCode::config_invalid_json,
                                   "config: invalid JSON near byte " + std::to_string(err.offset) + ": " + err.message,
                                   "config");
    d.byte_offset = err.offset;
    return Error(std::move(d));
  }
  const json& root = *parsed;
  Parser p;
  p.parse(root);
  if (!p.errors.empty()) return Error(std::move(p.errors));
  return std::move(p.config);
}

nlohmann::ordered_json config_json(const Config& c) {
  nlohmann::ordered_json j;
  j["mode"] = c.strict ? "strict" : "lenient";
  j["max_diagnostics"] = c.max_diagnostics;
  j["group_by"] = c.group_by;
  j["rollup_by"] = c.rollup_by.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.rollup_by);
  j["period"] = c.period == Period::week ? "week" : "month";
  j["trends"] = {{"max_groups", c.trends.max_groups},
                 {"groups", c.trends.groups ? nlohmann::ordered_json(*c.trends.groups) : nlohmann::ordered_json(nullptr)}};
  nlohmann::ordered_json window = nlohmann::ordered_json::object();
  window["start"] = c.window_start ? nlohmann::ordered_json(format_iso_date(*c.window_start)) : nullptr;
  window["end"] = c.window_end ? nlohmann::ordered_json(format_iso_date(*c.window_end)) : nullptr;
  j["window"] = window;
  j["ai_user_min_share"] = c.ai_user_min_share;
  j["rework_threshold"] = c.rework_threshold;
  j["weights"] = {{"adoption_gap", c.weights.adoption_gap},
                  {"usage_unevenness", c.weights.usage_unevenness},
                  {"effectiveness_gap", c.weights.effectiveness_gap},
                  {"playbook_gap", c.weights.playbook_gap},
                  {"sentiment_gap", c.weights.sentiment_gap}};
  j["bootstrap"] = {{"resamples", c.bootstrap.resamples},
                    {"seed", c.bootstrap.seed},
                    {"confidence", c.bootstrap.confidence}};
  // The salt is a secret: the report only says whether one was given.
  j["privacy"] = {{"min_group_size", c.privacy.min_group_size},
                  {"min_group_size_extremes", c.privacy.min_group_size_extremes},
                  {"individual_results", c.privacy.individual_results},
                  {"salt_given", !c.privacy.salt.empty() || c.privacy.generate_salt},
                  {"protection", protection_name(c.privacy.protection)}};
  if (c.privacy.protection == Protection::cell_key)
    j["privacy"]["cell_key"] = {{"max_count_noise", c.privacy.cell_key.max_count_noise},
                                {"sum_noise_share", c.privacy.cell_key.sum_noise_share}};
  else
    j["privacy"]["cell_key"] = nullptr;
  j["privacy"]["ledger_id"] = c.privacy.ledger_id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.privacy.ledger_id);
  if (c.privacy.dp) {
    const DpConfig& d = *c.privacy.dp;
    j["privacy"]["dp"] = {{"epsilon", d.epsilon},
                          {"total_epsilon", d.total_epsilon},
                          {"delta", d.delta},
                          {"seed", d.seed ? nlohmann::ordered_json(*d.seed) : nlohmann::ordered_json(nullptr)},
                          {"max_tasks_per_person", d.max_tasks_per_person},
                          {"max_hours_saved_per_person", d.max_hours_saved_per_person},
                          {"max_rework_hours_per_person", d.max_rework_hours_per_person}};
  } else {
    j["privacy"]["dp"] = nullptr;
  }
  j["insights"] = {{"heavy_user_min_share", c.insights.heavy_user_min_share},
                   {"champion_max_rework_rate", c.insights.champion_max_rework_rate},
                   {"champion_min_percentile", c.insights.champion_min_percentile},
                   {"kpi_min_abs_rho", c.insights.kpi_min_abs_rho},
                   {"split_min_share", c.insights.split_min_share},
                   {"uneven_min_split", c.insights.uneven_min_split},
                   {"playbook_card_max_utilization", c.insights.playbook_card_max_utilization},
                   {"mentees_per_champion", c.insights.mentees_per_champion},
                   {"max_items", c.insights.max_items},
                   {"min_days", c.insights.min_days},
                   {"min_periods", c.insights.min_periods},
                   {"min_people_per_side", c.insights.min_people_per_side
                                               ? nlohmann::ordered_json(*c.insights.min_people_per_side)
                                               : nlohmann::ordered_json(nullptr)},
                   {"kpi_proxies", c.insights.kpi_proxies}};
  if (c.rollout) {
    nlohmann::ordered_json dates = nlohmann::ordered_json::object();
    for (const auto& [group, day] : c.rollout->dates) dates[group] = format_iso_date(day);
    j["rollout"] = {{"by", c.rollout->by}, {"dates", dates}};
  } else {
    j["rollout"] = nullptr;
  }
  j["usage"] = {{"identity", c.usage.identity},
                {"engaged_min_days", c.usage.engaged_min_days},
                {"segments",
                 {{"weeks", c.usage.segments.weeks},
                  {"habit_min_share", c.usage.segments.habit_min_share},
                  {"power_min_mean", c.usage.segments.power_min_mean},
                  {"novice_min_mean", c.usage.segments.novice_min_mean}}},
                {"maturity",
                 {{"ramping_up", c.usage.maturity.ramping_up},
                  {"embedding", c.usage.maturity.embedding},
                  {"full_integration", c.usage.maturity.full_integration}}}};
  nlohmann::ordered_json cols = nlohmann::ordered_json::object();
  for (const auto& [table, pairs] : c.columns) {
    nlohmann::ordered_json m = nlohmann::ordered_json::object();
    for (const auto& [from, to] : pairs) m[from] = to;
    cols[table] = m;
  }
  j["columns"] = cols;
  nlohmann::ordered_json dates = nlohmann::ordered_json::object();
  for (const auto& [table, format] : c.date_formats) dates[table] = format;
  j["date_formats"] = dates;
  // Only when a table is not UTF-8: reports of UTF-8 inputs keep their bytes.
  if (!c.encodings.empty()) {
    nlohmann::ordered_json enc = nlohmann::ordered_json::object();
    for (const auto& [table, name] : c.encodings) enc[table] = name;
    j["encodings"] = enc;
  }
  return j;
}

std::string config_to_json(const Config& config) {
  return config_json(config).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace gapscore
