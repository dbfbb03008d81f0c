#include "activity/exact_sums.h"

#include <cmath>

namespace gapscore::activity {
namespace {

// Factors within 32 bits (nearly every cell) multiply within 63 bits: no
// overflow check, which in wasm is a 128-bit multiply (a library call).
bool checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out) {
  if (a == static_cast<std::int32_t>(a) && b == static_cast<std::int32_t>(b)) {
    out = a * b;
    return true;
  }
  return !__builtin_mul_overflow(a, b, &out);
}

}  // namespace

// Checked first, then added: no copy of the sums (in wasm a struct copy is a memcpy call).
bool ExactRowSums::can_add(const ExactRowSums& o) const {
  bool overflow = false;
  for (auto field : kExactRowSumFields) {
    std::int64_t sum = 0;
    overflow |= __builtin_add_overflow(this->*field, o.*field, &sum);
  }
  return !overflow;
}

void ExactRowSums::add_checked_before(const ExactRowSums& o) {
  for (auto field : kExactRowSumFields) this->*field += o.*field;
}

bool ExactRowSums::add(const ExactRowSums& o) {
  if (!can_add(o)) return false;
  add_checked_before(o);
  return true;
}

ExactRowSums manual_sums(const ExactRowSums& all, const ExactRowSums& ai) {
  ExactRowSums out;
  for (auto field : kExactRowSumFields) out.*field = all.*field - ai.*field;
  return out;
}

bool checked_difference(const ExactRowSums& all, const ExactRowSums& ai, ExactRowSums& out) {
  bool overflow = false;
  for (auto field : kExactRowSumFields) overflow |= __builtin_sub_overflow(all.*field, ai.*field, &(out.*field));
  return !overflow;
}

// Every field is written once, none zeroed first: in wasm zeroing the 184
// bytes was a memset call a row.
bool row_contribution(const RowValues& v, ExactRowSums& s) {
  const std::int64_t rework = v.has_rework ? v.rework : 0;
  std::int64_t cost = 0;
  if (__builtin_add_overflow(v.hours, rework, &cost)) return false;
  std::int64_t q_weighted = 0, c_weighted = 0;
  if (v.has_quality && !checked_mul(v.tasks, v.quality, q_weighted)) return false;
  if (v.has_cycle && !checked_mul(v.tasks, v.cycle, c_weighted)) return false;
  s.rows = 1;
  s.tasks = v.tasks;
  s.ai_tasks = v.ai_tasks;
  s.hours = v.hours;
  s.q_tasks = v.has_quality ? v.tasks : 0;
  s.q_weighted = q_weighted;
  s.q_cost = v.has_quality ? cost : 0;
  s.e_tasks = v.has_errors ? v.tasks : 0;
  s.errors = v.has_errors ? v.errors : 0;
  s.v_rows = v.has_value ? 1 : 0;
  s.v_value = v.has_value ? v.value : 0;
  s.v_cost = v.has_value ? cost : 0;
  s.c_tasks = v.has_cycle ? v.tasks : 0;
  s.c_weighted = c_weighted;
  s.r_rows = v.has_rework ? 1 : 0;
  s.r_hours = v.has_rework ? v.hours : 0;
  s.rework = rework;
  s.b_rows = v.has_baseline ? 1 : 0;
  s.b_baseline = v.has_baseline ? v.baseline : 0;
  s.b_hours = v.has_baseline ? v.hours : 0;
  s.b_rework = v.has_baseline ? rework : 0;
  s.i_rows = v.has_interactions ? 1 : 0;
  s.interactions = v.has_interactions ? v.interactions : 0;
  return true;
}

}  // namespace gapscore::activity
