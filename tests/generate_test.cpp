// The synthetic organisation: deterministic bytes, valid tables, and the
// planted effects measurably present in the data it writes.
#include "gapscore/generate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "gapscore/date.h"
#include "test_util.h"

namespace gapscore {
namespace {

using Files = std::map<GeneratedFile, std::string>;

Files generate(GenerateOptions o, std::size_t* activity_chunks = nullptr) {
  Files files;
  const Status s = generate_dataset(o, [&](GeneratedFile f, std::string_view chunk) -> Status {
    files[f].append(chunk);
    if (activity_chunks && f == GeneratedFile::activity) ++*activity_chunks;
    return Ok{};
  });
  EXPECT_TRUE(s.ok());
  return files;
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    std::vector<std::string> fields;
    std::string line = text.substr(pos, end - pos);
    std::size_t start = 0;
    for (std::size_t c; (c = line.find(',', start)) != std::string::npos; start = c + 1) fields.push_back(line.substr(start, c - start));
    fields.push_back(line.substr(start));
    rows.push_back(std::move(fields));
    pos = end + 1;
  }
  return rows;
}

const Files& sample() {
  static const Files f = generate(GenerateOptions{});
  return f;
}

TEST(Generate, SameOptionsSameBytesOtherSeedOtherBytes) {
  const Files again = generate(GenerateOptions{});
  EXPECT_EQ(again, sample());
  GenerateOptions other;
  other.seed = 2;
  EXPECT_NE(generate(other).at(GeneratedFile::activity), sample().at(GeneratedFile::activity));
}

TEST(Generate, CommittedSampleIsReproducible) {
  // web-demo/sample is `gapscore generate --people 200 --days 90 --seed 1`.
  for (auto f : {GeneratedFile::activity, GeneratedFile::people, GeneratedFile::surveys, GeneratedFile::playbook,
                 GeneratedFile::truth}) {
    const std::string committed =
        testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/" + generated_file_name(f));
    EXPECT_EQ(committed, sample().at(f)) << generated_file_name(f);
  }
}

TEST(Generate, HeadersAndRangesAreValid) {
  const auto rows = csv_rows(sample().at(GeneratedFile::activity));
  ASSERT_EQ(rows[0].size(), 13u);
  EXPECT_EQ(rows[0][0], "person_id");
  EXPECT_EQ(rows[0][12], "ai_interactions");
  EXPECT_GT(rows.size(), 30000u);
  EXPECT_LT(rows.size(), 50000u);
  std::size_t empty_baseline = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), 13u) << i;
    const int tasks = std::stoi(r[3]), ai = std::stoi(r[4]);
    EXPECT_GE(tasks, 0);
    EXPECT_GE(ai, 0);
    EXPECT_LE(ai, tasks);
    EXPECT_GT(std::stod(r[5]), 0.0);
    const double q = std::stod(r[9]);
    EXPECT_GE(q, 0.0);
    EXPECT_LE(q, 1.0);
    EXPECT_TRUE(parse_iso_date(r[1]).has_value());
    EXPECT_LT(weekday_monday0(*parse_iso_date(r[1])), 5u);
    empty_baseline += r[6].empty();
  }
  // About a fifth of the rows leave the optional baseline empty.
  EXPECT_GT(empty_baseline, rows.size() / 10);
  EXPECT_LT(empty_baseline, rows.size() / 3);
}

struct PersonAgg {
  double tasks = 0, ai = 0, hours = 0, q_out = 0, cost = 0;
  double pre_q_out = 0, pre_cost = 0, post_q_out = 0, post_cost = 0;
};

class PlantedEffects : public ::testing::TestWithParam<std::uint64_t> {};

// The effects hold for any seed, not only for the committed sample.
TEST_P(PlantedEffects, ArePresent) {
  GenerateOptions o;
  o.seed = GetParam();
  const Files files = generate(o);
  const auto truth = nlohmann::json::parse(files.at(GeneratedFile::truth));
  std::map<std::string, std::string> team_of, mode_of, persona_of;
  for (const auto& p : truth["persons"]) {
    team_of[p["person_id"]] = p["team"];
    mode_of[p["person_id"]] = p["work_mode"];
    persona_of[p["person_id"]] = p["persona"];
  }
  std::map<std::string, std::string> rollout, profile;
  for (const auto& t : truth["teams"]) {
    rollout[t["team"]] = t["rollout_date"].is_null() ? "9999-12-31" : t["rollout_date"].get<std::string>();
    profile[t["team"]] = t["profile"];
  }
  std::map<std::string, PersonAgg> agg;
  const auto rows = csv_rows(files.at(GeneratedFile::activity));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    PersonAgg& a = agg[r[0]];
    const double tasks = std::stod(r[3]), hours = std::stod(r[5]), rework = std::stod(r[7]), q = std::stod(r[9]);
    a.tasks += tasks;
    a.ai += std::stod(r[4]);
    a.hours += hours;
    const bool post = r[1] >= rollout[team_of[r[0]]];
    if (!post) EXPECT_EQ(r[4], "0") << "AI use before the team's rollout: row " << i;
    (post ? a.post_q_out : a.pre_q_out) += tasks * q;
    (post ? a.post_cost : a.pre_cost) += hours + rework;
  }
  // Uneven teams spread AI use far more than uniform ones.
  auto spread = [&](const std::string& team) {
    std::vector<double> s;
    for (const auto& [id, a] : agg)
      if (team_of[id] == team) s.push_back(a.ai / a.tasks);
    double m = 0, v = 0;
    for (double x : s) m += x / s.size();
    for (double x : s) v += (x - m) * (x - m) / s.size();
    return std::sqrt(v);
  };
  std::vector<std::string> uneven, high;
  for (const auto& [team, p] : profile) {
    if (p == "uneven") uneven.push_back(team);
    if (p == "uniform_high") high.push_back(team);
  }
  ASSERT_EQ(uneven.size(), 2u);
  ASSERT_EQ(high.size(), 1u);
  for (const auto& t : uneven) EXPECT_GT(spread(t), 1.5 * spread(high[0])) << t;
  // Remote people adopt less.
  double remote = 0, remote_n = 0, onsite = 0, onsite_n = 0;
  for (const auto& [id, a] : agg) {
    if (mode_of[id] == "remote") remote += a.ai / a.tasks, ++remote_n;
    if (mode_of[id] == "onsite") onsite += a.ai / a.tasks, ++onsite_n;
  }
  EXPECT_LT(remote / remote_n, 0.85 * onsite / onsite_n);
  // Effective AI users gain quality-adjusted output per hour after rollout.
  double gain = 0, gain_n = 0;
  for (const auto& [id, a] : agg) {
    if ((persona_of[id] != "heavy_user" && persona_of[id] != "champion") || a.post_cost == 0 || a.pre_cost == 0) continue;
    gain += (a.post_q_out / a.post_cost) / (a.pre_q_out / a.pre_cost) - 1.0;
    ++gain_n;
  }
  ASSERT_GT(gain_n, 10);
  EXPECT_GT(gain / gain_n, 0.15);
  // Hours per person are about the same for everyone (a legacy proxy that cannot track outcomes).
  double hm = 0, hv = 0;
  for (const auto& [id, a] : agg) hm += a.hours / agg.size();
  for (const auto& [id, a] : agg) hv += (a.hours - hm) * (a.hours - hm) / agg.size();
  EXPECT_LT(std::sqrt(hv) / hm, 0.08);
}

INSTANTIATE_TEST_SUITE_P(Seeds, PlantedEffects, ::testing::Values(1, 2, 3, 4, 5, 6));

TEST(Generate, LargeOutputIsStreamedInChunks) {
  GenerateOptions o;
  o.people = 2000;
  o.days = 60;
  std::size_t chunks = 0;
  generate(o, &chunks);
  EXPECT_GT(chunks, 5u);
}

TEST(Generate, BadOptionsAreUsageErrors) {
  for (GenerateOptions o : {GenerateOptions{0, 90, 1, "2025-01-06"}, GenerateOptions{10, 0, 1, "2025-01-06"},
                            GenerateOptions{10, 90, 1, "2025-13-01"}}) {
    const Status s = generate_dataset(o, [](GeneratedFile, std::string_view) -> Status { return Ok{}; });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code(), DiagCode::usage_error);
  }
}

}  // namespace
}  // namespace gapscore
