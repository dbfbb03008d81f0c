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

KpiAudit kpi_audit(const analysis::AnalysisResult& a, const Config& config);

}  // namespace gapscore::insights
