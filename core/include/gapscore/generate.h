// A synthetic organisation with planted effects (`gapscore generate`): the
// built-in sample, test data whose truth is known, and benchmark input.
// Same options ⇒ same bytes on every platform (own PRNG, no libm, integer
// formatting of numbers).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "gapscore/status.h"

namespace gapscore {

inline constexpr std::uint32_t kMaxGeneratePeople = 10'000'000;
inline constexpr std::uint32_t kMaxGenerateDays = 3660;

struct GenerateOptions {
  std::uint32_t people = 200;  // 1..kMaxGeneratePeople
  std::uint32_t teams = 0;     // 1..people, spread evenly; 0 = about 25 people per team
  std::uint32_t days = 90;     // calendar days, 1..kMaxGenerateDays; activity only on weekdays
  std::uint64_t seed = 1;
  std::string start_date = "2025-01-06";  // YYYY-MM-DD
};

enum class GeneratedFile : std::uint8_t { activity, people, surveys, playbook, truth };
const char* generated_file_name(GeneratedFile f);  // "activity.csv", ..., "truth.json"

// Streams each file's bytes to `sink` in chunks: files in enum order, each
// file's chunks contiguous, no chunk much above 256 KiB, so memory does not
// grow with the activity table (it does with `people`: the organisation is
// held, well under 100 bytes a person). A sink error stops generation and is
// returned as is. Bad options: DiagCode::invalid_argument naming the option.
Status generate_dataset(const GenerateOptions& options,
                        const std::function<Status(GeneratedFile, std::string_view)>& sink);

}  // namespace gapscore
