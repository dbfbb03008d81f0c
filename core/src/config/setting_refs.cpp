#include "config/setting_refs.h"

namespace gapscore {

std::vector<std::string> setting_keys(SettingRefs refs) {
  // Bit i is kKeys[i] (config/setting_refs.h).
  static constexpr const char* kKeys[] = {
      "privacy.min_group_size", "privacy.min_group_size_extremes", "privacy.individual_results", "group_by",
      "insights.min_days",      "insights.min_periods",            "insights.min_people_per_side",
      "insights.kpi_min_abs_rho", "rollout.dates",                 "rollout.by"};
  std::vector<std::string> out;
  for (unsigned i = 0; i < std::size(kKeys); ++i)
    if (refs & (1U << i)) out.emplace_back(kKeys[i]);
  return out;
}

}  // namespace gapscore
