#include "metrics/playbook_lookup.h"

#include <map>
#include <string>

namespace gapscore::metrics {

PlaybookLookup::PlaybookLookup(const Dataset& ds) {
  if (!ds.playbook) return;
  const Table& pb = *ds.playbook;
  const TextColumn& roles = pb.column("role").text();
  const TextColumn& tasks = pb.column("task_type").text();
  const std::vector<std::int8_t>& rec = pb.column("ai_recommended").small();
  std::map<std::string, std::int32_t, std::less<>> role_index;
  for (std::size_t r = 0; r < pb.row_count(); ++r)
    role_index.emplace(std::string(roles.at(r)), static_cast<std::int32_t>(role_index.size()));
  const std::vector<std::string>& act_tasks = ds.activity.task_types;
  task_count_ = act_tasks.size();
  if (task_count_ == 0) return;
  std::map<std::string, std::uint32_t, std::less<>> task_code;
  for (std::uint32_t c = 0; c < act_tasks.size(); ++c) task_code.emplace(act_tasks[c], c);
  cells_.assign(role_index.size() * task_count_, static_cast<std::int8_t>(PlaybookStatus::not_recommended));
  for (std::size_t r = 0; r < pb.row_count(); ++r) {
    const auto t = task_code.find(tasks.at(r));
    if (t == task_code.end()) continue;  // a playbook task nobody did
    const auto role = role_index.find(roles.at(r))->second;
    cells_[static_cast<std::size_t>(role) * task_count_ + t->second] = rec[r] == 1 ? 1 : 0;
  }
  role_of_person_.assign(ds.persons.size(), -1);
  for (std::size_t p = 0; p < ds.persons.size(); ++p) {
    const auto it = role_index.find(ds.persons[p].role);
    if (it != role_index.end()) role_of_person_[p] = it->second;
  }
}

}  // namespace gapscore::metrics
