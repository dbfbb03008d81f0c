#include "privacy/key_labels.h"

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "base/sha256.h"
#include "privacy/pseudonym.h"

namespace gapscore::privacy {

KeyLabeller key_labeller(const Dataset& ds, const Config& config) {
  // Opaque labels for managers when there is no salt: numbered in the order of
  // their ids' SHA-256, so the numbering says nothing about the ids themselves.
  auto labels = std::make_shared<std::map<std::string, std::string>>();
  if (!config.privacy.individual_results) {
    std::vector<std::pair<std::string, std::string>> managers;
    std::map<std::string, bool> seen;
    for (const PersonInfo& p : ds.persons)
      if (!p.manager_id.empty() && !seen[p.manager_id]) {
        seen[p.manager_id] = true;
        managers.emplace_back(sha256_hex(p.manager_id), p.manager_id);
      }
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
