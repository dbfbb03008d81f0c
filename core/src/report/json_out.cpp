#include "report/json_out.h"

#include <cmath>

namespace gapscore::report {

Json number_or_null(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v == 0.0 ? 0.0 : *v;  // no "-0.0" in reports
}

Json number_or_null(double v) { return number_or_null(std::optional<double>(v)); }

Json count_json(double v) {
  if (!std::isfinite(v)) return nullptr;
  return static_cast<std::int64_t>(v);
}

std::string canonical_text(const Json& j) {
  std::string s = j.dump(2, ' ', false, Json::error_handler_t::replace);
  s.push_back('\n');
  return s;
}

}  // namespace gapscore::report
