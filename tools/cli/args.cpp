#include "args.h"

#include <algorithm>

namespace gapscore::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  const auto it = values.find(name);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

const std::vector<std::string>& ParsedArgs::all(const std::string& name) const {
  static const std::vector<std::string> kNone;
  const auto it = values.find(name);
  return it == values.end() ? kNone : it->second;
}

std::optional<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                     std::string& error) {
  ParsedArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      out.help = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      out.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool inline_value = false;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const auto spec = std::find_if(specs.begin(), specs.end(), [&](const FlagSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      error = "unknown option --" + name;
      return std::nullopt;
    }
    if (spec->takes_value) {
      if (!inline_value) {
        if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
          error = "option --" + name + " needs a value";
          return std::nullopt;
        }
        value = args[++i];
      }
    } else if (inline_value) {
      error = "option --" + name + " does not take a value";
      return std::nullopt;
    }
    auto& slot = out.values[name];
    if (!slot.empty() && !spec->repeatable) {
      error = "option --" + name + " given twice";
      return std::nullopt;
    }
    slot.push_back(value);
  }
  return out;
}

std::string flags_help(const std::vector<FlagSpec>& specs) {
  std::string s;
  for (const FlagSpec& f : specs) {
    std::string left = "  --" + f.name + (f.takes_value ? " VALUE" : "");
    if (left.size() < 26) left.resize(26, ' ');
    else left += "  ";
    s += left + f.help + "\n";
  }
  return s;
}

}  // namespace gapscore::cli
