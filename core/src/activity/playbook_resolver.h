// The playbook status of a (person, task type) while the activity is read:
// known when the people table gives the person a role and a playbook exists;
// otherwise unknown, and the cell's counts wait for the final roles.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "activity/part.h"
#include "model/table.h"

namespace gapscore::activity {

class TablePlaybookResolver : public PlaybookResolver {
 public:
  // `people` may be null (every role is then unknown while reading).
  TablePlaybookResolver(const Table* people, const Table& playbook);
  std::uint32_t role_of(std::string_view person_id) const override;
  PlaybookStatus status_of(std::uint32_t role, std::string_view task_type) const override;

 private:
  using TaskAdvice = std::map<std::string, bool, std::less<>>;  // task type -> recommended
  std::map<std::string, TaskAdvice, std::less<>> playbook_;     // role -> its tasks
  std::unordered_map<std::string, std::uint32_t> role_of_;     // person id -> role code, non-empty roles only
  std::vector<const TaskAdvice*> advice_of_role_;               // role code -> its tasks; null: role not covered
};

}  // namespace gapscore::activity
