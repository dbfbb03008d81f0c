#include "analysis/grouping.h"

#include <algorithm>
#include <map>

namespace gapscore::analysis {

Grouping group_persons(const Dataset& ds, const std::vector<std::string>& attributes) {
  Grouping g;
  g.attributes = attributes;
  g.group_of_person.assign(ds.persons.size(), 0);
  if (attributes.empty()) return g;
  // std::map orders keys bytewise: deterministic group order.
  std::map<std::vector<std::string>, std::uint32_t> index;
  std::vector<std::vector<std::string>> person_keys(ds.persons.size());
  for (std::size_t p = 0; p < ds.persons.size(); ++p) {
    for (const std::string& a : attributes) person_keys[p].push_back(person_attribute(ds.persons[p], a));
    index.emplace(person_keys[p], 0);
  }
  std::uint32_t next = 0;
  for (auto& [key, id] : index) {
    id = next++;
    g.keys.push_back(key);
  }
  g.members.resize(g.keys.size());
  for (std::size_t p = 0; p < ds.persons.size(); ++p) g.group_of_person[p] = index.find(person_keys[p])->second;
  for (std::uint32_t p : ds.persons_by_id) g.members[g.group_of_person[p]].push_back(p);
  return g;
}

}  // namespace gapscore::analysis
