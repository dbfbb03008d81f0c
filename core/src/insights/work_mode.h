// Work-mode analysis: is lower output in some work mode caused by the mode,
// or by lower AI use and a different role mix? Raw differences vs an OLS
// adjusted for ai_task_share and role (treatment coding, reference = first
// level in sorted order, HC3 standard errors).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"

namespace gapscore::insights {

struct Coefficient {
  std::optional<double> estimate, se, p_value;
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
  double people = 0, people_left_out = 0;
  std::vector<ModeEffect> modes;  // reference first
  std::optional<double> ai_task_share_coefficient;
  std::vector<std::string> notes;  // rank deficiency, singleton cells
  bool gap_explained = false;
  std::string verdict;
};

WorkModeAnalysis work_mode_analysis(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config);

}  // namespace gapscore::insights
