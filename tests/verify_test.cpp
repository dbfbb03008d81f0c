// Verification (verify.h, `gapscore verify`): the same inputs and config give
// the same bytes whatever the chunking; a report's config re-creates the run;
// every verdict and exit code, through the core API and through the CLI.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "gapscore/session.h"
#include "gapscore/generate.h"
#include "base/sha256.h"
#include "gapscore/verify.h"
#include "test_util.h"

namespace gapscore {
namespace {

using OJson = nlohmann::ordered_json;
using Tables = std::map<TableKind, std::string>;

// A small generated organisation, kept in memory (people, days, seed).
Tables generated(std::uint32_t people = 40, std::uint32_t days = 21, std::uint64_t seed = 3) {
  GenerateOptions o;
  o.people = people;
  o.days = days;
  o.seed = seed;
  testing_util::OrgTables g = testing_util::generated_tables(o);
  return {{TableKind::activity, std::move(g.activity)},
          {TableKind::people, std::move(g.people)},
          {TableKind::surveys, std::move(g.surveys)},
          {TableKind::playbook, std::move(g.playbook)}};
}

std::string source_of(TableKind k) { return std::string(table_name(k)) + ".csv"; }

// The canonical report through the core API, each table pushed in `chunk`-byte pieces.
// size_hint scales the expected-bytes hint (0 = no hint; 1 = the true size).
std::string report_of(const Tables& tables, std::string_view config, std::size_t chunk = 1 << 20, double size_hint = 0) {
  auto a = Session::create(config);
  EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message());
  if (!a) return {};
  for (TableKind kind : kReadOrder) {
    if (!tables.count(kind)) continue;
    const std::string& bytes = tables.at(kind);
    const auto expected = static_cast<std::uint64_t>(size_hint * static_cast<double>(bytes.size()));
    EXPECT_TRUE(a->begin_table(kind, source_of(kind), InputFormat::detect, expected).ok());
    for (std::size_t i = 0; i < bytes.size(); i += chunk)
      EXPECT_TRUE(a->push(std::string_view(bytes).substr(i, chunk)).ok());
    EXPECT_TRUE(a->end_table().ok());
  }
  auto r = a->report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r ? r.value() : std::string();
}

// In-memory inputs, streamed in 1000-byte chunks.
std::vector<VerifyInput> inputs_of(const Tables& tables) {
  std::vector<VerifyInput> out;
  for (const auto& [kind, bytes] : tables) {
    out.push_back({kind, source_of(kind), [b = bytes](const ByteSink& sink) -> Status {
                     for (std::size_t i = 0; i < b.size(); i += 1000)
                       if (Status s = sink(std::string_view(b).substr(i, 1000)); !s) return s;
                     return Ok{};
                   },
                   ""});
  }
  return out;
}

std::string canonical(const OJson& j) { return j.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n"; }

// ---------------------------------------------------------------------------
// Same input + config + version => same bytes, whatever the chunk sizes.

TEST(Reproducible, ChunkSizesDoNotChangeTheBytes) {
  const Tables t = generated(30, 14, 5);
  const std::string whole = report_of(t, "");
  ASSERT_FALSE(whole.empty());
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{64},
                            std::size_t{1000}, std::size_t{4096}, std::size_t{65537}})
    EXPECT_EQ(report_of(t, "", chunk), whole) << "chunk " << chunk;
  EXPECT_EQ(report_of(t, ""), whole) << "a second run";
}

TEST(Reproducible, SizeHintsDoNotChangeTheBytes) {
  // The expected-bytes hint only sizes columns: right, far too small, far too large
  // or absent, the report is the same.
  const Tables t = generated(60, 30, 5);
  const std::string& activity = t.at(TableKind::activity);
  ASSERT_GT(std::count(activity.begin(), activity.end(), '\n'), 3000) << "enough rows for the hint to be used";
  const std::string plain = report_of(t, "");
  ASSERT_FALSE(plain.empty());
  for (double hint : {1.0, 0.01, 0.5, 3.0, 1e-9})
    EXPECT_EQ(report_of(t, "", 4096, hint), plain) << "hint x" << hint;
}

TEST(Reproducible, ChunkSizesDoNotChangeJsonOrUnicodeInputs) {
  // JSON rows (numbers as numbers), unicode names, CRLF and a byte-order mark in CSV.
  const std::string activity_json =
      "{\"rows\": [\n"
      "{\"person_id\": \"Zoë\", \"date\": \"2025-01-06\", \"task_type\": \"email\", \"tasks\": 4, \"ai_tasks\": 2, "
      "\"hours\": 1.5, \"team\": \"Équipe Ω\"},\n"
      "{\"person_id\": \"李\", \"date\": \"2025-01-06\", \"task_type\": \"email\", \"tasks\": 3, \"ai_tasks\": 0, "
      "\"hours\": 1e-3, \"team\": \"チーム🚀\"},\n"
      "{\"person_id\": \"Ana\", \"date\": \"2025-01-07\", \"task_type\": \"code\", \"tasks\": 5, \"ai_tasks\": 5, "
      "\"hours\": 2.25, \"team\": \"Équipe Ω\"},\n"
      "{\"person_id\": \"Bo\", \"date\": \"2025-01-08\", \"task_type\": \"code\", \"tasks\": 1, \"ai_tasks\": 1, "
      "\"hours\": 0, \"team\": \"Équipe Ω\"}]}\n";
  const std::string people_csv =
      "\xEF\xBB\xBFperson_id;team;role\r\nZoë;Équipe Ω;\"analyst; senior\"\r\n李;チーム🚀;dev\r\n";
  const Tables t{{TableKind::activity, activity_json}, {TableKind::people, people_csv}};
  const std::string config = R"({"privacy": {"min_group_size": 3, "min_group_size_extremes": 3}})";
  const std::string whole = report_of(t, config);
  ASSERT_NE(whole.find("Équipe Ω"), std::string::npos);
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{13}})
    EXPECT_EQ(report_of(t, config, chunk), whole) << "chunk " << chunk;
}

// ---------------------------------------------------------------------------
// The report's effective config re-creates the run's Config.

TEST(ConfigFromReport, EveryOptionRoundTrips) {
  const Tables t = generated(25, 14, 8);
  const struct {
    const char* config;
    std::optional<std::string> salt;
  } cases[] = {
      {"", std::nullopt},
      {R"({"mode": "strict", "max_diagnostics": 7, "group_by": ["team", "role"], "period": "month",
           "window": {"start": "2025-01-07"}, "ai_user_min_share": 0.25, "rework_threshold": 0.3,
           "weights": {"adoption_gap": 2, "sentiment_gap": 0.5}, "bootstrap": {"resamples": 100, "seed": 7,
           "confidence": 0.9}, "privacy": {"min_group_size": 3, "min_group_size_extremes": 4}})",
       std::nullopt},
      {R"({"group_by": [], "window": {"end": "2025-01-15"}})", std::nullopt},
      {R"({"group_by": ["manager_id", "ai_trained"], "privacy": {"individual_results": true, "salt": "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e"}})",
       std::string("5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e")},
      {R"({"privacy": {"salt": "fedcba9876543210fedcba9876543210", "min_group_size": 4}})", std::string("fedcba9876543210fedcba9876543210")},
      {R"({"privacy": {"dp": {"epsilon": 0.5, "seed": 11, "max_tasks_per_person": 300}}})", std::nullopt},
      {R"({"bootstrap": {"seed": 18446744073709551615}})", std::nullopt},
      {R"({"columns": {"activity": {"Stunden": "hours"}}})", std::nullopt},
  };
  for (const auto& c : cases) {
    auto original = parse_config(c.config);
    ASSERT_TRUE(original.ok()) << c.config << "\n" << (original.ok() ? "" : original.error().message());
    const std::string report = report_of(t, c.config);
    auto record = read_report_record(report);
    ASSERT_TRUE(record.ok()) << c.config;
    EXPECT_EQ(record->salt_given, !original->privacy.salt.empty());
    auto again = config_from_report(record.value(), c.salt);
    ASSERT_TRUE(again.ok()) << c.config << "\n" << (again.ok() ? "" : again.error().message());
    EXPECT_EQ(config_to_json(again.value()), config_to_json(original.value())) << c.config;
    EXPECT_EQ(again->privacy.salt, original->privacy.salt);
  }
}

TEST(ConfigFromReport, ASaltIsNeededWhenTheReportHadOne) {
  const Tables t = generated(25, 14, 8);
  const std::string report = report_of(t, R"({"privacy": {"individual_results": true, "salt": "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e"}})");
  auto record = read_report_record(report);
  ASSERT_TRUE(record.ok());
  for (const std::optional<std::string>& salt : {std::optional<std::string>(), std::optional<std::string>("")}) {
    auto c = config_from_report(record.value(), salt);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code(), DiagCode::invalid_argument);
    EXPECT_NE(c.error().message().find("salt"), std::string::npos) << c.error().message();
  }
}

TEST(ReportRecord, RejectsWhatIsNotAReport) {
  for (const char* text : {"", "not json", "[]", "{}", R"({"gapscore_version": "0.1.0", "inputs": []})",
                           R"({"gapscore_version": "0.1.0", "inputs": [{"table": "payroll"}], "config": {}})"}) {
    auto r = read_report_record(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.error().message().find("not a gapscore report"), std::string::npos) << r.error().message();
  }
}

// ---------------------------------------------------------------------------
// first_difference

TEST(FirstDifference, NamesThePathAndBothValues) {
  EXPECT_FALSE(first_difference("{\"a\": 1}\n", "{\"a\": 1}\n"));
  auto d = first_difference(R"({"groups": [{"m": {"adoption_rate": 0.5}}, 2]})",
                            R"({"groups": [{"m": {"adoption_rate": 0.25}}, 2]})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "/groups/0/m/adoption_rate");
  EXPECT_EQ(d->expected, "0.5");
  EXPECT_EQ(d->actual, "0.25");
  EXPECT_EQ(d->byte_offset, 38u);
  EXPECT_TRUE(d->note.empty());

  d = first_difference(R"({"a/b": {"c~d": [1, 2]}})", R"({"a/b": {"c~d": [1, 2, 3]}})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "/a~1b/c~0d/2");
  EXPECT_EQ(d->expected, "(absent)");
  EXPECT_EQ(d->actual, "3");

  // Number spelling: the same value, so no path, only the byte offset and a note.
  d = first_difference(R"({"n": 1, "m": 2})", R"({"n": 1.0, "m": 2})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "");
  EXPECT_EQ(d->byte_offset, 7u);
  EXPECT_FALSE(d->note.empty());
  // ... but a changed value after a respelled one is still found.
  d = first_difference(R"({"n": 1, "m": 2})", R"({"n": 1.0, "m": 3})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "/m");

  d = first_difference(R"({"x": 1, "y": 2})", R"({"y": 2, "x": 1})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "");
  EXPECT_NE(d->note.find("key order"), std::string::npos);

  d = first_difference(R"({"x": 1, "y": 2})", R"({"y": 3, "x": 1})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "/y");

  d = first_difference(R"({"x": null})", R"({"z": null})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "/x");
  EXPECT_EQ(d->actual, "(absent)");

  d = first_difference("{\"x\": 1}\n", "{\"x\":1}\n");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "");
  EXPECT_EQ(d->byte_offset, 5u);
  EXPECT_NE(d->note.find("bytes"), std::string::npos);

  d = first_difference("{\"x\": 1", "{\"x\": 1}");
  ASSERT_TRUE(d);
  EXPECT_NE(d->note.find("not valid JSON"), std::string::npos);
}

// ---------------------------------------------------------------------------
// verify_report: every verdict.

class VerifyReport : public ::testing::Test {
 protected:
  void SetUp() override {
    tables = generated(40, 21, 3);
    report = report_of(tables, "");
    ASSERT_FALSE(report.empty());
  }
  Tables tables;
  std::string report;
};

TEST_F(VerifyReport, IdenticalWhenNothingChanged) {
  const VerifyOutcome o = verify_report(report, inputs_of(tables));
  EXPECT_EQ(o.verdict, VerifyVerdict::identical) << o.headline;
  EXPECT_EQ(o.digests.size(), 4u);
  for (const DigestCheck& d : o.digests) EXPECT_TRUE(d.matches);
  EXPECT_EQ(o.recomputed, report);
  EXPECT_FALSE(o.difference);
}

TEST_F(VerifyReport, AChangedFigureIsDifferentAtItsPath) {
  OJson j = OJson::parse(report);
  ASSERT_TRUE(j["groups"][1]["metrics"]["adoption_rate"].is_number());
  const double was = j["groups"][1]["metrics"]["adoption_rate"].get<double>();
  j["groups"][1]["metrics"]["adoption_rate"] = was + 0.01;
  const VerifyOutcome o = verify_report(canonical(j), inputs_of(tables));
  EXPECT_EQ(o.verdict, VerifyVerdict::different);
  ASSERT_TRUE(o.difference);
  EXPECT_EQ(o.difference->path, "/groups/1/metrics/adoption_rate");
  EXPECT_EQ(o.difference->actual, OJson(was).dump());
  EXPECT_NE(o.headline.find("/groups/1/metrics/adoption_rate"), std::string::npos);
}

TEST_F(VerifyReport, ReformattedReportIsDifferentWithANote) {
  std::string crlf;
  for (char c : report) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const VerifyOutcome o = verify_report(crlf, inputs_of(tables));
  EXPECT_EQ(o.verdict, VerifyVerdict::different);
  ASSERT_TRUE(o.difference);
  EXPECT_EQ(o.difference->path, "");
  EXPECT_FALSE(o.difference->note.empty());
}

TEST_F(VerifyReport, ChangedInputBytesAreAnInputMismatch) {
  Tables changed = tables;
  changed[TableKind::people].back() = ' ';  // one byte
  const VerifyOutcome o = verify_report(report, inputs_of(changed));
  EXPECT_EQ(o.verdict, VerifyVerdict::inputs_mismatch);
  ASSERT_EQ(o.digests.size(), 4u);
  int bad = 0;
  for (const DigestCheck& d : o.digests) bad += d.matches ? 0 : 1;
  EXPECT_EQ(bad, 1);
  ASSERT_FALSE(o.messages.empty());
  EXPECT_NE(o.messages[0].find("people"), std::string::npos) << o.messages[0];
}

TEST_F(VerifyReport, TablesMustBeExactlyTheReportsOnes) {
  Tables fewer = tables;
  fewer.erase(TableKind::surveys);
  VerifyOutcome o = verify_report(report, inputs_of(fewer));
  EXPECT_EQ(o.verdict, VerifyVerdict::cannot_verify);
  EXPECT_NE(o.headline.find("surveys (surveys.csv)"), std::string::npos) << o.headline;

  const std::string small = report_of(fewer, "");
  o = verify_report(small, inputs_of(tables));
  EXPECT_EQ(o.verdict, VerifyVerdict::inputs_mismatch);
  EXPECT_NE(o.messages.at(0).find("without a surveys table"), std::string::npos) << o.messages.at(0);

  std::vector<VerifyInput> twice = inputs_of(tables);
  twice.push_back(twice.front());
  // One table more than the report lists (a file given twice): the inputs are not the report's.
  o = verify_report(report, twice);
  EXPECT_EQ(o.verdict, VerifyVerdict::inputs_mismatch);
  EXPECT_NE(o.messages.at(0).find("file(s), 2 were given"), std::string::npos) << o.messages.at(0);
}

TEST_F(VerifyReport, SourceNamesAndTableOrderComeFromTheReport) {
  // Inputs given in another order and under other names still recreate the report.
  std::vector<VerifyInput> in = inputs_of(tables);
  std::reverse(in.begin(), in.end());
  for (VerifyInput& v : in) v.name = "/elsewhere/" + v.name;
  EXPECT_EQ(verify_report(report, in).verdict, VerifyVerdict::identical);
}

TEST_F(VerifyReport, AReserialisedReportIsDifferentAtTheValueThatChanged) {
  // JSON.stringify-like output: other spacing, 1.0 written as 1, one figure edited.
  nlohmann::json j = nlohmann::json::parse(report);  // sorted keys, too
  ASSERT_TRUE(j["overall"]["headcount"].is_number_integer());
  j["overall"]["headcount"] = j["overall"]["headcount"].get<int>() + 1;
  const VerifyOutcome o = verify_report(j.dump(), inputs_of(tables));
  EXPECT_EQ(o.verdict, VerifyVerdict::different) << o.headline;
  ASSERT_TRUE(o.difference);
  EXPECT_EQ(o.difference->path, "/overall/headcount");
  // Reformatted only: values equal, bytes not.
  const VerifyOutcome same = verify_report(OJson::parse(report).dump(), inputs_of(tables));
  EXPECT_EQ(same.verdict, VerifyVerdict::different);
  ASSERT_TRUE(same.difference);
  EXPECT_EQ(same.difference->path, "");
  EXPECT_NE(same.difference->note.find("values are equal"), std::string::npos);
}

TEST_F(VerifyReport, OtherEngineVersionCannotBeVerified) {
  OJson j = OJson::parse(report);
  j["gapscore_version"] = "0.0.1-other";
  const VerifyOutcome o = verify_report(canonical(j), inputs_of(tables));
  EXPECT_EQ(o.verdict, VerifyVerdict::cannot_verify);
  EXPECT_NE(o.headline.find("0.0.1-other"), std::string::npos);
}

TEST_F(VerifyReport, NotAReportCannotBeVerified) {
  EXPECT_EQ(verify_report("{\"hello\": 1}", inputs_of(tables)).verdict, VerifyVerdict::cannot_verify);
}

TEST_F(VerifyReport, ATamperedConfigIsRecomputedAsStated) {
  // The report claims a config it was not made with: recomputing with the stated
  // config gives other figures.
  OJson j = OJson::parse(report);
  j["config"]["ai_user_min_share"] = 0.9;
  const VerifyOutcome o = verify_report(canonical(j), inputs_of(tables));
  EXPECT_EQ(o.verdict, VerifyVerdict::different);
  ASSERT_TRUE(o.difference);
  EXPECT_NE(o.difference->path.rfind("/config", 0), 0u) << o.difference->path;
}

TEST_F(VerifyReport, AnExplicitConfigMustBeTheReportsConfig) {
  VerifyOptions same;
  same.config = parse_config("").value();
  EXPECT_EQ(verify_report(report, inputs_of(tables), same).verdict, VerifyVerdict::identical);
  VerifyOptions other;
  other.config = parse_config(R"({"privacy": {"min_group_size": 6}})").value();
  const VerifyOutcome o = verify_report(report, inputs_of(tables), other);
  EXPECT_EQ(o.verdict, VerifyVerdict::different);
  ASSERT_TRUE(o.difference);
  EXPECT_EQ(o.difference->path, "/config/privacy/min_group_size");
}

TEST_F(VerifyReport, InputsThatMatchTheDigestsButDoNotAnalyseAreDifferent) {
  // A forged report whose activity digest is that of unusable bytes.
  const std::string garbage = "not,a,gapscore\ntable,at,all\n";
  OJson j = OJson::parse(report);
  for (OJson& in : j["inputs"])
    if (in["table"] == "activity") in["sha256"] = sha256_hex(garbage);
  Tables forged = tables;
  forged[TableKind::activity] = garbage;
  const VerifyOutcome o = verify_report(canonical(j), inputs_of(forged));
  EXPECT_EQ(o.verdict, VerifyVerdict::different);
  EXPECT_NE(o.headline.find("do not produce a report"), std::string::npos) << o.headline;
}

TEST(VerifyColumns, TypedColumnInputsHaveNoDigestAndCannotBeVerified) {
  auto a = Session::create("");
  ASSERT_TRUE(a.ok());
  const std::vector<double> tasks{3, 4}, ai{1, 0}, hours{1.5, 2};
  const std::vector<ColumnInput> cols{
      {"person_id", std::vector<std::string>{"P1", "P2"}},
      {"date", std::vector<std::string>{"2025-01-06", "2025-01-06"}},
      {"task_type", std::vector<std::string>{"email", "email"}},
      {"tasks", std::span<const double>(tasks)},
      {"ai_tasks", std::span<const double>(ai)},
      {"hours", std::span<const double>(hours)}};
  ASSERT_TRUE(a->add_columns(TableKind::activity, cols).ok());
  auto report = a->report();
  ASSERT_TRUE(report.ok());
  const Tables t{{TableKind::activity, "person_id,date,task_type,tasks,ai_tasks,hours\n"}};
  const VerifyOutcome o = verify_report(report.value(), inputs_of(t));
  EXPECT_EQ(o.verdict, VerifyVerdict::cannot_verify);
  EXPECT_NE(o.headline.find("typed columns"), std::string::npos) << o.headline;
}

TEST(VerifySalt, TheSaltIsNeededAndMustBeRight) {
  const Tables t = generated(30, 14, 4);
  const std::string report =
      report_of(t, R"({"group_by": ["team"], "privacy": {"individual_results": true, "salt": "0123456789abcdef0123456789abcdef"}})");
  VerifyOutcome o = verify_report(report, inputs_of(t));
  EXPECT_EQ(o.verdict, VerifyVerdict::cannot_verify);
  EXPECT_TRUE(o.needs_salt);
  VerifyOptions wrong;
  wrong.salt = "fedcba9876543210fedcba9876543210";
  o = verify_report(report, inputs_of(t), wrong);
  EXPECT_EQ(o.verdict, VerifyVerdict::different);
  ASSERT_TRUE(o.difference);
  // The first pseudonym in the report (mentoring pairs or individuals) differs.
  EXPECT_EQ(o.difference->expected.rfind("\"p_", 0), 0u) << o.difference->path << " " << o.difference->expected;
  EXPECT_EQ(o.difference->actual.rfind("\"p_", 0), 0u) << o.difference->actual;
  VerifyOptions right;
  right.salt = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(verify_report(report, inputs_of(t), right).verdict, VerifyVerdict::identical);
  // A config carrying the salt works too.
  VerifyOptions config;
  config.config = parse_config(R"({"privacy": {"individual_results": true, "salt": "0123456789abcdef0123456789abcdef"}})").value();
  EXPECT_EQ(verify_report(report, inputs_of(t), config).verdict, VerifyVerdict::identical);
  // A salt for a report made without one is ignored, with a note.
  const std::string plain = report_of(t, "");
  o = verify_report(plain, inputs_of(t), right);
  EXPECT_EQ(o.verdict, VerifyVerdict::identical);
  ASSERT_FALSE(o.messages.empty());
  EXPECT_NE(o.messages.back().find("without a salt"), std::string::npos);
}

TEST(VerifyDp, SeededNoiseVerifiesSecureNoiseCannot) {
  const Tables t = generated(60, 14, 6);
  const std::string seeded = report_of(t, R"({"privacy": {"dp": {"epsilon": 1, "seed": 42}}})");
  EXPECT_EQ(verify_report(seeded, inputs_of(t)).verdict, VerifyVerdict::identical);
  const std::string secure = report_of(t, R"({"privacy": {"dp": {"epsilon": 1}}})");
  VerifyOutcome o = verify_report(secure, inputs_of(t));
  EXPECT_EQ(o.verdict, VerifyVerdict::cannot_verify);
  EXPECT_NE(o.headline.find("random by design"), std::string::npos) << o.headline;
  // Digests are still checked first.
  Tables changed = t;
  changed[TableKind::activity] += "\n";
  EXPECT_EQ(verify_report(secure, inputs_of(changed)).verdict, VerifyVerdict::inputs_mismatch);
}

// A later release on a ledger states the spent budget after it: verify
// recomputes it as that release (from the ledger as it was before).
TEST(VerifyDp, ALaterSeededReleaseOnALedgerVerifies) {
  const Tables t = generated(60, 14, 6);
  const char* config = R"({"privacy": {"dp": {"epsilon": 1, "seed": 42}}})";
  std::string ledger, report;
  for (int run = 0; run < 3; ++run) {
    auto a = Session::create(config);
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(a->set_ledger(ledger).ok());
    for (TableKind kind : kReadOrder) {
      if (!t.count(kind)) continue;
      ASSERT_TRUE(a->begin_table(kind, source_of(kind)).ok());
      ASSERT_TRUE(a->push(t.at(kind)).ok());
      ASSERT_TRUE(a->end_table().ok());
    }
    auto r = a->report();
    ASSERT_TRUE(r.ok()) << r.error().message();
    report = r.value();
    ledger = a->ledger();
  }
  ASSERT_NE(report.find("\"releases\": 3"), std::string::npos);
  const VerifyOutcome o = verify_report(report, inputs_of(t));
  EXPECT_EQ(o.verdict, VerifyVerdict::identical) << o.headline;
}

TEST(VerifyCellKey, VerifiesWithTheSaltOnly) {
  const Tables t = generated(60, 14, 6);
  const std::string salt = "0123456789abcdef0123456789abcdef";
  const std::string report = report_of(t, R"({"privacy": {"protection": "cell_key", "salt": ")" + salt + R"("}})");
  ASSERT_NE(report.find("\"cell_key\": {"), std::string::npos);
  VerifyOptions with_salt;
  with_salt.salt = salt;
  EXPECT_EQ(verify_report(report, inputs_of(t), with_salt).verdict, VerifyVerdict::identical);
  EXPECT_EQ(verify_report(report, inputs_of(t)).verdict, VerifyVerdict::cannot_verify);
  VerifyOptions wrong;
  wrong.salt = "ffffffffffffffffffffffffffffffff";
  EXPECT_EQ(verify_report(report, inputs_of(t), wrong).verdict, VerifyVerdict::different);
}

// ---------------------------------------------------------------------------
// The CLI: options, output and exit codes.

using testing_util::CliResult;

CliResult cli(const std::string& args) { return testing_util::run_cli(args, 120); }

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

class VerifyCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = testing_util::fresh_temp_dir("verify_test");
    const CliResult g = cli("generate --people 40 --days 21 --seed 12 --out " + dir_.string());
    ASSERT_EQ(g.exit_code, 0) << g.out;
    // Made from inside the folder with relative names, as a portal's report would name them.
    const std::string cmd = "cd " + dir_.string() + " && " + std::string(GAPSCORE_CLI_PATH) +
                            " analyze --activity activity.csv --people people.csv --surveys surveys.csv "
                            "--playbook playbook.csv --out report.json";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  static std::string f(const std::string& name) { return (dir_ / name).string(); }
  static std::string tables() {
    return " --activity " + f("activity.csv") + " --people " + f("people.csv") + " --surveys " + f("surveys.csv") +
           " --playbook " + f("playbook.csv");
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::filesystem::path dir_;
};
std::filesystem::path VerifyCli::dir_;

TEST_F(VerifyCli, HelpDocumentsTheExitCodes) {
  const CliResult r = cli("verify --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* says : {"usage: gapscore verify", "0  identical", "1  different", "2  inputs differ",
                           "3  cannot verify", "--salt"})
    EXPECT_NE(r.out.find(says), std::string::npos) << says << "\n" << r.out;
  EXPECT_NE(cli("--help").out.find("verify"), std::string::npos);
}

TEST_F(VerifyCli, UsageErrorsExitThree) {
  const struct {
    std::string args;
    const char* says;
  } cases[] = {
      {"verify", "--report FILE is required"},
      {"verify --report " + f("report.json"), "give the report's input tables"},
      {"verify --report " + f("report.json") + " --activity x --colour red", "unknown option --colour"},
      {"verify --report /nonexistent/report.json" + tables(), "cannot open /nonexistent/report.json"},
      {"verify --report " + f("report.json") + " --activity /nonexistent/a.csv --people " + f("people.csv") +
           " --surveys " + f("surveys.csv") + " --playbook " + f("playbook.csv"),
       "cannot open /nonexistent/a.csv"},
      {"verify --report " + f("report.json") + " --activity " + f("activity.csv"), "not given: people (people.csv)"},
      {"verify --report " + f("people.csv") + tables(), "not a gapscore report"},
      {"verify --report " + f("report.json") + " --activity -", "standard input"},
      {"verify --report " + f("report.json") + " --salt a --salt-file b" + tables(), "not both"},
  };
  for (const auto& c : cases) {
    const CliResult r = cli(c.args);
    EXPECT_EQ(r.exit_code, 3) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.args << "\n" << r.out;
  }
}

TEST_F(VerifyCli, IdenticalExitsZero) {
  const CliResult r = cli("verify --report " + f("report.json") + tables());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("identical"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("matches"), std::string::npos) << r.out;
}

TEST_F(VerifyCli, ChangedReportExitsOneWithThePathAndBothValues) {
  OJson j = OJson::parse(testing_util::read_file(f("report.json")));
  const int headcount = j["overall"]["headcount"].get<int>();
  j["overall"]["headcount"] = headcount + 1;
  write(dir_ / "changed.json", canonical(j));
  const CliResult r = cli("verify --report " + f("changed.json") + tables());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("/overall/headcount"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("report:      " + std::to_string(headcount + 1)), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("recomputed:  " + std::to_string(headcount)), std::string::npos) << r.out;
  // --json gives the same as data, and --save-recomputed writes the true report.
  const CliResult js = cli("verify --json --save-recomputed " + f("recomputed.json") + " --report " +
                           f("changed.json") + tables());
  EXPECT_EQ(js.exit_code, 1);
  const auto out = nlohmann::json::parse(js.out);
  EXPECT_EQ(out["verdict"], "different");
  EXPECT_EQ(out["exit_code"], 1);
  EXPECT_EQ(out["difference"]["path"], "/overall/headcount");
  EXPECT_EQ(testing_util::read_file(f("recomputed.json")), testing_util::read_file(f("report.json")));
}

TEST_F(VerifyCli, ChangedInputExitsTwo) {
  std::string people = testing_util::read_file(f("people.csv"));
  people += "\n";
  write(dir_ / "people2.csv", people);
  const CliResult r = cli("verify --report " + f("report.json") + " --activity " + f("activity.csv") + " --people " +
                          f("people2.csv") + " --surveys " + f("surveys.csv") + " --playbook " + f("playbook.csv"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("DOES NOT MATCH"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("people2.csv"), std::string::npos) << r.out;
  // A table the report was made without.
  const std::string cmd = "cd " + dir_.string() + " && " + std::string(GAPSCORE_CLI_PATH) +
                          " analyze --activity activity.csv --people people.csv --out small.json";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const CliResult extra = cli("verify --report " + f("small.json") + tables());
  EXPECT_EQ(extra.exit_code, 2) << extra.out;
  EXPECT_NE(extra.out.find("without a surveys table"), std::string::npos) << extra.out;
}

TEST_F(VerifyCli, SaltFromFlagFileOrConfig) {
  write(dir_ / "salted.config.json", R"({"privacy": {"individual_results": true, "salt": "0123456789abcdef0123456789abcdef"}})");
  const std::string cmd = "cd " + dir_.string() + " && " + std::string(GAPSCORE_CLI_PATH) +
                          " analyze --activity activity.csv --people people.csv --config salted.config.json "
                          "--out salted.json";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string base = "verify --report " + f("salted.json") + " --activity " + f("activity.csv") + " --people " +
                           f("people.csv");
  const CliResult missing = cli(base);
  EXPECT_EQ(missing.exit_code, 3) << missing.out;
  EXPECT_NE(missing.out.find("--salt"), std::string::npos) << missing.out;
  EXPECT_EQ(cli(base + " --salt 0123456789abcdef0123456789abcdef").exit_code, 0);
  EXPECT_EQ(cli(base + " --salt fedcba9876543210fedcba9876543210").exit_code, 1);
  write(dir_ / "salt.txt", "0123456789abcdef0123456789abcdef\n");
  EXPECT_EQ(cli(base + " --salt-file " + f("salt.txt")).exit_code, 0);
  EXPECT_EQ(cli(base + " --config " + f("salted.config.json")).exit_code, 0);
  write(dir_ / "other.config.json", R"({"privacy": {"individual_results": true, "salt": "0123456789abcdef0123456789abcdef"}, "period": "month"})");
  const CliResult other = cli(base + " --config " + f("other.config.json"));
  EXPECT_EQ(other.exit_code, 1) << other.out;
  EXPECT_NE(other.out.find("/config/period"), std::string::npos) << other.out;
}

TEST_F(VerifyCli, SecureDpReportsCannotBeVerified) {
  write(dir_ / "dp.config.json", R"({"privacy": {"dp": {"epsilon": 1}}})");
  const std::string cmd = "cd " + dir_.string() + " && " + std::string(GAPSCORE_CLI_PATH) +
                          " analyze --activity activity.csv --config dp.config.json --out dp.json";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const CliResult r = cli("verify --report " + f("dp.json") + " --activity " + f("activity.csv"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("random by design"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace gapscore
