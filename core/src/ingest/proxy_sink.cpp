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
  auto& sums = sums_.by_person[std::string(row.cells[0])];  // person_id, trimmed by the builder
  sums.resize(slots_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (!row.present[slots_[i]]) continue;
    sums[i].first += row.nums[slots_[i]];
    sums[i].second += 1;
  }
  return outcome;
}

}  // namespace gapscore::ingest
