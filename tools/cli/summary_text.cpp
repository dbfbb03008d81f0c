#include "summary_text.h"

#include "effect_size_digits.h"

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

// "" when the figure rests on enough data, else the warning shown next to it
// (with its reason, or short where the reason was given above).
std::string too_little(const json& holder, bool with_reason = true) {
  const json& s = holder.value("sufficiency", json::object());
  if (s.value("verdict", "ok") == "ok") return "";
  if (!with_reason) return "  [too little data]";
  return "  [too little data: " + s.value("reason", std::string()) + "]";
}

// A long sentence folded at word boundaries, each line indented.
std::string wrapped(const std::string& text, const std::string& indent, std::size_t width = 100) {
  std::string out, line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

// Hedges' g in words' reach: never printed on the far side of a band's bound.
std::string effect_size_text(const json& g) { return g.is_number() ? effect_size_digits(g.get<double>()) : fmt(g); }

// The pooled and adjusted figures behind the gap sentence, each with its own test.
std::string gap_figures(const json& gap) {
  std::string out;
  char line[512];
  if (gap.value("difference", json()).is_null()) return out;
  std::snprintf(line, sizeof line, "    pooled:   difference %s tasks/hour, Hedges' g %s (%s)\n",
                fmt(gap["difference"], "%+.3f").c_str(), effect_size_text(gap.value("hedges_g", json())).c_str(),
                fmt(gap.value("effect_size", json())).c_str());
  out += line;
  const json& adj = gap.value("adjusted", json());
  if (adj.is_object() && adj.value("estimate", json()).is_number()) {
    std::string strata;
    for (const json& s : adj.value("strata", json::array())) strata += (strata.empty() ? "" : " x ") + s.get<std::string>();
    std::snprintf(line, sizeof line,
                  "    adjusted: %s tasks/hour within %s, Hedges' g %s (%s), 95%% interval %s to %s, p %s (HC3)%s\n",
                  fmt(adj["estimate"], "%+.3f").c_str(), strata.c_str(), effect_size_text(adj.value("hedges_g", json())).c_str(),
                  fmt(adj.value("effect_size", json())).c_str(), fmt(adj["ci_low"], "%+.3f").c_str(),
                  fmt(adj["ci_high"], "%+.3f").c_str(), fmt(adj["p_value"], "%.2g").c_str(),
                  gap.value("paradox", false) == true ? "  PARADOX: opposite to the pooled gap" : "");
    out += line;
  } else if (adj.is_object() && adj.value("reason", json()).is_string()) {
    out += wrapped("adjusted: not estimated, " + adj["reason"].get<std::string>(), "    ");
  }
  if (gap.value("note", json()).is_string()) out += wrapped("note: " + gap["note"].get<std::string>(), "    ");
  return out;
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
  const json& insights = r.value("insights", json::object());
  std::string headline_card;
  if (insights.contains("headline")) {
    const json& h = insights["headline"];
    // The headline repeats its card only when that card has enough data (else it is the warning).
    if (h.value("card", json()).is_string() && too_little(h).empty()) headline_card = h["card"].get<std::string>();
    out += "\n" + wrapped("Headline: " + h.value("text", std::string()), "", 110);
  }
  const json& overall = r.value("overall", json::object());
  if (overall.contains("score")) {
    std::snprintf(line, sizeof line, "\nAI productivity gap score (0-100, higher = larger gap): %s%s\n",
                  fmt(overall["score"].value("value", json()), "%.1f").c_str(), too_little(overall["score"]).c_str());
    out += line;
  }
  if (overall.contains("gap")) {
    out += "\nAI users vs non-users (quality-adjusted tasks per hour):\n";
    if (headline_card != "ai_gap") out += wrapped(overall["gap"].value("text", std::string()), "  ");
    if (too_little(overall["gap"]).empty()) out += gap_figures(overall["gap"]);
  }
  const json& cards = insights.value("cards", json::array());
  // The top card is the headline already.
  const std::size_t first = !cards.empty() && cards[0].value("id", "") == headline_card ? 1 : 0;
  if (cards.size() > first) {
    out += first ? "\nfurther findings, largest impact first:\n" : "\nfindings, largest impact first:\n";
    for (std::size_t i = first; i < cards.size() && i < first + 5; ++i) {
      const json& c = cards[i];
      out += wrapped("- " + c.value("title", std::string()) + ": " + c.value("text", std::string()) + too_little(c, false),
                     "  ");
    }
  }
  if (!r.value("groups", json::array()).empty()) out += "\ngroups:\n";
  for (const json& g : r.value("groups", json::array())) {
    const json& m = g.value("metrics", json::object());
    std::string score = g.contains("score") ? fmt(g["score"].value("value", json()), "%.1f") : "n/a";
    if (g.value("suppressed", false)) {
      std::snprintf(line, sizeof line, "  %-32s suppressed (%s)\n", key_text(g.value("key", json::object())).c_str(),
                    g.value("reason", "").c_str());
    } else {
      // The gap column: the adjusted estimate when there is one (like with like), else the pooled difference.
      const json& gap = g.value("gap", json::object());
      const json& adj = gap.value("adjusted", json());
      std::string gap_text = "gap n/a";
      if (adj.is_object() && adj.value("estimate", json()).is_number())
        gap_text = "gap " + fmt(adj["estimate"], "%+.3f") + " adjusted" + (gap.value("paradox", false) == true ? " (paradox)" : "");
      else if (gap.value("difference", json()).is_number())
        gap_text = "gap " + fmt(gap["difference"], "%+.3f") + " pooled";
      if (gap.value("direction", "") == "no_clear_difference") gap_text += ", unclear";
      std::snprintf(line, sizeof line, "  %-32s headcount %5s  adoption %-6s  ai share %-6s  score %-5s  %s%s\n",
                    key_text(g.value("key", json::object())).c_str(),
                    fmt(m.value("headcount", g.value("headcount", json()))).c_str(),
                    fmt(m.value("adoption_rate", json())).c_str(), fmt(m.value("ai_task_share", json())).c_str(),
                    score.c_str(), gap_text.c_str(), g.contains("score") ? too_little(g["score"], false).c_str() : "");
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
  const std::string warnings = fmt(d.value("warnings", json()));
  std::snprintf(line, sizeof line, "\ndiagnostics: %s total (%s %s)\n", fmt(d.value("total", json())).c_str(),
                warnings.c_str(), warnings == "1" ? "warning" : "warnings");
  out += line;
  return out;
}

}  // namespace gapscore::cli
