// Reading a byte range of the activity again, for the rows whose keys an
// earlier range holds (Session::merge_range): each such row is taken back out
// of the range's part and reported as a repeat; people whose first or
// conflicting inline attribute came from one get theirs worked out again from
// the range's other rows.
#pragma once

#include <map>
#include <string>

#include "activity/part.h"
#include "ingest/table_builder.h"

namespace gapscore::activity {

class RecheckSink : public ingest::RowSink {
 public:
  // `shift`: what makes the reader's row numbers the file's.
  RecheckSink(const SharedKeys& keys, Part& part, std::uint64_t shift) : keys_(keys), part_(part), shift_(shift) {}
  Outcome accept(const ingest::RowView& row, std::uint64_t row_number) override;

  std::uint64_t taken_back() const { return taken_back_; }
  // The dirty people's attributes, as the range's rows that stay give them.
  const std::map<std::string, InlineAttributes>& attributes() const { return attributes_; }

 private:
  // As Part::add gives a dirty person's row its attributes.
  void see_attributes(const struct RowKey& k, std::uint64_t row_number, bool taken_back);

  const SharedKeys& keys_;
  Part& part_;
  std::uint64_t shift_;
  std::uint64_t taken_back_ = 0;
  FlatU64Map done_;  // shared keys taken back (SharedKeys::index_of; a later row of one was a repeat already)
  FlatU64Map cells_;  // (person << 32 | task type), the part's codes -> a number of its own
  FlatU64Map seen_;   // keys of dirty people's rows: (that number << 32 | day)
  std::map<std::string, InlineAttributes> attributes_;
};

}  // namespace gapscore::activity
