#include "analysis/grouping.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace gapscore::analysis {

KeyCells key_cells(std::vector<std::vector<std::string>> keys) {
  KeyCells out;
  out.cell_of.resize(keys.size());
  // Values joined with their lengths: no two keys join alike.
  std::unordered_map<std::string, std::uint32_t> first_seen;
  std::vector<std::vector<std::string>> distinct;
  std::string joined;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    joined.clear();
    for (const std::string& v : keys[i]) {
      joined += std::to_string(v.size());
      joined += ':';
      joined += v;
    }
    const auto [it, fresh] = first_seen.try_emplace(joined, static_cast<std::uint32_t>(distinct.size()));
    if (fresh) distinct.push_back(std::move(keys[i]));
    out.cell_of[i] = it->second;
  }
  std::vector<std::uint32_t> order(distinct.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return distinct[a] < distinct[b]; });
  std::vector<std::uint32_t> rank(distinct.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    out.distinct.push_back(std::move(distinct[order[r]]));
  }
  for (std::uint32_t& cell : out.cell_of) cell = rank[cell];
  return out;
}

Grouping group_persons(const Dataset& ds, const std::vector<std::string>& attributes) {
  Grouping g;
  g.attributes = attributes;
  g.group_of_person.assign(ds.persons.size(), 0);
  if (attributes.empty()) return g;
  std::vector<std::vector<std::string>> keys(ds.persons.size());
  for (std::size_t p = 0; p < ds.persons.size(); ++p)
    for (const std::string& a : attributes) keys[p].push_back(person_attribute(ds.persons[p], a));
  KeyCells cells = key_cells(std::move(keys));
  g.keys = std::move(cells.distinct);
  g.group_of_person = std::move(cells.cell_of);
  g.members.resize(g.keys.size());
  for (std::uint32_t p : ds.persons_by_id) g.members[g.group_of_person[p]].push_back(p);
  return g;
}

}  // namespace gapscore::analysis
