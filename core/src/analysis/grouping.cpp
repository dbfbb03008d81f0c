#include "analysis/grouping.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace gapscore::analysis {

Grouping group_persons(const Dataset& ds, const std::vector<std::string>& attributes) {
  Grouping g;
  g.attributes = attributes;
  g.group_of_person.assign(ds.persons.size(), 0);
  if (attributes.empty()) return g;
  // Distinct keys first, through a hash of each person's key (values joined
  // with their lengths, so no two keys join alike); then only the distinct keys
  // are sorted, bytewise value by value: the group order is the same on every
  // platform, and re-analysis does not compare every person's key log(n) times.
  std::unordered_map<std::string, std::uint32_t> first_seen;
  std::vector<std::vector<std::string>> distinct;
  std::string joined;
  for (std::size_t p = 0; p < ds.persons.size(); ++p) {
    std::vector<std::string> key;
    joined.clear();
    for (const std::string& a : attributes) {
      key.push_back(person_attribute(ds.persons[p], a));
      joined += std::to_string(key.back().size());
      joined += ':';
      joined += key.back();
    }
    const auto [it, fresh] = first_seen.try_emplace(joined, static_cast<std::uint32_t>(distinct.size()));
    if (fresh) distinct.push_back(std::move(key));
    g.group_of_person[p] = it->second;
  }
  std::vector<std::uint32_t> order(distinct.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return distinct[a] < distinct[b]; });
  std::vector<std::uint32_t> rank(distinct.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    g.keys.push_back(std::move(distinct[order[r]]));
  }
  for (std::uint32_t& group : g.group_of_person) group = rank[group];
  g.members.resize(g.keys.size());
  for (std::uint32_t p : ds.persons_by_id) g.members[g.group_of_person[p]].push_back(p);
  return g;
}

}  // namespace gapscore::analysis
