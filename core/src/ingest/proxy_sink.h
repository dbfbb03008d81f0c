// The activity table's legacy-proxy columns (emails_sent, meeting_hours),
// summed per person for the KPI audit. A RowSink in front of the activity's
// own sink: it passes every row on and adds the proxies of the rows that sink
// kept (inside the window, not a repeated key). Kept apart from the activity
// state (core/src/activity) because nothing else reads these columns.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/flat_map.h"
#include "ingest/table_builder.h"

namespace gapscore::ingest {

struct ProxySums {
  static constexpr const char* kColumns[] = {"emails_sent", "meeting_hours"};
  // person_id -> per column (sum, rows with a value), in kColumns order. The
  // sums are in millionths, whole numbers held in doubles: every addition is
  // exact while a sum stays below 2^53 millionths (9.0e9 e-mails or hours), so
  // any row order, split among readers or merge of states gives the same bits.
  std::map<std::string, std::vector<std::pair<double, double>>> by_person;
  // Another reader's sums (a shard of other people).
  void merge(const ProxySums& other);
};

class ProxySink : public RowSink {
 public:
  ProxySink(RowSink& inner, ProxySums& sums);
  Outcome accept(const RowView& row, std::uint64_t row_number) override;
  void upcoming(std::string_view person_id, std::int32_t day, std::string_view task_type) override {
    inner_.upcoming(person_id, day, task_type);
  }
  bool wants_upcoming() const override { return inner_.wants_upcoming(); }

 private:
  RowSink& inner_;
  ProxySums& sums_;
  std::vector<std::size_t> slots_;  // schema slots of kColumns
  // A row's person found by a hash of its id, not by the map's string
  // comparisons and a new string a row (a tenth of the CLI's time went there
  // on a file with these columns). Map nodes never move, so the pointers stay.
  TextCodes ids_;
  std::vector<std::vector<std::pair<double, double>>*> sums_of_id_;  // by code in ids_
};

}  // namespace gapscore::ingest
