// A fixed small activity CSV (tests/fuzz/fixed/activity.csv) plus the fuzzed
// bytes as a JSON people table -> report grouped by every person attribute.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  // Small groups (min_group_size 3) so that grouping by the fuzzed attributes
  // is not all suppressed away on ten people.
  auto a = Session::create(
      R"({"bootstrap":{"resamples":100},"privacy":{"min_group_size":3,"min_group_size_extremes":3},)"
      R"("group_by":["team","role","work_mode","manager_id","ai_trained"]})");
  if (!a) __builtin_trap();
  if (!gapscore_fuzz::add_table(*a, TableKind::activity, gapscore_fuzz::fixed_activity_csv(), InputFormat::csv))
    __builtin_trap();  // the fixed table is valid
  const std::string_view text = gapscore_fuzz::as_text(data, size);
  if (!gapscore_fuzz::add_table(*a, TableKind::people, text, InputFormat::json)) return 0;
  gapscore_fuzz::finish(*a);
  return 0;
}
