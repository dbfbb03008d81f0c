// Work-mode analysis: is lower output in some work mode caused by the mode,
// or by lower AI use and a different role mix? Raw differences vs an OLS
// adjusted for ai_task_share and role (treatment coding, reference = first
// level in sorted order, HC3 standard errors).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"

namespace gapscore::insights {

struct Coefficient {
  std::optional<double> estimate, se, p_value;
  // Normal 95% interval, estimate ± 1.96 se (as statsmodels' conf_int with HC3).
  std::optional<double> ci_low, ci_high;
};

struct ModeEffect {
  std::string mode;
  double people = 0;
  double mean = 0;  // mean person quality-adjusted output per hour
  Coefficient raw, adjusted;  // difference to the reference mode
};

struct WorkModeAnalysis {
  std::optional<std::string> reason;  // why it is unavailable
  std::string outcome = "quality_adjusted_output_per_hour";
  std::string reference;
  double people = 0;
  std::optional<double> people_left_out;  // nullopt: 1..min_group_size-1 people (not published)
  std::vector<ModeEffect> modes;  // reference first
  std::optional<double> ai_task_share_coefficient;
  std::vector<std::string> notes;  // rank deficiency, singleton cells
  bool gap_explained = false;
  std::string verdict;
};

// The people the analysis can use: active, with quality-adjusted output, AI
// share and a work mode, in a role of at least 2 such people (a role alone
// cannot be adjusted for). Person indices in id order.
struct WorkModeObservation {
  std::uint32_t person = 0;
  std::string mode, role;
  double share = 0, y = 0;
};
std::vector<WorkModeObservation> work_mode_observations(const Dataset& ds, const analysis::AnalysisResult& a);

// Over the modes the disclosure audit shows (`shown_modes`); everyone else is
// left out (`people_left_out`, published only when 0 or at least min_group_size).
WorkModeAnalysis work_mode_analysis(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config,
                                    const std::set<std::string>& shown_modes);

}  // namespace gapscore::insights
