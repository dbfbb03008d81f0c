#include "insights/sufficiency.h"

#include <algorithm>

#include "base/date.h"

namespace gapscore::insights {

DataSpan data_span(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config) {
  DataSpan s;
  s.days = ds.last_date >= ds.first_date ? ds.last_date - ds.first_date + 1 : 0;
  if (!a.periods.empty()) {
    s.periods = a.periods.size();
    return s;
  }
  // Without trends (differential privacy): the calendar periods the span touches, an upper bound.
  if (s.days == 0) return s;
  const bool weekly = config.period == Period::week;
  for (std::int32_t p = weekly ? iso_week_monday(ds.first_date) : month_start(ds.first_date); p <= ds.last_date;
       p = weekly ? p + 7 : month_start(p + 31))
    ++s.periods;
  return s;
}

std::vector<DataSpan> group_spans(const Dataset& ds, const analysis::Grouping& grouping, const Config& config) {
  const std::vector<std::int32_t>& periods = ds.activity.periods;
  const activity::PeriodCells& cells = ds.activity.period_cells;
  std::vector<std::uint8_t> active(grouping.size() * periods.size(), 0);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::uint32_t p = cells.person(i);
    if (p < grouping.group_of_person.size() && grouping.group_of_person[p] < grouping.size())
      active[grouping.group_of_person[p] * periods.size() + cells.period(i)] = 1;
  }
  const bool weekly = config.period == Period::week;
  std::vector<DataSpan> out(grouping.size());
  for (std::size_t g = 0; g < grouping.size(); ++g) {
    std::size_t first = periods.size(), last = 0;
    for (std::size_t k = 0; k < periods.size(); ++k)
      if (active[g * periods.size() + k]) {
        ++out[g].periods;
        first = std::min(first, k);
        last = k;
      }
    if (first == periods.size()) continue;
    const std::int32_t from = std::max(periods[first], ds.first_date);
    const std::int32_t to = std::min(weekly ? periods[last] + 6 : month_start(periods[last] + 31) - 1, ds.last_date);
    out[g].days = to >= from ? to - from + 1 : 0;
  }
  return out;
}

int min_people_per_side(const Config& config) {
  return std::max(config.insights.min_people_per_side.value_or(config.privacy.min_group_size),
                  config.privacy.min_group_size);
}

Sufficiency both(const Sufficiency& a, const Sufficiency& b) {
  if (a.ok) return b;
  if (b.ok) return a;
  return {false, a.reason + "; " + b.reason, static_cast<SettingRefs>(a.settings | b.settings)};
}

Sufficiency span_sufficiency(const DataSpan& span, const Config& config) {
  Sufficiency s;
  if (span.days < config.insights.min_days)
    s = both(s, {false, "the activity covers fewer than " + std::to_string(config.insights.min_days) + " days",
                 setting::min_days});
  if (span.periods < static_cast<std::size_t>(config.insights.min_periods))
    s = both(s, {false, "the activity falls in fewer than " + std::to_string(config.insights.min_periods) +
                            (config.period == Period::week ? " weeks" : " months"),
                 setting::min_periods});
  return s;
}

Sufficiency gap_sufficiency(const analysis::GapResult& gap, const DataSpan& span, const Config& config) {
  Sufficiency s = span_sufficiency(span, config);
  if (gap.unavailable_reason && !gap.compared) return both(s, {false, *gap.unavailable_reason, gap.unavailable_settings});
  const int k = min_people_per_side(config);
  if (gap.n_users < k || gap.n_non_users < k)
    s = both(s, {false, "fewer than " + std::to_string(k) + " AI users or non-users with quality data",
                 setting::min_people_per_side});
  return s;
}

const char* verdict_name(const Sufficiency& s) { return s.ok ? "ok" : "too_little_data"; }

}  // namespace gapscore::insights
