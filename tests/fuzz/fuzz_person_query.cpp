// The fuzzed bytes as a Viva Insights person query (Session::add_usage with
// UsageFormat::viva_person_query), alone: an adoption-only report over the
// people it lists, grouped by one of its HR attributes. Exercises the two-pass
// reader (MetricDate format detection, NA vs 0, attributes vs metrics), the
// people it adds without a people table, and usage segments.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  const std::string_view text = gapscore_fuzz::as_text(data, size);
  auto a = Session::create(R"({"bootstrap": {"resamples": 100}, "group_by": ["Organization"],
                               "privacy": {"min_group_size": 3}})");
  if (!a) __builtin_trap();
  Status s = a->add_usage(text, "fuzz", UsageFormat::viva_person_query);
  gapscore_fuzz::check_error_has_diagnostic(s);
  if (!s) return 0;
  gapscore_fuzz::finish(*a);
  return 0;
}
