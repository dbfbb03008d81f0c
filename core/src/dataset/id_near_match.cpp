#include "dataset/id_near_match.h"

#include <string>
#include <unordered_map>

#include "base/ascii_case.h"

namespace gapscore {
namespace {

// An all-digit id without its leading zeros ("007" is "7", "000" is "0"); other ids as they are.
std::string_view without_leading_zeros(std::string_view id) {
  if (id.empty() || id.find_first_not_of("0123456789") != std::string_view::npos) return id;
  const std::size_t first = id.find_first_not_of('0');
  return first == std::string_view::npos ? id.substr(id.size() - 1) : id.substr(first);
}

struct Kind {
  const char* how;   // "when letter case is ignored"
  const char* hint;  // what to do
};

// One warning: how many match, one example pair (ids name people: redacted unless individual output is on).
void note(DiagnosticLog& log, std::uint64_t count, std::string_view example, std::string_view there, const Kind& kind) {
  if (count == 0) return;
  Diagnostic d = make_diagnostic(
      DiagCode::person_id_near_match,
      "activity: " + std::to_string(count) + (count == 1 ? " person" : " people") +
          " missing from the people table match a people-table id " + kind.how + " (\"" +
          clip_for_diagnostic(std::string(example)) + "\" and \"" + clip_for_diagnostic(std::string(there)) +
          "\"); ids are compared exactly, so they are (unassigned): " + kind.hint,
      "activity", 0, "person_id", std::string(example));
  d.names_person = true;
  log.add(std::move(d));
}

}  // namespace

void note_id_near_matches(const std::vector<const PersonInfo*>& missing, const std::vector<std::string_view>& people_ids,
                          DiagnosticLog& log) {
  if (missing.empty()) return;
  std::unordered_map<std::string, std::string_view> by_case;
  std::unordered_map<std::string_view, std::string_view> by_digits;
  for (std::string_view id : people_ids) {
    by_case.emplace(ascii_lower(id), id);
    by_digits.emplace(without_leading_zeros(id), id);
  }
  std::uint64_t case_count = 0, zeros_count = 0;
  std::string_view case_example, case_there, zeros_example, zeros_there;
  // The example is the smallest id of its kind, whatever order the people came in.
  for (const PersonInfo* p : missing) {
    if (const auto it = by_case.find(ascii_lower(p->id)); it != by_case.end()) {
      if (case_count++ == 0 || p->id < case_example) case_example = p->id, case_there = it->second;
    } else if (const auto z = by_digits.find(without_leading_zeros(p->id)); z != by_digits.end()) {
      if (zeros_count++ == 0 || p->id < zeros_example) zeros_example = p->id, zeros_there = z->second;
    }
  }
  note(log, case_count, case_example, case_there,
       {"when letter case is ignored", "write each id one way in both tables"});
  note(log, zeros_count, zeros_example, zeros_there,
       {"when leading zeros are ignored",
        "a spreadsheet may have dropped them; keep the person_id column as text in both tables"});
}

}  // namespace gapscore
