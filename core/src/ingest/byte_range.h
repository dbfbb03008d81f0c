// Reading a CSV file in byte ranges, one reader each, in parallel: where each
// reader's records begin and end. Reader i of n takes the records that start
// in [s_i, s_(i+1)), where s_i is the first line start at or after
// max(i * size / n, header end); reader 0 starts at the file's start. A line
// start inside a quoted field (a quoted newline) is a wrong guess; the reader
// before it finds out, as it reaches s_(i+1) inside a record, and the ranges
// are then read another way (Session::merge_range).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gapscore::ingest {

// The npm package's workers read by person: byte ranges are native only, and
// not compiled into the wasm build (bundle size).
#if defined(__wasm__)
inline constexpr bool kByteRanges = false;
#else
inline constexpr bool kByteRanges = true;
#endif

// Which share of the file's bytes a reader takes. `exact`: read again exactly
// [begin, end) (two record boundaries found by an earlier read of the range).
struct ByteRangeSpec {
  std::uint32_t index = 0, count = 1;
  std::uint64_t file_bytes = 0;
  bool exact = false;
  std::uint64_t begin = 0, end = 0;
  bool active() const { return count > 1 || exact; }
  // Nominal start of range i (the record start is found from it).
  std::uint64_t nominal(std::uint32_t i) const { return count == 0 ? 0 : file_bytes / count * i + file_bytes % count * i / count; }
};

// Where a range's reading ended up, for the merge to check and number rows by.
struct RangeFacts {
  std::uint64_t begin = 0, end = 0;  // the records read start in [begin, end)
  std::uint64_t next_row = 2;        // the reader's row number after its last record
  bool clean = false;                // `end` is a record boundary as this reader read the bytes
  bool usable = false;               // false: read the file another way (see why)
  std::string_view why;
};

// The end of the header line: the offset just past its line end (CRLF, LF or
// CR), quotes taken into account; nullopt until the line is complete. A
// byte-order mark and blank lines before it are part of the header line.
std::optional<std::uint64_t> header_line_end(std::string_view head);

// The first offset after a '\n' at or after `from` in bytes starting at `at`;
// nullopt when there is none in them.
std::optional<std::uint64_t> line_start_after(std::string_view bytes, std::uint64_t at, std::uint64_t from);

}  // namespace gapscore::ingest
