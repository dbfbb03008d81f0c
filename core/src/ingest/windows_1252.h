// Windows-1252 input read as UTF-8: Excel's "CSV (Comma delimited)" on a
// Windows machine in Western Europe or the Americas writes this code page, not
// UTF-8. Decoded as the WHATWG Encoding Standard decodes "windows-1252" (what
// browsers and TextDecoder do; "latin1" and "iso-8859-1" name it too): every
// byte is a character, 0x80-0x9F the code page's (the five it leaves out as
// the C1 controls of the same number).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace gapscore::ingest {

class Windows1252Text {
 public:
  // The next chunk of input as UTF-8 (a view valid until the next call).
  std::string_view decode(std::string_view chunk);
  // The input offset of `utf8_offset`, a character's start in the UTF-8 text
  // so far, at or after the last forget_before(); error messages name bytes
  // of the file as it is.
  std::uint64_t input_offset(std::uint64_t utf8_offset) const;
  // Offsets before `utf8_offset` will not be asked again (memory: one entry
  // per non-ASCII character still remembered).
  void forget_before(std::uint64_t utf8_offset);
  // The input offset of the first two or three bytes that read as one UTF-8
  // character ("é" as C3 A9, which Windows-1252 reads as "Ã©"): a sign that
  // the file, or part of it, is UTF-8 after all. Pairs split across chunks are
  // not looked at.
  std::optional<std::uint64_t> utf8_like_at() const { return utf8_like_at_; }

 private:
  std::string text_;
  std::uint64_t utf8_bytes_ = 0;  // UTF-8 bytes written so far
  // After each non-ASCII character: (its end in the UTF-8 text, UTF-8 bytes
  // added by then over the input's), in order; before the first of them, `added_`.
  std::deque<std::pair<std::uint64_t, std::uint64_t>> marks_;
  std::uint64_t added_ = 0;
  std::uint64_t added_total_ = 0;
  std::uint64_t input_bytes_ = 0;
  std::optional<std::uint64_t> utf8_like_at_;
};

}  // namespace gapscore::ingest
