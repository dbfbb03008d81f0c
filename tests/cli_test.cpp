// The gapscore command line: exit codes, help, errors for people, and the
// generate → analyze round trip. Runs the built binary.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "../tools/cli/effect_size_digits.h"

#include "test_util.h"

namespace gapscore {
namespace {

using testing_util::CliResult;

CliResult run(const std::string& args) { return testing_util::run_cli(args, 60); }

std::string sample(const std::string& file) { return std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/" + file; }
std::string bad(const std::string& file) { return std::string(GAPSCORE_TEST_DATA_DIR) + "/bad/" + file; }

std::filesystem::path temp_dir(const std::string& name) {
  return testing_util::fresh_temp_dir("cli_test_" + name);
}

// Every `from` in `text` becomes `to` (a field's value written another way).
void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

TEST(Cli, HelpForEveryCommand) {
  for (const char* cmd : {"--help", "generate --help", "validate --help", "analyze --help"}) {
    const CliResult r = run(cmd);
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("usage: gapscore"), std::string::npos) << cmd << r.out;
  }
}

TEST(Cli, UsageErrorsExitTwoWithAMessage) {
  struct Case {
    const char* args;
    const char* says;
  };
  const Case cases[] = {
      {"frobnicate", "unknown command"},
      {"analyze --activity x.csv --colour red", "unknown option --colour"},
      {"analyze", "--activity FILE is required"},
      {"analyze --activity /nonexistent/activity.csv", "cannot open /nonexistent/activity.csv"},
      {"analyze --activity x --group-by tema", "did you mean \"team\""},
      {"analyze --activity x --rollup-by team", "--rollup-by: config rollup_by: \"team\" is already in group_by"},
      {"generate --out /tmp/x --people many", "--people must be a whole number"},
      {"generate --out /tmp/x --teams 0", "--teams must be at least 1"},
      {"generate --out /tmp/x --people 10 --teams 11", "teams must be between 1 and the number of people (10)"},
      {"analyze --activity x --format xml", "--format must be json or summary"},
      {"analyze --activity x --threads abc", "--threads: a whole number of 1 or more"},
      {"analyze --activity x --threads -1", "--threads: a whole number of 1 or more"},
      {"analyze --activity x --threads 2.5", "--threads: a whole number of 1 or more"},
      {"analyze --activity x --threads 0", "--threads: a whole number of 1 or more"},
  };
  for (const Case& c : cases) {
    const CliResult r = run(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.args << "\n" << r.out;
  }
}

TEST(Cli, ValidateExitCodes) {
  EXPECT_EQ(run("validate --activity " + sample("activity.csv") + " --people " + sample("people.csv")).exit_code, 0);
  const CliResult skipped = run("validate --activity " + bad("negative_hours.csv"));
  EXPECT_EQ(skipped.exit_code, 1);
  EXPECT_NE(skipped.out.find("activity row 3, column \"hours\""), std::string::npos) << skipped.out;
  const CliResult fatal = run("validate --activity " + bad("missing_hours_column.csv"));
  EXPECT_EQ(fatal.exit_code, 1);
  EXPECT_NE(fatal.out.find("missing_column"), std::string::npos) << fatal.out;
  // A survey answer read as empty keeps its row, and validate says so apart from skipped rows.
  const CliResult cell = run("validate --activity " + sample("activity.csv") + " --surveys " + bad("surveys_bad_answer.csv"));
  EXPECT_EQ(cell.exit_code, 1);
  EXPECT_NE(cell.out.find("1 optional cell(s) would be read as empty"), std::string::npos) << cell.out;
  EXPECT_EQ(cell.out.find("would be skipped"), std::string::npos) << cell.out;
}

// A people table that names few of the activity's people (other ids, another
// file) made every figure "(unassigned)" while validate said OK (an outside review).
TEST(Cli, ValidateFailsWhenThePeopleTableNamesFewerThanHalfTheActivitysPeople) {
  const auto dir = testing_util::fresh_temp_dir("cli_people_join");
  std::string activity = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  for (int i = 1; i <= 4; ++i) activity += "P" + std::to_string(i) + ",2025-01-06,a,1,0,1\n";
  std::ofstream(dir / "activity.csv") << activity;
  const auto people = [&](int n) {
    std::string csv = "person_id,team\n";
    for (int i = 1; i <= n; ++i) csv += "P" + std::to_string(i) + ",Alpha\n";
    const auto file = dir / ("people_" + std::to_string(n) + ".csv");
    std::ofstream(file) << csv;
    return "validate --json --activity " + (dir / "activity.csv").string() + " --people " + file.string();
  };
  const auto join_of = [](const CliResult& r) {
    const auto start = r.out.find('{');
    return nlohmann::json::parse(r.out.substr(start, r.out.find("\n}") + 2 - start))["people_join"];
  };
  const CliResult half = run(people(2));  // 2 of 4 missing: not more than half
  EXPECT_EQ(half.exit_code, 0) << half.out;
  EXPECT_EQ(join_of(half)["people_in_activity"], 4);
  EXPECT_EQ(join_of(half)["missing_from_people_table"], 2);
  const CliResult few = run(people(1));
  EXPECT_EQ(few.exit_code, 1) << few.out;
  EXPECT_NE(few.out.find("3 of the activity's 4 people are not in the people table"), std::string::npos) << few.out;
  EXPECT_EQ(join_of(few)["missing_from_people_table"], 3);
  // Without a people table there is nothing to join: no figure, and no failure.
  const CliResult alone = run("validate --json --activity " + (dir / "activity.csv").string());
  EXPECT_EQ(alone.exit_code, 0) << alone.out;
  EXPECT_TRUE(join_of(alone).is_null());
}

TEST(Cli, StrictAnalyzeSaysWhereItStoppedAndValidateHowManyItDidNotList) {
  // 150 rows with negative hours: strict fails at its first 100 errors and says it stopped there.
  const auto dir = testing_util::fresh_temp_dir("cli_strict_many");
  std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours\n";
  for (int i = 0; i < 150; ++i) csv += "P" + std::to_string(i) + ",2025-01-06,a,1,0,-1\n";
  const std::string file = (dir / "activity.csv").string();
  std::ofstream(file) << csv;
  const CliResult r = run("analyze --strict --activity " + file);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("stopped at the first 100 errors (strict mode)"), std::string::npos) << r.out.substr(0, 400);
  // Lenient validation reads on and counts what it does not list.
  const CliResult v = run("validate --activity " + file);
  EXPECT_NE(v.out.find("more diagnostics not listed"), std::string::npos) << v.out.substr(0, 400);
}

TEST(Cli, AnEffectSizeIsNeverPrintedAcrossItsBand) {
  // Outside review: g = -0.1996 read "-0.20 (negligible)", while -0.20 is "small".
  EXPECT_EQ(cli::effect_size_digits(-0.1996), "-0.1996");
  EXPECT_EQ(cli::effect_size_digits(0.4996), "+0.4996");
  EXPECT_EQ(cli::effect_size_digits(0.7999999), "+0.799999900");  // six places still round up: nine
  EXPECT_EQ(cli::effect_size_digits(-0.31), "-0.31");
  EXPECT_EQ(cli::effect_size_digits(0.2004), "+0.20");  // at or past the bound either way
  EXPECT_EQ(cli::effect_size_digits(1.234), "+1.23");
}

TEST(Cli, ValidateJsonOutput) {
  const CliResult r = run("validate --json --activity " + bad("ragged_short_row.csv"));
  EXPECT_EQ(r.exit_code, 1);
  const auto start = r.out.find('{');
  ASSERT_NE(start, std::string::npos);
  const auto j = nlohmann::json::parse(r.out.substr(start, r.out.rfind('}') - start + 1));
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_EQ(j["diagnostics"]["items"][0]["code"], "ragged_row");
  EXPECT_EQ(j["diagnostics"]["items"][0]["row"], 3);
}

TEST(Cli, ValidateJsonSaysAFatalErrorWhicheverReaderHitIt) {
  // A field over 1 MiB in one person's row: with two readers, the reader that
  // skips that person's rows must not make the JSON say ok. One file per
  // person, so that some of them belong to the other reader.
  const auto dir = temp_dir("fatal_other_reader");
  for (int p = 1; p <= 6; ++p) {
    const std::string file = (dir / ("long_" + std::to_string(p) + ".csv")).string();
    std::ofstream out(file);
    out << "person_id,date,task_type,tasks,ai_tasks,hours\n";
    for (int q = 1; q <= 6; ++q) out << "P" << q << ",2025-01-06,coding,1,0,1\n";
    out << "P" << p << ",2025-01-07," << std::string((1u << 20) + 10, 'x') << ",1,0,1\n";
    out.close();
    for (const char* threads : {"1", "2", "3"}) {
      const CliResult r = run(std::string("validate --json --threads ") + threads + " --activity " + file);
      EXPECT_EQ(r.exit_code, 1) << file << " --threads " << threads;
      const auto start = r.out.find('{');
      ASSERT_NE(start, std::string::npos) << r.out;
      const auto j = nlohmann::json::parse(r.out.substr(start, r.out.find("\n}") + 2 - start));
      EXPECT_FALSE(j["ok"].get<bool>()) << file << " --threads " << threads;
      ASSERT_TRUE(j["error"].is_array()) << file << " --threads " << threads;
      EXPECT_EQ(j["error"][0]["code"], "field_too_large") << file << " --threads " << threads;
    }
  }
}

TEST(Cli, NoBadInputCrashesOrHangs) {
  // Every corpus file through both commands as the table it was written for
  // (with the sample's activity when it is not the activity table), with the
  // exit code its documented outcome implies (cli_expect where the CLI differs
  // from the engine: it reads a Windows-1252 table again as such).
  const auto manifest = testing_util::read_json(std::string(GAPSCORE_TEST_DATA_DIR) + "/bad/manifest.json");
  ASSERT_GT(manifest.size(), 40u);
  for (const auto& c : manifest) {
    const std::string table = c["table"], expect = c.value("cli_expect", c["expect"].get<std::string>());
    const std::string path = bad(c["file"].get<std::string>());
    std::string tables = " --" + table + " '" + path + "'";
    if (table != "activity") tables += " --activity " + sample("activity.csv");
    if (table != "people" && table != "activity") tables += " --people " + sample("people.csv");
    if (c["strict"].get<bool>()) tables += " --strict";
    for (const std::string cmd : {"validate", "analyze"}) {
      const CliResult r = run(cmd + tables + (cmd == "analyze" ? " --out /dev/null" : ""));
      EXPECT_FALSE(r.signalled) << cmd << tables;
      const int want = expect == "error" ? 1 : (cmd == "validate" && (expect == "skip" || expect == "cell")) ? 1 : 0;
      EXPECT_EQ(r.exit_code, want) << cmd << tables << " (" << expect << ")\n" << r.out;
      if (expect == "error") { EXPECT_NE(r.out.find(c["code"].get<std::string>()), std::string::npos) << cmd << tables << "\n" << r.out; }
    }
  }
}

TEST(Cli, ABadConfigIsAUsageError) {
  const auto dir = temp_dir("bad_config");
  std::ofstream(dir / "unknown.json") << R"({"group_bye": ["team"]})";
  std::ofstream(dir / "broken.json") << R"({"group_by": )";
  for (const char* file : {"unknown.json", "broken.json"})
    for (const char* cmd : {"validate", "analyze"}) {
      const CliResult r = run(std::string(cmd) + " --activity " + sample("activity.csv") + " --config " + (dir / file).string());
      EXPECT_EQ(r.exit_code, 2) << cmd << " " << file << "\n" << r.out;
      EXPECT_NE(r.out.find("config_"), std::string::npos) << r.out;
    }
}

TEST(Cli, GenerateThenAnalyzeRoundTrip) {
  const auto dir = temp_dir("roundtrip");
  const CliResult g = run("generate --people 60 --days 30 --seed 9 --out " + dir.string());
  ASSERT_EQ(g.exit_code, 0) << g.out;
  const std::string report = (dir / "report.json").string();
  const CliResult a = run("analyze --activity " + (dir / "activity.csv").string() + " --people " +
                          (dir / "people.csv").string() + " --group-by team,work_mode --out " + report);
  ASSERT_EQ(a.exit_code, 0) << a.out;
  const auto j = testing_util::read_json(report);
  EXPECT_EQ(j["summary"]["people"], 60);
  EXPECT_EQ(j["config"]["group_by"], nlohmann::json::array({"team", "work_mode"}));
  EXPECT_TRUE(j["groups"][0]["key"].contains("work_mode"));
  EXPECT_EQ(j["inputs"][0]["rows_skipped"], 0);
  // The same inputs give the same bytes.
  const std::string report2 = (dir / "report2.json").string();
  run("analyze --activity " + (dir / "activity.csv").string() + " --people " + (dir / "people.csv").string() +
      " --group-by team,work_mode --out " + report2);
  EXPECT_EQ(testing_util::read_file(report), testing_util::read_file(report2));
}

// A people table saved by Excel on Windows (Windows-1252, team names with
// accents): the CLI reads it again as such by itself, with the report of its
// UTF-8 twin (same groups and figures), the same bytes as when the config names
// the encoding, and the same with two threads.
TEST(Cli, AWindows1252TableIsReadAgainAsSuch) {
  const auto dir = temp_dir("windows_1252");
  std::string utf8 = testing_util::read_file(sample("people.csv"));
  std::string cp1252 = utf8;
  replace_all(utf8, ",Engineering,", ",Ing\xC3\xA9nierie,");
  replace_all(cp1252, ",Engineering,", ",Ing\xE9nierie,");
  replace_all(utf8, ",Sales,", ",Vertrieb Z\xC3\xBCrich \xE2\x80\x93 Nord,");
  replace_all(cp1252, ",Sales,", ",Vertrieb Z\xFCrich \x96 Nord,");
  ASSERT_NE(utf8, testing_util::read_file(sample("people.csv")));
  std::ofstream(dir / "people_utf8.csv", std::ios::binary) << utf8;
  std::ofstream(dir / "people_1252.csv", std::ios::binary) << cp1252;
  std::ofstream(dir / "config.json") << R"({"encodings": {"people": "windows-1252"}})";
  const std::string common = "analyze --activity " + sample("activity.csv") + " --people ";
  const auto out = [&](const std::string& name) { return (dir / name).string(); };
  ASSERT_EQ(run(common + out("people_utf8.csv") + " --out " + out("utf8.json")).exit_code, 0);
  const CliResult automatic = run(common + out("people_1252.csv") + " --out " + out("auto.json"));
  ASSERT_EQ(automatic.exit_code, 0) << automatic.out;
  ASSERT_EQ(run(common + out("people_1252.csv") + " --config " + out("config.json") + " --out " + out("named.json")).exit_code, 0);
  ASSERT_EQ(run(common + out("people_1252.csv") + " --threads 2 --out " + out("threads.json")).exit_code, 0);
  EXPECT_EQ(testing_util::read_file(out("auto.json")), testing_util::read_file(out("named.json")));
  EXPECT_EQ(testing_util::read_file(out("auto.json")), testing_util::read_file(out("threads.json")));
  const auto twin = testing_util::read_json(out("utf8.json"));
  const auto got = testing_util::read_json(out("auto.json"));
  EXPECT_EQ(got["groups"], twin["groups"]);
  EXPECT_EQ(got["summary"], twin["summary"]);
  EXPECT_NE(got["groups"].dump().find("Ing\xC3\xA9nierie"), std::string::npos);
  EXPECT_EQ(got["config"]["encodings"], nlohmann::json({{"people", "windows-1252"}}));
  EXPECT_FALSE(twin["config"].contains("encodings"));
  EXPECT_NE(got["diagnostics"].dump().find("read_as_windows_1252"), std::string::npos);
  EXPECT_EQ(twin["diagnostics"].dump().find("read_as_windows_1252"), std::string::npos);
}

// Two activity files, one saved as CSV UTF-8 and one as Excel's Windows "CSV":
// the table is read as Windows-1252, and the report warns that the UTF-8 one
// reads as UTF-8 in places (its "ó" would be "Ã³"), naming the offset.
TEST(Cli, ATableInTwoEncodingsIsWarnedAbout) {
  const auto dir = temp_dir("mixed_encodings");
  const std::string all = testing_util::read_file(sample("activity.csv"));
  const std::size_t header_end = all.find('\n') + 1, middle = all.find('\n', all.size() / 2) + 1;
  std::string first = all.substr(0, middle), second = all.substr(0, header_end) + all.substr(middle);
  replace_all(first, ",planning,", ",planificaci\xC3\xB3n,");  // UTF-8
  replace_all(second, ",planning,", ",planificaci\xF3n,");      // Windows-1252
  std::ofstream(dir / "a.csv", std::ios::binary) << first;
  std::ofstream(dir / "b.csv", std::ios::binary) << second;
  const std::string report = (dir / "r.json").string();
  const CliResult r = run("analyze --activity " + (dir / "a.csv").string() + " --activity " + (dir / "b.csv").string() +
                          " --people " + sample("people.csv") + " --out " + report);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = testing_util::read_json(report);
  EXPECT_EQ(j["config"]["encodings"]["activity"], "windows-1252");
  bool warned = false;
  for (const auto& d : j["diagnostics"]["items"])
    if (d["code"] == "utf8_in_windows_1252") {
      warned = true;
      EXPECT_EQ(d["byte_offset"].get<std::size_t>(), first.find("\xC3\xB3")) << d.dump();
    }
  EXPECT_TRUE(warned) << j["diagnostics"].dump();
}

// --teams N: an organisation of exactly N teams, every one with people (the
// many-teams demo and tests use 200 teams).
TEST(Cli, GenerateWithATeamCount) {
  const auto dir = temp_dir("teams");
  const CliResult g = run("generate --people 2000 --teams 200 --days 3 --seed 5 --out " + dir.string());
  ASSERT_EQ(g.exit_code, 0) << g.out;
  std::ifstream in(dir / "people.csv");
  std::string line;
  std::getline(in, line);
  ASSERT_EQ(line.substr(0, 17), "person_id,team,ro");
  std::map<std::string, int> per_team;
  int people = 0;
  while (std::getline(in, line)) {
    const auto a = line.find(','), b = line.find(',', a + 1);
    ASSERT_NE(b, std::string::npos) << line;
    ++per_team[line.substr(a + 1, b - a - 1)];
    ++people;
  }
  EXPECT_EQ(people, 2000);
  EXPECT_EQ(per_team.size(), 200u);
  for (const auto& [team, n] : per_team) EXPECT_EQ(n, 10) << team;
  EXPECT_EQ(per_team.count("Engineering 25"), 1u);
  const auto truth = testing_util::read_json((dir / "truth.json").string());
  EXPECT_EQ(truth["options"]["teams"], 200);
  EXPECT_EQ(truth["teams"].size(), 200u);
}

TEST(Cli, AdoptionOnlyReportFromUsageExports) {
  const std::string usage = std::string(GAPSCORE_TEST_DATA_DIR) + "/usage/";
  const auto dir = temp_dir("adoption");
  const std::string out = (dir / "report.json").string();
  const CliResult r = run("analyze --people " + usage + "people.csv --usage " + usage + "m365_user_detail_2025-03-30.csv" +
                          " --usage " + usage + "github_users.ndjson --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = testing_util::read_json(out);
  EXPECT_EQ(j["usage"]["inputs"].size(), 2u);
  EXPECT_EQ(j["usage"]["overall"]["metrics"]["population"], 24);
  EXPECT_TRUE(j["overall"]["suppressed"].get<bool>());
  const CliResult bad = run("analyze --people " + usage + "people.csv --usage " + usage + "bad_not_usage.csv");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("unknown_format"), std::string::npos) << bad.out;
  const CliResult forced = run("analyze --people " + usage + "people.csv --usage-format nonsense --usage " + usage + "github_users.ndjson");
  EXPECT_EQ(forced.exit_code, 2);
  const CliResult no_people = run("analyze --usage " + usage + "github_users.ndjson");
  EXPECT_NE(no_people.exit_code, 0);
  EXPECT_NE(no_people.out.find("need a people table"), std::string::npos) << no_people.out;
  EXPECT_NE(no_people.out.find("Viva Insights person query"), std::string::npos) << no_people.out;
  const CliResult nothing = run("analyze --group-by team");
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.out.find("adoption-only"), std::string::npos) << nothing.out;
}

TEST(Cli, PersonQueryAloneGroupedByAnHrAttribute) {
  // gapscore analyze --usage person_query.csv --group-by Organization: no people table needed.
  const auto dir = temp_dir("person-query");
  const std::string out = (dir / "report.json").string();
  const CliResult r = run("analyze --usage " + std::string(GAPSCORE_TEST_DATA_DIR) +
                          "/inputs/viva_person_query.csv --group-by Organization --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = testing_util::read_json(out);
  EXPECT_EQ(j["usage"]["inputs"][0]["format"], "viva_person_query");
  EXPECT_EQ(j["usage"]["overall"]["metrics"]["population"], 30);
  ASSERT_EQ(j["usage"]["groups"].size(), 3u);
  EXPECT_EQ(j["usage"]["groups"][0]["key"], (nlohmann::json{{"Organization", "Engineering"}}));
  EXPECT_EQ(j["usage"]["overall"]["segments"]["power_user"], 5);
}

TEST(Cli, SummaryFormatIsReadable) {
  const CliResult r = run("analyze --format summary --activity " + sample("activity.csv") + " --people " +
                          sample("people.csv"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("AI productivity gap score"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Engineering"), std::string::npos);
  // The headline states the adjusted direction and explains the reversal; both figures follow.
  EXPECT_NE(r.out.find("Headline: Comparing people in the same team and role, AI users produce"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("point the other way"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pooled:   difference -0.087"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PARADOX"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("measurably"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("diagnostics: 0 total (0 warnings)"), std::string::npos) << r.out;
  // One warning is "1 warning".
  const CliResult one = run("analyze --format summary --activity " + bad("negative_hours.csv"));
  EXPECT_NE(one.out.find("diagnostics: 1 total (1 warning)\n"), std::string::npos) << one.out;
}

TEST(Cli, SummaryWarnsNextToFiguresOnTooLittleData) {
  const auto dir = testing_util::fresh_temp_dir("cli_one_day");
  std::string csv = "person_id,date,task_type,tasks,ai_tasks,hours,quality,team\n";
  for (int p = 0; p < 60; ++p)
    for (int r = 0; r < 5; ++r)
      csv += "P" + std::to_string(100 + p) + ",2025-03-03,t,4," + (p % 2 ? "0,3" : "4,1.5") + ",0.8,T" +
             std::to_string(p % 3) + "\n";
  const std::string path = (dir / "activity.csv").string();
  std::ofstream(path) << csv;
  const CliResult r = run("analyze --format summary --activity " + path);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("Headline: Too little data"), std::string::npos) << r.out;
  const std::size_t score = r.out.find("AI productivity gap score");
  ASSERT_NE(score, std::string::npos) << r.out;
  const std::string score_line = r.out.substr(score, r.out.find('\n', score) - score);
  EXPECT_NE(score_line.find("[too little data: the activity covers fewer than 28 days"), std::string::npos) << score_line;
  EXPECT_NE(r.out.find("Too little data to compare AI users with non-users"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gapscore
