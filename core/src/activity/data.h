// A finished activity part: people in id order, task types and periods in
// order, cells grouped by person. The order is canonical (ids and days, never
// input order), so everything computed from it is the same however the input
// was ordered, chunked or split across workers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "activity/part.h"
#include "base/block_vector.h"

namespace gapscore::activity {

// A task cell once reading is done: its counts and playbook status, without
// the day bits (they only find repeated keys while rows come in).
struct TaskSums {
  std::uint32_t person = 0, task = 0;
  ClassCounts ai, manual;
  PlaybookStatus status = PlaybookStatus::unknown;
};

struct ActivityPerson {
  std::string id;
  ExactRowSums all, ai;  // manual rows: manual_sums(all, ai)
  PersonAttributes attributes;
  std::uint32_t task_cells_begin = 0, task_cells_end = 0;      // into ActivityData::task_cells
};

// One person's task cells: a range of ActivityData::task_cells.
class TaskCellRange {
 public:
  using Cells = BlockVector<TaskSums>;
  TaskCellRange(const Cells& cells, std::uint32_t begin, std::uint32_t end) : cells_(&cells), begin_(begin), end_(end) {}
  auto begin() const { return Cells::Iterator<const TaskSums, const Cells>(cells_, begin_); }
  auto end() const { return Cells::Iterator<const TaskSums, const Cells>(cells_, end_); }
  std::size_t size() const { return end_ - begin_; }

 private:
  const Cells* cells_;
  std::uint32_t begin_, end_;
};

// People and task cells are in blocks, like the part's: finishing a part
// frees its blocks while these fill, and blocks fit the holes a wasm heap
// (which never shrinks) keeps where one long array would not.
struct ActivityData {
  BlockVector<ActivityPerson, 8> persons;  // sorted by id (bytewise)
  std::vector<std::string> task_types;   // sorted
  std::vector<std::int32_t> periods;     // start days, ascending
  BlockVector<TaskSums> task_cells;      // by person, then task type (final indices)
  PeriodCells period_cells;              // by period, then person (final indices)
  std::vector<PendingPlaybookCell> pending_playbook;  // by person, period, task type
  std::uint64_t rows_in_window = 0, rows_outside_window = 0;
  std::optional<std::int32_t> first_date, last_date;
  bool weekly = true;

  TaskCellRange task_cells_of(std::uint32_t person) const {
    const ActivityPerson& p = persons[person];
    return {task_cells, p.task_cells_begin, p.task_cells_end};
  }
};

// Finishes a part read to its end: the part is spent (its cells move here).
ActivityData finish(Part&& part);

}  // namespace gapscore::activity
