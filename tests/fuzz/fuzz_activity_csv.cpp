// The fuzzed bytes as an activity CSV table (pushed in up to three chunks) -> full report.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  auto a = Session::create(gapscore_fuzz::kFastConfig);
  if (!a) __builtin_trap();
  const std::string_view text = gapscore_fuzz::as_text(data, size);
  // The CLI passes the file size as the sizing hint: so does this target.
  if (!gapscore_fuzz::add_table(*a, TableKind::activity, text, InputFormat::csv, size)) return 0;
  gapscore_fuzz::finish(*a);
  return 0;
}
