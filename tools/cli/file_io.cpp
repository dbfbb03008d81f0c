#include "file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace gapscore::cli {

namespace {
Diagnostic io_error(const std::string& path, const std::string& what) {
  return make_diagnostic(DiagCode::io_error, "cannot " + what + " " + path + ": " + std::strerror(errno));
}
}  // namespace

Status stream_file(const std::string& path, const std::function<Status(std::string_view)>& consume) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) return Error(io_error(path, "open"));
  std::vector<char> buf(std::size_t{1} << 20);
  Status result = Ok{};
  for (;;) {
    const std::size_t n = std::fread(buf.data(), 1, buf.size(), f);
    if (n > 0) {
      result = consume(std::string_view(buf.data(), n));
      if (!result) break;
    }
    if (n < buf.size()) {
      if (std::ferror(f)) result = Error(io_error(path, "read"));
      break;
    }
  }
  if (f != stdin) std::fclose(f);
  return result;
}

FileChunks::FileChunks(std::string path) : path_(std::move(path)), file_(std::fopen(path_.c_str(), "rb")) {}

FileChunks::~FileChunks() {
  if (file_) std::fclose(file_);
}

Status FileChunks::read(std::uint64_t offset, std::string_view& chunk) {
  if (!file_) return Error(io_error(path_, "open"));
  if (fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0) return Error(io_error(path_, "read"));
  buffer_.resize(std::size_t{1} << 20);
  const std::size_t n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  if (n < buffer_.size() && std::ferror(file_)) return Error(io_error(path_, "read"));
  chunk = std::string_view(buffer_.data(), n);
  return Ok{};
}

Result<std::string> read_file(const std::string& path) {
  std::string out;
  Status s = stream_file(path, [&](std::string_view chunk) -> Status {
    out.append(chunk);
    return Ok{};
  });
  if (!s) return std::move(s).error();
  return out;
}

Status write_output(const std::string& path, std::string_view data) {
  if (path.empty() || path == "-") {
    std::fwrite(data.data(), 1, data.size(), stdout);
    std::fflush(stdout);
    return Ok{};
  }
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Error(io_error(path, "create"));
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  if (std::fclose(f) != 0 || !ok) return Error(io_error(path, "write"));
  return Ok{};
}

}  // namespace gapscore::cli
