#include "activity/exact_sums.h"

#include <cmath>

namespace gapscore::activity {
namespace {

bool checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out) { return !__builtin_mul_overflow(a, b, &out); }

}  // namespace

bool to_fixed(double v, std::int64_t& out) {
  const double scaled = v * kScaleD;
  const double r = scaled < 0 ? -std::floor(-scaled + 0.5) : std::floor(scaled + 0.5);
  if (!(r > -9.2e18 && r < 9.2e18)) return false;
  out = static_cast<std::int64_t>(r);
  return true;
}

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

bool row_contribution(const RowValues& v, ExactRowSums& s) {
  s = ExactRowSums{};
  s.rows = 1;
  s.tasks = v.tasks;
  s.ai_tasks = v.ai_tasks;
  s.hours = v.hours;
  const std::int64_t rework = v.has_rework ? v.rework : 0;
  std::int64_t cost = 0;
  if (__builtin_add_overflow(v.hours, rework, &cost)) return false;
  if (v.has_quality) {
    s.q_tasks = v.tasks;
    if (!checked_mul(v.tasks, v.quality, s.q_weighted)) return false;
    s.q_cost = cost;
  }
  if (v.has_errors) {
    s.e_tasks = v.tasks;
    s.errors = v.errors;
  }
  if (v.has_value) {
    s.v_rows = 1;
    s.v_value = v.value;
    s.v_cost = cost;
  }
  if (v.has_cycle) {
    s.c_tasks = v.tasks;
    if (!checked_mul(v.tasks, v.cycle, s.c_weighted)) return false;
  }
  if (v.has_rework) {
    s.r_rows = 1;
    s.r_hours = v.hours;
    s.rework = v.rework;
  }
  if (v.has_baseline) {
    s.b_rows = 1;
    s.b_baseline = v.baseline;
    s.b_hours = v.hours;
    s.b_rework = rework;
  }
  if (v.has_interactions) {
    s.i_rows = 1;
    s.interactions = v.interactions;
  }
  return true;
}

}  // namespace gapscore::activity
