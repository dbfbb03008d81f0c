// A finished activity part: people in id order, task types and periods in
// order, cells grouped by person. The order is canonical (ids and days, never
// input order), so everything computed from it is the same however the input
// was ordered, chunked or split across workers.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "activity/part.h"

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

struct ActivityData {
  std::vector<ActivityPerson> persons;   // sorted by id (bytewise)
  std::vector<std::string> task_types;   // sorted
  std::vector<std::int32_t> periods;     // start days, ascending
  std::vector<TaskSums> task_cells;      // by person, then task type (final indices)
  PeriodCells period_cells;              // by period, then person (final indices)
  std::vector<PendingPlaybookCell> pending_playbook;  // by person, period, task type
  std::uint64_t rows_in_window = 0, rows_outside_window = 0;
  std::optional<std::int32_t> first_date, last_date;
  bool weekly = true;

  std::span<const TaskSums> task_cells_of(std::uint32_t person) const {
    const ActivityPerson& p = persons[person];
    return {task_cells.data() + p.task_cells_begin, p.task_cells_end - p.task_cells_begin};
  }
};

// Finishes a part read to its end: the part is spent (its cells move here).
ActivityData finish(Part&& part);

}  // namespace gapscore::activity
