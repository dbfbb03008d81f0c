#include "insights/kpi_audit.h"

#include <cmath>

#include "stats/stats.h"
#include "metrics/group_inputs.h"

namespace gapscore::insights {
namespace {

// Person totals are sums of many rows: two people with equal totals can differ in
// the last bits depending on summation order. Ranks must not depend on that, so
// values are compared at 1e-9 (equal to nine decimals = tied).
double snap(double v) { return std::nearbyint(v * 1e9) / 1e9; }

}  // namespace

namespace {

using Getter = std::optional<double> (*)(const analysis::PersonFigures&);
struct Named {
  const char* name;
  Getter get;
};
const Named kProxies[] = {
    {"hours", [](const analysis::PersonFigures& f) -> std::optional<double> { return f.hours; }},
    {"tasks", [](const analysis::PersonFigures& f) -> std::optional<double> { return f.tasks; }},
    {"ai_interactions", [](const analysis::PersonFigures& f) { return f.ai_interactions; }},
};
const Named kOutcomes[] = {
    {"outcome_value", [](const analysis::PersonFigures& f) { return f.outcome_value; }},
    {"quality", [](const analysis::PersonFigures& f) { return f.quality_mean; }},
    {"error_rate", [](const analysis::PersonFigures& f) { return f.error_rate; }},
};

}  // namespace

std::vector<KpiCandidate> kpi_candidates(const analysis::AnalysisResult& a) {
  std::vector<KpiCandidate> out;
  for (const Named& proxy : kProxies)
    for (const Named& outcome : kOutcomes) {
      KpiCandidate c{proxy.name, outcome.name, {}};
      for (std::uint32_t p = 0; p < a.figures.size(); ++p) {
        const analysis::PersonFigures& f = a.figures[p];
        if (f.active && proxy.get(f) && outcome.get(f)) c.people.push_back(p);
      }
      out.push_back(std::move(c));
    }
  return out;
}

KpiAudit kpi_audit(const analysis::AnalysisResult& a, const Config& config, const std::vector<bool>& shown) {
  KpiAudit out;
  std::size_t i = 0;
  for (const Named& proxy : kProxies) {
    bool any_pair = false, tracks_any = false;
    for (const Named& outcome : kOutcomes) {
      const bool show = i < shown.size() && shown[i];
      ++i;
      std::vector<double> x, y;
      for (const analysis::PersonFigures& f : a.figures) {
        if (!f.active) continue;
        const auto px = proxy.get(f), py = outcome.get(f);
        if (px && py) {
          x.push_back(snap(*px));
          y.push_back(snap(*py));
        }
      }
      // Column missing, or too few people to speak of a pattern, or what the
      // pair would reveal beside the others (the disclosure audit).
      if (x.size() < 3 || !show) continue;
      KpiPair pair;
      pair.proxy = proxy.name;
      pair.outcome = outcome.name;
      pair.n = static_cast<double>(x.size());
      if (const auto s = stats::spearman(x, y)) {
        pair.rho = s->rho;
        pair.p_value = s->p_value;
        pair.tracks = std::fabs(s->rho) >= config.insights.kpi_min_abs_rho;
      }
      any_pair = true;
      tracks_any = tracks_any || pair.tracks;
      out.pairs.push_back(std::move(pair));
    }
    if (any_pair && !tracks_any) out.proxies_not_tracking.push_back(proxy.name);
  }
  if (out.pairs.empty())
    out.reason = "needs outcome columns (outcome_value, quality or errors) and at least " +
                 std::to_string(std::max(3, config.privacy.min_group_size)) + " people";
  out.replacements = {"utilization_rate", "error_reduction", "quality_adjusted_output_per_hour"};
  return out;
}

}  // namespace gapscore::insights
