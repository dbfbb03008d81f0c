#include "ingest/proxy_sink.h"

#include "model/schema.h"

namespace gapscore::ingest {

void ProxySums::merge(const ProxySums& other) {
  for (const auto& [person, sums] : other.by_person) {
    auto& mine = by_person[person];
    if (mine.empty()) {
      mine = sums;
      continue;
    }
    for (std::size_t i = 0; i < mine.size() && i < sums.size(); ++i) {
      mine[i].first += sums[i].first;
      mine[i].second += sums[i].second;
    }
  }
}

ProxySink::ProxySink(RowSink& inner, ProxySums& sums) : inner_(inner), sums_(sums) {
  const TableSchema& schema = schema_for(TableKind::activity);
  for (const char* name : ProxySums::kColumns)
    for (std::size_t s = 0; s < schema.columns.size(); ++s)
      if (schema.columns[s].name == name) slots_.push_back(s);
}

RowSink::Outcome ProxySink::accept(const RowView& row, std::uint64_t row_number) {
  const Outcome outcome = inner_.accept(row, row_number);
  if (outcome != Outcome::kept) return outcome;
  bool any = false;
  for (std::size_t s : slots_) any = any || row.present[s];
  if (!any) return outcome;
  const std::string_view id = row.cells[0];  // person_id, trimmed by the builder
  const std::uint32_t code = ids_.intern(id);
  if (code == sums_of_id_.size()) {
    auto& fresh = sums_.by_person.try_emplace(std::string(id)).first->second;
    fresh.resize(slots_.size());
    sums_of_id_.push_back(&fresh);
  }
  auto& sums = *sums_of_id_[code];
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (!row.present[slots_[i]]) continue;
    // Past 64 bits of millionths (9.2e12 e-mails) the value is added as it is.
    std::int64_t millionths = 0;
    const bool fits = cell_millionths(row, slots_[i], millionths);
    sums[i].first += fits ? static_cast<double>(millionths) : row.nums[slots_[i]] * 1e6;
    sums[i].second += 1;
  }
  return outcome;
}

}  // namespace gapscore::ingest
