#include "report/privacy_sections.h"

#include <algorithm>
#include <map>
#include <memory>

#include "base/sha256.h"
#include "privacy/key_labels.h"
#include "privacy/pseudonym.h"

namespace gapscore::report {

Json privacy_section(const Config& config, const privacy::SuppressionPlan& plan, const privacy::DisclosureAudit* audit,
                     const Dataset* ds) {
  Json j;
  j["min_group_size"] = config.privacy.min_group_size;
  j["min_group_size_extremes"] = config.privacy.min_group_size_extremes;
  j["individual_results"] = config.privacy.individual_results;
  j["pseudonymous_ids"] = config.privacy.individual_results ? Json("HMAC-SHA256(salt, person_id), first 16 hex digits") : Json(nullptr);
  j["protection"] = protection_name(config.privacy.protection);
  j["differential_privacy"] = nullptr;
  j["cell_key"] = nullptr;
  j["suppressed_groups"] = plan.suppressed_groups();
  j["suppressed_trend_cells"] = plan.suppressed_trend_cells();
  j["overall_suppressed"] = plan.overall != privacy::CellStatus::shown;
  if (config.privacy.individual_results && ds) j["individual_key_attributes"] = individual_key_attributes(*ds, config);
  else j["individual_key_attributes"] = nullptr;
  if (audit) {
    const privacy::AuditSummary& a = audit->summary();
    j["audit"] = {{"figures", a.figures}, {"sets", a.sets}, {"hidden", a.hidden}};
  } else {
    j["audit"] = nullptr;
  }
  return j;
}

Json suppressed_json(privacy::CellStatus status, int k) {
  std::string reason = privacy::cell_status_reason(status, k);
  const auto pos = reason.find("min_group_size");
  if (pos != std::string::npos) reason.replace(pos, 14, std::to_string(k));
  return {{"suppressed", true}, {"reason", reason}};
}

std::vector<std::string> individual_key_attributes(const Dataset& ds, const Config& config) {
  // The longest prefix of group_by whose every combination of values is held
  // by at least min_group_size rows (people): a row's key then never narrows it
  // to fewer people than that. Dropping a value only where it is rare would
  // itself mark those rows, so an attribute is kept for all rows or for none.
  std::vector<std::string> kept;
  for (std::size_t n = config.group_by.size(); n > 0; --n) {
    std::map<std::vector<std::string>, std::size_t> rows;
    for (const PersonInfo& p : ds.persons) {
      std::vector<std::string> key;
      for (std::size_t a = 0; a < n; ++a) key.push_back(person_attribute(p, config.group_by[a]));
      rows[key] += 1;
    }
    const bool safe = std::all_of(rows.begin(), rows.end(), [&](const auto& r) {
      return r.second >= static_cast<std::size_t>(config.privacy.min_group_size);
    });
    if (safe) return {config.group_by.begin(), config.group_by.begin() + static_cast<std::ptrdiff_t>(n)};
  }
  return kept;
}

Json individuals_section(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config) {
  Json arr = Json::array();
  if (!config.privacy.individual_results) return arr;
  std::vector<std::pair<std::string, std::uint32_t>> rows;
  for (std::uint32_t p = 0; p < ds.persons.size(); ++p) rows.emplace_back(privacy::pseudonym(config.privacy.salt, ds.persons[p].id), p);
  std::sort(rows.begin(), rows.end());  // by pseudonym: the order reveals nothing about ids
  const auto label = privacy::key_labeller(ds, config);
  const std::vector<std::string> attributes = individual_key_attributes(ds, config);
  for (const auto& [pid, p] : rows) {
    const analysis::PersonFigures& f = a.figures[p];
    Json j;
    j["person"] = pid;
    Json key = Json::object();
    for (const std::string& attr : attributes) key[attr] = label(attr, person_attribute(ds.persons[p], attr));
    j["key"] = std::move(key);
    j["ai_task_share"] = number_or_null(f.ai_task_share);
    j["ai_user"] = f.ai_user;
    j["rework_rate"] = number_or_null(f.rework_rate);
    j["quality_adjusted_output_per_hour"] = number_or_null(f.quality_adjusted_output_per_hour);
    arr.push_back(std::move(j));
  }
  return arr;
}

}  // namespace gapscore::report
