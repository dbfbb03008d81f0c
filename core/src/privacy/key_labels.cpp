#include "privacy/key_labels.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/sha256.h"
#include "privacy/pseudonym.h"

namespace gapscore::privacy {

namespace {

// The key that orders manager labels: privacy.salt when one is given, else a
// digest of the activity (each person's exact row, task and hour sums in the
// window; for adoption-only reports their active usage days). A reader of the
// report has neither, so cannot recompute the order from the org chart's ids.
std::string label_key(const Dataset& ds, const Config& config) {
  if (!config.privacy.salt.empty()) return config.privacy.salt;
  Sha256 h;
  h.update(std::string_view("gapscore manager labels 1"));
  auto add = [&](std::int64_t v) {
    std::uint8_t b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i));
    h.update(std::span<const std::uint8_t>(b, 8));
  };
  for (const activity::ActivityPerson& p : ds.activity.persons) {
    h.update(std::string_view(p.id));
    add(p.all.rows);
    add(p.all.tasks);
    add(p.all.ai_tasks);
    add(p.all.hours);
  }
  if (ds.usage)
    for (const PersonUsage& u : ds.usage->per_person) {
      add(static_cast<std::int64_t>(u.days.size()));
      for (std::int32_t d : u.days) add(d);
    }
  return to_hex(h.finish());
}

}  // namespace

KeyLabeller key_labeller(const Dataset& ds, const Config& config) {
  // Opaque labels for managers when there are no pseudonyms: numbered in the
  // order of a keyed hash of their ids, so the numbering says nothing about
  // the ids (an unkeyed hash of them could be recomputed from the org chart).
  auto labels = std::make_shared<std::map<std::string, std::string>>();
  if (!config.privacy.individual_results) {
    const std::string key = label_key(ds, config);
    std::vector<std::pair<std::string, std::string>> managers;
    std::unordered_set<std::string_view> seen;  // only dedupes: the labels follow the sort below
    for (const PersonInfo& p : ds.persons)
      if (!p.manager_id.empty() && seen.insert(p.manager_id).second)
        managers.emplace_back(hmac_sha256_hex(key, p.manager_id), p.manager_id);
    if (ds.usage)
      for (const PersonInfo& p : ds.usage->population.persons)
        if (!p.manager_id.empty() && seen.insert(p.manager_id).second)
          managers.emplace_back(hmac_sha256_hex(key, p.manager_id), p.manager_id);
    std::sort(managers.begin(), managers.end());
    for (std::size_t i = 0; i < managers.size(); ++i) (*labels)[managers[i].second] = "manager " + std::to_string(i + 1);
  }
  const std::string salt = config.privacy.salt;
  const bool pseudonymous = config.privacy.individual_results;
  return [labels, salt, pseudonymous](std::string_view attribute, const std::string& value) -> std::string {
    if (attribute != "manager_id" || value == kUnassigned) return value;
    if (pseudonymous) return pseudonym(salt, value);
    const auto it = labels->find(value);
    return it == labels->end() ? std::string(kUnassigned) : it->second;
  };
}

}  // namespace gapscore::privacy
