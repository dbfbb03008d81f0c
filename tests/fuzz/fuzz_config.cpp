// The fuzzed bytes as the JSON config (Session::create); when accepted, a small
// fixed dataset (tests/fuzz/fixed/: activity and people) -> report.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  auto a = Session::create(gapscore_fuzz::as_text(data, size));
  gapscore_fuzz::check_error_has_diagnostic(a);
  if (!a) return 0;
  // Fixed tables can still fail under a config (strict mode, column mappings).
  if (!gapscore_fuzz::add_table(*a, TableKind::activity, gapscore_fuzz::fixed_activity_csv(), InputFormat::csv))
    return 0;
  if (!gapscore_fuzz::add_table(*a, TableKind::people, gapscore_fuzz::fixed_people_csv(), InputFormat::csv))
    return 0;
  gapscore_fuzz::finish(*a);
  return 0;
}
