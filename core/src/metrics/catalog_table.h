// Internal view of the catalog: each definition with its needs and, for
// group metrics, the function computing it.
#pragma once

#include <span>

#include "gapscore/catalog.h"
#include "metrics/contributors.h"
#include "metrics/group_inputs.h"

namespace gapscore::metrics {

struct CatalogEntry {
  MetricDef def;
  std::uint32_t needs;  // Need bits
  GroupMetricFn compute;  // group metrics only
  std::uint32_t contributors = everyone;  // Contributor kinds behind the figure, each held to the group-size rule
};

std::span<const CatalogEntry> catalog_entries();
const CatalogEntry* find_entry(std::string_view name, MetricSection section);

}  // namespace gapscore::metrics
