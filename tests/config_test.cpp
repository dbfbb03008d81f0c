// Configuration parsing: defaults, every error names its key, suggestions.
#include "gapscore/config.h"

#include <gtest/gtest.h>

#include "base/date.h"

namespace gapscore {
namespace {

TEST(Config, EmptyTextGivesDefaults) {
  auto c = parse_config("  \n");
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->strict);
  EXPECT_EQ(c->group_by, std::vector<std::string>{"team"});
  EXPECT_DOUBLE_EQ(c->ai_user_min_share, 0.10);
  EXPECT_DOUBLE_EQ(c->rework_threshold, 0.15);
  EXPECT_EQ(c->privacy.min_group_size, 5);
  EXPECT_EQ(c->privacy.min_group_size_extremes, 10);
  EXPECT_FALSE(c->privacy.individual_results);
  EXPECT_EQ(c->bootstrap.resamples, 2000);
}

TEST(Config, ReadsEveryKnownKey) {
  auto c = parse_config(R"({
    "mode": "strict", "max_diagnostics": 7, "group_by": ["team", "role"], "period": "month",
    "window": {"start": "2025-01-01", "end": "2025-03-31"},
    "ai_user_min_share": 0.2, "rework_threshold": 0.3,
    "weights": {"adoption_gap": 2, "sentiment_gap": 0},
    "bootstrap": {"resamples": 500, "seed": 9, "confidence": 0.9},
    "privacy": {"min_group_size": 8, "min_group_size_extremes": 12, "individual_results": true, "salt": "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e"},
    "columns": {"activity": {"Employee": "person_id"}}
  })");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_TRUE(c->strict);
  EXPECT_EQ(c->max_diagnostics, 7);
  EXPECT_EQ(c->group_by, (std::vector<std::string>{"team", "role"}));
  EXPECT_EQ(c->period, Period::month);
  EXPECT_EQ(*c->window_start, *parse_iso_date("2025-01-01"));
  EXPECT_DOUBLE_EQ(c->weights.adoption_gap, 2);
  EXPECT_DOUBLE_EQ(c->weights.sentiment_gap, 0);
  EXPECT_DOUBLE_EQ(c->weights.usage_unevenness, 1);
  EXPECT_EQ(c->bootstrap.seed, 9u);
  EXPECT_EQ(c->privacy.min_group_size, 8);
  EXPECT_EQ(c->columns["activity"].at(0).second, "person_id");
}

TEST(Config, InvalidJsonReportsWhere) {
  auto c = parse_config("{\"mode\": \"strict\",, }");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), DiagCode::config_invalid_json);
  EXPECT_GT(c.error().first().byte_offset, 0u);
}

TEST(Config, UnknownKeysSuggestTheClosest) {
  auto c = parse_config(R"({"group_bye": ["team"]})");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), DiagCode::config_unknown_key);
  EXPECT_NE(c.error().message().find("did you mean \"group_by\""), std::string::npos) << c.error().message();
  auto p = parse_config(R"({"privacy": {"min_group_sise": 5}})");
  EXPECT_NE(p.error().message().find("min_group_size"), std::string::npos);
}

TEST(Config, RejectsBadValuesNamingTheKey) {
  struct Case {
    const char* json;
    const char* key;
  };
  const Case cases[] = {
      {R"({"privacy": {"min_group_size": 2}})", "privacy.min_group_size"},
      {R"({"privacy": {"min_group_size": 7, "min_group_size_extremes": 5}})", "privacy.min_group_size_extremes"},
      {R"({"ai_user_min_share": 1.5})", "ai_user_min_share"},
      {R"({"ai_user_min_share": "0.1"})", "ai_user_min_share"},
      {R"({"group_by": ["tema"]})", "group_by"},
      {R"({"group_by": ["a<b>"]})", "group_by"},
      {R"({"date_formats": {"activity": "DD/MM/YY"}})", "date_formats.activity"},
      {R"({"date_formats": {"playbook": "iso"}})", "date_formats.playbook"},
      {R"({"encodings": {"activity": "utf-16"}})", "encodings.activity"},
      {R"({"encodings": {"activity": 1252}})", "encodings.activity"},
      {R"({"encodings": {"usage": "windows-1252"}})", "encodings.usage"},
      {R"({"encodings": "windows-1252"})", "encodings"},
      {R"({"usage": {"segments": {"habit_min_share": 2}}})", "usage.segments.habit_min_share"},
      {R"({"group_by": "team"})", "group_by"},
      {R"({"period": "day"})", "period"},
      {R"({"window": {"start": "2025-13-01"}})", "window.start"},
      {R"({"window": {"start": "2025-03-01", "end": "2025-01-01"}})", "window"},
      {R"({"bootstrap": {"resamples": 10}})", "bootstrap.resamples"},
      {R"({"weights": {"adoption_gap": -1}})", "weights.adoption_gap"},
      {R"({"columns": {"activity": {"Emp": "personid"}}})", "columns.activity.Emp"},
      {R"({"mode": "fast"})", "mode"},
      {R"([1,2])", "(root)"},
  };
  for (const Case& c : cases) {
    auto r = parse_config(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.error().first().column, c.key) << c.json << " -> " << r.error().message();
    EXPECT_EQ(r.error().first().table, "config");
  }
  EXPECT_NE(parse_config(R"({"privacy": {"min_group_size": 2}})").error().message().find("at least 3"),
            std::string::npos);
}

// Windows-1252 by any of the names browsers give it; UTF-8 is the default and
// is not listed. The effective config names the encodings only when one is set,
// so the reports of UTF-8 inputs keep their bytes.
TEST(Config, EncodingsNameTablesThatAreNotUtf8) {
  auto c = parse_config(R"({"encodings": {"activity": "CP1252", "people": "latin1", "surveys": "ISO-8859-1", "playbook": "utf-8"}})");
  ASSERT_TRUE(c.ok()) << c.error().message();
  const std::map<std::string, std::string> want{
      {"activity", "windows-1252"}, {"people", "windows-1252"}, {"surveys", "windows-1252"}};
  EXPECT_EQ(c->encodings, want);
  EXPECT_NE(config_to_json(*c).find("\"encodings\": {\n    \"activity\": \"windows-1252\""), std::string::npos)
      << config_to_json(*c);
  auto plain = parse_config(R"({"encodings": {"activity": "UTF8"}})");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->encodings.empty());
  EXPECT_EQ(config_to_json(*plain).find("encodings"), std::string::npos);
}

TEST(Config, EffectiveConfigHidesTheSalt) {
  auto c = parse_config(R"({"privacy": {"salt": "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e"}})");
  ASSERT_TRUE(c.ok());
  const std::string text = config_to_json(*c);
  EXPECT_EQ(text.find("5a1e5a1e"), std::string::npos);
  EXPECT_NE(text.find("\"salt_given\": true"), std::string::npos);
}

TEST(Config, EveryDocumentedKeyAcceptsItsDocumentedDefault) {
  // docs/config.md is generated from config_key_docs(); each key set to its
  // documented default must parse, so the docs cannot drift from the parser.
  std::size_t checked = 0;
  for (const ConfigKeyDoc& k : config_key_docs()) {
    const std::string key(k.key), value(k.default_value);
    if (key.find('<') != std::string::npos || value == "none") continue;
    std::string json = value, path = key;
    for (std::size_t dot; (dot = path.rfind('.')) != std::string::npos; path = path.substr(0, dot))
      json = "{\"" + path.substr(dot + 1) + "\": " + json + "}";
    json = "{\"" + path + "\": " + json + "}";
    auto c = parse_config(json);
    EXPECT_TRUE(c.ok()) << key << ": " << json << " -> " << (c.ok() ? "" : c.error().message());
    ++checked;
  }
  EXPECT_GE(checked, 18u);
}

}  // namespace
}  // namespace gapscore
