// The fuzzed bytes as a JSON activity table (pushed in up to three chunks) -> full report.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  auto a = Session::create(gapscore_fuzz::kFastConfig);
  if (!a) __builtin_trap();
  const std::string_view text = gapscore_fuzz::as_text(data, size);
  // No sizing hint here (0 = unknown), the other path of column sizing.
  if (!gapscore_fuzz::add_table(*a, TableKind::activity, text, InputFormat::json)) return 0;
  gapscore_fuzz::finish(*a);
  return 0;
}
