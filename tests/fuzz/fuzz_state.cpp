// The fuzzed bytes as a saved partial state (.gsp, docs/partial-state.md),
// twice: as given (the checksum guards the body), and with a valid SHA-256
// appended, so that mutations get past the checksum into the reader. A state
// that loads is reported, saved again, and merged with a state of the fixed
// tables (tests/fuzz/fixed/), in both directions.
#include <array>

#include "fuzz_common.h"
#include "gapscore/inputs.h"

namespace {

std::string with_checksum(std::string_view body) {
  const std::string hex = gapscore::sha256_hex(body);
  std::string out(body);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return out;
}

// A state of the fixed activity (one file) and people, made once.
const std::string& fixed_state() {
  static const std::string state = [] {
    auto a = gapscore::Session::create("{}");
    if (!a) __builtin_trap();
    if (!gapscore_fuzz::add_table(*a, gapscore::TableKind::people, gapscore_fuzz::fixed_people_csv(), gapscore::InputFormat::csv))
      __builtin_trap();
    if (!gapscore_fuzz::add_table(*a, gapscore::TableKind::activity, gapscore_fuzz::fixed_activity_csv(), gapscore::InputFormat::csv))
      __builtin_trap();
    auto s = a->save_state();
    if (!s) __builtin_trap();
    return s.value();
  }();
  return state;
}

void exercise(std::string_view bytes) {
  using namespace gapscore;
  auto loaded = Session::load_state(bytes, gapscore_fuzz::kFastConfig);
  gapscore_fuzz::check_error_has_diagnostic(loaded);
  if (!loaded) return;
  // Saved again, it loads again.
  auto again = loaded->save_state();
  gapscore_fuzz::check_error_has_diagnostic(again);
  if (again && !Session::load_state(again.value(), gapscore_fuzz::kFastConfig)) __builtin_trap();
  for (int direction = 0; direction < 2; ++direction) {
    auto mine = Session::load_state(bytes, gapscore_fuzz::kFastConfig);
    auto fixed = Session::load_state(fixed_state(), gapscore_fuzz::kFastConfig);
    if (!mine || !fixed) __builtin_trap();
    Session& into = direction == 0 ? *mine : *fixed;
    Session& from = direction == 0 ? *fixed : *mine;
    const Status m = into.merge(std::move(from));
    gapscore_fuzz::check_error_has_diagnostic(m);
    if (m) gapscore_fuzz::check_report(into.report());
  }
  gapscore_fuzz::finish(*loaded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = gapscore_fuzz::as_text(data, size);
  exercise(bytes);
  exercise(with_checksum(bytes));
  return 0;
}
