#include "activity/range_sinks.h"

#include "activity/sink.h"

namespace gapscore::activity {
ingest::RowSink::Outcome RecheckSink::accept(const ingest::RowView& row, std::uint64_t row_number) {
  const RowKey k = row_key(row);
  const bool dirty = keys_.person_dirty(k.person);
  const std::optional<std::uint64_t> shared = keys_.index_of(k.person, k.day, k.task);
  if (!dirty && !shared) return Outcome::kept;  // let through by the reader's looser filter
  // A row whose sums do not fit took no key in Part::add, and gives nothing.
  RowValues v;
  ExactRowSums s;
  if (!row_values(row, v) || !row_contribution(v, s)) return Outcome::kept;
  // The first row of a shared key here is the one the part took: take it back.
  // (A later row of it was a repeat already.)
  bool taken = false;
  if (shared && done_.find(*shared) == FlatU64Map::kAbsent) {
    if (!part_.remove(k.person, k.day, k.task, v)) return Outcome::kept;
    done_.find_or_insert(*shared, 1);
    ++taken_back_;
    taken = true;
  }
  if (dirty) see_attributes(k, row_number, taken);
  return taken ? Outcome::duplicate : Outcome::kept;
}

void RecheckSink::see_attributes(const RowKey& k, std::uint64_t row_number, bool taken_back) {
  // The first row of a key takes it; repeats, rows taken back and rows
  // outside the window give no attributes. (The row was read before, so
  // the part knows its person and task type.)
  const std::uint64_t person = part_.person_ids().find(k.person), task = part_.task_types().find(k.task);
  const auto next_cell = static_cast<std::uint32_t>(cells_.size());
  const std::uint64_t cell = cells_.find_or_insert(person << 32 | task, next_cell);
  const std::uint64_t key = cell << 32 | static_cast<std::uint32_t>(k.day);
  if (seen_.find(key) != FlatU64Map::kAbsent) return;
  seen_.find_or_insert(key, 1);
  if (taken_back) return;
  const PartOptions& o = part_.options();
  if ((o.window_start && k.day < *o.window_start) || (o.window_end && k.day > *o.window_end)) return;
  InlineAttributes& a = attributes_[std::string(k.person)];
  a.team.see(k.team, 0, row_number + shift_);
  a.role.see(k.role, 0, row_number + shift_);
  a.work_mode.see(k.work_mode, 0, row_number + shift_);
}

}  // namespace gapscore::activity
