// Privacy: hidden cells cannot be recovered from totals, siblings or
// neighbouring periods; no person id reaches a report unless individual
// results are switched on, and then only as a keyed pseudonym.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "gapscore/session.h"
#include "base/prng.h"
#include "privacy/pseudonym.h"
#include "privacy/suppression.h"
#include "test_util.h"

namespace gapscore {
namespace {

using privacy::CellStatus;
using privacy::SuppressionInput;
using privacy::SuppressionPlan;

// The attacker's view of the table: every line (row or column) says total = sum
// of parts. Shown entries are known numbers, hidden ones unknowns. A hidden entry
// is recoverable exactly when its unit vector lies in the row space of the
// constraint matrix over the unknowns.
struct Attack {
  std::vector<std::vector<double>> rows;  // constraint coefficients over hidden entries
  std::size_t unknowns = 0;

  static std::size_t rank(std::vector<std::vector<double>> m, std::size_t cols) {
    std::size_t r = 0;
    for (std::size_t c = 0; c < cols && r < m.size(); ++c) {
      std::size_t pivot = r;
      for (std::size_t i = r; i < m.size(); ++i)
        if (std::fabs(m[i][c]) > std::fabs(m[pivot][c])) pivot = i;
      if (std::fabs(m[pivot][c]) < 1e-9) continue;
      std::swap(m[pivot], m[r]);
      for (std::size_t i = 0; i < m.size(); ++i) {
        if (i == r || std::fabs(m[i][c]) < 1e-12) continue;
        const double f = m[i][c] / m[r][c];
        for (std::size_t j = c; j < cols; ++j) m[i][j] -= f * m[r][j];
      }
      ++r;
    }
    return r;
  }

  bool recoverable(std::size_t unknown) const {
    auto with = rows;
    std::vector<double> e(unknowns, 0.0);
    e[unknown] = 1.0;
    with.push_back(e);
    return rank(with, unknowns) == rank(rows, unknowns);
  }
};

// The table in dense form (the attack's layout): [period][group] sizes, 0 =
// no cell. `published[g]` false: group g's period cells are not in the report.
struct DenseTable {
  double overall = 0;
  std::vector<double> groups;
  std::vector<double> period_overall;
  std::vector<std::vector<double>> cells;  // [period][group]
  std::vector<std::vector<std::uint32_t>> period_overall_active;
  std::vector<std::vector<std::vector<std::uint32_t>>> cell_active;  // [period][group]
  std::vector<bool> published;

  SuppressionInput input() const {
    SuppressionInput in;
    in.overall = overall;
    in.groups = groups;
    in.periods = period_overall.size();
    for (std::size_t t = 0; t < period_overall.size(); ++t) {
      if (period_overall[t] > 0)
        in.cells.push_back({t, std::nullopt, period_overall[t], true,
                            period_overall_active.empty() ? std::vector<std::uint32_t>{} : period_overall_active[t]});
      for (std::size_t g = 0; g < groups.size(); ++g)
        if (cells[t][g] > 0)
          in.cells.push_back({t, g, cells[t][g], published.empty() || published[g],
                              cell_active.empty() ? std::vector<std::uint32_t>{} : cell_active[t][g]});
    }
    return in;
  }
};

// A plan in the dense layout; cells that do not exist count as shown (known zero).
struct DensePlan {
  CellStatus overall;
  std::vector<CellStatus> groups, period_overall;
  std::vector<std::vector<CellStatus>> cells;
  std::size_t hidden = 0;
};

DensePlan plan_dense(const DenseTable& t, int k) {
  const SuppressionInput in = t.input();
  const SuppressionPlan p = privacy::plan_suppression(in, k);
  DensePlan d{p.overall, p.groups, std::vector<CellStatus>(t.period_overall.size(), CellStatus::shown),
              std::vector<std::vector<CellStatus>>(t.period_overall.size(), std::vector<CellStatus>(t.groups.size(), CellStatus::shown)), 0};
  for (std::size_t i = 0; i < in.cells.size(); ++i) {
    const privacy::PeriodCell& c = in.cells[i];
    (c.group ? d.cells[c.period][*c.group] : d.period_overall[c.period]) = p.cells[i];
    d.hidden += p.cells[i] != CellStatus::shown && p.cells[i] != CellStatus::not_published;
  }
  d.hidden += p.suppressed_groups() + (p.overall != CellStatus::shown);
  return d;
}

// Builds the attack for a plan over the dense layout; returns the names of
// unknown entries an attacker can work out exactly that must stay unknown
// (hidden ones, and unpublished ones with fewer than k people).
std::vector<std::string> recoverable_cells(const DenseTable& in, const DensePlan& plan, int k = 5) {
  const std::size_t G = in.groups.size(), T = in.period_overall.size();
  struct Entry { double size; CellStatus status; };
  std::vector<Entry> entries;  // in planner layout
  std::vector<std::string> names;
  entries.push_back({in.overall, plan.overall});
  names.push_back("overall");
  for (std::size_t g = 0; g < G; ++g) {
    entries.push_back({in.groups[g], plan.groups[g]});
    names.push_back("group " + std::to_string(g));
  }
  for (std::size_t t = 0; t < T; ++t) {
    entries.push_back({in.period_overall[t], plan.period_overall[t]});
    names.push_back("period " + std::to_string(t));
    for (std::size_t g = 0; g < G; ++g) {
      entries.push_back({in.cells[t][g], plan.cells[t][g]});
      names.push_back("cell " + std::to_string(t) + "," + std::to_string(g));
    }
  }
  std::vector<int> unknown_of(entries.size(), -1);
  Attack attack;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].status != CellStatus::shown) unknown_of[i] = static_cast<int>(attack.unknowns++);
  auto add_line = [&](std::size_t total, const std::vector<std::size_t>& parts) {
    std::vector<double> row(attack.unknowns, 0.0);
    if (unknown_of[total] >= 0) row[static_cast<std::size_t>(unknown_of[total])] = 1.0;
    for (std::size_t p : parts)
      if (unknown_of[p] >= 0) row[static_cast<std::size_t>(unknown_of[p])] = -1.0;
    attack.rows.push_back(row);
  };
  auto period = [&](std::size_t t) { return 1 + G + t * (G + 1); };
  std::vector<std::size_t> parts;
  for (std::size_t g = 0; g < G; ++g) parts.push_back(1 + g);
  if (G) add_line(0, parts);
  for (std::size_t t = 0; t < T; ++t) {
    parts.clear();
    for (std::size_t g = 0; g < G; ++g) parts.push_back(period(t) + 1 + g);
    if (G) add_line(period(t), parts);
  }
  for (std::size_t g = 0; g < G && T > 0; ++g) {
    parts.clear();
    for (std::size_t t = 0; t < T; ++t) parts.push_back(period(t) + 1 + g);
    add_line(1 + g, parts);
  }
  parts.clear();
  for (std::size_t t = 0; t < T; ++t) parts.push_back(period(t));
  if (T > 0) add_line(0, parts);
  std::vector<std::string> found;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (unknown_of[i] < 0) continue;
    const bool must_stay_unknown = entries[i].status != CellStatus::not_published || (entries[i].size > 0 && entries[i].size < k);
    if (must_stay_unknown && attack.recoverable(static_cast<std::size_t>(unknown_of[i]))) found.push_back(names[i]);
  }
  return found;
}

DenseTable random_table(Prng& rng, std::size_t groups, std::size_t periods, bool some_unpublished = false) {
  DenseTable in;
  in.groups.assign(groups, 0);
  in.period_overall.assign(periods, 0);
  in.cells.assign(periods, std::vector<double>(groups, 0));
  for (std::size_t t = 0; t < periods; ++t)
    for (std::size_t g = 0; g < groups; ++g) {
      // Mostly healthy cells, some small, some empty.
      const double u = rng.uniform01();
      const double size = u < 0.15 ? static_cast<double>(rng.below(5)) : 5.0 + static_cast<double>(rng.below(20));
      in.cells[t][g] = size;
      in.period_overall[t] += size;
    }
  // A group over the window holds at least its largest period (people recur).
  for (std::size_t g = 0; g < groups; ++g)
    for (std::size_t t = 0; t < periods; ++t) in.groups[g] = std::max(in.groups[g], in.cells[t][g]);
  for (double g : in.groups) in.overall += g;
  if (some_unpublished)
    for (std::size_t g = 0; g < groups; ++g) in.published.push_back(rng.below(3) != 0);
  return in;
}

std::string draw(const DenseTable& in, const DensePlan& plan) {
  std::string table;
  for (std::size_t t = 0; t < in.period_overall.size(); ++t) {
    for (std::size_t g = 0; g < in.groups.size(); ++g)
      table += std::to_string(static_cast<int>(in.cells[t][g])) +
               (plan.cells[t][g] == CellStatus::shown ? " " : plan.cells[t][g] == CellStatus::not_published ? "~ " : "* ");
    table += "| " + std::to_string(static_cast<int>(in.period_overall[t])) + (plan.period_overall[t] == CellStatus::shown ? "\n" : "*\n");
  }
  for (std::size_t g = 0; g < in.groups.size(); ++g)
    table += std::to_string(static_cast<int>(in.groups[g])) + (plan.groups[g] == CellStatus::shown ? " " : "* ");
  return table;
}

TEST(Suppression, SmallCellsAndTheirComplementsAreHidden) {
  DenseTable in;
  in.overall = 31;
  in.groups = {2, 3, 6, 20};
  const DensePlan plan = plan_dense(in, 5);
  EXPECT_EQ(plan.groups[0], CellStatus::too_few_people);
  EXPECT_EQ(plan.groups[1], CellStatus::too_few_people);
  // 2 + 3 = 5 people hidden together: enough, nothing else needs hiding.
  EXPECT_EQ(plan.groups[2], CellStatus::shown);
  EXPECT_EQ(plan.groups[3], CellStatus::shown);
  in.groups = {2, 9, 6, 20};
  in.overall = 37;
  const DensePlan p2 = plan_dense(in, 5);
  EXPECT_EQ(p2.groups[0], CellStatus::too_few_people);
  EXPECT_EQ(p2.groups[2], CellStatus::complementary);  // the next smallest sibling
  EXPECT_EQ(p2.groups[1], CellStatus::shown);
  EXPECT_TRUE(recoverable_cells(in, p2).empty());
}

TEST(Suppression, OneOfTwoEqualTeamsIsThePartnerInEveryColumn) {
  // A 2-person team needs a partner; two 6-person teams could be it. Hiding one
  // team's window cell and another's period cells (one is 5 there) hid both
  // teams where one would do (an outside review).
  DenseTable in;
  in.groups = {2, 6, 6, 20};
  in.cells = {{2, 6, 5, 20}, {2, 5, 6, 20}, {2, 6, 6, 20}};
  in.period_overall = {33, 33, 34};
  in.overall = 34;
  const DensePlan plan = plan_dense(in, 5);
  EXPECT_TRUE(recoverable_cells(in, plan).empty()) << draw(in, plan);
  std::size_t teams_touched = 0;
  for (std::size_t g = 1; g < 4; ++g) {
    bool touched = plan.groups[g] != CellStatus::shown;
    for (const auto& period : plan.cells) touched = touched || period[g] != CellStatus::shown;
    teams_touched += touched;
  }
  EXPECT_EQ(teams_touched, 1u) << draw(in, plan);
  EXPECT_EQ(plan.hidden, 8u) << draw(in, plan);  // the small team's and its partner's row
}

TEST(Suppression, AnOrganisationBelowKShowsNothing) {
  DenseTable in;
  in.overall = 4;
  in.groups = {2, 2};
  const DensePlan plan = plan_dense(in, 5);
  EXPECT_EQ(plan.overall, CellStatus::too_few_people);
  EXPECT_EQ(plan.groups[0], CellStatus::too_few_people);
  EXPECT_EQ(plan.groups[1], CellStatus::too_few_people);
}

TEST(Suppression, ConsecutivePeriodsDifferingByFewPeopleAreHidden) {
  DenseTable in;
  in.overall = 12;
  in.groups = {12};
  in.period_overall = {10, 11, 11, 20};
  in.cells = {{10}, {11}, {11}, {20}};
  std::vector<std::uint32_t> ten(10), eleven(11), twenty(20);
  std::iota(ten.begin(), ten.end(), 0u);
  std::iota(eleven.begin(), eleven.end(), 0u);
  std::iota(twenty.begin(), twenty.end(), 0u);
  in.period_overall_active = {ten, eleven, eleven, twenty};
  in.cell_active = {{ten}, {eleven}, {eleven}, {twenty}};
  const DensePlan plan = plan_dense(in, 5);
  // Period 1 adds one person to period 0: differencing them would describe that person.
  EXPECT_EQ(plan.period_overall[1], CellStatus::small_change);
  EXPECT_EQ(plan.cells[1][0], CellStatus::small_change);
  // Period 2 is compared with the last shown one (period 0): still one person apart.
  EXPECT_EQ(plan.period_overall[2], CellStatus::small_change);
  EXPECT_EQ(plan.period_overall[3], CellStatus::shown);  // ten new people: fine
  EXPECT_TRUE(recoverable_cells(in, plan).empty());
}

void expect_no_recoverable_cells(bool some_unpublished) {
  Prng rng(some_unpublished ? 77 : 2024);
  std::size_t tables_with_hidden_cells = 0, hidden_total = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t groups = 1 + rng.below(6), periods = 1 + rng.below(8);
    const DenseTable in = random_table(rng, groups, periods, some_unpublished);
    const DensePlan plan = plan_dense(in, 5);
    const auto leaks = recoverable_cells(in, plan);
    if (!leaks.empty())
      ADD_FAILURE() << "trial " << trial << ": " << leaks.size() << " recoverable, first " << leaks[0] << "\n" << draw(in, plan);
    tables_with_hidden_cells += plan.hidden > 0;
    hidden_total += plan.hidden;
    // A row's hidden periods add up to its window figure less its shown ones:
    // together they stand on k people (at least one hidden cell of k or more,
    // as the tables here list no people).
    for (std::size_t g = 0; g <= groups; ++g) {
      const bool everyone = g == groups;
      if ((everyone ? plan.overall : plan.groups[g]) != CellStatus::shown) continue;
      double largest_hidden = 0;
      bool shown = false;
      for (std::size_t t = 0; t < periods; ++t) {
        const double size = everyone ? in.period_overall[t] : in.cells[t][g];
        const CellStatus status = everyone ? plan.period_overall[t] : plan.cells[t][g];
        if (!(size > 0)) continue;
        if (status == CellStatus::shown) shown = true;
        else largest_hidden = std::max(largest_hidden, size);
      }
      if (shown && largest_hidden > 0) {
        EXPECT_GE(largest_hidden, 5.0) << "trial " << trial << ", row " << g << ": its hidden periods are its window less its shown ones\n" << draw(in, plan);
      }
    }
    // Every published cell with 1..4 people is hidden.
    for (std::size_t t = 0; t < periods; ++t)
      for (std::size_t g = 0; g < groups; ++g)
        if (in.cells[t][g] > 0 && in.cells[t][g] < 5 && (in.published.empty() || in.published[g])) {
          EXPECT_NE(plan.cells[t][g], CellStatus::shown);
        }
  }
  EXPECT_GT(tables_with_hidden_cells, 100u);  // the attack was really exercised
  EXPECT_GT(hidden_total, 300u);
}

// A contributor table (the people behind hours saved): a week with none of
// them is a known 0 whatever its status, so it is no partner for a small
// week. The people's table hid it (forced); another week with people must be
// hidden beside the small one, in its row and in its column.
TEST(Suppression, AKnownZeroCellHidesNothing) {
  SuppressionInput in;
  in.zero_is_known = true;
  in.overall = 40;
  in.groups = {12, 28};
  in.periods = 4;
  const std::vector<std::array<double, 2>> weeks = {{0, 20}, {2, 20}, {10, 20}, {10, 20}};  // [period][group]
  for (std::size_t t = 0; t < weeks.size(); ++t) {
    in.cells.push_back({t, std::nullopt, weeks[t][0] + weeks[t][1], true, {}});
    in.cells.push_back({t, 0, weeks[t][0], true, {}});
    in.cells.push_back({t, 1, weeks[t][1], true, {}});
  }
  in.forced_cells.assign(in.cells.size(), std::nullopt);
  in.forced_cells[1] = CellStatus::complementary;  // group 0's empty week 0
  const SuppressionPlan plan = privacy::plan_suppression(in, 5);
  auto status = [&](std::size_t t, std::optional<std::size_t> g) {
    for (std::size_t i = 0; i < in.cells.size(); ++i)
      if (in.cells[i].period == t && in.cells[i].group == g) return plan.cells[i];
    return CellStatus::shown;
  };
  EXPECT_EQ(status(1, 0), CellStatus::too_few_people);
  // Its row: a week of group 0 with people (10) is hidden too, not only the empty one.
  EXPECT_TRUE(status(2, 0) != CellStatus::shown || status(3, 0) != CellStatus::shown);
  // Its column: group 1's week 1 (or the week's total) is hidden with it.
  EXPECT_TRUE(status(1, 1) != CellStatus::shown || status(1, std::nullopt) != CellStatus::shown);
}

TEST(Suppression, NoHiddenCellIsRecoverableFromTotalsSiblingsOrPeriods) { expect_no_recoverable_cells(false); }

// Trend series for only some groups: the others' period cells are unknown to a
// reader, and a small one among them must not be recoverable either.
TEST(Suppression, UnpublishedTrendCellsWithFewPeopleAreNotRecoverable) { expect_no_recoverable_cells(true); }

// ---- reports ----

std::string run_report(const std::string& config, bool with_people = true, const std::string& people_csv = "") {
  auto a = Session::create(config);
  EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message());
  const std::string dir = std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/";
  for (const char* t : {"people", "playbook", "surveys", "activity"}) {
    const bool people = std::string(t) == "people";
    if (!with_people && people) continue;
    EXPECT_TRUE(a->begin_table(*table_kind_from_name(t)).ok());
    EXPECT_TRUE(a->push(people && !people_csv.empty() ? people_csv : testing_util::read_file(dir + t + ".csv")).ok());
    EXPECT_TRUE(a->end_table().ok());
  }
  auto r = a->report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r.ok() ? r.value() : "";
}

std::vector<std::string> sample_person_ids() {
  const std::string people = testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/people.csv");
  std::vector<std::string> ids;
  for (std::size_t pos = people.find('\n') + 1; pos < people.size(); pos = people.find('\n', pos) + 1) {
    ids.push_back(people.substr(pos, people.find(',', pos) - pos));
    if (people.find('\n', pos) == std::string::npos) break;
  }
  return ids;
}

TEST(PrivacyReport, NoPersonIdAppearsByDefault) {
  const auto ids = sample_person_ids();
  ASSERT_EQ(ids.size(), 200u);
  // Grouping by manager is grouping by people: keys must not be their ids either.
  for (const char* config : {"", R"({"group_by": ["manager_id"]})", R"({"group_by": ["team", "work_mode", "role"]})"}) {
    const std::string report = run_report(config);
    ASSERT_FALSE(report.empty());
    for (const std::string& id : ids) EXPECT_EQ(report.find("\"" + id + "\""), std::string::npos) << id << " in " << config;
    for (const std::string& id : ids) EXPECT_EQ(report.find(id), std::string::npos) << id << " in " << config;
  }
}

TEST(PrivacyReport, DiagnosticsNamingPeopleAreRedacted) {
  // Activity without the people table's P00001 row: unknown_person diagnostics name people.
  auto a = Session::create("");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->begin_table(TableKind::activity).ok());
  ASSERT_TRUE(a->push("person_id,date,task_type,tasks,ai_tasks,hours\nEMP-7781,2025-01-06,a,1,0,1\nEMP-7781,2025-01-06,a,1,0,1\n"
                      "EMP-0002,2025-01-06,a,1,1,1\nEMP-0003,2025-01-06,a,1,1,1\nEMP-0004,2025-01-06,a,1,0,1\n"
                      "EMP-0005,2025-01-06,a,1,1,1\n").ok());
  ASSERT_TRUE(a->end_table().ok());
  ASSERT_TRUE(a->begin_table(TableKind::people).ok());
  ASSERT_TRUE(a->push("person_id,team\nEMP-0002,X\n").ok());
  ASSERT_TRUE(a->end_table().ok());
  auto r = a->report();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->find("EMP-7781"), std::string::npos);
  EXPECT_NE(r->find("duplicate_key"), std::string::npos);
  EXPECT_NE(r->find("unknown_person"), std::string::npos);
  // The local log (what `gapscore validate` prints) keeps the details.
  bool named = false;
  for (const Diagnostic& d : a->log().items()) named = named || d.message.find("EMP-7781") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST(PrivacyReport, IndividualResultsNeedASaltAndUsePseudonyms) {
  auto bad = Session::create(R"({"privacy": {"individual_results": true}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().first().column, "privacy.salt");
  const std::string report = run_report(R"({"privacy": {"individual_results": true, "salt": "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e"}})");
  const auto j = nlohmann::json::parse(report);
  ASSERT_EQ(j["individuals"].size(), 200u);
  const std::string first = j["individuals"][0]["person"];
  EXPECT_EQ(first.size(), 18u);
  for (const std::string& id : sample_person_ids()) EXPECT_EQ(report.find(id), std::string::npos) << id;
  // Same salt, same pseudonym; another salt, another one.
  std::set<std::string> pseudonyms;
  for (const auto& row : j["individuals"]) pseudonyms.insert(row["person"].get<std::string>());
  EXPECT_TRUE(pseudonyms.count(privacy::pseudonym("5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e", "P00001")));
  EXPECT_FALSE(pseudonyms.count(privacy::pseudonym("fedcba9876543210fedcba9876543210", "P00001")));
  EXPECT_EQ(j["privacy"]["individual_results"], true);
  EXPECT_FALSE(report.find("5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e") != std::string::npos);
}

TEST(PrivacyReport, HmacMatchesRfc4231) {
  // RFC 4231 test case 2.
  EXPECT_EQ(privacy::hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a key longer than the block size.
  EXPECT_EQ(privacy::hmac_sha256_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(PrivacyReport, SmallGroupsShowNoFiguresAndStateTheSettings) {
  const auto j = nlohmann::json::parse(run_report(R"({"group_by": ["team", "work_mode"], "privacy": {"min_group_size": 8}})"));
  EXPECT_EQ(j["privacy"]["min_group_size"], 8);
  std::size_t hidden = 0;
  for (const auto& g : j["groups"]) {
    if (!g["suppressed"].get<bool>()) {
      EXPECT_GE(g["headcount"].get<int>(), 8);
      continue;
    }
    ++hidden;
    EXPECT_FALSE(g.contains("metrics"));
    EXPECT_FALSE(g.contains("headcount"));
    EXPECT_TRUE(g["reason"].is_string());
  }
  EXPECT_GT(hidden, 0u);
  EXPECT_EQ(j["privacy"]["suppressed_groups"], hidden);
  for (const auto& t : j["trends"])
    if (!t["suppressed"].get<bool>()) { EXPECT_GE(t["headcount"].get<int>(), 8); }
}

TEST(PrivacyReport, AOnePersonRoleCannotBeSubtractedFromTheOrganisation) {
  // The audit's attack: give one person a role of their own. Role-level insights
  // hide it, and the organisation-wide persona counts minus the shown roles must
  // then cover at least k people, so they never describe that one person.
  std::string people = testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/people.csv");
  const std::size_t at = people.find("P00002,Engineering,");
  ASSERT_NE(at, std::string::npos);
  const std::size_t role = people.find(',', people.find(',', at) + 1) + 1;
  people.replace(role, people.find(',', role) - role, "chief_executive");
  const auto j = nlohmann::json::parse(run_report("", true, people));
  const int k = j["privacy"]["min_group_size"];
  const auto& insights = j["insights"];

  // role -> people, from training targets and role guidance (a role made of
  // mostly the same people as a team is listed once, as the team, among the targets).
  std::map<std::string, int> shown_people;
  for (const auto& t : insights["training"]["targets"])
    if (t["kind"] == "role") shown_people[t["key"]["role"]] = t["people"];
  for (const auto& g : insights["role_guidance"]["roles"])
    if (!g["suppressed"].get<bool>()) shown_people[g["role"]] = g["people"];
  EXPECT_FALSE(shown_people.count("chief_executive"));
  // Each member role here is its team minus the lead: the audit hides it beside the team.
  EXPECT_FALSE(shown_people.count("software_engineer"));
  int shown = 0;
  for (const auto& [r, n] : shown_people) shown += n;
  const int hidden = insights["personas"]["overall"]["people"].get<int>() - shown;
  EXPECT_GE(hidden, k) << "hidden roles hold " << hidden << " people";

  // Mentoring shows the same roles, and its counts cannot isolate the hidden ones either.
  std::map<std::string, int> non_adopters;
  std::size_t hidden_roles = 0, complementary = 0;
  for (const auto& m : insights["mentoring"]["roles"]) {
    if (m["suppressed"].get<bool>()) {
      ++hidden_roles;
      const std::string reason = m["reason"];
      complementary += reason.find("worked out") != std::string::npos || reason.find("covers the same people") != std::string::npos;
      EXPECT_FALSE(m.contains("non_adopters"));
      continue;
    }
    EXPECT_TRUE(shown_people.count(m["role"])) << m["role"];
    non_adopters[m["role"]] = m["non_adopters"];
  }
  EXPECT_EQ(non_adopters.size(), shown_people.size());
  EXPECT_GE(hidden_roles, 2u);
  EXPECT_GE(complementary, 1u);
  for (const auto& g : insights["role_guidance"]["roles"])
    if (!g["suppressed"].get<bool>()) { EXPECT_TRUE(shown_people.count(g["role"])) << g["role"]; }
}

TEST(PrivacyReport, GapNeedsKPeopleOnEachSide) {
  const auto j = nlohmann::json::parse(run_report(R"({"privacy": {"min_group_size": 20, "min_group_size_extremes": 30}})"));
  for (const auto& g : j["groups"]) {
    if (g["suppressed"].get<bool>()) continue;
    const auto& gap = g["gap"];
    // A side of fewer than k people is not even counted.
    for (const char* side : {"n_users", "n_non_users"})
      if (gap[side].is_number()) { EXPECT_TRUE(gap[side].get<int>() == 0 || gap[side].get<int>() >= 20) << gap; }
    if (!gap["n_users"].is_number() || !gap["n_non_users"].is_number() || gap["n_users"].get<int>() < 20 ||
        gap["n_non_users"].get<int>() < 20) {
      EXPECT_TRUE(gap["difference"].is_null());
      EXPECT_TRUE(gap["reason"].is_string());
      // Whatever side is short (none at all, or fewer than k), the reason names k, not the 2 the statistics need.
      EXPECT_NE(gap["reason"].get<std::string>().find("needs at least 20 AI users and 20 non-users"), std::string::npos)
          << gap["reason"];
      EXPECT_EQ(gap["settings"], nlohmann::json::array({"privacy.min_group_size"})) << gap["settings"];
    }
    if (!gap["difference"].is_null() && (gap["n_users"].get<int>() < 30 || gap["n_non_users"].get<int>() < 30)) {
      EXPECT_TRUE(gap["ci_low"].is_null());
    }
  }
}

}  // namespace
}  // namespace gapscore
