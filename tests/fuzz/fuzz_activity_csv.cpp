// The fuzzed bytes as an activity CSV table (pushed in up to three chunks) -> full report;
// and, a differential check, read again in 7-byte pieces: a record never takes
// the CSV reader's fast path (whole_plain_record) when it reaches its chunk's
// last eight bytes, so there every record takes the general path. Both
// readings must fail the same way or give byte-identical reports and summaries.
#include "fuzz_common.h"

namespace {

struct Reading {
  gapscore::Status table;                 // begin, pushes, end
  gapscore::Result<std::string> report;  // made only when the table was read
  std::string validation;
};

Reading read(std::string_view text, std::size_t piece) {
  using namespace gapscore;
  auto a = Session::create(gapscore_fuzz::kFastConfig);
  if (!a) __builtin_trap();
  // The CLI passes the file size as the sizing hint: so does this target.
  Reading r{gapscore_fuzz::add_table(*a, TableKind::activity, text, InputFormat::csv, text.size(), piece), Error{}, {}};
  if (r.table) {
    r.report = a->report();
    gapscore_fuzz::check_report(r.report);
  }
  r.validation = a->validation_report();
  if (r.validation.empty() || r.validation.front() != '{') __builtin_trap();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = gapscore_fuzz::as_text(data, size);
  const Reading chunks = read(text, 0), pieces = read(text, 7);
  if (!gapscore_fuzz::same_result(chunks.table, pieces.table) || !gapscore_fuzz::same_result(chunks.report, pieces.report) ||
      chunks.validation != pieces.validation)
    __builtin_trap();
  return 0;
}
