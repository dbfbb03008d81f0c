// The parsed report of a session over tables held in memory: the step that
// tests of what a report says share. Tables are read in the order given, an
// empty one is left out, and any step that fails fails the test, naming the
// table (the report is then null).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "gapscore/session.h"

namespace gapscore::testing_util {

struct TableText {
  TableKind kind;
  std::string_view bytes;
  std::string source = {};  // the file name the report's inputs give
};

inline nlohmann::json session_report(const nlohmann::json& config, const std::vector<TableText>& tables) {
  auto session = Session::create(config.dump());
  EXPECT_TRUE(session.ok()) << (session.ok() ? "" : session.error().message());
  if (!session.ok()) return nullptr;
  bool read = true;
  for (const TableText& t : tables) {
    if (t.bytes.empty()) continue;
    Status s = session->begin_table(t.kind, t.source);
    if (s) s = session->push(t.bytes);
    if (s) s = session->end_table();
    EXPECT_TRUE(s.ok()) << table_name(t.kind) << ": " << (s.ok() ? "" : s.error().message());
    read = read && s.ok();
  }
  if (!read) return nullptr;
  auto r = session->report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r.ok() ? nlohmann::json::parse(r.value()) : nlohmann::json(nullptr);
}

}  // namespace gapscore::testing_util
