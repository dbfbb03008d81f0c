#include "insights/kpi_audit.h"

#include <cmath>
#include <utility>

#include "stats/stats.h"
#include "metrics/group_inputs.h"

namespace gapscore::insights {
namespace {

// Person totals are sums of many rows: two people with equal totals can differ in
// the last bits depending on summation order. Ranks must not depend on that, so
// values are compared at 1e-9 (equal to nine decimals = tied).
double snap(double v) { return std::nearbyint(v * 1e9) / 1e9; }

}  // namespace

std::string proxy_words(const std::string& proxy) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"hours", "hours worked"},          {"tasks", "task volume"},
      {"ai_interactions", "AI prompt counts"}, {"emails_sent", "e-mails sent"},
      {"collaboration_hours", "collaboration hours"}, {"meeting_hours", "meeting hours"},
      {"chats_sent", "chats sent"},        {"email_hours", "e-mail hours"},
      {"after_hours_collaboration_hours", "after-hours collaboration"},
  };
  for (const auto& [name, words] : kWords)
    if (proxy == name) return words;
  std::string s = proxy;
  for (char& c : s) c = c == '_' ? ' ' : c;
  return s;
}

KpiAudit kpi_audit(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config) {
  KpiAudit out;
  using Getter = std::optional<double> (*)(const analysis::PersonFigures&);
  struct Named {
    const char* name;
    Getter get;
  };
  // A proxy: built in (from the person's figures), or a column per person.
  struct Proxy {
    std::string name, source;
    Getter get = nullptr;
    const std::vector<std::optional<double>>* values = nullptr;
  };
  std::vector<Proxy> proxies = {
      {"hours", "activity", [](const analysis::PersonFigures& f) -> std::optional<double> { return f.hours; }, nullptr},
      {"tasks", "activity", [](const analysis::PersonFigures& f) -> std::optional<double> { return f.tasks; }, nullptr},
      {"ai_interactions", "activity", [](const analysis::PersonFigures& f) { return f.ai_interactions; }, nullptr},
  };
  const std::vector<ProxyColumn> columns = kpi_proxy_columns(ds, config);
  for (const ProxyColumn& c : columns)
    if (c.name != "hours" && c.name != "tasks" && c.name != "ai_interactions")
      proxies.push_back({c.name, c.source, nullptr, &c.values});
  const Named outcomes[] = {
      {"outcome_value", [](const analysis::PersonFigures& f) { return f.outcome_value; }},
      {"quality", [](const analysis::PersonFigures& f) { return f.quality_mean; }},
      {"error_rate", [](const analysis::PersonFigures& f) { return f.error_rate; }},
  };
  const std::size_t min_people = static_cast<std::size_t>(std::max(3, config.privacy.min_group_size));
  for (const Proxy& proxy : proxies) {
    bool any_pair = false, tracks_any = false;
    for (const Named& outcome : outcomes) {
      std::vector<double> x, y;
      for (std::size_t p = 0; p < a.figures.size(); ++p) {
        const analysis::PersonFigures& f = a.figures[p];
        if (!f.active) continue;
        double vx = 0;
        bool has_x = false;
        if (proxy.get) {
          const std::optional<double> v = proxy.get(f);
          has_x = v.has_value();
          vx = v.value_or(0.0);
        } else if (p < proxy.values->size() && (*proxy.values)[p]) {
          has_x = true;
          vx = *(*proxy.values)[p];
        }
        const auto py = outcome.get(f);
        if (has_x && py) {
          x.push_back(snap(vx));
          y.push_back(snap(*py));
        }
      }
      if (x.size() < min_people) continue;  // column missing, or too few people to speak of a pattern
      KpiPair pair;
      pair.proxy = proxy.name;
      pair.source = proxy.source;
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
  if (out.pairs.empty()) out.reason = "needs outcome columns (outcome_value, quality or errors) and at least " +
                                      std::to_string(min_people) + " people";
  out.replacements = {"utilization_rate", "error_reduction", "quality_adjusted_output_per_hour"};
  return out;
}

}  // namespace gapscore::insights
