// KPI audit: do legacy proxies (hours, task volume, AI interaction counts)
// track outcomes (value, quality, errors) at person level? Spearman's rho
// with average ranks for ties (scipy.stats.spearmanr).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "gapscore/config.h"

namespace gapscore::insights {

struct KpiPair {
  std::string proxy, outcome;
  std::optional<double> rho, p_value;
  double n = 0;
  bool tracks = false;  // |rho| >= kpi_min_abs_rho
};

struct KpiAudit {
  std::vector<KpiPair> pairs;
  std::vector<std::string> proxies_not_tracking;  // proxies below the threshold for every outcome
  std::vector<std::string> replacements;          // AI-aware metrics to use instead
  std::optional<std::string> reason;              // when nothing could be computed
};

// The proxy x outcome pairs in a fixed order (proxies hours, tasks,
// ai_interactions; outcomes outcome_value, quality, error_rate), each with the
// active people who have both values (person indices, sorted).
struct KpiCandidate {
  std::string proxy, outcome;
  std::vector<std::uint32_t> people;
};
std::vector<KpiCandidate> kpi_candidates(const analysis::AnalysisResult& a);

// `shown[i]`: the disclosure audit's decision on kpi_candidates(a)[i]; pairs
// not shown are left out, as pairs without data are.
KpiAudit kpi_audit(const analysis::AnalysisResult& a, const Config& config, const std::vector<bool>& shown);

}  // namespace gapscore::insights
