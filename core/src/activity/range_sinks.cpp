#include "activity/range_sinks.h"

#include "activity/sink.h"

namespace gapscore::activity {
namespace {

std::string key_text(const RowKey& k) {
  std::string key = SharedKeys::cell_key(k.person, k.task);
  key += '\x1f';
  key += std::to_string(k.day);
  return key;
}

}  // namespace

ingest::RowSink::Outcome RecheckSink::accept(const ingest::RowView& row, std::uint64_t row_number) {
  const RowKey k = row_key(row);
  if (!keys_.has(k.person, k.day, k.task)) return Outcome::kept;
  std::string key = key_text(k);
  // A later row of the key in this range was a repeat already; a row whose
  // sums did not fit never took the key (remove() finds nothing to take back).
  if (done_.count(key)) return Outcome::kept;
  RowValues v;
  if (!row_values(row, v) || !part_.remove(k.person, k.day, k.task, v)) return Outcome::kept;
  done_.insert(std::move(key));
  dropped_.insert(row_number);
  if (part_.attribute_row(k.person, row_number + shift_)) dirty_.insert(std::string(k.person));
  return Outcome::duplicate;
}

ingest::RowSink::Outcome AttributeSink::accept(const ingest::RowView& row, std::uint64_t row_number) {
  const RowKey k = row_key(row);
  if (!people_.count(std::string(k.person))) return Outcome::kept;
  // As Part::add: a row whose sums do not fit takes no key; the first row
  // of a key takes it (repeats after it give nothing); rows outside the
  // window give no attributes.
  RowValues v;
  ExactRowSums s;
  if (!row_values(row, v) || !row_contribution(v, s)) return Outcome::kept;
  if (!seen_.insert(key_text(k)).second || dropped_.count(row_number)) return Outcome::kept;
  if ((options_.window_start && k.day < *options_.window_start) || (options_.window_end && k.day > *options_.window_end))
    return Outcome::kept;
  InlineAttributes& a = attributes_[std::string(k.person)];
  a.team.see(k.team, 0, row_number + shift_);
  a.role.see(k.role, 0, row_number + shift_);
  a.work_mode.see(k.work_mode, 0, row_number + shift_);
  return Outcome::kept;
}

}  // namespace gapscore::activity
