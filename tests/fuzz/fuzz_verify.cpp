// The fuzzed bytes as a report JSON -> gapscore::verify_report against a fixed
// input set (tests/fuzz/fixed/: activity and people, salt "f022f022f022f022f022f022f022f022").
// The seeds are real reports of those inputs (tests/fuzz/make_verify_seeds.sh),
// so mutations get past the digest check into config re-creation, the
// recomputation and the report comparison.
#include <vector>

#include "fuzz_common.h"
#include "gapscore/verify.h"

namespace {

gapscore::VerifyInput fixed_input(gapscore::TableKind kind, const char* name, const std::string& text) {
  return {kind, name, [&text](const gapscore::ByteSink& sink) -> gapscore::Status {
            // Two chunks, as a file reader would give them.
            const std::string_view all(text);
            const std::size_t half = all.size() / 2;
            if (gapscore::Status s = sink(all.substr(0, half)); !s) return s;
            return sink(all.substr(half));
          },
          ""};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  static const std::vector<VerifyInput> inputs = {
      fixed_input(TableKind::activity, "activity.csv", gapscore_fuzz::fixed_activity_csv()),
      fixed_input(TableKind::people, "people.csv", gapscore_fuzz::fixed_people_csv()),
  };
  VerifyOptions options;
  options.salt = "f022f022f022f022f022f022f022f022";
  const std::string_view text = gapscore_fuzz::as_text(data, size);
  const VerifyOutcome o = verify_report(text, inputs, options);

  if (static_cast<int>(o.verdict) > static_cast<int>(VerifyVerdict::cannot_verify)) __builtin_trap();
  if (o.headline.empty()) __builtin_trap();
  if (o.verdict == VerifyVerdict::identical && o.recomputed != text) __builtin_trap();
  if (o.verdict == VerifyVerdict::different && !o.difference) __builtin_trap();
  return 0;
}
