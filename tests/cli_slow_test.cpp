// A million-row round trip through the CLI (label "slow"): generate about
// 1M activity rows, analyze them, and check nothing was lost on the way.
#include <gtest/gtest.h>

#include <algorithm>

#include <cstdlib>
#include <filesystem>

#include "test_util.h"

namespace gapscore {
namespace {

TEST(CliSlow, MillionRowRoundTrip) {
  const auto dir = testing_util::fresh_temp_dir("million");
  const std::string cli = GAPSCORE_CLI_PATH;
  ASSERT_EQ(std::system((cli + " generate --people 5400 --days 90 --seed 3 --out " + dir.string() + " 2>/dev/null").c_str()), 0);
  const std::string report = (dir / "report.json").string();
  ASSERT_EQ(std::system((cli + " analyze --activity " + (dir / "activity.csv").string() + " --people " +
                         (dir / "people.csv").string() + " --surveys " + (dir / "surveys.csv").string() +
                         " --playbook " + (dir / "playbook.csv").string() + " --out " + report)
                            .c_str()),
            0);
  const auto j = testing_util::read_json(report);
  const auto activity = std::find_if(j["inputs"].begin(), j["inputs"].end(), [](const auto& in) { return in["table"] == "activity"; });
  ASSERT_NE(activity, j["inputs"].end());
  const std::uint64_t rows = (*activity)["rows_read"];
  EXPECT_GT(rows, 1'000'000u);
  EXPECT_EQ((*activity)["rows_used"], rows);
  EXPECT_EQ(j["summary"]["people"], 5400);
  EXPECT_EQ(j["diagnostics"]["errors"], 0);
  EXPECT_EQ(j["diagnostics"]["warnings"], 0);
  // 216 teams: trends cover the 50 largest, and the report says so.
  ASSERT_EQ(j["diagnostics"]["total"], 1);
  EXPECT_EQ(j["diagnostics"]["items"][0]["code"], "trend_groups_capped");
  std::uint64_t group_rows = 0;
  for (const auto& g : j["groups"]) group_rows += g["activity_rows"].get<std::uint64_t>();
  EXPECT_EQ(group_rows, rows);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gapscore
