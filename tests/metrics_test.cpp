// Every figure of the report against an independent pandas/scipy
// implementation (tests/reference/metrics_reference.py), to 1e-9 relative,
// on generated organisations and hand-made edge cases.
#include <gtest/gtest.h>

#include <filesystem>

#include "gapscore/analysis.h"
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

json run_gapscore(const std::string& dir) {
  auto a = Analysis::create(R"({"group_by": ["team"]})");
  EXPECT_TRUE(a.ok());
  for (TableKind kind : kAllTableKinds) {
    const std::string path = dir + "/" + std::string(table_name(kind)) + ".csv";
    if (!fs::exists(path)) continue;
    EXPECT_TRUE(a->begin_table(kind, path).ok());
    EXPECT_TRUE(a->push(testing_util::read_file(path)).ok());
    const Status s = a->end_table();
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message());
  }
  auto r = a->report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return json::parse(r.value());
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

void expect_figures(const json& got, const json& want, const std::string& where) {
  for (const auto& [name, value] : want["metrics"].items()) expect_value(got["metrics"][name], value, where + ".metrics." + name);
  expect_value(got["score"]["value"], want["score"]["value"], where + ".score");
  ASSERT_EQ(got["score"]["components"].size(), want["score"]["components"].size()) << where;
  for (const auto& [name, value] : want["score"]["components"].items())
    expect_value(got["score"]["components"][name]["value"], value, where + ".score." + name);
  if (!want.contains("gap")) return;
  const json& g = got["gap"];
  const json& w = want["gap"];
  if (!w["available"].get<bool>()) {
    EXPECT_TRUE(g["difference"].is_null()) << where;
    EXPECT_TRUE(g["reason"].is_string()) << where;
    return;
  }
  EXPECT_TRUE(g["reason"].is_null()) << where;
  EXPECT_EQ(g["n_users"], w["n_users"]) << where;
  EXPECT_EQ(g["n_non_users"], w["n_non_users"]) << where;
  for (const char* k : {"mean_users", "mean_non_users", "difference", "hedges_g", "mann_whitney_u", "p_value"})
    expect_value(g[k], w[k], where + ".gap." + k);
  // The bootstrap uses its own generator: agreement within Monte-Carlo error.
  const double se = w["bootstrap_standard_error"];
  EXPECT_NEAR(g["ci_low"].get<double>(), w["ci_low_scipy"].get<double>(), 0.25 * se + 1e-12) << where;
  EXPECT_NEAR(g["ci_high"].get<double>(), w["ci_high_scipy"].get<double>(), 0.25 * se + 1e-12) << where;
}

class MetricsReference : public ::testing::TestWithParam<std::string> {};

TEST_P(MetricsReference, EveryFigureMatches) {
  const std::string dir = testing_util::data_path("metrics/" + GetParam());
  const json want = testing_util::read_json(dir + "/expected.json");
  const json got = run_gapscore(dir);
  expect_figures(got["overall"], want["overall"], "overall");
  ASSERT_EQ(got["groups"].size(), want["groups"].size());
  for (std::size_t i = 0; i < want["groups"].size(); ++i) {
    EXPECT_EQ(got["groups"][i]["key"], want["groups"][i]["key"]);
    expect_figures(got["groups"][i], want["groups"][i], "groups[" + std::to_string(i) + "]");
  }
  for (const char* m : {"adoption_rate", "ai_task_share"}) {
    const json& u = got["uniformity"]["across_groups"][m];
    EXPECT_EQ(u["groups"], want["uniformity"][m]["groups"]);
    for (const char* k : {"gini", "theil_t", "cv", "min", "max"})
      expect_value(u[k], want["uniformity"][m][k], std::string("uniformity.") + m + "." + k);
  }
  ASSERT_EQ(got["trends"].size(), want["trends"].size());
  for (std::size_t i = 0; i < want["trends"].size(); ++i) {
    const json &t = got["trends"][i], &w = want["trends"][i];
    const std::string where = "trends[" + std::to_string(i) + "]";
    EXPECT_EQ(t["start"], w["start"]) << where;
    EXPECT_EQ(t["key"], w["key"]) << where;
    EXPECT_EQ(t["headcount"], w["headcount"]) << where;
    for (const auto& [name, value] : w["metrics"].items()) expect_value(t["metrics"][name], value, where + "." + name);
    expect_value(t["metrics"]["gap_score"], w["gap_score"], where + ".gap_score");
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, MetricsReference, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

}  // namespace
}  // namespace gapscore
