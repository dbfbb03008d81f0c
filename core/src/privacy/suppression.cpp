#include "privacy/suppression.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

#include "base/work_counter.h"
#include "privacy/sorted_sets.h"
#include "base/stable_order.h"

namespace gapscore::privacy {

const char* cell_status_reason(CellStatus s, int) {
  switch (s) {
    case CellStatus::shown: return "";
    case CellStatus::too_few_people: return "fewer than min_group_size people";
    case CellStatus::complementary: return "hidden so that a smaller hidden group cannot be worked out from the totals";
    case CellStatus::small_change: return "differs from the previous shown period by fewer than min_group_size people";
    case CellStatus::not_published: return "not among the groups selected for trends";
    case CellStatus::overlap:
      return "hidden because another figure in the report covers the same people but for fewer than min_group_size "
             "(the difference would describe them)";
  }
  return "";
}

std::string withheld_reason(CellStatus why, int k) {
  if (why == CellStatus::too_few_people) return "fewer than " + std::to_string(k) + " people stand behind this figure";
  return "withheld so that a figure about fewer than " + std::to_string(k) +
         " people cannot be worked out from the others";
}

namespace {

bool hidden_status(CellStatus s) { return s != CellStatus::shown && s != CellStatus::not_published; }

}  // namespace

std::size_t SuppressionPlan::suppressed_groups() const {
  return static_cast<std::size_t>(std::count_if(groups.begin(), groups.end(), hidden_status));
}

std::size_t SuppressionPlan::suppressed_trend_cells() const {
  return static_cast<std::size_t>(std::count_if(trends.begin(), trends.end(), hidden_status));
}

namespace {

// The sparse extended table. Nodes: rows 0..G-1 are groups, row G the overall;
// columns are nodes G+1+t for periods t = 0..T-1 and G+1+T for the window.
// Each existing cell is an edge between its row and its column.
class Grid {
 public:
  struct Cell {
    std::size_t row = 0, col = 0;  // node ids
    double size = 0;
    CellStatus status = CellStatus::shown;
    const std::vector<std::uint32_t>* people = nullptr;  // sorted, when the input lists them
  };

  // zero_is_known: a cell with nobody behind it (a contributor table's) is a
  // known 0 or null whatever its status, so it can neither hide nor be hidden.
  Grid(std::size_t groups, std::size_t periods, bool zero_is_known)
      : G_(groups), T_(periods), zero_is_known_(zero_is_known), adj_(groups + 1 + periods + 1) {}

  std::size_t overall_row() const { return G_; }
  std::size_t period_col(std::size_t t) const { return G_ + 1 + t; }
  std::size_t window_col() const { return G_ + 1 + T_; }
  std::size_t nodes() const { return adj_.size(); }
  bool is_row(std::size_t node) const { return node <= G_; }

  std::size_t add(std::size_t row, std::size_t col, double size, CellStatus status,
                  const std::vector<std::uint32_t>* people = nullptr) {
    cells_.push_back({row, col, size, status, people});
    const std::size_t id = cells_.size() - 1;
    adj_[row].push_back(id);
    adj_[col].push_back(id);
    return id;
  }
  Cell& cell(std::size_t id) { return cells_[id]; }
  const std::vector<Cell>& cells() const { return cells_; }
  const std::vector<std::size_t>& incident(std::size_t node) const { return adj_[node]; }
  std::size_t other_end(std::size_t id, std::size_t node) const {
    return cells_[id].row == node ? cells_[id].col : cells_[id].row;
  }
  // Its value follows from what is published whatever its status (see the constructor).
  bool known_zero(std::size_t id) const { return zero_is_known_ && !(cells_[id].size > 0); }
  // A reader does not know the cell: hidden, or never published (an outside
  // review: a week with no AI-assisted work, hidden as a partner, hid nothing,
  // since the same cell's AI task share of 0 gave its hours saved).
  bool unknown(std::size_t id) const { return cells_[id].status != CellStatus::shown && !known_zero(id); }
  // Must not be computable from what is shown.
  bool protected_cell(std::size_t id, int k) const {
    const Cell& c = cells_[id];
    // A cell with nobody behind it (a contributor table's) describes no one.
    if (!(c.size > 0)) return false;
    return hidden_status(c.status) || (c.status == CellStatus::not_published && c.size < k);
  }

 private:
  std::size_t G_, T_;
  bool zero_is_known_ = false;
  std::vector<Cell> cells_;
  std::vector<std::vector<std::size_t>> adj_;
};

// Per row (group, or the overall row): a reader does not know some cell of it.
std::vector<bool> rows_with_unknown(const Grid& grid) {
  std::vector<bool> out(grid.overall_row() + 1, false);
  for (const Grid::Cell& c : grid.cells())
    if (c.status != CellStatus::shown) out[c.row] = true;
  return out;
}

// In each column (a period, or the window) the groups partition people: the
// unknown group cells must hold at least k people together while the column's
// total is shown. Otherwise one more shown group cell is hidden (or the total,
// when there is none): the smallest, counting a cell twice when its row has
// no unknown cell yet, since that row then needs a second one to keep the
// first off the totals (a bridge). So the same partner is hidden in every
// column instead of a different one of two equal teams in each (an outside
// review: both 6-person teams hidden where one would do). The window column
// goes first: its partner then leads the periods.
bool enforce_people_rule(Grid& grid, int k, const std::vector<std::size_t>& total_of_col) {
  bool changed = false;
  std::vector<bool> row_unknown = rows_with_unknown(grid);
  const auto enforce = [&](std::size_t col) {
    const std::size_t total = total_of_col[col];
    if (total == static_cast<std::size_t>(-1) || grid.unknown(total)) return;
    double people = 0, best_cost = 0;
    bool any = false;
    std::size_t best = total;
    for (std::size_t id : grid.incident(col)) {
      if (id == total) continue;
      const Grid::Cell& c = grid.cell(id);
      if (grid.unknown(id)) {
        people += c.size;
        any = true;
        continue;
      }
      if (grid.known_zero(id)) continue;  // hiding it would hide nothing
      const double cost = row_unknown[c.row] ? c.size : 2 * c.size;
      if (best == total || cost < best_cost) {
        best = id;
        best_cost = cost;
      }
    }
    if (!any || people >= k || people == 0) return;
    grid.cell(best).status = CellStatus::complementary;
    row_unknown[grid.cell(best).row] = true;
    changed = true;
  };
  enforce(grid.window_col());
  for (std::size_t col = grid.overall_row() + 1; col < grid.window_col(); ++col) enforce(col);
  return changed;
}

// The same along each row (a group, or everyone, over the periods): a row's
// periods add up to its window figure, so while that is shown the row's
// unknown period cells give away their sum. They must hold at least k people
// together (an outside review: a team's four hidden weeks, all the work of the
// same two people, were its window's hours saved less its shown weeks). Who
// they are is known where the input lists people (the people's table):
// their union counts; otherwise the largest cell, which never counts too many.
// Too few: one more of the row's shown period cells is hidden, the smallest
// of at least k people, else the largest. A row with no shown period cell
// left gives only its window figure.
bool enforce_row_people_rule(Grid& grid, int k, const std::vector<std::size_t>& window_cell_of_row) {
  std::vector<std::vector<std::size_t>> periods_of_row(grid.overall_row() + 1);
  for (std::size_t id = 0; id < grid.cells().size(); ++id)
    if (grid.cell(id).col != grid.window_col()) periods_of_row[grid.cell(id).row].push_back(id);
  bool changed = false;
  for (std::size_t row = 0; row < periods_of_row.size(); ++row) {
    const std::size_t total = window_cell_of_row[row];
    if (total == static_cast<std::size_t>(-1)) continue;
    // A window figure hidden only to protect another can be known elsewhere (a
    // department less its other shown teams, outside this table: an outside
    // review), so its row is held to the rule too. Not one about too few people.
    const CellStatus why = grid.cell(total).status;
    if (grid.unknown(total) && why != CellStatus::complementary && why != CellStatus::overlap) continue;
    double largest = 0;
    bool listed = true, any_shown = false;
    std::vector<std::uint32_t> people;
    for (std::size_t id : periods_of_row[row]) {
      const Grid::Cell& c = grid.cell(id);
      if (!grid.unknown(id)) {
        any_shown = any_shown || c.size > 0;
        continue;
      }
      largest = std::max(largest, c.size);
      if (!c.people || static_cast<double>(c.people->size()) != c.size) listed = false;
      else people.insert(people.end(), c.people->begin(), c.people->end());
    }
    if (!(largest > 0) || !any_shown) continue;
    double together = largest;
    if (listed) {
      std::sort(people.begin(), people.end());
      together = static_cast<double>(std::unique(people.begin(), people.end()) - people.begin());
    }
    if (together >= k) continue;
    std::size_t best = static_cast<std::size_t>(-1);
    auto better = [&](const Grid::Cell& c, const Grid::Cell& b) {
      const bool enough = c.size >= k, b_enough = b.size >= k;
      if (enough != b_enough) return enough;
      return enough ? c.size < b.size : c.size > b.size;
    };
    for (std::size_t id : periods_of_row[row])
      if (!grid.unknown(id) && grid.cell(id).size > 0 &&
          (best == static_cast<std::size_t>(-1) || better(grid.cell(id), grid.cell(best))))
        best = id;
    grid.cell(best).status = CellStatus::complementary;
    changed = true;
  }
  return changed;
}

// Finds a protected cell that is a bridge of the graph of unknown cells
// (Tarjan's lowlink, iterative DFS); returns its id or -1.
long find_protected_bridge(const Grid& grid, int k) {
  const std::size_t N = grid.nodes();
  std::vector<std::size_t> disc(N, 0), low(N, 0);
  std::size_t timer = 0;
  struct Frame { std::size_t node, parent_edge, next; };
  const std::size_t none = static_cast<std::size_t>(-1);
  for (std::size_t start = 0; start < N; ++start) {
    if (disc[start]) continue;
    std::vector<Frame> stack{{start, none, 0}};
    disc[start] = low[start] = ++timer;
    while (!stack.empty()) {
      Frame& f = stack.back();
      const auto& inc = grid.incident(f.node);
      if (f.next < inc.size()) {
        const std::size_t eid = inc[f.next++];
        if (eid == f.parent_edge || !grid.unknown(eid)) continue;
        const std::size_t to = grid.other_end(eid, f.node);
        if (disc[to]) {
          low[f.node] = std::min(low[f.node], disc[to]);
        } else {
          disc[to] = low[to] = ++timer;
          stack.push_back({to, eid, 0});
        }
        continue;
      }
      const Frame done = f;
      stack.pop_back();
      if (stack.empty()) break;
      Frame& parent = stack.back();
      low[parent.node] = std::min(low[parent.node], low[done.node]);
      if (low[done.node] > disc[parent.node] && grid.protected_cell(done.parent_edge, k))
        return static_cast<long>(done.parent_edge);
    }
  }
  return -1;
}

// Puts the bridge on a cycle: the cheapest path between its two ends that
// avoids it (unknown cells cost nothing, a shown cell costs its people), then
// hides that path's shown cells.
bool close_cycle(Grid& grid, std::size_t bridge) {
  const std::size_t N = grid.nodes();
  const std::size_t from = grid.cell(bridge).row, to = grid.cell(bridge).col;
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(N, inf);
  std::vector<std::size_t> via(N, static_cast<std::size_t>(-1));  // edge used to reach the node
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  dist[from] = 0;
  queue.push({0.0, from});
  while (!queue.empty()) {
    const auto [d, u] = queue.top();
    queue.pop();
    if (d > dist[u]) continue;
    if (u == to) break;
    for (std::size_t id : grid.incident(u)) {
      if (id == bridge || grid.known_zero(id)) continue;
      const double w = grid.unknown(id) ? 0.0 : grid.cell(id).size;
      const std::size_t v = grid.other_end(id, u);
      if (d + w < dist[v]) {
        dist[v] = d + w;
        via[v] = id;
        queue.push({dist[v], v});
      }
    }
  }
  if (dist[to] == inf) return false;
  bool hid = false;
  for (std::size_t node = to; node != from;) {
    const std::size_t id = via[node];
    if (grid.cell(id).status == CellStatus::shown) {
      grid.cell(id).status = CellStatus::complementary;
      hid = true;
    }
    node = grid.other_end(id, node);
  }
  return hid;
}

}  // namespace

SuppressionPlan plan_suppression(const SuppressionInput& in, int k) {
  const std::size_t G = in.groups.size(), T = in.periods;
  Grid grid(G, T, in.zero_is_known);
  const std::size_t none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> total_of_col(grid.nodes(), none);
  std::vector<std::size_t> group_cell(G, none);
  std::vector<std::size_t> window_cell_of_row(G + 1, none);

  // Cells: the grand total, each group over the window, then the period cells.
  auto small = [&](double size) { return size < k && !(in.zero_is_known && size == 0); };
  const bool everything = small(in.overall);
  auto first_status = [&](double size, bool published) {
    if (!published) return CellStatus::not_published;
    if (in.zero_is_known && size == 0) return CellStatus::shown;
    return everything || small(size) ? CellStatus::too_few_people : CellStatus::shown;
  };
  const std::size_t grand = grid.add(grid.overall_row(), grid.window_col(), in.overall,
                                     in.forced_overall ? *in.forced_overall : first_status(in.overall, true));
  total_of_col[grid.window_col()] = grand;
  window_cell_of_row[grid.overall_row()] = grand;
  for (std::size_t g = 0; g < G; ++g) {
    if (!(in.groups[g] > 0) && !in.zero_is_known) continue;
    const bool forced = g < in.forced_groups.size() && in.forced_groups[g];
    group_cell[g] = grid.add(g, grid.window_col(), in.groups[g], forced ? *in.forced_groups[g] : first_status(in.groups[g], true));
    window_cell_of_row[g] = group_cell[g];
  }
  std::vector<std::size_t> cell_id(in.cells.size());
  for (std::size_t i = 0; i < in.cells.size(); ++i) {
    const PeriodCell& c = in.cells[i];
    const std::size_t row = c.group ? *c.group : grid.overall_row();
    const bool forced = i < in.forced_cells.size() && in.forced_cells[i];
    cell_id[i] = grid.add(row, grid.period_col(c.period), c.size, forced ? *in.forced_cells[i] : first_status(c.size, c.published),
                          c.active.empty() ? nullptr : &c.active);
    if (!c.group) total_of_col[grid.period_col(c.period)] = cell_id[i];
  }
  count_work(Work::suppression_cells, grid.cells().size());

  // Change rule along each published series (a row's periods), against the previous shown period.
  if (in.change_rule) {
    std::vector<std::vector<std::size_t>> series(G + 1);  // input cell indices per row
    for (std::size_t i = 0; i < in.cells.size(); ++i)
      if (in.cells[i].published) series[in.cells[i].group ? *in.cells[i].group : G].push_back(i);
    for (std::vector<std::size_t>& s : series) {
      stable_sort_by(s, [&](std::size_t a, std::size_t b) { return in.cells[a].period < in.cells[b].period; });
      const std::vector<std::uint32_t>* last = nullptr;
      for (std::size_t i : s) {
        if (grid.cell(cell_id[i]).status != CellStatus::shown) continue;
        const std::vector<std::uint32_t>& now = in.cells[i].active;
        if (last) {
          const std::size_t d = symmetric_difference(*last, now);
          if (d > 0 && d < static_cast<std::size_t>(k)) {
            grid.cell(cell_id[i]).status = CellStatus::small_change;
            continue;
          }
        }
        last = &now;
      }
    }
  }

  // Complementary suppression to a fixed point.
  for (bool changed = true; changed;) {
    changed = enforce_people_rule(grid, k, total_of_col) || enforce_row_people_rule(grid, k, window_cell_of_row);
    if (changed) continue;
    const long bridge = find_protected_bridge(grid, k);
    if (bridge >= 0) changed = close_cycle(grid, static_cast<std::size_t>(bridge));
  }

  SuppressionPlan plan;
  plan.k = k;
  plan.overall = grid.cell(grand).status;
  for (std::size_t g = 0; g < G; ++g)
    plan.groups.push_back(group_cell[g] == none ? CellStatus::shown : grid.cell(group_cell[g]).status);
  for (std::size_t i = 0; i < in.cells.size(); ++i) plan.cells.push_back(grid.cell(cell_id[i]).status);
  return plan;
}

SuppressionInput suppression_input(analysis::AnalysisResult& a) {
  SuppressionInput in;
  in.overall = a.overall.headcount;
  for (const analysis::GroupResult& g : a.groups) in.groups.push_back(g.headcount);
  in.periods = a.periods.size();
  for (analysis::TrendCell& c : a.trends)
    in.cells.push_back({c.period_index, c.group, c.result.headcount, true, std::move(c.active_people)});
  for (const analysis::UnpublishedCell& c : a.unpublished_cells)
    in.cells.push_back({c.period_index, c.group, c.people, false, {}});
  return in;
}

}  // namespace gapscore::privacy
