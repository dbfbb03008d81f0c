// Analysis configuration: every option with its default, parsed from JSON.
// The defaults live here and only here (docs/config.md is generated from
// config_key_docs()).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gapscore/status.h"

namespace gapscore {

enum class Period : std::uint8_t { week, month };

struct ScoreWeights {
  double adoption_gap = 1.0;
  double usage_unevenness = 1.0;
  double effectiveness_gap = 1.0;
  double playbook_gap = 1.0;
  double sentiment_gap = 1.0;
};

struct BootstrapConfig {
  int resamples = 2000;
  std::uint64_t seed = 20240229;
  double confidence = 0.95;
};

// Optional differential privacy for the released headline figures.
struct DpConfig {
  double epsilon = 1.0;        // spent by each release (report)
  double total_epsilon = 10.0;  // the privacy-budget ledger refuses a release past this (privacy.ledger_id)
  double delta = 0.0;  // accepted and reported; the mechanism is pure epsilon-DP
  std::optional<std::uint64_t> seed;  // fixed noise for tests; otherwise a secure source
  // Per-person contribution bounds (clamps): they set each statistic's sensitivity.
  double max_tasks_per_person = 2000;
  double max_hours_saved_per_person = 400;
  double max_rework_hours_per_person = 200;
};

// How the report is protected against being combined with other reports
// (docs/privacy.md, "Protection across reports"). Every mode also runs the
// disclosure audit within the report.
enum class Protection : std::uint8_t {
  suppression,  // the audit only: protects one report, not a series of them
  cell_key,     // consistent cell-key perturbation of counts and sums (needs privacy.salt)
  dp,           // differential privacy with a privacy-budget ledger (privacy.dp)
};
const char* protection_name(Protection p);

// Cell-key perturbation (protection "cell_key"): the noise bounds published in privacy.cell_key.
struct CellKeyConfig {
  int max_count_noise = 2;       // a count moves by an integer in -max..max
  double sum_noise_share = 0.5;  // a sum moves by at most this share of the cell's largest single contribution
};

struct PrivacyConfig {
  int min_group_size = 5;
  int min_group_size_extremes = 10;
  bool individual_results = false;
  // At least 32 hexadecimal digits (128 bits), or made by Session::create when
  // the config says "generate" (generate_salt; Session::generated_salt()).
  std::string salt;
  bool generate_salt = false;
  Protection protection = Protection::suppression;
  CellKeyConfig cell_key;
  std::optional<DpConfig> dp;  // set exactly when protection is dp
  std::string ledger_id;       // "" = the people table's SHA-256, or the activity's without one
};

// Thresholds of the insights (docs/insights.md).
struct InsightsConfig {
  double heavy_user_min_share = 0.6;       // persona heavy_user: ai_task_share at least this
  double champion_max_rework_rate = 0.05;  // persona champion: rework_rate below this
  double champion_min_percentile = 0.75;   // ... and quality-adjusted output/hour at or above this group percentile
  double kpi_min_abs_rho = 0.2;            // a legacy proxy "tracks" an outcome when |Spearman rho| reaches this
  double split_min_share = 0.3;            // uneven groups: people "lean on AI" from this share of tasks
  double uneven_min_split = 0.35;          // ... a group is listed when both sides reach this share of its people
  double playbook_card_max_utilization = 0.5;  // role guidance names recommended tasks used with AI below this
  int mentees_per_champion = 3;
  int max_items = 5;                       // items per insight list (lowest utilization, success stories, ...)
  // Enough data for a verdict (insights/sufficiency.h): below these a figure is
  // reported as too_little_data and no text draws a conclusion from it.
  int min_days = 28;                       // calendar days from the first to the last activity day
  int min_periods = 4;                     // trend periods (config.period) with activity
  std::optional<int> min_people_per_side;  // AI users and non-users each; nullopt = privacy.min_group_size
  // KPI audit: numeric columns audited as legacy proxies next to hours, tasks and
  // AI interactions (activity: emails_sent, meeting_hours; a Viva person query:
  // any of its numeric columns). Matched like headers; absent ones are skipped.
  std::vector<std::string> kpi_proxies{"emails_sent", "collaboration_hours", "meeting_hours", "chats_sent"};
};

// Per-group AI rollout dates for the difference-in-differences estimate.
struct RolloutConfig {
  std::string by = "team";                            // the person attribute the dates are keyed by
  std::map<std::string, std::int32_t> dates;          // group value -> first day with AI (days since 1970)
};

// Joining AI-usage exports to people (docs/usage-exports.md).
struct UsageConfig {
  // "auto": identities table, then e-mail / GitHub login, then person_id.
  // Or one of "identities", "email", "github_login", "person_id".
  std::string identity = "auto";
  int engaged_min_days = 4;  // engaged users: active on at least this many days
  // Usage segments (docs/usage-exports.md), as vivainsights' identify_usage_segments
  // (12-week version): over the last `weeks` weeks of data, habitual = actions in at
  // least ceil(habit_min_share x weeks) of them; power = habitual and a mean of at
  // least power_min_mean actions a week; novice = not habitual, mean >= novice_min_mean.
  struct Segments {
    int weeks = 12;
    double habit_min_share = 0.75;
    double power_min_mean = 15;
    double novice_min_mean = 1;
  } segments;
  // Adoption maturity from the power-user share of the people: below ramping_up
  // "initial rollout", then "ramping up", "embedding", and from full_integration on "full integration".
  struct Maturity {
    double ramping_up = 0.2;
    double embedding = 0.4;
    double full_integration = 0.6;
  } maturity;
};

// Which groups get trend series: bounded so that the report's size follows
// the input, not groups x periods.
struct TrendsConfig {
  int max_groups = 50;  // the largest groups by headcount (ties by key order)
  // An explicit choice instead: group keys, one value per group_by attribute.
  std::optional<std::vector<std::vector<std::string>>> groups;
};

struct Config {
  bool strict = false;
  int max_diagnostics = 100;
  std::vector<std::string> group_by{"team"};
  // A second, coarser grouping that contains group_by's groups (team within
  // "department", a people-table column): one report with both levels, whose
  // disclosure audit covers both. Empty = none.
  std::string rollup_by;
  Period period = Period::week;
  TrendsConfig trends;
  std::optional<std::int32_t> window_start;  // days since 1970-01-01, inclusive
  std::optional<std::int32_t> window_end;    // inclusive
  double ai_user_min_share = 0.10;
  double rework_threshold = 0.15;
  ScoreWeights weights;
  BootstrapConfig bootstrap;
  PrivacyConfig privacy;
  InsightsConfig insights;
  std::optional<RolloutConfig> rollout;
  UsageConfig usage;
  // Per table: (header as found in the file, canonical column name).
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> columns;
  // Per table ("activity", "people", "surveys", "usage"): the date format, e.g.
  // "M/D/YYYY" (tokens YYYY MM M DD D, or "iso", "excel_serial"); absent = detect.
  std::map<std::string, std::string> date_formats;
  // Per CSV table ("activity", "people", "surveys", "playbook"): "windows-1252"
  // for a file in that code page (Excel's "CSV" on Windows), read as UTF-8;
  // absent = UTF-8. Only tables not in UTF-8 are listed.
  std::map<std::string, std::string> encodings;
};

// Person attributes that may be used in group_by: the people table's, and the
// HR attributes of a Viva Insights person query (Organization, FunctionType, ...).
// group_by may also name any other HR attribute column of a person query; the
// join then checks that some input has it.
std::span<const std::string_view> groupable_attributes();
// The people table's own attributes (team, role, work_mode, manager_id, ai_trained).
bool is_person_table_attribute(std::string_view name);

// Parses a JSON config; keys not given keep their defaults. Empty text = defaults.
// Unknown keys and bad values are errors naming the key (with a suggestion).
Result<Config> parse_config(std::string_view json_text);

// The effective configuration (defaults filled in) as canonical JSON text.
std::string config_to_json(const Config& config);

struct ConfigKeyDoc {
  std::string_view key;   // dotted path, e.g. "privacy.min_group_size"
  std::string_view type;
  std::string_view default_value;
  std::string_view description;
};
std::span<const ConfigKeyDoc> config_key_docs();

}  // namespace gapscore
