// Reading input files in chunks and writing outputs, with user-facing errors.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <vector>
#include <string>
#include <string_view>

#include "gapscore/status.h"

namespace gapscore::cli {

// Streams a file to `consume` in 1 MiB chunks ("-" reads standard input).
Status stream_file(const std::string& path, const std::function<Status(std::string_view)>& consume);
Result<std::string> read_file(const std::string& path);

// A file's bytes at any offset, 1 MiB at a time (Session::pull), through one
// open handle; empty at the end.
class FileChunks {
 public:
  explicit FileChunks(std::string path);
  ~FileChunks();
  FileChunks(const FileChunks&) = delete;
  FileChunks& operator=(const FileChunks&) = delete;
  Status read(std::uint64_t offset, std::string_view& chunk);  // valid until the next read

 private:
  std::string path_;
  std::vector<char> buffer_;
  std::FILE* file_ = nullptr;
};
// Writes atomically enough for a CLI: to `path`, or stdout when path is empty or "-".
Status write_output(const std::string& path, std::string_view data);

}  // namespace gapscore::cli
