// Every figure of the report against an independent pandas/scipy
// implementation (tests/reference/metrics_reference.py), to 1e-9 relative,
// on generated organisations and hand-made edge cases.
#include <gtest/gtest.h>

#include <filesystem>

#include "gapscore/session.h"
#include "session_report.h"
#include "test_util.h"

namespace gapscore {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(testing_util::data_path("metrics")))
    if (e.is_directory()) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

json run_gapscore(const std::string& dir, const json& config) {
  std::vector<std::string> bytes;
  std::vector<testing_util::TableText> tables;
  bytes.reserve(std::size(kReadOrder));
  for (TableKind kind : kReadOrder) {
    const std::string path = dir + "/" + std::string(table_name(kind)) + ".csv";
    if (!fs::exists(path)) continue;
    bytes.push_back(testing_util::read_file(path));
    tables.push_back({kind, bytes.back(), path});
  }
  return testing_util::session_report(config, tables);
}

json run_gapscore_text(const std::string& activity, const json& config) {
  return testing_util::session_report(config, {{TableKind::activity, activity}});
}

void expect_value(const json& got, const json& want, const std::string& where) {
  if (want.is_null()) {
    EXPECT_TRUE(got.is_null()) << where << " should be null, got " << got;
    return;
  }
  ASSERT_TRUE(got.is_number()) << where << " should be " << want << ", got " << got;
  EXPECT_TRUE(testing_util::close(got.get<double>(), want.get<double>(), 1e-9, 1e-12))
      << where << ": " << got << " vs reference " << want;
}

// What the disclosure audit withheld in a shown cell: at least every metric
// the reference finds with 1..K-1 people behind it (it may withhold more, as
// complementary suppression); a withheld figure is null.
json withheld_of(const json& got, const json& want, const std::string& where) {
  const json withheld = got.value("withheld", json::object());
  // The reference's value of a metric or score component (null: nothing to withhold).
  auto reference_value = [&](const std::string& name) {
    const json none = json::object();
    const json score_components = want.contains("score") ? want["score"]["components"] : none;
    const json trend_components = want.value("components", none);
    for (const json* figures : {&want["metrics"], &trend_components, &score_components})
      if (figures->contains(name)) return (*figures)[name];
    return json(nullptr);
  };
  for (const json& name : want["withheld_below_k"]) {
    const std::string n = name.get<std::string>();
    EXPECT_TRUE(withheld.contains(n) || reference_value(n).is_null()) << where << ": " << n << " stands on fewer than K people";
  }
  return withheld;
}

// The reference's gap score without the withheld components (equal weights, as in the test config).
json score_without(const json& components, const json& withheld) {
  double sum = 0, n = 0;
  for (const auto& [name, value] : components.items())
    if (value.is_number() && !withheld.contains(name)) {
      sum += value.get<double>();
      n += 1;
    }
  return n > 0 ? json(100.0 * sum / n) : json(nullptr);
}

void expect_figures(const json& got, const json& want, const std::string& where) {
  const json withheld = withheld_of(got, want, where);
  for (const auto& [name, value] : want["metrics"].items()) {
    if (withheld.contains(name)) {
      EXPECT_TRUE(got["metrics"][name].is_null()) << where << ".metrics." << name << " is withheld";
      continue;
    }
    expect_value(got["metrics"][name], value, where + ".metrics." + name);
  }
  expect_value(got["score"]["value"], score_without(want["score"]["components"], withheld), where + ".score");
  ASSERT_EQ(got["score"]["components"].size(), want["score"]["components"].size()) << where;
  for (const auto& [name, value] : want["score"]["components"].items())
    expect_value(got["score"]["components"][name]["value"], withheld.contains(name) ? json(nullptr) : value,
                 where + ".score." + name);
  if (!want.contains("gap")) return;
  const json& g = got["gap"];
  const json& w = want["gap"];
  if (!w["available"].get<bool>()) {
    EXPECT_TRUE(g["difference"].is_null()) << where;
    EXPECT_TRUE(g["reason"].is_string()) << where;
    return;
  }
  EXPECT_EQ(g["n_users"], w["n_users"]) << where;
  EXPECT_EQ(g["n_non_users"], w["n_non_users"]) << where;
  for (const char* k : {"mean_users", "mean_non_users", "difference", "hedges_g", "mann_whitney_u", "p_value"})
    expect_value(g[k], w[k], where + ".gap." + k);
  if (!w["ci_available"].get<bool>()) {
    EXPECT_TRUE(g["ci_low"].is_null()) << where;
    EXPECT_TRUE(g["reason"].is_string()) << where;
    return;
  }
  EXPECT_TRUE(g["reason"].is_null()) << where;
  // The bootstrap uses its own generator: agreement within Monte-Carlo error.
  const double se = w["bootstrap_standard_error"];
  EXPECT_NEAR(g["ci_low"].get<double>(), w["ci_low_scipy"].get<double>(), 0.25 * se + 1e-12) << where;
  EXPECT_NEAR(g["ci_high"].get<double>(), w["ci_high_scipy"].get<double>(), 0.25 * se + 1e-12) << where;
}

class MetricsReference : public ::testing::TestWithParam<std::string> {};

TEST_P(MetricsReference, EveryFigureMatches) {
  const std::string dir = testing_util::data_path("metrics/" + GetParam());
  const json want = testing_util::read_json(dir + "/expected.json");
  const json got = run_gapscore(dir, want["config"]);
  // Cells below K must be hidden; gapscore may hide more (complementary suppression).
  // Every cell it shows must match the reference.
  if (want["overall"]["below_k"].get<bool>()) { EXPECT_TRUE(got["overall"]["suppressed"].get<bool>()); }
  if (!got["overall"]["suppressed"].get<bool>()) expect_figures(got["overall"], want["overall"], "overall");
  ASSERT_EQ(got["groups"].size(), want["groups"].size());
  std::size_t shown_groups = 0, reference_groups = 0;
  for (std::size_t i = 0; i < want["groups"].size(); ++i) {
    const json &g = got["groups"][i], &w = want["groups"][i];
    EXPECT_EQ(g["key"], w["key"]);
    reference_groups += !w["below_k"].get<bool>();
    if (w["below_k"].get<bool>()) { EXPECT_TRUE(g["suppressed"].get<bool>()) << i; }
    if (g["suppressed"].get<bool>()) {
      EXPECT_FALSE(g.contains("metrics"));
      continue;
    }
    ++shown_groups;
    expect_figures(g, w, "groups[" + std::to_string(i) + "]");
  }
  if (shown_groups == reference_groups) {
    for (const char* m : {"adoption_rate", "ai_task_share"}) {
      const json& u = got["uniformity"]["across_groups"][m];
      EXPECT_EQ(u["groups"], want["uniformity"][m]["groups"]);
      for (const char* k : {"gini", "theil_t", "cv", "min", "max"})
        expect_value(u[k], want["uniformity"][m][k], std::string("uniformity.") + m + "." + k);
    }
  }
  ASSERT_EQ(got["trends"].size(), want["trends"].size());
  for (std::size_t i = 0; i < want["trends"].size(); ++i) {
    const json &t = got["trends"][i], &w = want["trends"][i];
    const std::string where = "trends[" + std::to_string(i) + "]";
    EXPECT_EQ(t["start"], w["start"]) << where;
    EXPECT_EQ(t["key"], w["key"]) << where;
    if (w["below_k"].get<bool>()) { EXPECT_TRUE(t["suppressed"].get<bool>()) << where; }
    if (t["suppressed"].get<bool>()) {
      EXPECT_FALSE(t.contains("metrics")) << where;
      continue;
    }
    EXPECT_EQ(t["headcount"], w["headcount"]) << where;
    const json withheld = withheld_of(t, w, where);
    for (const auto& [name, value] : w["metrics"].items())
      expect_value(t["metrics"][name], withheld.contains(name) ? json(nullptr) : value, where + "." + name);
    expect_value(t["metrics"]["gap_score"], score_without(w["components"], withheld), where + ".gap_score");
  }
}

TEST(TimeSaved, CountsAiAssistedRowsOnlyAndATeamWithoutThemSavedNothing) {
  // Team Manual has no AI-assisted rows and noisy baselines on both sides of
  // its hours; team Mixed has both kinds. Only Mixed's AI-assisted rows count.
  std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,team\n";
  for (int p = 0; p < 5; ++p) {
    const std::string id = std::to_string(p);
    csv += "M" + id + ",2025-03-03,a,4,0,3," + (p % 2 ? "3.4" : "2.7") + ",0.5,Manual\n";
    csv += "X" + id + ",2025-03-03,a,4,2,2,3,0.25,Mixed\n";  // saves 1 h, 0.25 h rework
    csv += "X" + id + ",2025-03-04,a,4,0,3,3.5,0.5,Mixed\n";  // manual: its 0.5 h "saving" is noise
  }
  const json r = run_gapscore_text(csv, {{"group_by", {"team"}}, {"privacy", {{"min_group_size", 3}}}});
  const json& manual = r["groups"][0];
  ASSERT_EQ(manual["key"]["team"], "Manual");
  EXPECT_EQ(manual["metrics"]["time_saved_hours"], 0);
  EXPECT_EQ(manual["metrics"]["net_time_saved_hours"], 0);
  EXPECT_TRUE(manual["metrics"]["time_saved_rate"].is_null());
  EXPECT_EQ(manual["metrics"]["ai_rework_hours"], 0);
  EXPECT_DOUBLE_EQ(manual["metrics"]["manual_rework_hours"].get<double>(), 2.5);
  const json& mixed = r["groups"][1];
  EXPECT_DOUBLE_EQ(mixed["metrics"]["time_saved_hours"].get<double>(), 5.0);
  EXPECT_DOUBLE_EQ(mixed["metrics"]["time_saved_rate"].get<double>(), 5.0 / 15.0);
  EXPECT_DOUBLE_EQ(mixed["metrics"]["ai_rework_hours"].get<double>(), 1.25);
  EXPECT_DOUBLE_EQ(mixed["metrics"]["manual_rework_hours"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(mixed["metrics"]["rework_hours"].get<double>(), 3.75);
  EXPECT_DOUBLE_EQ(mixed["metrics"]["net_time_saved_hours"].get<double>(), 5.0 - 1.25);
  // The trend cells follow the same rule.
  for (const json& t : r["trends"])
    if (t["key"].is_object() && t["key"]["team"] == "Manual" && !t["suppressed"].get<bool>()) {
      EXPECT_EQ(t["metrics"]["time_saved_hours"], 0);
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, MetricsReference, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

}  // namespace
}  // namespace gapscore
