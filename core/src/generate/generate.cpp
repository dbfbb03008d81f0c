// generate_dataset: validates the options, builds the organisation, then
// streams the tables and truth.json to the caller's sink in file order.
#include "gapscore/generate.h"

#include "base/date.h"
#include "base/number_text.h"
#include "generate/org_model.h"
#include "generate/writers.h"

namespace gapscore {

const char* generated_file_name(GeneratedFile f) {
  switch (f) {
    case GeneratedFile::activity: return "activity.csv";
    case GeneratedFile::people: return "people.csv";
    case GeneratedFile::surveys: return "surveys.csv";
    case GeneratedFile::playbook: return "playbook.csv";
    case GeneratedFile::truth: return "truth.json";
  }
  return "activity.csv";
}

namespace generate {

Status ChunkWriter::flush() {
  if (buf_.empty()) return Ok{};
  Status s = sink_(file_, buf_);
  buf_.clear();
  return s;
}

}  // namespace generate

namespace {

Error usage(std::string message, std::string column, std::string value) {
  return Error(make_diagnostic(DiagCode::invalid_argument, std::move(message), "usage", 0, std::move(column),
                               clip_for_diagnostic(value)));
}

}  // namespace

Status generate_dataset(const GenerateOptions& o, const std::function<Status(GeneratedFile, std::string_view)>& sink) {
  if (o.people < 1 || o.people > kMaxGeneratePeople)
    return usage("people must be between 1 and 10000000, got " + std::to_string(o.people), "people",
                 std::to_string(o.people));
  if (o.teams > o.people)
    return usage("teams must be between 1 and the number of people (" + std::to_string(o.people) + "), got " +
                     std::to_string(o.teams),
                 "teams", std::to_string(o.teams));
  if (o.days < 1 || o.days > kMaxGenerateDays)
    return usage("days must be between 1 and 3660, got " + std::to_string(o.days), "days", std::to_string(o.days));
  const auto start = parse_iso_date(o.start_date);
  if (!start)
    return usage("start date must be a real date in YYYY-MM-DD form (years 1900-2999), got \"" +
                     clip_for_diagnostic(o.start_date) + "\"",
                 "start_date", o.start_date);

  // Independent streams per table, so that a change in one table's draws
  // never shifts the values of another.
  std::uint64_t state = o.seed;
  Prng org_rng(splitmix64(state));
  Prng activity_rng(splitmix64(state));
  Prng survey_rng(splitmix64(state));
  const generate::Org org = generate::build_org(o.people, o.teams, *start, o.days, org_rng);

  generate::TableRows rows;
  {
    generate::ChunkWriter w(GeneratedFile::activity, sink);
    if (Status s = generate::write_activity(org, activity_rng, w); !s) return s;
    rows.activity = w.lines();
  }
  {
    generate::ChunkWriter w(GeneratedFile::people, sink);
    if (Status s = generate::write_people(org, w); !s) return s;
    rows.people = w.lines();
  }
  {
    generate::ChunkWriter w(GeneratedFile::surveys, sink);
    if (Status s = generate::write_surveys(org, survey_rng, w); !s) return s;
    rows.surveys = w.lines();
  }
  {
    generate::ChunkWriter w(GeneratedFile::playbook, sink);
    if (Status s = generate::write_playbook(org, w); !s) return s;
    rows.playbook = w.lines();
  }
  generate::ChunkWriter w(GeneratedFile::truth, sink);
  return generate::write_truth(org, o, rows, w);
}

}  // namespace gapscore
