// The fuzzed bytes as an AI-usage export (Session::add_usage) next to a fixed
// people table (tests/fuzz/fixed/people.csv) -> adoption-only report.
// The first byte picks the format: detect or one of the explicit formats
// (gapscore/usage_format.h); the rest is the export.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  if (size == 0) return 0;
  constexpr UsageFormat kFormats[] = {UsageFormat::detect, UsageFormat::m365_csv, UsageFormat::m365_json,
                                      UsageFormat::github_users_ndjson, UsageFormat::github_aggregate_json,
                                      UsageFormat::viva_person_query, UsageFormat::github_users_report,
                                      UsageFormat::github_org_report};
  const UsageFormat format = kFormats[data[0] % std::size(kFormats)];
  const std::string_view text = gapscore_fuzz::as_text(data + 1, size - 1);

  auto a = Session::create(gapscore_fuzz::kFastConfig);
  if (!a) __builtin_trap();
  if (!gapscore_fuzz::add_table(*a, TableKind::people, gapscore_fuzz::fixed_people_csv(), InputFormat::csv))
    __builtin_trap();  // the fixed table is valid
  Status s = a->add_usage(text, "fuzz", format);
  gapscore_fuzz::check_error_has_diagnostic(s);
  if (!s) return 0;
  gapscore_fuzz::finish(*a);
  return 0;
}
