// The report of a generated organisation's tables read by person in parallel
// shards (Shard{i, n}) and merged: shared by the property tests of parallel reading.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gapscore/session.h"
#include "test_util.h"

namespace gapscore::testing_util {

// The report of `in` read by `shards` sessions (each pushing `chunk`-byte pieces), merged.
inline std::string sharded_report(const OrgTables& in, std::uint32_t shards, std::size_t chunk, const std::string& config = "{}") {
  std::vector<Session> sessions;
  for (std::uint32_t i = 0; i < shards; ++i) {
    auto s = Session::create(config);
    EXPECT_TRUE(s.ok());
    if (!s) return {};
    for (const auto& [kind, bytes] : in.in_read_order()) {
      if (bytes->empty()) continue;
      EXPECT_TRUE(s->begin_table(kind, std::string(table_name(kind)) + ".csv", InputFormat::detect, 0, Shard{i, shards}).ok());
      for (std::size_t at = 0; at < bytes->size(); at += chunk)
        EXPECT_TRUE(s->push(std::string_view(*bytes).substr(at, chunk)).ok());
      const Status e = s->end_table();
      EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message());
    }
    sessions.push_back(std::move(s).value());
  }
  for (std::uint32_t i = 1; i < shards; ++i) {
    const Status m = sessions[0].merge(std::move(sessions[i]));
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message());
  }
  auto r = sessions[0].report();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r ? r.value() : std::string();
}

}  // namespace gapscore::testing_util
