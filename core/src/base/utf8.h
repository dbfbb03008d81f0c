// Incremental UTF-8 validation (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF). Chunks may split a character anywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gapscore {

class Utf8Validator {
 public:
  // Validating from `start`, the absolute offset of the next byte fed.
  explicit Utf8Validator(std::uint64_t start = 0) : offset_(start) {}
  // Returns the absolute byte offset of the first invalid byte, if any.
  std::optional<std::uint64_t> feed(std::string_view chunk);
  // At end of input: an unfinished character is invalid.
  std::optional<std::uint64_t> finish() const;
  std::uint64_t offset() const { return offset_; }
  bool saw_nul() const { return saw_nul_; }
  // Whether a character beyond ASCII was complete before (any bad byte).
  bool saw_multibyte() const { return saw_multibyte_; }
  std::uint64_t nul_offset() const { return nul_offset_; }

 private:
  std::uint64_t offset_ = 0;      // bytes consumed so far
  int need_ = 0;                  // continuation bytes still expected
  unsigned char lo_ = 0x80, hi_ = 0xBF;  // allowed range of the next continuation byte
  std::uint64_t seq_start_ = 0;   // where the unfinished character began
  bool saw_nul_ = false;
  bool saw_multibyte_ = false;
  std::uint64_t nul_offset_ = 0;
};

bool is_valid_utf8(std::string_view text);

}  // namespace gapscore
