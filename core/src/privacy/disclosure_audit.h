// One disclosure audit over everything a report publishes (docs/privacy.md,
// "The disclosure audit").
//
// Every section registers each figure it would publish with the set of people
// behind it and a domain. Figures of one domain are sums (or counts) over
// people of the same per-person quantities, so an attacker can add and
// subtract them: a team's persona counts and a role's mentoring counts are
// both in "people"; the two sides of a gap and the work-mode means in
// "quality". After every section has registered, run() checks the sets
// together and hides figures until no combination isolates 1..k-1 people:
//   - each set;
//   - each difference of two sets of a domain where one contains the other;
//   - each set minus the union of its shown disjoint subsets: per breakdown (a
//     family of disjoint figures, such as a report's groups or the roles), and
//     once greedily across breakdowns (largest subsets first);
//   - each set against the union of another breakdown's sets that share people
//     with it, when that union holds all of it and 1..k-1 people more;
//   - each series (a group's periods, one after another): consecutive shown
//     sets that differ by 1..k-1 people;
//   - the groups x periods table of additive figures (privacy/suppression.h),
//     whose rows and columns add up across domains: complementary suppression.
// When two figures conflict, the one the report needs less (Keep) is hidden,
// else the smaller. Hiding only ever grows, so the checks reach a fixed point.
// The pairwise checks use the sets' intersection sizes, found in one pass over
// the people (each person is in a handful of sets per domain), so the audit
// runs on every re-analysis: about O(Σ over people of (sets per person)²).
//
// Limits (stated in docs/privacy.md): figures are assumed comparable only
// within a domain; a family of disjoint subsets is checked per breakdown and
// once greedily, not over all combinations; and the audit protects one report,
// not a series of reports (privacy.protection).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/suppression.h"

namespace gapscore::privacy {

using FigureId = std::uint32_t;

// How much the report needs a figure: of two conflicting figures the lower is hidden.
enum class Keep : std::uint8_t {
  detail = 0,        // a count beside a statistic, a list item
  insight = 1,       // insight breakdowns: roles, trained/untrained, work modes, rollout arms, KPI pairs
  group = 2,         // the report's groups (group_by), a group's gap
  organisation = 3,  // everyone
};

struct Figure {
  std::string domain;     // figures of one domain can be added and subtracted
  std::string breakdown;  // "" or a family of disjoint figures of the domain ("groups", "roles", ...)
  std::vector<std::uint32_t> people;  // person indices (in the domain's index space), sorted and distinct
  Keep keep = Keep::insight;
};

struct AuditSummary {
  std::size_t figures = 0;  // registered
  std::size_t sets = 0;     // distinct (domain, people) sets
  std::size_t pairs = 0;    // pairs of sets of a domain that share people
  std::size_t hidden = 0;   // figures hidden by the audit (not by their section)
  std::size_t rounds = 0;   // rounds of the checks until nothing changed
};

class DisclosureAudit {
 public:
  explicit DisclosureAudit(int k);

  int k() const { return k_; }
  // A count of people is publishable on its own when it is 0 or at least k.
  bool count_publishable(double n) const { return n <= 0 || n >= k_; }

  FigureId add(Figure figure);
  // Never published, whatever the sets (its section's own decision, e.g. not
  // enough data): it takes part in no check.
  void withhold(FigureId id, CellStatus why = CellStatus::not_published);
  // Shown only together (the sides of one comparison, the arms of a rollout).
  void together(FigureId a, FigureId b);
  // `child` is shown only while `parent` is (a group's gap, a role's task cells).
  void requires_shown(FigureId child, FigureId parent);
  // Figures published one after another (a group's trend cells, by period).
  void series(std::vector<FigureId> ids);
  // A groups x periods table: its overall and group figures are registered
  // figures (`overall`, `groups`); its period cells live in the plan only.
  // The first table is the people's. A later one holds the people behind one
  // kind of figure (metrics::Contributor) in the same cells, in the same
  // order: the cells the first table hides are hidden in it too.
  std::size_t table(SuppressionInput in, FigureId overall, std::vector<FigureId> groups);

  // Runs every check; call once, after every figure is registered. It frees
  // the figures (people(id) is for before it; statuses stay).
  void run();

  bool shown(FigureId id) const { return status_[id] == CellStatus::shown; }
  CellStatus status(FigureId id) const { return status_[id]; }
  const std::vector<std::uint32_t>& people(FigureId id) const { return figures_[id].people; }
  std::size_t size() const { return status_.size(); }
  // A table's plan (overall, groups, period cells), after run().
  const SuppressionPlan& table_plan(std::size_t table = 0) const {
    return table < tables_.size() ? tables_[table].plan : no_table_;
  }
  const AuditSummary& summary() const { return summary_; }

 private:
  // Figures of one domain with the same people share a node: a set is either published or not.
  struct Node {
    std::uint32_t domain = 0;
    std::size_t size = 0;
    Keep keep = Keep::detail;
    std::vector<FigureId> figures;
    std::vector<std::uint32_t> breakdowns;  // breakdown ids of its figures
    std::vector<std::size_t> subsets;       // nodes of the domain strictly inside it
  };
  bool hide_figure(FigureId id, CellStatus why);
  bool hide_node(std::size_t node, CellStatus why);
  bool published(std::size_t node) const;
  bool set_rules();
  bool propagate();

  int k_;
  // A figure as kept: its domain and breakdown as numbers, each text held once
  // (at 50M rows 169,074 figures, most of them with a domain on the heap: 128
  // bytes a figure and a string each, at the report's memory peak).
  struct Entry {
    std::vector<std::uint32_t> people;
    std::uint32_t domain = 0;     // index into domain_ids_' values
    std::uint32_t breakdown = 0;  // 0: none, else 1 + a number from breakdown_ids_
    Keep keep = Keep::insight;
  };
  std::vector<Entry> figures_;
  std::map<std::string, std::uint32_t> domain_ids_, breakdown_ids_;
  std::vector<CellStatus> status_;
  std::vector<bool> withheld_;
  std::vector<std::vector<FigureId>> together_, requires_;  // per figure
  std::vector<std::vector<FigureId>> series_;
  struct Table {
    SuppressionInput in;
    FigureId overall = 0;
    std::vector<FigureId> groups;
    SuppressionPlan plan;
    // Hidden by the set checks while the plan showed them: planned as hidden.
    std::optional<CellStatus> forced_overall;
    std::vector<std::optional<CellStatus>> forced_groups;
  };
  void plan_table(std::size_t t);
  bool force_hidden_figures(Table& t);
  std::vector<Table> tables_;
  SuppressionPlan no_table_;
  AuditSummary summary_;
  // Built by run().
  std::vector<Node> nodes_;
  std::vector<std::size_t> node_of_;  // per figure
  // The nodes each node shares people with: neighbours_[neighbour_start_[n],
  // neighbour_start_[n + 1]).
  std::vector<std::uint32_t> neighbour_start_, neighbours_;
};

}  // namespace gapscore::privacy
