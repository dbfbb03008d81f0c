// A synthetic organisation with planted effects (`gapscore generate`): the
// built-in sample, test data whose truth is known, and benchmark input.
// Same options ⇒ same bytes on every platform (own PRNG, integer formatting).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "gapscore/status.h"

namespace gapscore {

struct GenerateOptions {
  std::uint32_t people = 200;
  std::uint32_t days = 90;  // calendar days; rows only on weekdays
  std::uint64_t seed = 1;
  std::string start_date = "2025-01-06";
};

enum class GeneratedFile : std::uint8_t { activity, people, surveys, playbook, truth };
const char* generated_file_name(GeneratedFile f);  // "activity.csv", ..., "truth.json"

// Streams each file's bytes to `sink` in chunks (files in enum order, each
// file's chunks contiguous). Bad options: usage_error.
Status generate_dataset(const GenerateOptions& options,
                        const std::function<Status(GeneratedFile, std::string_view)>& sink);

}  // namespace gapscore
