// The report under differential privacy: only the noisy headline figures per
// group and overall (and what can be derived from them), nothing exact about
// people or rows.
#pragma once

#include "analysis/run.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "gapscore/status.h"
#include "report/json_out.h"

namespace gapscore::report {

Result<Json> build_dp_report(const Dataset& ds, const Config& config, const analysis::AnalysisResult& a);

}  // namespace gapscore::report
