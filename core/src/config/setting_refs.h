// The config keys a report text depends on. Texts say a setting in words
// ("fewer than 28 days"); the report lists the keys apart, in a `settings`
// array beside the text, so a UI can show them as code or link them to its
// settings. Held as bits: a reason's keys are copied and merged often, and a
// word of bits costs nothing to copy (the wasm bundle has a size budget).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gapscore {

using SettingRefs = std::uint16_t;

// In the order the report lists them.
namespace setting {
inline constexpr SettingRefs min_group_size = 1U << 0;            // privacy.min_group_size
inline constexpr SettingRefs min_group_size_extremes = 1U << 1;   // privacy.min_group_size_extremes
inline constexpr SettingRefs individual_results = 1U << 2;        // privacy.individual_results
inline constexpr SettingRefs group_by = 1U << 3;                  // group_by
inline constexpr SettingRefs min_days = 1U << 4;                  // insights.min_days
inline constexpr SettingRefs min_periods = 1U << 5;               // insights.min_periods
inline constexpr SettingRefs min_people_per_side = 1U << 6;       // insights.min_people_per_side
inline constexpr SettingRefs kpi_min_abs_rho = 1U << 7;           // insights.kpi_min_abs_rho
inline constexpr SettingRefs rollout_dates = 1U << 8;             // rollout.dates
inline constexpr SettingRefs rollout_by = 1U << 9;                // rollout.by
}  // namespace setting

// The keys of the set bits, in the order above ("privacy.min_group_size", ...).
std::vector<std::string> setting_keys(SettingRefs refs);

}  // namespace gapscore
