#include "insights/kpi_audit.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "base/detmath.h"
#include "metrics/catalog_table.h"
#include "metrics/group_inputs.h"
#include "stats/stats.h"

namespace gapscore::insights {
namespace {

// Person totals are sums of many rows: two people with equal totals can differ in
// the last bits depending on summation order. Ranks must not depend on that, so
// values are compared at 1e-9 (equal to nine decimals = tied).
double snap(double v) { return std::nearbyint(v * 1e9) / 1e9; }

using Getter = std::optional<double> (*)(const analysis::PersonFigures&);
struct Named {
  const char* name;
  Getter get;
  int better = 1;  // outcomes: +1 when more is better (value, quality), -1 when less is (errors)
};
const Named kBuiltInProxies[] = {
    {"hours", [](const analysis::PersonFigures& f) -> std::optional<double> { return f.hours; }},
    {"tasks", [](const analysis::PersonFigures& f) -> std::optional<double> { return f.tasks; }},
    {"ai_interactions", [](const analysis::PersonFigures& f) { return f.ai_interactions; }},
};
const Named kOutcomes[] = {
    {"outcome_value", [](const analysis::PersonFigures& f) { return f.outcome_value; }},
    {"quality", [](const analysis::PersonFigures& f) { return f.quality_mean; }},
    {"error_rate", [](const analysis::PersonFigures& f) { return f.error_rate; }, -1},
};

// A proxy: built in (from the person's figures), or a column per person.
struct Proxy {
  std::string name, source;
  Getter get = nullptr;
  std::vector<std::optional<double>> values;  // by person index, for columns

  std::optional<double> of(const analysis::PersonFigures& f, std::size_t person) const {
    if (get) return get(f);
    return person < values.size() ? values[person] : std::nullopt;
  }
};

std::vector<Proxy> proxies(const Dataset& ds, const Config& config) {
  std::vector<Proxy> out;
  for (const Named& n : kBuiltInProxies) out.push_back({n.name, "activity", n.get, {}});
  for (ProxyColumn& c : kpi_proxy_columns(ds, config))
    if (c.name != "hours" && c.name != "tasks" && c.name != "ai_interactions")
      out.push_back({std::move(c.name), std::move(c.source), nullptr, std::move(c.values)});
  return out;
}

// Whether the data rule out |rho| reaching `threshold`: the upper end of the
// 95% interval of |rho| (Fisher z, Bonett and Wright's standard error for
// Spearman's rho, sqrt((1 + rho²/2) / (n − 3))) is below it. A weak rho from
// six people is no evidence of no relationship (an outside review: 0.12 with
// an interval of −0.77 to +0.85 was "does not track outcomes").
bool clearly_below(double rho, double n, double threshold) {
  if (n < 4) return false;
  const double r = std::min(std::fabs(rho), 0.999999);
  const double z = 0.5 * detmath::log1p(2 * r / (1 - r)) + 1.959963984540054 * std::sqrt((1 + r * r / 2) / (n - 3));
  const double e = detmath::expm1(2 * z);
  return e / (e + 2) < threshold;  // tanh(z)
}

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

std::vector<KpiCandidate> kpi_candidates(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config) {
  std::vector<KpiCandidate> out;
  for (const Proxy& proxy : proxies(ds, config))
    for (const Named& outcome : kOutcomes) {
      KpiCandidate c{proxy.name, outcome.name, {}};
      for (std::uint32_t p = 0; p < a.figures.size(); ++p) {
        const analysis::PersonFigures& f = a.figures[p];
        if (f.active && proxy.of(f, p) && outcome.get(f)) c.people.push_back(p);
      }
      out.push_back(std::move(c));
    }
  return out;
}

KpiAudit kpi_audit(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config, const std::vector<bool>& shown) {
  KpiAudit out;
  std::size_t i = 0;
  for (const Proxy& proxy : proxies(ds, config)) {
    bool any_pair = false, tracks_any = false, against_any = false, all_clearly_weak = true;
    for (const Named& outcome : kOutcomes) {
      const bool show = i < shown.size() && shown[i];
      ++i;
      std::vector<double> x, y;
      for (std::size_t p = 0; p < a.figures.size(); ++p) {
        const analysis::PersonFigures& f = a.figures[p];
        if (!f.active) continue;
        const auto px = proxy.of(f, p), py = outcome.get(f);
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
      pair.source = proxy.source;
      pair.outcome = outcome.name;
      pair.n = static_cast<double>(x.size());
      if (const auto s = stats::spearman(x, y)) {
        pair.rho = s->rho;
        pair.p_value = s->p_value;
        const bool strong = std::fabs(s->rho) >= config.insights.kpi_min_abs_rho;
        const bool good_way = s->rho * outcome.better > 0;
        pair.tracks = strong && good_way;
        pair.against = strong && !good_way;
      }
      any_pair = any_pair || pair.rho.has_value();  // a pair without a correlation tested nothing
      tracks_any = tracks_any || pair.tracks;
      against_any = against_any || pair.against;
      if (pair.rho) all_clearly_weak = all_clearly_weak && clearly_below(*pair.rho, pair.n, config.insights.kpi_min_abs_rho);
      out.pairs.push_back(std::move(pair));
    }
    if (any_pair && !tracks_any && all_clearly_weak) out.proxies_not_tracking.push_back(proxy.name);
    if (against_any && !tracks_any) out.proxies_against.push_back(proxy.name);
  }
  // The outcomes the listed proxies were tested against: what the card may name.
  for (const Named& outcome : kOutcomes)
    for (const KpiPair& pair : out.pairs)
      if (pair.outcome == outcome.name && pair.rho &&
          std::find(out.proxies_not_tracking.begin(), out.proxies_not_tracking.end(), pair.proxy) !=
              out.proxies_not_tracking.end()) {
        out.outcomes_tested.push_back(outcome.name);
        break;
      }
  if (out.pairs.empty())
    out.reason = "needs an outcome column (outcome value, quality or errors) and at least " +
                 std::to_string(std::max(3, config.privacy.min_group_size)) + " people";
  // Only replacements these inputs can compute (AI use against the playbook needs one).
  for (const char* name : kKpiReplacements) {
    const metrics::CatalogEntry* e = metrics::find_entry(name, MetricSection::group_metric);
    if (e && (e->needs & a.available) == e->needs) out.replacements.push_back(name);
  }
  return out;
}

}  // namespace gapscore::insights
