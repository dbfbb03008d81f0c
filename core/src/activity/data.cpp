#include "activity/data.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "base/radix_sort.h"

namespace gapscore::activity {
namespace {

constexpr std::uint32_t kDropped = 0xffffffffu;

// Codes sorted by their text: the new code of each old one.
std::vector<std::uint32_t> rank_by_text(const std::vector<std::string>& texts) {
  std::vector<std::uint32_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return texts[a] < texts[b]; });
  std::vector<std::uint32_t> rank(texts.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  return rank;
}

}  // namespace

ActivityData finish(Part&& part) {
  part.settle_totals();
  // The part is spent: its indexes go first, its cells move (the peak is one copy of the state, not two).
  part.task_cell_index_ = {};
  part.period_cell_index_ = {};
  part.pending_index_ = {};
  part.period_index_ = {};
  ActivityData d;
  d.weekly = part.options().weekly;
  d.rows_in_window = part.rows_in_window();
  d.rows_outside_window = part.rows_outside_window();
  d.first_date = part.first_date();
  d.last_date = part.last_date();

  // People with no row inside the window are not part of the analysis.
  const std::vector<std::string>& all_ids = part.person_ids().texts();
  std::vector<std::string> ids;
  std::vector<std::uint32_t> kept_code(all_ids.size(), kDropped);
  for (std::uint32_t p = 0; p < all_ids.size(); ++p)
    if (part.persons()[p].all.rows > 0) {
      kept_code[p] = static_cast<std::uint32_t>(ids.size());
      ids.push_back(all_ids[p]);
    }
  std::vector<std::uint32_t> person_rank = rank_by_text(ids);
  // Indexed by the part's codes from here on (kDropped for people without rows).
  for (std::uint32_t p = static_cast<std::uint32_t>(all_ids.size()); p-- > 0;)
    kept_code[p] = kept_code[p] == kDropped ? kDropped : person_rank[kept_code[p]];
  person_rank = std::move(kept_code);
  const std::vector<std::uint32_t> task_rank = rank_by_text(part.task_types().texts());
  // Ids are distinct, so every order below is total: no ties for sort to break differently.
  d.persons.resize(ids.size());
  ids = {};
  for (std::uint32_t p = 0; p < all_ids.size(); ++p) {
    if (person_rank[p] == kDropped) continue;
    ActivityPerson& out = d.persons[person_rank[p]];
    PersonPart& in = part.persons_[p];
    out.id = all_ids[p];
    out.all = in.all;
    out.ai = in.ai;
    out.attributes = std::move(in.attributes);
  }
  // The part's people are spent: freed before the cells are copied.
  part.persons_ = {};
  part.person_ids_ = {};
  d.task_types.resize(task_rank.size());
  for (std::uint32_t t = 0; t < task_rank.size(); ++t) d.task_types[task_rank[t]] = part.task_types().texts()[t];

  std::vector<std::uint32_t> period_order(part.periods().size());
  std::iota(period_order.begin(), period_order.end(), 0U);
  std::sort(period_order.begin(), period_order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return part.periods()[a] < part.periods()[b]; });
  std::vector<std::uint32_t> period_rank(period_order.size());
  for (std::uint32_t i = 0; i < period_order.size(); ++i) {
    period_rank[period_order[i]] = i;
    d.periods.push_back(part.periods()[period_order[i]]);
  }

  // Task cells: sorted as (key, index) pairs, then copied in that order
  // without their day bits, into a vector of the exact size.
  BlockVector<TaskCell> tasks = std::move(part.task_cells_);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> task_order(tasks.size());
  std::size_t kept_tasks = 0;
  for (std::uint32_t i = 0; i < tasks.size(); ++i) {
    const TaskCell& c = tasks[i];
    const bool kept = person_rank[c.person] != kDropped;
    kept_tasks += kept;
    task_order[i] = {kept ? (std::uint64_t{person_rank[c.person]} << 32) | task_rank[c.task] : ~std::uint64_t{0}, i};
  }
  sort_pairs_by_key(task_order);  // keys unique, but for the dropped cells' (last)
  for (std::size_t i = 0; i < kept_tasks; ++i) {
    const TaskCell& c = tasks[task_order[i].second];
    d.task_cells.push_back({static_cast<std::uint32_t>(task_order[i].first >> 32),
                            static_cast<std::uint32_t>(task_order[i].first), c.ai, c.manual, c.status});
  }
  tasks = {};
  // Cells of people without rows exist only in a corrupt saved state (a row
  // makes both): dropped like their task cells, never indexed.
  PeriodCells periods = std::move(part.period_cells_);
  std::vector<std::uint32_t> kept_cells;
  kept_cells.reserve(periods.size());
  for (std::uint32_t i = 0; i < periods.size(); ++i)
    if (person_rank[periods.person(i)] != kDropped) kept_cells.push_back(i);
  periods.keep(kept_cells);
  std::size_t kept = kept_cells.size();
  kept_cells = {};
  std::vector<std::pair<std::uint64_t, std::uint32_t>> cell_order(kept);
  // By period, then person: trends read one period's cells at a time, in a row.
  for (std::uint32_t i = 0; i < kept; ++i) {
    periods.set_key(i, person_rank[periods.person(i)], period_rank[periods.period(i)]);
    cell_order[i] = {(std::uint64_t{periods.period(i)} << 32) | periods.person(i), i};
  }
  sort_pairs_by_key(cell_order);  // unique keys
  periods.permute(cell_order);
  d.period_cells = std::move(periods);
  std::vector<PendingPlaybookCell> pending = std::move(part.pending_);
  kept = 0;
  for (PendingPlaybookCell& c : pending) {
    if (person_rank[c.person] == kDropped) continue;
    PendingPlaybookCell& out = pending[kept++];
    out = c;
    out.person = person_rank[c.person];
    out.period = period_rank[c.period];
    out.task = task_rank[c.task];
  }
  pending.resize(kept);
  std::sort(pending.begin(), pending.end(), [](const PendingPlaybookCell& a, const PendingPlaybookCell& b) {
    if (a.person != b.person) return a.person < b.person;
    return a.period != b.period ? a.period < b.period : a.task < b.task;
  });
  d.pending_playbook = std::move(pending);

  // Each person's task cells as a range.
  std::uint32_t i = 0;
  for (std::uint32_t p = 0; p < d.persons.size(); ++p) {
    d.persons[p].task_cells_begin = i;
    while (i < d.task_cells.size() && d.task_cells[i].person == p) ++i;
    d.persons[p].task_cells_end = i;
  }
  return d;
}

}  // namespace gapscore::activity
