// Reading input files in chunks and writing outputs, with user-facing errors.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "gapscore/status.h"

namespace gapscore::cli {

// Streams a file to `consume` in 1 MiB chunks ("-" reads standard input).
Status stream_file(const std::string& path, const std::function<Status(std::string_view)>& consume);
Result<std::string> read_file(const std::string& path);
// Writes atomically enough for a CLI: to `path`, or stdout when path is empty or "-".
Status write_output(const std::string& path, std::string_view data);

}  // namespace gapscore::cli
