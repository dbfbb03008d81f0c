// For each person and task type: is the (person's role, task type)
// AI-recommended, listed but not recommended, or is the role absent from the
// playbook? Decided with the final roles (people table, else inline).
#pragma once

#include <cstdint>
#include <vector>

#include "dataset/dataset.h"

namespace gapscore::metrics {

enum class PlaybookStatus : std::int8_t { role_not_covered = -1, not_recommended = 0, recommended = 1 };

class PlaybookLookup {
 public:
  PlaybookLookup() = default;  // no playbook: every cell is role_not_covered
  explicit PlaybookLookup(const Dataset& ds);

  // `task` indexes ds.activity.task_types.
  PlaybookStatus status(std::uint32_t person, std::uint32_t task) const {
    if (task_count_ == 0) return PlaybookStatus::role_not_covered;
    const std::int32_t role = role_of_person_[person];
    if (role < 0) return PlaybookStatus::role_not_covered;
    return static_cast<PlaybookStatus>(cells_[static_cast<std::size_t>(role) * task_count_ + task]);
  }
  bool enabled() const { return task_count_ != 0; }

 private:
  std::vector<std::int32_t> role_of_person_;  // index into playbook roles, -1 if not covered
  std::vector<std::int8_t> cells_;            // role x task type
  std::size_t task_count_ = 0;
};

}  // namespace gapscore::metrics
