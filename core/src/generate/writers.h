// The table writers of `gapscore generate`. Each writes one file through a
// ChunkWriter, which hands the text to the caller's sink in bounded chunks so
// that a table of any size never sits in memory whole.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "gapscore/generate.h"
#include "base/prng.h"
#include "gapscore/status.h"
#include "generate/org_model.h"

namespace gapscore::generate {

using Sink = std::function<Status(GeneratedFile, std::string_view)>;

class ChunkWriter {
 public:
  static constexpr std::size_t kChunkBytes = std::size_t{256} << 10;

  ChunkWriter(GeneratedFile file, const Sink& sink) : file_(file), sink_(sink) { buf_.reserve(kChunkBytes + 4096); }
  std::string& buf() { return buf_; }
  // Call between records: passes the buffer on once it reaches kChunkBytes.
  Status maybe_flush() { return buf_.size() >= kChunkBytes ? flush() : Status(Ok{}); }
  Status flush();
  std::uint64_t lines() const { return lines_; }
  void count_line() { ++lines_; }

 private:
  GeneratedFile file_;
  const Sink& sink_;
  std::string buf_;
  std::uint64_t lines_ = 0;  // data rows written (header excluded)
};

// Row counts of the tables, reported in truth.json.
struct TableRows {
  std::uint64_t activity = 0, people = 0, surveys = 0, playbook = 0;
};

inline constexpr std::uint32_t kDayOffCycleWorkdays = 20;  // one day off per full cycle
inline constexpr double kBaselinePresentRate = 0.8;
inline constexpr double kSurveyResponseRate = 0.85;
inline constexpr std::uint32_t kSurveyCycleWorkdays = 20;
inline constexpr double kDayHoursMean = 8.0, kDayHoursSd = 0.4, kDayHoursMin = 6.5, kDayHoursMax = 9.5;

Status write_activity(const Org& org, Prng& rng, ChunkWriter& w);
Status write_people(const Org& org, ChunkWriter& w);
Status write_surveys(const Org& org, Prng& rng, ChunkWriter& w);
Status write_playbook(const Org& org, ChunkWriter& w);
Status write_truth(const Org& org, const GenerateOptions& options, const TableRows& rows, ChunkWriter& w);

}  // namespace gapscore::generate
