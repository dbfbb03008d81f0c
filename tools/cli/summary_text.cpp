#include "summary_text.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace gapscore::cli {

namespace {

using json = nlohmann::json;

std::string fmt(const json& v, const char* pattern = "%.3f") {
  if (v.is_null()) return "n/a";
  if (v.is_number_integer() || v.is_number_unsigned()) return std::to_string(v.get<long long>());
  if (!v.is_number()) return v.is_string() ? v.get<std::string>() : v.dump();
  char buf[64];
  std::snprintf(buf, sizeof buf, pattern, v.get<double>());
  return buf;
}

std::string key_text(const json& key) {
  std::string s;
  for (const auto& [k, v] : key.items()) {
    if (!s.empty()) s += " / ";
    s += v.is_string() ? v.get<std::string>() : v.dump();
  }
  return s.empty() ? "(all)" : s;
}

}  // namespace

std::string summary_text(const std::string& report_json) {
  const json r = json::parse(report_json, nullptr, false);
  if (r.is_discarded() || !r.is_object()) return "(report could not be read)\n";
  std::string out;
  char line[512];
  const json& s = r.value("summary", json::object());
  std::snprintf(line, sizeof line, "gapscore %s report: %s people, %s activity rows, %s .. %s\n",
                r.value("gapscore_version", "").c_str(), fmt(s.value("people", json())).c_str(),
                fmt(s.value("activity_rows", json())).c_str(), s.value("first_date", "").c_str(),
                s.value("last_date", "").c_str());
  out += line;
  for (const json& in : r.value("inputs", json::array())) {
    std::snprintf(line, sizeof line, "  input %-9s %10s rows used, %s skipped  sha256 %.16s...\n",
                  in.value("table", "").c_str(), fmt(in.value("rows_used", json())).c_str(),
                  fmt(in.value("rows_skipped", json())).c_str(), in.value("sha256", "").c_str());
    out += line;
  }
  const json& overall = r.value("overall", json::object());
  if (overall.contains("score")) {
    std::snprintf(line, sizeof line, "\nAI productivity gap score (0-100, higher = larger gap): %s\n",
                  fmt(overall["score"].value("value", json()), "%.1f").c_str());
    out += line;
  }
  if (!r.value("groups", json::array()).empty()) out += "\ngroups:\n";
  for (const json& g : r.value("groups", json::array())) {
    const json& m = g.value("metrics", json::object());
    std::string score = g.contains("score") ? fmt(g["score"].value("value", json()), "%.1f") : "n/a";
    if (g.value("suppressed", false)) {
      std::snprintf(line, sizeof line, "  %-32s suppressed (%s)\n", key_text(g.value("key", json::object())).c_str(),
                    g.value("reason", "").c_str());
    } else {
      std::snprintf(line, sizeof line, "  %-32s headcount %5s  adoption %-6s  ai share %-6s  score %s\n",
                    key_text(g.value("key", json::object())).c_str(),
                    fmt(m.value("headcount", g.value("headcount", json()))).c_str(),
                    fmt(m.value("adoption_rate", json())).c_str(), fmt(m.value("ai_task_share", json())).c_str(),
                    score.c_str());
    }
    out += line;
  }
  if (r.contains("usage") && r["usage"].is_object()) {
    const json& u = r["usage"];
    const json& id = u.value("identity", json::object());
    std::snprintf(line, sizeof line, "\nAI tool usage (telemetry, %s users matched, %s unmatched, %s days covered):\n",
                  fmt(id.value("matched", json())).c_str(), fmt(id.value("unmatched", json())).c_str(),
                  fmt(u.value("covered_days", json()), "%.0f").c_str());
    out += line;
    auto usage_line = [&](const std::string& name, const json& cell) {
      if (cell.value("suppressed", false)) {
        std::snprintf(line, sizeof line, "  %-32s suppressed (%s)\n", name.c_str(), cell.value("reason", "").c_str());
      } else {
        const json& m = cell.value("metrics", json::object());
        std::snprintf(line, sizeof line, "  %-32s people %5s  active %-6s  engaged %-5s  intensity %-6s  apps %s\n", name.c_str(),
                      fmt(m.value("population", json())).c_str(), fmt(m.value("usage_adoption_rate", json())).c_str(),
                      fmt(m.value("engaged_users", json())).c_str(), fmt(m.value("active_days_share", json())).c_str(),
                      fmt(m.value("apps_per_active_user", json()), "%.1f").c_str());
      }
      out += line;
    };
    usage_line("(all)", u.value("overall", json::object()));
    for (const json& g : u.value("groups", json::array())) usage_line(key_text(g.value("key", json::object())), g);
  }
  const json& d = r.value("diagnostics", json::object());
  std::snprintf(line, sizeof line, "\ndiagnostics: %s total (%s warnings)\n", fmt(d.value("total", json())).c_str(),
                fmt(d.value("warnings", json())).c_str());
  out += line;
  return out;
}

}  // namespace gapscore::cli
