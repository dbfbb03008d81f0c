#include "activity/playbook_resolver.h"

namespace gapscore::activity {

TablePlaybookResolver::TablePlaybookResolver(const Table* people, const Table& playbook) {
  if (people && people->has("role")) {
    const TextColumn& ids = people->column("person_id").text();
    const TextColumn& roles = people->column("role").text();
    for (std::size_t r = 0; r < people->row_count(); ++r)
      if (roles.codes[r] != kMissingCode) role_of_.emplace(std::string(ids.at(r)), std::string(roles.at(r)));
  }
  const TextColumn& roles = playbook.column("role").text();
  const TextColumn& tasks = playbook.column("task_type").text();
  const std::vector<std::int8_t>& rec = playbook.column("ai_recommended").small();
  for (std::size_t r = 0; r < playbook.row_count(); ++r)
    playbook_[std::string(roles.at(r))][std::string(tasks.at(r))] = rec[r] == 1;
}

PlaybookStatus TablePlaybookResolver::status(std::string_view person_id, std::string_view task_type) const {
  const auto role = role_of_.find(std::string(person_id));
  if (role == role_of_.end()) return PlaybookStatus::unknown;
  const auto covered = playbook_.find(role->second);
  if (covered == playbook_.end()) return PlaybookStatus::role_not_covered;
  const auto task = covered->second.find(task_type);
  return task != covered->second.end() && task->second ? PlaybookStatus::recommended : PlaybookStatus::not_recommended;
}

}  // namespace gapscore::activity
