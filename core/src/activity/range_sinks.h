// Reading a byte range of the activity again, for the rows whose keys an
// earlier range holds (Session::merge_range): RecheckSink takes each such
// row back out of the range's part; AttributeSink works out again the inline
// attributes of people whose first or conflicting value came from one.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "activity/part.h"
#include "ingest/table_builder.h"

namespace gapscore::activity {

class RecheckSink : public ingest::RowSink {
 public:
  // `shift`: what makes the reader's row numbers the file's.
  RecheckSink(const SharedKeys& keys, Part& part, std::uint64_t shift) : keys_(keys), part_(part), shift_(shift) {}
  // The first row of each shared key is taken back and reported as a repeat.
  Outcome accept(const ingest::RowView& row, std::uint64_t row_number) override;

  std::uint64_t taken_back() const { return done_.size(); }
  const std::set<std::uint64_t>& dropped_rows() const { return dropped_; }  // the reader's numbers
  const std::set<std::string>& dirty_people() const { return dirty_; }

 private:
  const SharedKeys& keys_;
  Part& part_;
  std::uint64_t shift_;
  std::unordered_set<std::string> done_;
  std::set<std::uint64_t> dropped_;
  std::set<std::string> dirty_;
};

class AttributeSink : public ingest::RowSink {
 public:
  AttributeSink(const std::set<std::string>& people, const std::set<std::uint64_t>& dropped, const PartOptions& options,
                std::uint64_t shift)
      : people_(people), dropped_(dropped), options_(options), shift_(shift) {}
  Outcome accept(const ingest::RowView& row, std::uint64_t row_number) override;
  const std::map<std::string, InlineAttributes>& attributes() const { return attributes_; }

 private:
  const std::set<std::string>& people_;
  const std::set<std::uint64_t>& dropped_;
  const PartOptions& options_;
  std::uint64_t shift_;
  std::unordered_set<std::string> seen_;
  std::map<std::string, InlineAttributes> attributes_;
};

}  // namespace gapscore::activity
