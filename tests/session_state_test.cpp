// A session keeps what it read: re-analysis with new settings without reading
// again, and saved states (docs/partial-state.md) that load back to the same
// report; corrupt, truncated and foreign states are refused with a clear error.
#include <gtest/gtest.h>

#include <string>

#include "base/byte_codec.h"
#include "base/sha256.h"
#include "gapscore/session.h"
#include "test_util.h"

namespace gapscore {
namespace {

std::string sample(const char* table) {
  return testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/" + table + ".csv");
}

Session read_sample(const std::string& config, Shard shard = {}, bool keep_table_bytes = true) {
  auto s = Session::create(config);
  EXPECT_TRUE(s.ok());
  s->keep_table_bytes(keep_table_bytes);
  for (const char* t : {"people", "playbook", "surveys", "activity"}) {
    EXPECT_TRUE(s->begin_table(*table_kind_from_name(t), std::string(t) + ".csv", InputFormat::detect, 0, shard).ok());
    EXPECT_TRUE(s->push(sample(t)).ok());
    EXPECT_TRUE(s->end_table().ok());
  }
  return std::move(s).value();
}

std::string report_of(Session& s) {
  auto r = s.report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r ? r.value() : std::string();
}

TEST(Reanalysis, NewGroupingGivesTheSameBytesAsReadingAgain) {
  Session s = read_sample("{}");
  const std::string by_team = report_of(s);
  ASSERT_TRUE(s.configure(R"({"group_by": ["role"], "privacy": {"min_group_size": 6}})").ok());
  const std::string by_role = report_of(s);
  Session fresh = read_sample(R"({"group_by": ["role"], "privacy": {"min_group_size": 6}})");
  EXPECT_EQ(by_role, report_of(fresh));
  EXPECT_NE(by_role, by_team);
  // And back: nothing of the second report leaks into the third.
  ASSERT_TRUE(s.configure("{}").ok());
  EXPECT_EQ(report_of(s), by_team);
}

TEST(Reanalysis, SettingsThatChangeHowInputsAreReadAreRefused) {
  Session s = read_sample("{}");
  for (const char* config : {R"({"period": "month"})", R"({"window": {"start": "2025-02-01"}})", R"({"mode": "strict"})"}) {
    const Status st = s.configure(config);
    ASSERT_FALSE(st.ok()) << config;
    EXPECT_EQ(st.error().code(), DiagCode::config_needs_reread) << config;
  }
  EXPECT_FALSE(report_of(s).empty());  // the session is still usable
}

TEST(SavedState, LoadsBackToTheSameReport) {
  Session s = read_sample("{}");
  auto state = s.save_state();
  ASSERT_TRUE(state.ok()) << state.error().message();
  const std::string direct = report_of(s);
  auto loaded = Session::load_state(*state, "{}");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_EQ(report_of(*loaded), direct);
  // A loaded state can be analysed differently, like the session it came from.
  auto by_role = Session::load_state(*state, R"({"group_by": ["role"]})");
  ASSERT_TRUE(by_role.ok());
  Session fresh = read_sample(R"({"group_by": ["role"]})");
  EXPECT_EQ(report_of(*by_role), report_of(fresh));
}

// The CLI's analyze keeps no table bytes (it never saves): the same report,
// and a save or copy that would need them says why it cannot.
TEST(SavedState, ASessionThatKeepsNoTableBytesReportsTheSameAndRefusesToSave) {
  Session keeping = read_sample("{}");
  Session lean = read_sample("{}", {}, false);
  // A handoff carries no table bytes: it still works.
  EXPECT_TRUE(lean.save_state(Session::StateUse::handoff).ok());
  auto state = lean.save_state();
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().code(), DiagCode::invalid_argument);
  EXPECT_NE(state.error().message().find("people table's bytes were not kept"), std::string::npos) << state.error().message();
  auto copy = lean.empty_copy();
  ASSERT_FALSE(copy.ok());
  EXPECT_NE(copy.error().message().find("bytes were not kept"), std::string::npos) << copy.error().message();
  EXPECT_EQ(report_of(lean), report_of(keeping));
}

TEST(SavedState, ShardsTravelAsStatesAndMergeToTheSameReport) {
  Session whole = read_sample("{}");
  const std::string one = report_of(whole);
  Session first = read_sample("{}", Shard{0, 3});
  for (std::uint32_t i = 1; i < 3; ++i) {
    Session other = read_sample("{}", Shard{i, 3});
    auto bytes = other.save_state();
    ASSERT_TRUE(bytes.ok());
    auto back = Session::load_state(*bytes, "{}");
    ASSERT_TRUE(back.ok()) << back.error().message();
    ASSERT_TRUE(first.merge(std::move(back).value()).ok());
  }
  EXPECT_EQ(report_of(first), one);
}

// A helper's shard handed to the reader that merges it carries no checksum
// (its last 32 bytes are zeros, not checked) and not the other tables' bytes,
// which that reader read too: a file's bytes less those.
TEST(SavedState, AHandoffStateSkipsTheChecksumAndDoesNotLoadAsAFile) {
  Session whole = read_sample("{}");
  const std::string one = report_of(whole);
  Session first = read_sample("{}", Shard{0, 2});
  Session second = read_sample("{}", Shard{1, 2});
  const std::string file = second.save_state().value();
  const std::string handoff = second.save_state(Session::StateUse::handoff).value();
  std::size_t other_tables = 0;
  for (const char* table : {"people", "surveys", "playbook"}) other_tables += 4 + sample(table).size();
  ASSERT_EQ(handoff.size(), file.size() - other_tables);
  EXPECT_EQ(handoff.substr(handoff.size() - 32), std::string(32, '\0'));
  auto as_file = Session::load_state(handoff, "{}");
  ASSERT_FALSE(as_file.ok());
  EXPECT_EQ(as_file.error().code(), DiagCode::invalid_json);
  auto back = Session::load_state(handoff, "{}", Session::StateUse::handoff);
  ASSERT_TRUE(back.ok()) << back.error().message();
  ASSERT_TRUE(first.merge(std::move(back).value()).ok());
  EXPECT_EQ(report_of(first), one);
}

TEST(SavedState, CorruptTruncatedForeignAndMismatchedStatesAreRefused) {
  Session s = read_sample("{}");
  const std::string state = s.save_state().value();
  auto refused = [](std::string_view bytes, const char* config = "{}") {
    auto r = Session::load_state(bytes, config);
    EXPECT_FALSE(r.ok());
    return r.ok() ? DiagCode::internal_error : r.error().code();
  };
  std::string flipped = state;
  flipped[flipped.size() / 2] ^= 0x40;
  EXPECT_EQ(refused(flipped), DiagCode::invalid_json);                                  // checksum
  EXPECT_EQ(refused(std::string_view(state).substr(0, state.size() - 100)), DiagCode::invalid_json);
  EXPECT_EQ(refused("not a state"), DiagCode::unknown_format);
  EXPECT_EQ(refused(""), DiagCode::unknown_format);
  EXPECT_EQ(refused(state, R"({"period": "month"})"), DiagCode::config_needs_reread);
  // Another engine version, with a valid checksum.
  std::string foreign = state.substr(0, state.size() - 32);
  const std::size_t at = foreign.find(std::string(engine_version()));
  ASSERT_NE(at, std::string::npos);
  foreign.replace(at, engine_version().size(), std::string(engine_version().size(), '9'));
  const auto digest = sha256(foreign);
  foreign.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  auto r = Session::load_state(foreign, "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), DiagCode::unknown_format);
  EXPECT_NE(r.error().message().find("made by gapscore"), std::string::npos) << r.error().message();
  // Format 3 (the layout of 4; people were shared out among readers by
  // another hash): a whole state still loads, a shard is refused.
  auto as_format = [](std::string bytes, std::uint32_t format) {
    bytes.resize(bytes.size() - 32);
    for (int b = 0; b < 4; ++b) bytes[8 + static_cast<std::size_t>(b)] = static_cast<char>(format >> (8 * b));
    const auto checksum = sha256(bytes);
    bytes.append(reinterpret_cast<const char*>(checksum.data()), checksum.size());
    return bytes;
  };
  auto whole_3 = Session::load_state(as_format(state, 3), "{}");
  ASSERT_TRUE(whole_3.ok()) << whole_3.error().message();
  EXPECT_EQ(report_of(*whole_3), report_of(s));
  const std::string shard_state = read_sample("{}", Shard{1, 2}).save_state().value();
  ASSERT_TRUE(Session::load_state(shard_state, "{}").ok());
  EXPECT_EQ(refused(as_format(shard_state, 3)), DiagCode::unknown_format);
  EXPECT_EQ(refused(as_format(state, 2)), DiagCode::unknown_format);
  // Every truncation point fails cleanly (no crash, no hang).
  for (std::size_t n = 0; n < state.size(); n += 997) EXPECT_FALSE(Session::load_state(state.substr(0, n), "{}").ok());
}

}  // namespace
}  // namespace gapscore
