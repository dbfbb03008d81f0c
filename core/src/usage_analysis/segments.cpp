#include "usage_analysis/segments.h"

#include <algorithm>
#include <cmath>

namespace gapscore::usage_analysis {
namespace {

using privacy::CellStatus;

// The counts of one table cell: a shown group, the hidden groups together (R)
// or everyone (O), in one segment.
struct Cell {
  std::size_t row = 0, col = 0;
  double value = 0;
  bool unknown = false;   // not published (hidden, or R's, which is never published)
  bool primary = false;   // hidden for having 1..k-1 people
};

// Which unknown cells the published figures determine exactly. Constraints:
// each row's cells add up to its population (published for shown groups and
// everyone, derivable for R), and each segment's group cells plus R's add up
// to everyone's. An unknown is determined iff in the reduced row echelon form
// of the constraints over the unknowns its pivot row holds no free unknown.
std::vector<bool> determined(const std::vector<Cell>& cells, std::size_t rows, bool column_constraints) {
  std::vector<std::size_t> var_of(cells.size(), static_cast<std::size_t>(-1));
  std::vector<std::size_t> cell_of;
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (cells[i].unknown) {
      var_of[i] = cell_of.size();
      cell_of.push_back(i);
    }
  const std::size_t u = cell_of.size();
  std::vector<std::vector<double>> a;
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<double> line(u, 0.0);
    bool any = false;
    for (std::size_t i = 0; i < cells.size(); ++i)
      if (cells[i].row == r && cells[i].unknown) line[var_of[i]] = 1.0, any = true;
    if (any) a.push_back(std::move(line));
  }
  if (column_constraints) {
    const std::size_t overall = rows - 1;
    for (std::size_t c = 0; c < kSegmentCount; ++c) {
      std::vector<double> line(u, 0.0);
      bool any = false;
      for (std::size_t i = 0; i < cells.size(); ++i)
        if (cells[i].col == c && cells[i].unknown) line[var_of[i]] = cells[i].row == overall ? -1.0 : 1.0, any = true;
      if (any) a.push_back(std::move(line));
    }
  }
  // Reduced row echelon form (small integer coefficients; exact enough at 1e-9).
  std::vector<std::size_t> pivot_col;
  std::size_t r = 0;
  for (std::size_t c = 0; c < u && r < a.size(); ++c) {
    std::size_t p = r;
    while (p < a.size() && std::fabs(a[p][c]) < 1e-9) ++p;
    if (p == a.size()) continue;
    std::swap(a[r], a[p]);
    const double lead = a[r][c];
    for (double& x : a[r]) x /= lead;
    for (std::size_t q = 0; q < a.size(); ++q) {
      if (q == r || std::fabs(a[q][c]) < 1e-9) continue;
      const double f = a[q][c];
      for (std::size_t k = 0; k < u; ++k) a[q][k] -= f * a[r][k];
    }
    pivot_col.push_back(c);
    ++r;
  }
  std::vector<bool> is_pivot(u, false);
  for (std::size_t c : pivot_col) is_pivot[c] = true;
  std::vector<bool> out(cells.size(), false);
  for (std::size_t i = 0; i < pivot_col.size(); ++i) {
    bool free_term = false;
    for (std::size_t k = 0; k < u; ++k) free_term = free_term || (!is_pivot[k] && std::fabs(a[i][k]) >= 1e-9);
    if (!free_term) out[cell_of[pivot_col[i]]] = true;
  }
  return out;
}

// The shown cell to hide next in a line: the smallest positive count, else the
// smallest (zero) one; none when every cell of the line is unknown.
std::optional<std::size_t> cheapest(const std::vector<Cell>& cells, const std::vector<std::size_t>& line) {
  std::optional<std::size_t> best;
  for (std::size_t i : line) {
    if (cells[i].unknown) continue;
    const bool better = !best || (cells[i].value > 0 && (cells[*best].value == 0 || cells[i].value < cells[*best].value));
    if (better) best = i;
  }
  return best;
}

// Plans which segment counts are hidden. rows: the shown groups, then (when
// some group is hidden) R, then everyone (O).
void plan_segment_privacy(std::vector<Cell>& cells, std::size_t rows, bool has_rest, bool column_constraints, int k) {
  const std::size_t overall = rows - 1;
  const std::size_t rest = has_rest ? rows - 2 : static_cast<std::size_t>(-1);
  std::vector<std::vector<std::size_t>> row_cells(rows), col_cells(kSegmentCount);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    row_cells[cells[i].row].push_back(i);
    if (cells[i].row != overall) col_cells[cells[i].col].push_back(i);
  }
  auto sensitive = [&](const Cell& c) { return c.unknown && c.value >= 1 && c.value < k; };
  constexpr std::size_t kMaxUnknowns = 300;
  bool all_groups_hidden = false;
  for (;;) {
    std::size_t unknowns = 0;
    for (const Cell& c : cells) unknowns += c.unknown ? 1 : 0;
    if (unknowns > kMaxUnknowns && !all_groups_hidden) {
      // Too many small counts to plan cell by cell: no group's segments are
      // published. With two or more rows of unknowns every group cell then lies
      // on a cycle of unknowns; only everyone's counts remain to plan.
      all_groups_hidden = true;
      for (Cell& c : cells)
        if (c.row != overall) c.unknown = true;
    }
    // The hidden counts the published totals pin down exactly (with every
    // group hidden, only everyone's row is planned).
    std::vector<bool> fixed;
    if (all_groups_hidden) {
      std::vector<Cell> own;
      for (std::size_t i : row_cells[overall]) own.push_back({0, cells[i].col, cells[i].value, cells[i].unknown, false});
      const std::vector<bool> f = determined(own, 1, false);
      fixed.assign(cells.size(), false);
      for (std::size_t j = 0; j < own.size(); ++j) fixed[row_cells[overall][j]] = f[j];
    } else {
      fixed = determined(cells, rows, column_constraints);
    }
    // Hidden, and not worked out from the totals: what a line's hidden sum is about.
    auto open = [&](std::size_t i) { return cells[i].unknown && !fixed[i]; };
    bool changed = false;
    // Lines whose open counts add up to 1..k-1 people say too much about them
    // (a pinned count in the line would otherwise pad the sum to k or more).
    for (std::size_t r = 0; r < rows && !changed; ++r) {
      if (r == rest) continue;
      double hidden = 0;
      for (std::size_t i : row_cells[r]) hidden += open(i) ? cells[i].value : 0;
      if (hidden >= 1 && hidden < k)
        if (const auto next = cheapest(cells, row_cells[r])) cells[*next].unknown = changed = true;
    }
    for (std::size_t c = 0; column_constraints && c < kSegmentCount && !changed; ++c) {
      std::size_t total = 0;
      for (std::size_t i : row_cells[overall])
        if (cells[i].col == c) total = i;
      if (open(total)) continue;
      double hidden = 0;
      for (std::size_t i : col_cells[c]) hidden += open(i) ? cells[i].value : 0;
      if (hidden >= 1 && hidden < k) {
        // Another count of the segment, else everyone's (when still shown),
        // else another of everyone's: each step hides one more count, so the
        // plan ends.
        std::optional<std::size_t> next = cheapest(cells, col_cells[c]);
        if (!next && !cells[total].unknown) next = total;
        if (!next) next = cheapest(cells, row_cells[overall]);
        if (next) cells[*next].unknown = changed = true;
      }
    }
    if (changed) continue;
    // A hidden count of 1..k-1 people the totals pin down exactly is not hidden: hide another in its line.
    for (std::size_t i = 0; i < cells.size() && !changed; ++i) {
      if (!fixed[i] || !sensitive(cells[i])) continue;
      std::optional<std::size_t> next = cheapest(cells, row_cells[cells[i].row]);
      if (!next && cells[i].row != overall) next = cheapest(cells, col_cells[cells[i].col]);
      if (!next && column_constraints)
        for (std::size_t j : row_cells[overall])
          if (cells[j].col == cells[i].col && !cells[j].unknown) next = j;
      if (!next) next = cheapest(cells, row_cells[overall]);
      if (next) cells[*next].unknown = changed = true;
    }
    if (changed) continue;
    // A hidden count the totals pin down (0, or k people or more) protects
    // nothing and reads as a broken table: "hidden" beside a count anyone can
    // work out (the usage sample hid Finance's 8 non-users beside 0, 0, 0, 0
    // and its population of 8). It is published; being implied already, it
    // pins no other count. R's counts are never published.
    for (std::size_t i = 0; i < cells.size(); ++i)
      if (fixed[i] && cells[i].unknown && !sensitive(cells[i]) && cells[i].row != rest) cells[i].unknown = false;
    return;
  }
}

}  // namespace

const char* segment_name(Segment s) {
  switch (s) {
    case Segment::power_user: return "power_user";
    case Segment::habitual_user: return "habitual_user";
    case Segment::novice_user: return "novice_user";
    case Segment::low_user: return "low_user";
    case Segment::non_user: return "non_user";
  }
  return "non_user";
}

const char* maturity_name(Maturity m) {
  switch (m) {
    case Maturity::initial_rollout: return "initial_rollout";
    case Maturity::ramping_up: return "ramping_up";
    case Maturity::embedding: return "embedding";
    case Maturity::full_integration: return "full_integration";
  }
  return "initial_rollout";
}

Maturity maturity_of(double share, const UsageConfig::Maturity& t) {
  if (share >= t.full_integration) return Maturity::full_integration;
  if (share >= t.embedding) return Maturity::embedding;
  if (share >= t.ramping_up) return Maturity::ramping_up;
  return Maturity::initial_rollout;
}

Segments classify_segments(const JoinedUsage& u, const Config& config) {
  Segments out;
  if (!u.action_weeks) return out;
  const UsageConfig::Segments& cfg = config.usage.segments;
  SegmentWindow w;
  w.last_week = u.action_weeks->second;
  w.first_week = std::max(u.action_weeks->first, w.last_week - 7 * (cfg.weeks - 1));
  w.weeks = (w.last_week - w.first_week) / 7 + 1;
  w.habit_min_weeks = static_cast<int>(std::ceil(cfg.habit_min_share * w.weeks));
  out.window = w;

  out.of_person.resize(u.per_person.size(), Segment::non_user);
  for (std::size_t p = 0; p < u.per_person.size(); ++p) {
    double sum = 0;
    int weeks_with_actions = 0;
    for (auto it = u.per_person[p].weekly_actions.lower_bound(w.first_week);
         it != u.per_person[p].weekly_actions.end() && it->first <= w.last_week; ++it) {
      sum += it->second;
      weeks_with_actions += it->second > 0 ? 1 : 0;
    }
    const double mean = sum / w.weeks;
    const bool habitual = weeks_with_actions >= w.habit_min_weeks;
    Segment s = Segment::non_user;
    if (mean <= 0) s = Segment::non_user;
    else if (habitual && mean >= cfg.power_min_mean) s = Segment::power_user;
    else if (habitual) s = Segment::habitual_user;
    else if (mean >= cfg.novice_min_mean) s = Segment::novice_user;
    else s = Segment::low_user;
    out.of_person[p] = s;
  }

  return out;
}

void plan_segments(Segments& out, const analysis::Grouping& grouping, const privacy::SuppressionPlan& plan) {
  out.groups.assign(grouping.size(), SegmentRow{});
  out.overall = SegmentRow{};
  if (!out.window) return;
  // Counts: everyone, each group, and the hidden groups together (never published).
  const std::size_t G = grouping.size();
  std::array<double, kSegmentCount> overall{}, rest{};
  std::vector<std::array<double, kSegmentCount>> groups(G);
  for (const Segment s : out.of_person) overall[static_cast<std::size_t>(s)] += 1;
  for (std::size_t g = 0; g < G; ++g)
    for (std::uint32_t p : grouping.members[g]) {
      const auto s = static_cast<std::size_t>(out.of_person[p]);
      groups[g][s] += 1;
      if (plan.groups[g] != CellStatus::shown) rest[s] += 1;
    }
  for (std::size_t s = 0; s < kSegmentCount; ++s) out.overall[s].people = overall[s];
  for (std::size_t g = 0; g < G; ++g)
    for (std::size_t s = 0; s < kSegmentCount; ++s) out.groups[g][s].people = groups[g][s];
  if (plan.overall != CellStatus::shown) {
    for (SegmentCell& c : out.overall) c.status = plan.overall;
    for (SegmentRow& row : out.groups)
      for (SegmentCell& c : row) c.status = plan.overall;
    return;
  }

  // The table the privacy plan works on.
  std::vector<std::size_t> shown;
  for (std::size_t g = 0; g < G; ++g)
    if (plan.groups[g] == CellStatus::shown) shown.push_back(g);
  const bool has_rest = shown.size() < G;
  const std::size_t rows = shown.size() + (has_rest ? 1 : 0) + 1;
  const int k = plan.k;
  std::vector<Cell> cells;
  auto add_row = [&](std::size_t row, const std::array<double, kSegmentCount>& values, bool never_published) {
    for (std::size_t s = 0; s < kSegmentCount; ++s) {
      Cell c{row, s, values[s], never_published, false};
      if (!never_published && values[s] >= 1 && values[s] < k) c.unknown = c.primary = true;
      cells.push_back(c);
    }
  };
  for (std::size_t i = 0; i < shown.size(); ++i) add_row(i, groups[shown[i]], false);
  if (has_rest) add_row(shown.size(), rest, true);
  add_row(rows - 1, overall, false);
  plan_segment_privacy(cells, rows, has_rest, G > 0, k);

  auto status_of = [](const Cell& c) {
    return !c.unknown ? CellStatus::shown : c.primary ? CellStatus::too_few_people : CellStatus::complementary;
  };
  for (std::size_t i = 0; i < shown.size(); ++i)
    for (std::size_t s = 0; s < kSegmentCount; ++s) out.groups[shown[i]][s].status = status_of(cells[i * kSegmentCount + s]);
  for (std::size_t g = 0; g < G; ++g)
    if (plan.groups[g] != CellStatus::shown)
      for (SegmentCell& c : out.groups[g]) c.status = plan.groups[g];
  for (std::size_t s = 0; s < kSegmentCount; ++s) out.overall[s].status = status_of(cells[(rows - 1) * kSegmentCount + s]);
}

}  // namespace gapscore::usage_analysis
