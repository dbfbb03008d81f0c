// For each activity row: is its (person's role, task_type) AI-recommended,
// listed but not recommended, or is the role absent from the playbook?
#pragma once

#include <cstdint>
#include <vector>

#include "dataset/dataset.h"

namespace gapscore::metrics {

enum class PlaybookStatus : std::int8_t { role_not_covered = -1, not_recommended = 0, recommended = 1 };

class PlaybookLookup {
 public:
  PlaybookLookup() = default;  // no playbook: every row is role_not_covered
  explicit PlaybookLookup(const Dataset& ds);

  PlaybookStatus status(std::uint32_t person, std::uint32_t task_code) const {
    if (task_count_ == 0) return PlaybookStatus::role_not_covered;
    const std::int32_t role = role_of_person_[person];
    if (role < 0) return PlaybookStatus::role_not_covered;
    return static_cast<PlaybookStatus>(cells_[static_cast<std::size_t>(role) * task_count_ + task_code]);
  }
  bool enabled() const { return task_count_ != 0; }

 private:
  std::vector<std::int32_t> role_of_person_;  // index into playbook roles, -1 if not covered
  std::vector<std::int8_t> cells_;            // role x activity task code
  std::size_t task_count_ = 0;
};

}  // namespace gapscore::metrics
