// Helpers for building report JSON: one number policy for every section.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace gapscore::report {

using Json = nlohmann::ordered_json;

// A ratio or statistic: null when undefined (never NaN/Inf in a report).
Json number_or_null(std::optional<double> v);
Json number_or_null(double v);

// A count held as a double (sums of whole numbers): printed as an integer.
Json count_json(double v);

// Canonical text: two-space indent, keys in insertion order, shortest
// round-trip number formatting (nlohmann's integer-only algorithm, the same
// in every build), trailing newline.
std::string canonical_text(const Json& j);

}  // namespace gapscore::report
