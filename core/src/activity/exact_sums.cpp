#include "activity/exact_sums.h"

#include <cmath>

namespace gapscore::activity {
namespace {

// a += b for every field, all or nothing.
template <class F>
bool add_fields(ExactRowSums& a, const ExactRowSums& b, F&& op) {
  ExactRowSums r = a;
  bool ok = true;
  auto f = [&](std::int64_t& x, std::int64_t y) { ok = op(x, y) && ok; };
  f(r.rows, b.rows);
  f(r.tasks, b.tasks);
  f(r.ai_tasks, b.ai_tasks);
  f(r.hours, b.hours);
  f(r.q_tasks, b.q_tasks);
  f(r.q_weighted, b.q_weighted);
  f(r.q_cost, b.q_cost);
  f(r.e_tasks, b.e_tasks);
  f(r.errors, b.errors);
  f(r.v_rows, b.v_rows);
  f(r.v_value, b.v_value);
  f(r.v_cost, b.v_cost);
  f(r.c_tasks, b.c_tasks);
  f(r.c_weighted, b.c_weighted);
  f(r.r_rows, b.r_rows);
  f(r.r_hours, b.r_hours);
  f(r.rework, b.rework);
  f(r.b_rows, b.b_rows);
  f(r.b_baseline, b.b_baseline);
  f(r.b_hours, b.b_hours);
  f(r.b_rework, b.b_rework);
  f(r.i_rows, b.i_rows);
  f(r.interactions, b.interactions);
  if (ok) a = r;
  return ok;
}

bool checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out) { return !__builtin_mul_overflow(a, b, &out); }

}  // namespace

bool to_fixed(double v, std::int64_t& out) {
  const double scaled = v * kScaleD;
  const double r = scaled < 0 ? -std::floor(-scaled + 0.5) : std::floor(scaled + 0.5);
  if (!(r > -9.2e18 && r < 9.2e18)) return false;
  out = static_cast<std::int64_t>(r);
  return true;
}

bool ExactRowSums::add(const ExactRowSums& o) {
  return add_fields(*this, o, [](std::int64_t& x, std::int64_t y) { return !__builtin_add_overflow(x, y, &x); });
}

void ExactRowSums::subtract(const ExactRowSums& o) {
  (void)add_fields(*this, o, [](std::int64_t& x, std::int64_t y) { return !__builtin_sub_overflow(x, y, &x); });
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
