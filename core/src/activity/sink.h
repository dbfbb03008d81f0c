// Feeds checked activity rows (from the CSV, JSON or columns reader) into a
// Part: the one place where a row's typed cells become fixed-point values.
#pragma once

#include "activity/part.h"
#include "ingest/table_builder.h"

namespace gapscore::activity {

// A checked row's values as fixed-point integers; false when a decimal is too large.
bool row_values(const ingest::RowView& row, RowValues& v);
// A checked row's key and inline attributes (empty: not given).
struct RowKey {
  std::string_view person, task, team, role, work_mode;
  std::int32_t day = 0;
};
RowKey row_key(const ingest::RowView& row);

class PartSink : public ingest::RowSink {
 public:
  explicit PartSink(Part& part) : part_(part) {}
  Outcome accept(const ingest::RowView& row, std::uint64_t row_number) override;
  void upcoming(std::string_view person_id, std::int32_t day, std::string_view task_type) override {
    if (ingest::kLookAhead) part_.upcoming(person_id, day, task_type);
  }
  bool wants_upcoming() const override { return ingest::kLookAhead && part_.wants_upcoming(); }

 private:
  Part& part_;
};

}  // namespace gapscore::activity
