// The playbook status of a (person, task type) while the activity is read:
// known when the people table gives the person a role and a playbook exists;
// otherwise unknown, and the cell's counts wait for the final roles.
#pragma once

#include <map>
#include <string>
#include <unordered_map>

#include "activity/part.h"
#include "model/table.h"

namespace gapscore::activity {

class TablePlaybookResolver : public PlaybookResolver {
 public:
  // `people` may be null (every role is then unknown while reading).
  TablePlaybookResolver(const Table* people, const Table& playbook);
  PlaybookStatus status(std::string_view person_id, std::string_view task_type) const override;

 private:
  std::unordered_map<std::string, std::string> role_of_;                    // person id -> role, non-empty only
  std::map<std::string, std::map<std::string, bool, std::less<>>, std::less<>> playbook_;  // role -> task -> recommended
};

}  // namespace gapscore::activity
