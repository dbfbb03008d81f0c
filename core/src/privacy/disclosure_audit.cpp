#include "privacy/disclosure_audit.h"

#include <algorithm>
#include <map>
#include <utility>

#include "base/flat_map.h"
#include "base/work_counter.h"
#include "privacy/sorted_sets.h"
#include "base/stable_order.h"

namespace gapscore::privacy {
namespace {

std::uint64_t hash_people(const std::vector<std::uint32_t>& people) {
  std::uint64_t h = 0x243f6a8885a308d3ULL ^ people.size();
  for (std::uint32_t p : people) h = mix64(h ^ p);
  return h;
}

std::uint64_t pair_key(std::size_t a, std::size_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint64_t>(b);
}

}  // namespace

DisclosureAudit::DisclosureAudit(int k) : k_(k) { no_table_.k = k; }

FigureId DisclosureAudit::add(Figure figure) {
  const auto id = static_cast<FigureId>(figures_.size());
  auto number = [](std::map<std::string, std::uint32_t>& ids, const std::string& text) {
    return ids.emplace(text, static_cast<std::uint32_t>(ids.size())).first->second;
  };
  Entry e;
  e.domain = number(domain_ids_, figure.domain);
  e.breakdown = figure.breakdown.empty() ? 0 : 1 + number(breakdown_ids_, figure.breakdown);
  e.people = std::move(figure.people);
  e.people.shrink_to_fit();  // lists built by push_back: 10.9M slots for 8.3M people at 50M rows
  e.keep = figure.keep;
  figures_.push_back(std::move(e));
  status_.push_back(CellStatus::shown);
  withheld_.push_back(false);
  together_.emplace_back();
  requires_.emplace_back();
  return id;
}

void DisclosureAudit::withhold(FigureId id, CellStatus why) {
  withheld_[id] = true;
  status_[id] = why == CellStatus::shown ? CellStatus::not_published : why;
}

void DisclosureAudit::together(FigureId a, FigureId b) {
  together_[a].push_back(b);
  together_[b].push_back(a);
}

void DisclosureAudit::requires_shown(FigureId child, FigureId parent) { requires_[child].push_back(parent); }

void DisclosureAudit::series(std::vector<FigureId> ids) { series_.push_back(std::move(ids)); }

std::size_t DisclosureAudit::table(SuppressionInput in, FigureId overall, std::vector<FigureId> groups) {
  Table t;
  t.forced_groups.resize(groups.size());
  t.in = std::move(in);
  t.overall = overall;
  t.groups = std::move(groups);
  tables_.push_back(std::move(t));
  return tables_.size() - 1;
}

void DisclosureAudit::plan_table(std::size_t index) {
  Table& t = tables_[index];
  SuppressionInput in = t.in;
  in.forced_overall = t.forced_overall;
  in.forced_groups = t.forced_groups;
  if (index > 0) {
    const std::vector<CellStatus>& first = tables_.front().plan.cells;
    in.forced_cells.assign(in.cells.size(), std::nullopt);
    for (std::size_t i = 0; i < in.cells.size() && i < first.size(); ++i)
      if (first[i] != CellStatus::shown && first[i] != CellStatus::not_published) in.forced_cells[i] = first[i];
  }
  t.plan = plan_suppression(in, k_);
  if (t.plan.overall != CellStatus::shown) hide_figure(t.overall, t.plan.overall);
  for (std::size_t g = 0; g < t.groups.size(); ++g)
    if (t.plan.groups[g] != CellStatus::shown) hide_figure(t.groups[g], t.plan.groups[g]);
}

bool DisclosureAudit::force_hidden_figures(Table& t) {
  bool more = false;
  if (!t.forced_overall && status_[t.overall] != CellStatus::shown && t.plan.overall == CellStatus::shown) {
    t.forced_overall = status_[t.overall];
    more = true;
  }
  for (std::size_t g = 0; g < t.groups.size(); ++g)
    if (!t.forced_groups[g] && status_[t.groups[g]] != CellStatus::shown && t.plan.groups[g] == CellStatus::shown) {
      t.forced_groups[g] = status_[t.groups[g]];
      more = true;
    }
  return more;
}

bool DisclosureAudit::hide_figure(FigureId id, CellStatus why) {
  if (status_[id] != CellStatus::shown) return false;
  status_[id] = why;
  return true;
}

bool DisclosureAudit::hide_node(std::size_t node, CellStatus why) {
  bool any = false;
  for (FigureId f : nodes_[node].figures) any = hide_figure(f, why) || any;
  return any;
}

bool DisclosureAudit::published(std::size_t node) const {
  for (FigureId f : nodes_[node].figures)
    if (status_[f] == CellStatus::shown) return true;
  return false;
}

bool DisclosureAudit::propagate() {
  bool any = false;
  for (bool changed = true; changed;) {
    changed = false;
    for (FigureId f = 0; f < figures_.size(); ++f) {
      if (status_[f] == CellStatus::shown) {
        for (FigureId parent : requires_[f])
          if (status_[parent] != CellStatus::shown) {
            changed = hide_figure(f, withheld_[parent] ? CellStatus::not_published : status_[parent]) || changed;
            break;
          }
        continue;
      }
      for (FigureId other : together_[f]) changed = hide_figure(other, status_[f]) || changed;
    }
    any = any || changed;
  }
  return any;
}

bool DisclosureAudit::set_rules() {
  const std::size_t none = static_cast<std::size_t>(-1);
  // The less needed of two nodes: lower keep, else the smaller set, else the later one.
  auto weaker = [&](std::size_t a, std::size_t b) {
    const Node &x = nodes_[a], &y = nodes_[b];
    if (x.keep != y.keep) return x.keep < y.keep ? a : b;
    if (x.size != y.size) return x.size < y.size ? a : b;
    return std::max(a, b);
  };
  // A remainder of 1..k-1 people: hide the weakest child, or the parent when it is needed less.
  auto resolve = [&](std::size_t parent, const std::vector<std::size_t>& children) {
    std::size_t child = none;
    for (std::size_t c : children)
      if (child == none || weaker(c, child) == c) child = c;
    const std::size_t loser = nodes_[parent].keep < nodes_[child].keep ? parent : child;
    return hide_node(loser, CellStatus::complementary);
  };
  // Covers: the published sets of one breakdown that share people with a
  // node, when together they hold all of it and 1..k-1 people more. Their sum
  // less the node is about those people (an outside review: a role held by
  // two teams of 7, all but their two leads, and the teams' persona counts
  // less the role's gave the leads' personas). Intersections are counted only
  // where the sizes allow it (rare): the union holds the node when it is one.
  auto cover_rule = [&](std::size_t n) {
    const Node& node = nodes_[n];
    std::map<std::uint32_t, std::pair<std::size_t, std::vector<std::size_t>>> by_breakdown;  // people, members
    for (std::uint32_t i = neighbour_start_[n]; i < neighbour_start_[n + 1]; ++i) {
      const std::size_t t = neighbours_[i];
      for (std::uint32_t b : nodes_[t].breakdowns) {
        auto& [people, members] = by_breakdown[b];
        people += nodes_[t].size;
        members.push_back(t);
      }
    }
    const std::vector<std::uint32_t>& own = figures_[node.figures.front()].people;
    for (const auto& [b, entry] : by_breakdown) {
      const auto& [people, members] = entry;
      if (people <= node.size || people >= node.size + static_cast<std::size_t>(k_)) continue;
      std::size_t inside = 0;
      bool all_published = true;
      for (std::size_t t : members) {
        all_published = all_published && published(t);
        const std::vector<std::uint32_t>& theirs = figures_[nodes_[t].figures.front()].people;
        inside += (own.size() + theirs.size() - symmetric_difference(own, theirs)) / 2;
      }
      if (all_published && inside == node.size) return resolve(n, members);
    }
    return false;
  };
  bool any = false;
  std::vector<bool> in_family(nodes_.size(), false);  // members of the family being built
  for (bool changed = true; changed;) {
    ++summary_.rounds;
    changed = propagate();
    for (std::size_t n = 0; n < nodes_.size(); ++n) {
      if (!published(n)) continue;
      const Node& node = nodes_[n];
      if (node.size > 0 && node.size < static_cast<std::size_t>(k_)) {
        changed = hide_node(n, CellStatus::too_few_people) || changed;
        continue;
      }
      // Pairs: a published subset that differs by 1..k-1 people.
      for (std::size_t s : node.subsets) {
        if (!published(s) || !published(n)) continue;
        const std::size_t d = node.size - nodes_[s].size;
        if (d > 0 && d < static_cast<std::size_t>(k_)) changed = hide_node(weaker(s, n), CellStatus::overlap) || changed;
      }
      if (!published(n)) continue;
      // Breakdowns: the node minus its published disjoint children.
      std::map<std::uint32_t, std::pair<std::size_t, std::vector<std::size_t>>> by_breakdown;  // people, children
      for (std::size_t s : node.subsets) {
        if (!published(s)) continue;
        for (std::uint32_t b : nodes_[s].breakdowns) {
          auto& [people, children] = by_breakdown[b];
          people += nodes_[s].size;
          children.push_back(s);
        }
      }
      for (const auto& [b, entry] : by_breakdown) {
        const std::size_t rest = node.size > entry.first ? node.size - entry.first : 0;
        if (rest > 0 && rest < static_cast<std::size_t>(k_) && published(n)) changed = resolve(n, entry.second) || changed;
      }
      if (!published(n)) continue;
      // Greedily across breakdowns: the largest published subsets that are pairwise disjoint.
      std::vector<std::size_t> subsets;
      for (std::size_t s : node.subsets)
        if (published(s)) subsets.push_back(s);
      stable_sort_by(subsets,
                       [&](std::size_t a, std::size_t b) { return nodes_[a].size > nodes_[b].size; });
      // A subset joins when none of the nodes it shares people with is in the
      // family: its neighbours, not every member, are looked at (an
      // organisation's thousands of teams made this quadratic).
      std::vector<std::size_t> family;
      std::size_t covered = 0;
      for (std::size_t s : subsets) {
        bool disjoint = true;
        for (std::uint32_t i = neighbour_start_[s]; disjoint && i < neighbour_start_[s + 1]; ++i)
          disjoint = !in_family[neighbours_[i]];
        if (!disjoint) continue;
        family.push_back(s);
        in_family[s] = true;
        covered += nodes_[s].size;
      }
      for (std::size_t c : family) in_family[c] = false;
      const std::size_t rest = node.size > covered ? node.size - covered : 0;
      if (!family.empty() && rest > 0 && rest < static_cast<std::size_t>(k_)) changed = resolve(n, family) || changed;
      if (published(n)) changed = cover_rule(n) || changed;
    }
    // Series: consecutive shown figures that differ by a few people.
    for (const std::vector<FigureId>& s : series_) {
      const std::vector<std::uint32_t>* last = nullptr;
      for (FigureId f : s) {
        if (status_[f] != CellStatus::shown) continue;
        const std::vector<std::uint32_t>& now = figures_[nodes_[node_of_[f]].figures.front()].people;
        const std::size_t d = last ? symmetric_difference(*last, now) : 0;
        if (d > 0 && d < static_cast<std::size_t>(k_)) {
          changed = hide_node(node_of_[f], CellStatus::small_change) || changed;
          continue;
        }
        last = &now;
      }
    }
    any = any || changed;
  }
  return any;
}

void DisclosureAudit::run() {
  summary_ = AuditSummary{};
  summary_.figures = figures_.size();
  const std::size_t none = static_cast<std::size_t>(-1);
  // Nodes: figures of one domain with the same people.
  // Domains and breakdowns numbered as they first come among the figures that
  // take part (the order of the set checks follows these numbers).
  const std::uint32_t unnumbered = static_cast<std::uint32_t>(-1);
  std::vector<std::uint32_t> domains(domain_ids_.size(), unnumbered);
  std::uint32_t domain_count = 0;
  FlatU64Map breakdowns;  // (domain, breakdown) -> number
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::vector<std::size_t>> by_hash;
  nodes_.clear();
  node_of_.assign(figures_.size(), none);
  for (FigureId f = 0; f < figures_.size(); ++f) {
    if (withheld_[f]) continue;
    const Entry& fig = figures_[f];
    if (domains[fig.domain] == unnumbered) domains[fig.domain] = domain_count++;
    const std::uint32_t d = domains[fig.domain];
    std::vector<std::size_t>& same_hash = by_hash[{d, hash_people(fig.people)}];
    std::size_t n = none;
    for (std::size_t c : same_hash)
      if (figures_[nodes_[c].figures.front()].people == fig.people) n = c;
    if (n == none) {
      n = nodes_.size();
      nodes_.push_back({});
      nodes_[n].domain = d;
      nodes_[n].size = fig.people.size();
      same_hash.push_back(n);
    }
    Node& node = nodes_[n];
    node.figures.push_back(f);
    node.keep = std::max(node.keep, fig.keep);
    if (fig.breakdown != 0) {
      const std::uint32_t b = breakdowns.find_or_insert((static_cast<std::uint64_t>(d) << 32) | fig.breakdown,
                                                        static_cast<std::uint32_t>(breakdowns.size()));
      if (std::find(node.breakdowns.begin(), node.breakdowns.end(), b) == node.breakdowns.end()) node.breakdowns.push_back(b);
    }
    node_of_[f] = n;
  }
  // From here on a node's first figure holds its people; the others' lists go
  // (at 50M rows 2.4M of 8.3M entries).
  for (FigureId f = 0; f < figures_.size(); ++f)
    if (withheld_[f] || nodes_[node_of_[f]].figures.front() != f) figures_[f].people = {};
  by_hash = {};  // alive through the whole run, it was 13 MB at 50M rows
  breakdowns = {};
  summary_.sets = nodes_.size();

  // Intersection sizes of every two nodes of a domain that share people, from
  // the person -> nodes lists (8 bytes a membership: person, node), one domain
  // at a time: pairs never cross domains, and the lists of every domain at
  // once were the report's largest allocation (12 MB at 5M rows).
  std::vector<std::vector<std::uint32_t>> nodes_of_domain(domain_count);
  for (std::size_t n = 0; n < nodes_.size(); ++n) nodes_of_domain[nodes_[n].domain].push_back(static_cast<std::uint32_t>(n));
  auto node_of_membership = [](std::uint64_t m) { return static_cast<std::uint32_t>(m); };
  // Each person adds one to each pair of their nodes: counted per distinct
  // pair (a few per node), not listed per person (at 50M rows the list was
  // about 90 MB), then taken in pair order.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;  // (pair, people shared)
  std::uint64_t increments = 0;
  for (const std::vector<std::uint32_t>& domain_nodes : nodes_of_domain) {
    std::size_t count = 0;
    for (std::uint32_t n : domain_nodes) count += nodes_[n].size;
    std::vector<std::uint64_t> memberships;
    memberships.reserve(count);
    for (std::uint32_t n : domain_nodes)
      for (std::uint32_t p : figures_[nodes_[n].figures.front()].people)
        memberships.push_back((static_cast<std::uint64_t>(p) << 32) | n);
    std::sort(memberships.begin(), memberships.end());
    FlatU64Map pair_index;
    for (std::size_t b = 0; b < memberships.size();) {
      std::size_t e = b;
      while (e < memberships.size() && memberships[e] >> 32 == memberships[b] >> 32) ++e;
      for (std::size_t i = b; i < e; ++i)
        for (std::size_t j = i + 1; j < e; ++j) {
          const std::uint64_t key = pair_key(node_of_membership(memberships[i]), node_of_membership(memberships[j]));
          const auto next = static_cast<std::uint32_t>(pairs.size());
          const std::uint32_t at = pair_index.find_or_insert(key, next);
          if (at == next) pairs.push_back({key, 0});
          ++pairs[at].second;
          ++increments;
        }
      b = e;
    }
  }
  count_work(Work::disclosure_pairs, increments);
  std::sort(pairs.begin(), pairs.end());
  // Each node's neighbours (the nodes it shares people with), in pair order.
  neighbour_start_.assign(nodes_.size() + 1, 0);
  for (const auto& [key, shared] : pairs) {
    ++neighbour_start_[(key >> 32) + 1];
    ++neighbour_start_[(key & 0xffffffffu) + 1];
  }
  for (std::size_t n = 0; n < nodes_.size(); ++n) neighbour_start_[n + 1] += neighbour_start_[n];
  neighbours_.assign(neighbour_start_.back(), 0);
  std::vector<std::uint32_t> next_neighbour(neighbour_start_.begin(), neighbour_start_.end() - 1);
  for (const auto& [key, shared] : pairs) {
    const auto x = static_cast<std::uint32_t>(key >> 32), y = static_cast<std::uint32_t>(key & 0xffffffffu);
    neighbours_[next_neighbour[x]++] = y;
    neighbours_[next_neighbour[y]++] = x;
  }
  for (const auto& [key, shared] : pairs) {
    const auto x = static_cast<std::size_t>(key >> 32), y = static_cast<std::size_t>(key & 0xffffffffu);
    if (shared == nodes_[x].size && nodes_[x].size < nodes_[y].size) nodes_[y].subsets.push_back(x);
    if (shared == nodes_[y].size && nodes_[y].size < nodes_[x].size) nodes_[x].subsets.push_back(y);
    ++summary_.pairs;
  }

  // The tables' complementary suppression and the set checks, until neither hides more.
  for (;;) {
    for (std::size_t t = 0; t < tables_.size(); ++t) plan_table(t);
    set_rules();
    bool more = false;
    for (Table& t : tables_) more = force_hidden_figures(t) || more;
    if (!more) break;
  }
  for (FigureId f = 0; f < figures_.size(); ++f) summary_.hidden += !withheld_[f] && status_[f] != CellStatus::shown;
  // From here on only statuses and plans are read: the figures, their people
  // and links go before the report is written (tens of MB at 50M rows, at the
  // report's peak).
  figures_ = {};
  domain_ids_ = {};
  breakdown_ids_ = {};
  together_ = {};
  requires_ = {};
  series_ = {};
  for (Table& t : tables_) t.in.cells = {};
  nodes_ = {};
  node_of_ = {};
  neighbour_start_ = {};
  neighbours_ = {};
}

}  // namespace gapscore::privacy
