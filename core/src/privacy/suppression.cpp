#include "privacy/suppression.h"

#include <algorithm>
#include <limits>
#include <tuple>

namespace gapscore::privacy {

const char* cell_status_reason(CellStatus s, int) {
  switch (s) {
    case CellStatus::shown: return "";
    case CellStatus::too_few_people: return "fewer than min_group_size people";
    case CellStatus::complementary: return "hidden so that a smaller hidden group cannot be worked out from the totals";
    case CellStatus::small_change: return "differs from the previous shown period by fewer than min_group_size people";
  }
  return "";
}

std::size_t SuppressionPlan::suppressed_groups() const {
  return static_cast<std::size_t>(std::count_if(groups.begin(), groups.end(), [](CellStatus s) { return s != CellStatus::shown; }));
}

std::size_t SuppressionPlan::suppressed_trend_cells() const {
  return static_cast<std::size_t>(std::count_if(trends.begin(), trends.end(), [](CellStatus s) { return s != CellStatus::shown; }));
}

namespace {

std::size_t symmetric_difference(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++i;
      ++j;
    } else {
      ++n;
      (a[i] < b[j] ? i : j) += 1;
    }
  }
  return n + (a.size() - i) + (b.size() - j);
}

// The extended table: rows 0..G-1 are groups, row G the overall; columns
// 0..T-1 are periods, column T the whole window. Cell (G, T) is the grand total.
class Grid {
 public:
  Grid(std::size_t groups, std::size_t periods)
      : G_(groups), T_(periods), size_((G_ + 1) * (T_ + 1), 0.0), status_((G_ + 1) * (T_ + 1), CellStatus::shown) {}
  std::size_t rows() const { return G_ + 1; }
  std::size_t cols() const { return T_ + 1; }
  double& size(std::size_t r, std::size_t c) { return size_[r * (T_ + 1) + c]; }
  CellStatus& status(std::size_t r, std::size_t c) { return status_[r * (T_ + 1) + c]; }
  // Unknown to a reader: any cell not shown (an empty cell too, once hidden).
  bool hidden(std::size_t r, std::size_t c) { return status(r, c) != CellStatus::shown; }
  bool hideable(std::size_t r, std::size_t c) { return status(r, c) == CellStatus::shown && size(r, c) > 0; }

 private:
  std::size_t G_, T_;
  std::vector<double> size_;
  std::vector<CellStatus> status_;
};

// In each column (a period, or the window) the groups partition people: the
// hidden groups must hold at least k people together while the total is shown.
bool enforce_people_rule(Grid& grid, int k) {
  const std::size_t G = grid.rows() - 1;
  for (std::size_t c = 0; c < grid.cols(); ++c) {
    if (grid.hidden(G, c)) continue;
    double people = 0;
    bool any = false;
    for (std::size_t r = 0; r < G; ++r)
      if (grid.hidden(r, c)) {
        people += grid.size(r, c);
        any = true;
      }
    if (!any || people >= k) continue;
    std::size_t best = G;
    for (std::size_t r = 0; r < G; ++r)
      if (grid.hideable(r, c) && (best == G || grid.size(r, c) < grid.size(best, c))) best = r;
    grid.status(best, c) = CellStatus::complementary;  // best == G hides the column total itself
    return true;
  }
  return false;
}

// Finds one bridge among hidden cells (Tarjan's lowlink on the bipartite graph
// rows+columns). Node ids: rows 0..R-1, columns R..R+C-1.
bool find_bridge(Grid& grid, std::size_t& bridge_r, std::size_t& bridge_c) {
  const std::size_t R = grid.rows(), C = grid.cols(), N = R + C;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> adj(N);  // (neighbour, edge id)
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c)
      if (grid.hidden(r, c)) {
        adj[r].push_back({R + c, edges.size()});
        adj[R + c].push_back({r, edges.size()});
        edges.push_back({r, c});
      }
  std::vector<std::size_t> disc(N, 0), low(N, 0);
  std::size_t timer = 0;
  // Iterative DFS: (node, parent edge, next neighbour index).
  struct Frame { std::size_t node, parent_edge, next; };
  const std::size_t none = static_cast<std::size_t>(-1);
  for (std::size_t start = 0; start < N; ++start) {
    if (disc[start] || adj[start].empty()) continue;
    std::vector<Frame> stack{{start, none, 0}};
    disc[start] = low[start] = ++timer;
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next < adj[f.node].size()) {
        const auto [to, eid] = adj[f.node][f.next++];
        if (eid == f.parent_edge) continue;
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
      if (low[done.node] > disc[parent.node]) {
        std::tie(bridge_r, bridge_c) = edges[done.parent_edge];
        return true;
      }
    }
  }
  return false;
}

// Puts the bridge (r, c) on a cycle: the cheapest path between its two ends
// that avoids it (hidden cells cost nothing, a shown cell costs its people,
// an empty cell costs a lot but is allowed), then hides that path's cells.
bool close_cycle(Grid& grid, std::size_t br, std::size_t bc) {
  const std::size_t R = grid.rows(), C = grid.cols(), N = R + C;
  constexpr double kEmptyCellCost = 1e9;
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(N, inf);
  std::vector<std::size_t> prev(N, N);
  std::vector<bool> done(N, false);
  dist[br] = 0;
  for (;;) {  // Dijkstra on a dense bipartite graph: O(N^2 + E) is fine at these sizes
    std::size_t u = N;
    for (std::size_t i = 0; i < N; ++i)
      if (!done[i] && dist[i] < inf && (u == N || dist[i] < dist[u])) u = i;
    if (u == N || u == R + bc) break;
    done[u] = true;
    auto relax = [&](std::size_t r, std::size_t c, std::size_t to) {
      if (r == br && c == bc) return;
      const double w = grid.status(r, c) != CellStatus::shown ? 0.0 : grid.size(r, c) > 0 ? grid.size(r, c) : kEmptyCellCost;
      if (dist[u] + w < dist[to]) {
        dist[to] = dist[u] + w;
        prev[to] = u;
      }
    };
    if (u < R) {
      for (std::size_t c = 0; c < C; ++c) relax(u, c, R + c);
    } else {
      for (std::size_t r = 0; r < R; ++r) relax(r, u - R, r);
    }
  }
  if (dist[R + bc] == inf) return false;
  bool hid = false;
  for (std::size_t node = R + bc; node != br; node = prev[node]) {
    const std::size_t from = prev[node];
    const std::size_t r = from < R ? from : node, c = (from < R ? node : from) - R;
    if (grid.status(r, c) == CellStatus::shown) {
      grid.status(r, c) = CellStatus::complementary;
      hid = true;
    }
  }
  return hid;
}

}  // namespace

SuppressionPlan plan_suppression(const SuppressionInput& in, int k) {
  const std::size_t G = in.groups.size(), T = in.period_overall.size();
  Grid grid(G, T);
  grid.size(G, T) = in.overall;
  for (std::size_t g = 0; g < G; ++g) grid.size(g, T) = in.groups[g];
  for (std::size_t t = 0; t < T; ++t) {
    grid.size(G, t) = in.period_overall[t];
    for (std::size_t g = 0; g < G; ++g) grid.size(g, t) = in.cells[t][g];
  }

  // 1. Primary suppression.
  const bool everything = in.overall < k;
  for (std::size_t r = 0; r <= G; ++r)
    for (std::size_t c = 0; c <= T; ++c)
      if (everything || (grid.size(r, c) > 0 && grid.size(r, c) < k)) grid.status(r, c) = CellStatus::too_few_people;
  // Change rule along each series (a row's periods), against the previous shown period.
  if (!in.period_overall_active.empty()) {
    for (std::size_t r = 0; r <= G; ++r) {
      const std::vector<std::uint32_t>* last = nullptr;
      for (std::size_t t = 0; t < T; ++t) {
        if (grid.size(r, t) <= 0 || grid.status(r, t) != CellStatus::shown) continue;
        const std::vector<std::uint32_t>& now = r == G ? in.period_overall_active[t] : in.cell_active[t][r];
        if (last) {
          const std::size_t d = symmetric_difference(*last, now);
          if (d > 0 && d < static_cast<std::size_t>(k)) {
            grid.status(r, t) = CellStatus::small_change;
            continue;
          }
        }
        last = &now;
      }
    }
  }

  // 2. Complementary suppression to a fixed point.
  for (bool changed = true; changed;) {
    changed = enforce_people_rule(grid, k);
    std::size_t br = 0, bc = 0;
    if (!changed && find_bridge(grid, br, bc)) changed = close_cycle(grid, br, bc);
  }

  SuppressionPlan plan;
  plan.k = k;
  plan.overall = grid.status(G, T);
  for (std::size_t g = 0; g < G; ++g) plan.groups.push_back(grid.status(g, T));
  plan.cells.assign(T, std::vector<CellStatus>(G));
  for (std::size_t t = 0; t < T; ++t) {
    plan.period_overall.push_back(grid.status(G, t));
    plan.trends.push_back(grid.status(G, t));
    for (std::size_t g = 0; g < G; ++g) {
      plan.cells[t][g] = grid.status(g, t);
      plan.trends.push_back(grid.status(g, t));
    }
  }
  return plan;
}

SuppressionPlan plan_suppression(const analysis::AnalysisResult& a, int k) {
  SuppressionInput in;
  in.overall = a.overall.headcount;
  for (const analysis::GroupResult& g : a.groups) in.groups.push_back(g.headcount);
  const std::size_t G = a.groups.size();
  // Trend cells come period by period: the overall cell, then one per group.
  for (std::size_t i = 0; i < a.trends.size(); i += G + 1) {
    in.period_overall.push_back(a.trends[i].result.headcount);
    in.period_overall_active.push_back(a.trends[i].active_people);
    std::vector<double> sizes;
    std::vector<std::vector<std::uint32_t>> active;
    for (std::size_t g = 0; g < G; ++g) {
      sizes.push_back(a.trends[i + 1 + g].result.headcount);
      active.push_back(a.trends[i + 1 + g].active_people);
    }
    in.cells.push_back(std::move(sizes));
    in.cell_active.push_back(std::move(active));
  }
  return plan_suppression(in, k);
}

}  // namespace gapscore::privacy
