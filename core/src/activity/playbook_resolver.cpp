#include "activity/playbook_resolver.h"

namespace gapscore::activity {

TablePlaybookResolver::TablePlaybookResolver(const Table* people, const Table& playbook) {
  const TextColumn& roles = playbook.column("role").text();
  const TextColumn& tasks = playbook.column("task_type").text();
  const std::vector<std::int8_t>& rec = playbook.column("ai_recommended").small();
  for (std::size_t r = 0; r < playbook.row_count(); ++r)
    playbook_[std::string(roles.at(r))][std::string(tasks.at(r))] = rec[r] == 1;
  if (!people || !people->has("role")) return;
  const TextColumn& ids = people->column("person_id").text();
  const TextColumn& person_roles = people->column("role").text();
  // Role codes are the people table's dictionary codes: each role is looked up in the playbook once.
  for (const std::string& role : person_roles.dictionary) {
    const auto covered = playbook_.find(role);
    advice_of_role_.push_back(covered == playbook_.end() ? nullptr : &covered->second);
  }
  for (std::size_t r = 0; r < people->row_count(); ++r)
    if (person_roles.codes[r] != kMissingCode) role_of_.emplace(std::string(ids.at(r)), person_roles.codes[r]);
}

std::uint32_t TablePlaybookResolver::role_of(std::string_view person_id) const {
  const auto role = role_of_.find(std::string(person_id));
  return role == role_of_.end() ? kNoRole : role->second;
}

PlaybookStatus TablePlaybookResolver::status_of(std::uint32_t role, std::string_view task_type) const {
  const TaskAdvice* advice = role < advice_of_role_.size() ? advice_of_role_[role] : nullptr;
  if (!advice) return PlaybookStatus::role_not_covered;
  const auto task = advice->find(task_type);
  return task != advice->end() && task->second ? PlaybookStatus::recommended : PlaybookStatus::not_recommended;
}

}  // namespace gapscore::activity
