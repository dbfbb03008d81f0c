#include "ingest/byte_range.h"

#include <cstring>

namespace gapscore::ingest {

std::optional<std::uint64_t> header_line_end(std::string_view head) {
  // Blank lines (empty, or only spaces and tabs) before the header are blank
  // lines to the CSV reader, which takes the first line with text (after a
  // byte-order mark) as the header.
  std::size_t i = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (;;) {
    std::size_t j = i;
    while (j < head.size() && (head[j] == ' ' || head[j] == '\t')) ++j;
    if (j == head.size()) return std::nullopt;  // the line may go on
    if (head[j] != '\n' && head[j] != '\r') break;
    if (head[j] == '\r' && j + 1 == head.size()) return std::nullopt;  // a CRLF may be split
    i = j + (head[j] == '\r' && head[j + 1] == '\n' ? 2 : 1);
  }
  bool in_quotes = false;
  for (; i < head.size(); ++i) {
    const char c = head[i];
    if (c == '"') {
      in_quotes = !in_quotes;
    } else if (!in_quotes && c == '\n') {
      return i + 1;
    } else if (!in_quotes && c == '\r') {
      if (i + 1 == head.size()) return std::nullopt;  // a CRLF may be split: wait for the next byte
      return head[i + 1] == '\n' ? i + 2 : i + 1;
    }
  }
  return std::nullopt;
}

std::optional<std::uint64_t> line_start_after(std::string_view bytes, std::uint64_t at, std::uint64_t from) {
  const std::uint64_t end = at + bytes.size();
  if (from >= end) return std::nullopt;
  const auto start = static_cast<std::size_t>(from > at ? from - at : 0);  // below bytes.size()
  const void* nl = std::memchr(bytes.data() + start, '\n', bytes.size() - start);
  if (!nl) return std::nullopt;
  return at + static_cast<std::uint64_t>(static_cast<const char*>(nl) - bytes.data()) + 1;
}

}  // namespace gapscore::ingest
