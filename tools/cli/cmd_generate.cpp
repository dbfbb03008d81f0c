// gapscore generate: a synthetic organisation with planted effects.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "commands.h"
#include "args.h"
#include "gapscore/generate.h"

namespace gapscore::cli {

namespace {
constexpr const char* kHelp =
    "usage: gapscore generate --out DIR [--people N] [--teams T] [--days D] [--seed S] [--start YYYY-MM-DD]\n"
    "\n"
    "Writes activity.csv, people.csv, surveys.csv, playbook.csv and truth.json (the planted\n"
    "effects) to DIR. The same options always produce the same bytes.\n\noptions:\n";

bool parse_uint(const std::string& s, unsigned long long& out) {
  if (s.empty() || s.size() > 19) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  out = std::strtoull(s.c_str(), nullptr, 10);
  return true;
}
}  // namespace

int run_generate(const std::vector<std::string>& argv) {
  const std::vector<FlagSpec> specs = {
      {"out", true, false, "output directory (created if missing)"},
      {"people", true, false, "number of people (default 200)"},
      {"teams", true, false, "number of teams, 1..people, people spread evenly (default: about 25 people a team)"},
      {"days", true, false, "calendar days covered (default 90)"},
      {"seed", true, false, "random seed (default 1)"},
      {"start", true, false, "first day, YYYY-MM-DD (default 2025-01-06)"},
  };
  std::string err;
  const auto args = parse_args(argv, specs, err);
  if (!args) {
    std::fprintf(stderr, "gapscore generate: %s\n\n%s%s", err.c_str(), kHelp, flags_help(specs).c_str());
    return 2;
  }
  if (args->help) {
    std::printf("%s%s", kHelp, flags_help(specs).c_str());
    return 0;
  }
  const auto out = args->get("out");
  if (!out) {
    std::fprintf(stderr, "gapscore generate: --out DIR is required\n");
    return 2;
  }
  GenerateOptions opts;
  unsigned long long v = 0;
  for (const char* name : {"people", "teams", "days", "seed"}) {
    const auto s = args->get(name);
    if (!s) continue;
    if (!parse_uint(*s, v)) {
      std::fprintf(stderr, "gapscore generate: --%s must be a whole number, got \"%s\"\n", name, s->c_str());
      return 2;
    }
    if (std::strcmp(name, "people") == 0) opts.people = static_cast<std::uint32_t>(v > 0xFFFFFFFFULL ? 0 : v);
    if (std::strcmp(name, "teams") == 0) {
      if (v == 0) {  // 0 means "the default" only inside the API
        std::fprintf(stderr, "gapscore generate: --teams must be at least 1, got \"%s\"\n", s->c_str());
        return 2;
      }
      opts.teams = static_cast<std::uint32_t>(v > 0xFFFFFFFFULL ? 0xFFFFFFFFULL : v);
    }
    if (std::strcmp(name, "days") == 0) opts.days = static_cast<std::uint32_t>(v > 0xFFFFFFFFULL ? 0 : v);
    if (std::strcmp(name, "seed") == 0) opts.seed = v;
  }
  if (auto s = args->get("start")) opts.start_date = *s;
  if (::mkdir(out->c_str(), 0755) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "gapscore generate: cannot create %s: %s\n", out->c_str(), std::strerror(errno));
    return 2;
  }
  FILE* current = nullptr;
  GeneratedFile current_kind{};
  std::string failed_path;
  const Status s = generate_dataset(opts, [&](GeneratedFile kind, std::string_view chunk) -> Status {
    if (!current || kind != current_kind) {
      if (current) std::fclose(current);
      const std::string path = *out + "/" + generated_file_name(kind);
      current = std::fopen(path.c_str(), "wb");
      current_kind = kind;
      if (!current) {
        failed_path = path;
        return Error(make_diagnostic(DiagCode::io_error, "cannot create " + path + ": " + std::strerror(errno)));
      }
    }
    if (std::fwrite(chunk.data(), 1, chunk.size(), current) != chunk.size())
      return Error(make_diagnostic(DiagCode::io_error, "write failed: " + std::string(std::strerror(errno))));
    return Ok{};
  });
  if (current && std::fclose(current) != 0 && s) {
    std::fprintf(stderr, "gapscore generate: write failed: %s\n", std::strerror(errno));
    return 2;
  }
  if (!s) {
    std::fprintf(stderr, "gapscore generate: %s\n", s.error().message().c_str());
    return 2;
  }
  std::fprintf(stderr, "generate: wrote %s/{activity,people,surveys,playbook}.csv and truth.json\n", out->c_str());
  return 0;
}

}  // namespace gapscore::cli
