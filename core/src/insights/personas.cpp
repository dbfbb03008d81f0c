#include "insights/personas.h"

#include <algorithm>

#include "stats/stats.h"

namespace gapscore::insights {

const char* persona_name(Persona p) {
  switch (p) {
    case Persona::non_adopter: return "non_adopter";
    case Persona::rework_creator: return "rework_creator";
    case Persona::champion: return "champion";
    case Persona::heavy_user: return "heavy_user";
    case Persona::developing: return "developing";
  }
  return "developing";
}

std::vector<Persona> assign_personas(std::span<const analysis::PersonFigures> figures,
                                     std::span<const std::vector<std::uint32_t>> groups, const Config& config) {
  std::vector<Persona> out(figures.size(), Persona::non_adopter);
  const InsightsConfig& ic = config.insights;
  for (const std::vector<std::uint32_t>& members : groups) {
    // The group's percentile of quality-adjusted output per hour (numpy 'linear').
    std::vector<double> q;
    for (std::uint32_t p : members)
      if (figures[p].active && figures[p].quality_adjusted_output_per_hour) q.push_back(*figures[p].quality_adjusted_output_per_hour);
    std::sort(q.begin(), q.end());
    const bool have_q = !q.empty();
    const double threshold = have_q ? stats::quantile_linear(q, ic.champion_min_percentile) : 0.0;
    for (std::uint32_t p : members) {
      const analysis::PersonFigures& f = figures[p];
      if (!f.active || !f.ai_user) {
        out[p] = Persona::non_adopter;
        continue;
      }
      // No rework recorded counts as no rework.
      const double rework = f.rework_rate.value_or(0.0);
      if (f.rework_rate && *f.rework_rate >= config.rework_threshold) {
        out[p] = Persona::rework_creator;
      } else if (rework < ic.champion_max_rework_rate && have_q && f.quality_adjusted_output_per_hour &&
                 *f.quality_adjusted_output_per_hour >= threshold) {
        out[p] = Persona::champion;
      } else if (f.ai_task_share && *f.ai_task_share >= ic.heavy_user_min_share) {
        out[p] = Persona::heavy_user;
      } else {
        out[p] = Persona::developing;
      }
    }
  }
  return out;
}

PersonaCounts count_personas(std::span<const std::uint32_t> members, std::span<const analysis::PersonFigures> figures,
                             std::span<const Persona> personas) {
  PersonaCounts c;
  for (std::uint32_t p : members) {
    if (!figures[p].active) continue;
    c.people += 1;
    c.counts[static_cast<std::size_t>(personas[p])] += 1;
  }
  return c;
}

}  // namespace gapscore::insights
