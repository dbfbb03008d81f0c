// Fetching the state of rows to come. Rows in any order reach a random person
// each: the person's code, sums, task cell and period cell are each a cache
// miss, one after another. Told of a row several rows early (Part::upcoming),
// the part starts those loads in three steps, each once the previous one's
// data has had time to arrive, so the misses of several rows overlap. Every
// step only reads, and any index it guesses is checked against the sizes, so
// a wrong hint costs a wasted load and nothing else.
#include "activity/part.h"
#include "base/date.h"
#include "model/table.h"

namespace gapscore::activity {
namespace {

// A load that starts now and whose data is not waited for.
inline void fetch(const void* p) {
  if (p) __builtin_prefetch(p);
}

}  // namespace

void Part::upcoming(std::string_view person_id, std::int32_t day, std::string_view task_type) {
  // Step 1, for the new row: where its person's code is.
  Upcoming& fresh = upcoming_[upcoming_at_ % upcoming_.size()];
  fresh.hash = person_ids_.hash(person_id);
  fresh.task = task_types_.find(task_type);
  fresh.period = TextCodes::kAbsent;
  if (day != kMissingInt) {
    const std::int32_t start = options_.weekly ? iso_week_monday(day) : month_start(day);
    fresh.period = period_index_.find(static_cast<std::uint64_t>(static_cast<std::uint32_t>(start)));
  }
  fresh.person = TextCodes::kAbsent;
  fetch(person_ids_.first_slot(fresh.hash));
  // Step 2, for the row told of 3 rows ago: its person (the code's slot has arrived).
  Upcoming& middle = upcoming_[(upcoming_at_ + upcoming_.size() - 3) % upcoming_.size()];
  middle.person = person_ids_.probable_code(middle.hash);
  if (middle.person < persons_.size()) {
    const PersonPart& p = persons_[middle.person];
    fetch(&p.task_slots);
    fetch(&p.ai);
    fetch(reinterpret_cast<const char*>(&p.ai) + 64);
    fetch(reinterpret_cast<const char*>(&p.ai) + 128);
    fetch(&person_ids_.texts()[middle.person]);
    if (middle.period != TextCodes::kAbsent) fetch(period_cell_index_.slot_address(middle.person, middle.period));
  }
  // Step 3, for the row told of 6 rows ago: its task cell and period cell.
  const Upcoming& near = upcoming_[(upcoming_at_ + upcoming_.size() - 6) % upcoming_.size()];
  if (near.person < persons_.size()) {
    const TaskSlots& slots = persons_[near.person].task_slots;
    for (std::size_t i = 0; i < TaskSlots::kSlots; ++i)
      if (slots.task[i] == near.task && slots.cell[i] < task_cells_.size()) {
        const TaskCell& cell = task_cells_[slots.cell[i]];
        fetch(&cell.days);
        fetch(&cell.ai);
      }
    if (near.period != TextCodes::kAbsent) {
      const std::uint32_t pc = period_cell_index_.peek(near.person, near.period);
      if (pc < period_cells_.size()) {
        fetch(period_cells_.address(pc));
        fetch(static_cast<const char*>(period_cells_.address(pc)) + PeriodCells::cell_bytes() - 1);
      }
    }
  }
  ++upcoming_at_;
}

}  // namespace gapscore::activity
