// Typed pointers into the activity table's columns, null for absent optional
// columns, so the hot loops read flat arrays with no lookups.
#pragma once

#include <cstdint>
#include <vector>

#include "dataset/dataset.h"
#include "metrics/group_inputs.h"

namespace gapscore::metrics {

struct ActivityView {
  std::size_t rows = 0;
  const std::uint32_t* person = nullptr;
  const std::int32_t* date = nullptr;
  const std::uint32_t* task_type = nullptr;
  const std::int32_t* tasks = nullptr;
  const std::int32_t* ai_tasks = nullptr;
  const double* hours = nullptr;
  const double* baseline_hours = nullptr;    // optional
  const double* rework_hours = nullptr;      // optional
  const std::int32_t* errors = nullptr;      // optional
  const double* quality = nullptr;           // optional
  const double* outcome_value = nullptr;     // optional
  const double* cycle_time_hours = nullptr;  // optional
  const std::int32_t* ai_interactions = nullptr;  // optional
  std::uint32_t available = 0;  // Need bits satisfied by the dataset
};

ActivityView make_activity_view(const Dataset& ds);

}  // namespace gapscore::metrics
