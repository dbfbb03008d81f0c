// Consistent cell-key perturbation (protection "cell_key", docs/privacy.md),
// after the Australian Bureau of Statistics' TableBuilder (Fraser & Wooton
// 2005; Thompson, Broadfoot & Elazar 2013).
//
// Record key: the first 8 bytes of HMAC-SHA256(privacy.salt, "cell key" NUL
// person_id), uniform on 64 bits and secret without the salt. Cell key: the sum
// of the key of every person counted in the cell, mod 2^64 (order-free, so the
// same people give the same key in every report). Noise: a fixed function of
// (cell key, stream), the stream naming the statistic and the days it covers:
//   counts: a whole number uniform on -D..D (D = max_count_noise); 0 stays 0;
//   sums:   u x share x the cell's largest single contribution, u uniform on
//           [-1, 1), the result rounded to 0.01.
// The same cell gets the same noise in every report (re-running does not
// average it away), and two cells that differ by anyone, or cover other days,
// get unrelated noise (differences of overlapping cells stay noisy).
// Deterministic (own hash and mixing, no <random>): native and wasm agree.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "analysis/person_figures.h"
#include "dataset/person.h"
#include "gapscore/config.h"
#include "privacy/dp.h"

namespace gapscore::privacy {

std::uint64_t record_key(std::string_view salt, std::string_view person_id);

// What is counted (`name`) over which days (first..last): FNV-1a, then mixed.
std::uint64_t noise_stream(std::string_view name, std::int32_t first_day, std::int32_t last_day);

class CellKeys {
 public:
  // Record keys of `persons`, by index.
  CellKeys(std::span<const PersonInfo> persons, std::string_view salt, const CellKeyConfig& config);

  std::uint64_t record(std::uint32_t person) const { return keys_[person]; }
  // A count moved by a whole number in -max_count_noise..max_count_noise (0 stays 0, never below 0).
  double count(double n, std::uint64_t cell, std::uint64_t stream) const;
  // A sum moved by less than sum_noise_share x `largest` (the largest single
  // contribution's magnitude), then rounded to 0.01; 0 stays 0, and a sum of
  // non-negative parts stays >= 0.
  double sum(double s, double largest, std::uint64_t cell, std::uint64_t stream, bool non_negative) const;

  const CellKeyConfig& config() const { return config_; }

 private:
  CellKeyConfig config_;
  std::vector<std::uint64_t> keys_;
};

// The headline figures of the people `members` (person indices into
// `figures`, active people only) over first_day..last_day, perturbed: the
// headcount and AI users as counts, tasks, AI tasks, hours saved and rework
// hours as sums; adoption_rate and ai_task_share from the perturbed values.
DpFigures cell_key_release(std::span<const std::uint32_t> members, std::span<const analysis::PersonFigures> figures,
                           const CellKeys& keys, std::int32_t first_day, std::int32_t last_day);

}  // namespace gapscore::privacy
