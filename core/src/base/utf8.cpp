#include "base/utf8.h"

#include <cstring>

namespace gapscore {

std::optional<std::uint64_t> Utf8Validator::feed(std::string_view chunk) {
  const auto* p = reinterpret_cast<const unsigned char*>(chunk.data());
  const std::size_t n = chunk.size();
  std::size_t i = 0;
  while (i < n) {
    if (need_ == 0) {
      // Fast path: 8 ASCII bytes at a time (no high bit, checked for NUL below).
      while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL) break;
        // A zero byte inside w: classic has-zero-byte trick.
        if (((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0) break;
        i += 8;
      }
      if (i >= n) break;
      const unsigned char c = p[i];
      if (c < 0x80) {
        if (c == 0 && !saw_nul_) {
          saw_nul_ = true;
          nul_offset_ = offset_ + i;
        }
        ++i;
        continue;
      }
      seq_start_ = offset_ + i;
      lo_ = 0x80;
      hi_ = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need_ = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need_ = 2;
        if (c == 0xE0) lo_ = 0xA0;  // no overlongs
        if (c == 0xED) hi_ = 0x9F;  // no surrogates
      } else if (c >= 0xF0 && c <= 0xF4) {
        need_ = 3;
        if (c == 0xF0) lo_ = 0x90;
        if (c == 0xF4) hi_ = 0x8F;  // <= U+10FFFF
      } else {
        offset_ += i;
        return offset_;
      }
      ++i;
    } else {
      const unsigned char c = p[i];
      if (c < lo_ || c > hi_) {
        offset_ += i;
        return offset_;
      }
      lo_ = 0x80;
      hi_ = 0xBF;
      saw_multibyte_ = saw_multibyte_ || need_ == 1;
      --need_;
      ++i;
    }
  }
  offset_ += n;
  return std::nullopt;
}

std::optional<std::uint64_t> Utf8Validator::finish() const {
  if (need_ != 0) return seq_start_;
  return std::nullopt;
}

bool is_valid_utf8(std::string_view text) {
  Utf8Validator v;
  return !v.feed(text) && !v.finish();
}

}  // namespace gapscore
