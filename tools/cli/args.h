// A small command-line flag parser: --name value, --name=value, repeatable
// flags, boolean switches, and clear errors for unknown or missing values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gapscore::cli {

struct FlagSpec {
  std::string name;      // without dashes
  bool takes_value;
  bool repeatable;
  std::string help;
};

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> values;
  std::vector<std::string> positional;
  bool help = false;

  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  const std::vector<std::string>& all(const std::string& name) const;
};

// On error returns nullopt and sets `error` to a message for the user.
std::optional<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                     std::string& error);

std::string flags_help(const std::vector<FlagSpec>& specs);

}  // namespace gapscore::cli
