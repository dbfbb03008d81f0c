#include "privacy/ledger.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "base/json_parse.h"

namespace gapscore::privacy {
namespace {

constexpr const char* kFormatKey = "gapscore_privacy_ledger";
// Budgets add up in floating point (0.1 ten times is not exactly 1): a release
// that reaches the total within this is allowed.
constexpr double kSlack = 1e-9;

Error invalid(const std::string& why) {
  return Error(make_diagnostic(DiagCode::privacy_ledger_invalid, "privacy ledger: " + why, "ledger"));
}

std::string number_text(double v) {
  nlohmann::ordered_json j = v;
  return j.dump();
}

}  // namespace

Result<Ledger> Ledger::parse(std::string_view bytes) {
  Ledger ledger;
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return ledger;
  JsonParseError error;
  const auto parsed = parse_json_dom(bytes, error);
  if (!parsed || !parsed->is_object()) return invalid("not JSON");
  const nlohmann::ordered_json& j = *parsed;
  const auto version = j.find(kFormatKey);
  if (version == j.end() || !version->is_number_integer() || version->get<int>() != 1)
    return invalid("not a gapscore privacy ledger (version 1)");
  const auto entries = j.find("entries");
  if (entries == j.end() || !entries->is_object()) return invalid("\"entries\" is missing");
  for (const auto& [id, e] : entries->items()) {
    if (!e.is_object()) return invalid("entry \"" + id + "\" is not an object");
    const auto total = e.find("total_epsilon"), spent = e.find("spent_epsilon"), releases = e.find("releases");
    if (total == e.end() || spent == e.end() || releases == e.end() || !total->is_number() || !spent->is_number() ||
        !releases->is_number_unsigned())
      return invalid("entry \"" + id + "\" needs total_epsilon, spent_epsilon and releases");
    LedgerEntry le{total->get<double>(), spent->get<double>(), releases->get<std::uint64_t>()};
    if (!(le.total_epsilon > 0) || !(le.spent_epsilon >= 0) || !std::isfinite(le.total_epsilon) || !std::isfinite(le.spent_epsilon))
      return invalid("entry \"" + id + "\" has an impossible budget");
    ledger.entries_[id] = le;
  }
  return ledger;
}

std::string Ledger::text() const {
  nlohmann::ordered_json entries = nlohmann::ordered_json::object();
  for (const auto& [id, e] : entries_)
    entries[id] = {{"total_epsilon", e.total_epsilon}, {"spent_epsilon", e.spent_epsilon}, {"releases", e.releases}};
  nlohmann::ordered_json j = {{kFormatKey, 1}, {"entries", std::move(entries)}};
  return j.dump(2) + "\n";
}

const LedgerEntry* Ledger::find(const std::string& id) const {
  const auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second;
}

Result<LedgerEntry> Ledger::spend(const std::string& id, double epsilon, double total_epsilon) {
  LedgerEntry e = entries_.count(id) ? entries_[id] : LedgerEntry{total_epsilon, 0, 0};
  e.total_epsilon = std::min(e.total_epsilon, total_epsilon);
  if (e.spent_epsilon + epsilon > e.total_epsilon + kSlack)
    return Error(make_diagnostic(
        DiagCode::privacy_budget_exhausted,
        "differential privacy: this release (epsilon " + number_text(epsilon) + ") would bring the budget spent on \"" +
            id + "\" to " + number_text(e.spent_epsilon + epsilon) + ", past privacy.dp.total_epsilon " +
            number_text(e.total_epsilon) + " (" + std::to_string(e.releases) +
            " releases so far); no report is released",
        "config", 0, "privacy.dp.total_epsilon"));
  e.spent_epsilon += epsilon;
  e.releases += 1;
  entries_[id] = e;
  return e;
}

}  // namespace gapscore::privacy
