// KPI audit: do legacy proxies (hours, task volume, AI interaction counts, and
// the measures HR already uses: e-mails sent, collaboration and meeting hours,
// chats; config.insights.kpi_proxies) track outcomes (value, quality, errors)
// at person level? Spearman's rho with average ranks for ties (scipy.stats.spearmanr).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "dataset/dataset.h"
#include "gapscore/config.h"

namespace gapscore::insights {

struct KpiPair {
  std::string proxy, outcome;
  std::string source = "activity";  // or "viva_person_query"
  std::optional<double> rho, p_value;
  double n = 0;
  // |rho| >= kpi_min_abs_rho, the way that counts: more of the proxy with more
  // value or quality, or with fewer errors. `against` is the other way: a proxy
  // that rewards the wrong people (more tasks, less value) does not track.
  bool tracks = false;
  bool against = false;
};

// The AI-aware catalog metrics to use instead of proxies that track nothing
// (report ids; texts name them by their catalog label).
inline constexpr std::array<const char*, 3> kKpiReplacements = {"utilization_rate", "error_reduction",
                                                                "quality_adjusted_output_per_hour"};

struct KpiAudit {
  std::vector<KpiPair> pairs;
  std::vector<std::string> proxies_not_tracking;  // proxies below the threshold for every outcome tested
  std::vector<std::string> proxies_against;       // proxies that move against an outcome and track none
  std::vector<std::string> outcomes_tested;       // outcomes those were tested against (a correlation computed)
  std::vector<std::string> replacements;          // AI-aware metrics to use instead, those the inputs allow
  std::optional<std::string> reason;              // when nothing could be computed
};

// The proxy x outcome pairs in a fixed order (proxies hours, tasks,
// ai_interactions, then the columns of config.insights.kpi_proxies that some
// input has; outcomes outcome_value, quality, error_rate), each with the
// active people who have both values (person indices, sorted).
struct KpiCandidate {
  std::string proxy, outcome;
  std::vector<std::uint32_t> people;
};
std::vector<KpiCandidate> kpi_candidates(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config);

// `shown[i]`: the disclosure audit's decision on kpi_candidates(...)[i]; pairs
// not shown are left out, as pairs without data are.
KpiAudit kpi_audit(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config, const std::vector<bool>& shown);

// A proxy in plain words ("e-mails sent"), for the card.
std::string proxy_words(const std::string& proxy);

}  // namespace gapscore::insights
