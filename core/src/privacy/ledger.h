// The privacy-budget ledger (protection dp, docs/privacy.md): how much epsilon
// has been spent on each ledger id over past releases. Differential privacy
// composes: n releases of epsilon each cost n x epsilon, so without a ledger
// repeated runs average the noise away. The bytes belong to the caller (a file
// for the CLI, the store the npm package is given, IndexedDB in the demo); the
// Session reads them before a release and hands back the updated bytes.
//
// Format (canonical JSON, stable key order):
//   {"gapscore_privacy_ledger": 1,
//    "entries": {"<ledger id>": {"total_epsilon": 10, "spent_epsilon": 3, "releases": 3}}}
// The total is fixed by the first release on an id; a config asking for more later does not raise it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "gapscore/status.h"

namespace gapscore::privacy {

struct LedgerEntry {
  double total_epsilon = 0;
  double spent_epsilon = 0;
  std::uint64_t releases = 0;
};

class Ledger {
 public:
  // Empty bytes: a new ledger. Anything else must be a ledger (privacy_ledger_invalid).
  static Result<Ledger> parse(std::string_view bytes);
  std::string text() const;

  // Records a release of `epsilon` on `id`, or refuses it (privacy_budget_exhausted)
  // when the spent budget would pass the total (the smaller of the recorded and `total_epsilon`).
  Result<LedgerEntry> spend(const std::string& id, double epsilon, double total_epsilon);
  const LedgerEntry* find(const std::string& id) const;

 private:
  std::map<std::string, LedgerEntry> entries_;
};

}  // namespace gapscore::privacy
