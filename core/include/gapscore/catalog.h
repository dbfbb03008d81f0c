// The metric catalog: every figure in the report is defined here once (name,
// label, unit, formula, description, inputs it needs). The report, the CLI's
// `gapscore metrics`, the npm package's metrics() and docs/metrics.md all
// come from this list.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gapscore {

enum class MetricSection : std::uint8_t {
  group_metric,     // report: groups[].metrics, overall.metrics, trends
  uniformity,       // report: uniformity.across_groups.<metric>.<stat>, groups[].metrics.within_gini
  gap,              // report: groups[].gap, overall.gap
  score_component,  // report: groups[].score.components
  score,            // report: groups[].score.value
  usage_metric,     // report: usage.groups[].metrics, usage.overall.metrics (from AI-usage exports)
};

const char* metric_section_name(MetricSection s);

struct MetricDef {
  std::string_view name;         // snake_case report key
  std::string_view label;        // the metric in words, as texts name it ("adoption rate"); lower case but names
  MetricSection section;
  std::string_view unit;         // "share", "hours", "tasks/hour", "people", "score 0-100" ...
  std::string_view formula;      // exact definition
  std::string_view description;  // what it tells HR
  std::string_view needs;        // inputs beyond the required activity columns ("" = none)
};

std::span<const MetricDef> metric_catalog();
const MetricDef* find_metric(std::string_view name);
// The metric's label; a name not in the catalog comes back with '_' as spaces,
// so no text ever shows a snake_case key.
std::string metric_label(std::string_view name);

// The catalog as canonical JSON (array of objects) and as Markdown (docs/metrics.md).
std::string catalog_json();
std::string catalog_markdown();

}  // namespace gapscore
