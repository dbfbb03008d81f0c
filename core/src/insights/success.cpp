#include "insights/success.h"

#include <algorithm>
#include <cmath>

#include "base/number_text.h"
#include "base/stable_order.h"

namespace gapscore::insights {
namespace {

// The size of a relative change as a whole percentage (the sentence gives the direction).
std::string change_percent(double change) { return percent_text(std::fabs(change)); }

}  // namespace

std::vector<SuccessStory> success_stories(const analysis::AnalysisResult& a, const privacy::SuppressionPlan& plan,
                                          const Config& config,
                                          const std::function<std::string(std::size_t group)>& display_name) {
  std::vector<SuccessStory> out;
  for (std::size_t g = 0; g < a.grouping.size(); ++g) {
    if (plan.groups[g] != privacy::CellStatus::shown) continue;
    const analysis::TrendCell* first = nullptr;
    const analysis::TrendCell* last = nullptr;
    for (std::size_t i = 0; i < a.trends.size(); ++i) {
      const analysis::TrendCell& c = a.trends[i];
      if (!c.group || *c.group != g || plan.trends[i] != privacy::CellStatus::shown) continue;
      if (!analysis::metric_value(c.result, "quality_adjusted_output_per_hour")) continue;
      if (!first) first = &c;
      last = &c;
    }
    if (!first || first == last) continue;
    const double before = *analysis::metric_value(first->result, "quality_adjusted_output_per_hour");
    const double after = *analysis::metric_value(last->result, "quality_adjusted_output_per_hour");
    // A rise that rounds to 0% is noise, and a group without AI users is no AI story to copy.
    if (!(before > 0) || after / before - 1.0 < 0.005) continue;
    if (!(analysis::metric_value(a.groups[g], "ai_users").value_or(0) > 0)) continue;
    SuccessStory s;
    s.key = a.grouping.keys[g];
    s.from_period = first->period_label;
    s.to_period = last->period_label;
    s.qaoph_before = before;
    s.qaoph_after = after;
    s.qaoph_change = after / before - 1.0;
    s.error_rate_before = analysis::metric_value(first->result, "error_rate");
    s.error_rate_after = analysis::metric_value(last->result, "error_rate");
    if (s.error_rate_before && s.error_rate_after && *s.error_rate_before > 0)
      s.error_rate_change = *s.error_rate_after / *s.error_rate_before - 1.0;
    s.text = display_name(g) + ": quality-adjusted output per hour up " + change_percent(s.qaoph_change) + " (" +
             fixed_text(before, 2) + " → " + fixed_text(after, 2) + ")";
    s.mixed = s.error_rate_before && s.error_rate_after && *s.error_rate_after > *s.error_rate_before;
    if (s.error_rate_change)
      s.text += std::string(", errors per task ") + (*s.error_rate_change <= 0 ? "down " : "up ") +
                change_percent(*s.error_rate_change);
    else if (s.mixed)
      s.text += ", errors per task up";
    s.text += ", " + s.from_period + " to " + s.to_period;
    if (s.mixed) s.text += " (mixed: more output, but more errors too)";
    out.push_back(std::move(s));
  }
  stable_sort_by(out, [](const SuccessStory& x, const SuccessStory& y) {
    if (x.mixed != y.mixed) return !x.mixed;
    return x.qaoph_change > y.qaoph_change;
  });
  if (out.size() > static_cast<std::size_t>(config.insights.max_items)) out.resize(static_cast<std::size_t>(config.insights.max_items));
  return out;
}

}  // namespace gapscore::insights
