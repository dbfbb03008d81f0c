#include "ingest/windows_1252.h"

#include <algorithm>
#include <array>

namespace gapscore::ingest {
namespace {

// The code points of bytes 0x80-0x9F (WHATWG index-windows-1252); 0xA0-0xFF
// are U+00A0-U+00FF.
constexpr std::array<std::uint16_t, 32> kHigh = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// Appends code point c (< 0x10000) as UTF-8; returns the bytes added beyond one.
std::uint64_t append_utf8(std::string& out, std::uint32_t c) {
  if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    return 1;
  }
  out.push_back(static_cast<char>(0xE0 | (c >> 12)));
  out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  return 2;
}

// Whether `s` starts with a two- or three-byte UTF-8 character (no overlongs
// or surrogates).
bool reads_as_utf8(std::string_view s) {
  const auto at = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  const auto cont = [](unsigned c) { return c >= 0x80 && c <= 0xBF; };
  const unsigned b = at(0);
  if (b >= 0xC2 && b <= 0xDF) return cont(at(1));
  if (b == 0xE0) return at(1) >= 0xA0 && at(1) <= 0xBF && cont(at(2));
  if (b == 0xED) return at(1) >= 0x80 && at(1) <= 0x9F && cont(at(2));
  if (b >= 0xE1 && b <= 0xEF) return cont(at(1)) && cont(at(2));
  return false;
}

}  // namespace

std::string_view Windows1252Text::decode(std::string_view chunk) {
  text_.clear();
  text_.reserve(chunk.size() + chunk.size() / 8);
  std::size_t i = 0;
  while (i < chunk.size()) {
    // ASCII runs are copied as they are.
    const auto run_end = std::find_if(chunk.begin() + static_cast<std::ptrdiff_t>(i), chunk.end(),
                                      [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
    const auto run = static_cast<std::size_t>(run_end - chunk.begin()) - i;
    text_.append(chunk.substr(i, run));
    i += run;
    if (i == chunk.size()) break;
    if (!utf8_like_at_ && reads_as_utf8(chunk.substr(i))) utf8_like_at_ = input_bytes_ + i;
    const auto b = static_cast<unsigned char>(chunk[i++]);
    added_total_ += append_utf8(text_, b < 0xA0 ? kHigh[b - 0x80] : b);
    marks_.emplace_back(utf8_bytes_ + text_.size(), added_total_);
  }
  utf8_bytes_ += text_.size();
  input_bytes_ += chunk.size();
  return text_;
}

std::uint64_t Windows1252Text::input_offset(std::uint64_t utf8_offset) const {
  // The last mark at or before the offset.
  const auto after = std::upper_bound(marks_.begin(), marks_.end(), utf8_offset,
                                      [](std::uint64_t at, const auto& m) { return at < m.first; });
  return utf8_offset - (after == marks_.begin() ? added_ : std::prev(after)->second);
}

void Windows1252Text::forget_before(std::uint64_t utf8_offset) {
  while (!marks_.empty() && marks_.front().first <= utf8_offset) {
    added_ = marks_.front().second;
    marks_.pop_front();
  }
}

}  // namespace gapscore::ingest
