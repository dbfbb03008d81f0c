// Little-endian binary writing and bounds-checked reading, for saved states.
// A reader never reads past its input: every read reports failure instead,
// so a truncated or corrupt file becomes an error, never a crash.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace gapscore {

// A writer that only counts (ByteWriter::counting()) gives the exact size
// first, so the real one allocates once: a growing string would leave every
// smaller buffer behind in a wasm heap, which never shrinks. Bytes are written
// through a pointer into room made ahead (no per-byte capacity check).
class ByteWriter {
 public:
  ByteWriter() = default;
  static ByteWriter counting() {
    ByteWriter w;
    w.counting_ = true;
    return w;
  }
  std::size_t size() const { return size_; }
  void reserve(std::size_t n) {
    if (!counting_) out_.reserve(n);
  }

  void u8(std::uint8_t v) {
    if (char* p = room(1)) *p = static_cast<char>(v);
  }
  void u32(std::uint32_t v) { put(v, 4); }
  void u64(std::uint64_t v) { put(v, 8); }
  void i32(std::int32_t v) { put(static_cast<std::uint32_t>(v), 4); }
  void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
  // LEB128: 7 bits a byte, low first; most sums and codes are small.
  void var(std::uint64_t v) {
    char buf[10];
    std::size_t n = 0;
    while (v >= 0x80) {
      buf[n++] = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    buf[n++] = static_cast<char>(v);
    if (char* p = room(n)) std::memcpy(p, buf, n);
  }
  // Signed, zigzag-mapped first (-1 -> 1, 1 -> 2) so small negatives stay short.
  void zig(std::int64_t v) { var((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
  void text(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    raw(s);
  }
  void raw(std::string_view s) {
    if (char* p = room(s.size()); p && !s.empty()) std::memcpy(p, s.data(), s.size());
  }
  // The bytes written (a counting writer keeps none).
  std::string& bytes() {
    if (!counting_) out_.resize(size_);
    return out_;
  }

 private:
  // Where the next n bytes go (null when counting).
  char* room(std::size_t n) {
    const std::size_t at = size_;
    size_ += n;
    if (counting_) return nullptr;
    if (size_ > out_.size()) grow();
    return out_.data() + at;
  }
  [[gnu::noinline]] void grow() {
    out_.resize(size_ <= out_.capacity() ? out_.capacity() : std::max(size_, 2 * out_.size()));
  }
  void put(std::uint64_t v, int n) {
    if (char* p = room(static_cast<std::size_t>(n)))
      for (int i = 0; i < n; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  }
  std::string out_;  // size_ bytes written, then room
  std::size_t size_ = 0;
  bool counting_ = false;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  std::size_t remaining() const { return in_.size() - at_; }
  std::size_t position() const { return at_; }

  std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
  std::uint64_t u64() { return get(8); }
  std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(get(4))); }
  std::int64_t i64() { return static_cast<std::int64_t>(get(8)); }
  // ByteWriter::var / zig. More than 10 bytes, or bits past 64, is corruption.
  std::uint64_t var() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!ok_ || at_ >= in_.size()) break;
      const auto b = static_cast<unsigned char>(in_[at_++]);
      if (shift == 63 && b > 1) break;
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
    ok_ = false;
    return 0;
  }
  std::uint32_t var32() {
    const std::uint64_t v = var();
    if (v > 0xffffffffu) ok_ = false;
    return ok_ ? static_cast<std::uint32_t>(v) : 0;
  }
  std::int64_t zig() {
    const std::uint64_t v = var();
    return static_cast<std::int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  std::string text() {
    const std::uint32_t n = u32();
    if (!ok_ || n > remaining()) return fail_text();
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  std::string_view raw(std::size_t n) {
    if (!ok_ || n > remaining()) {
      ok_ = false;
      return {};
    }
    const std::string_view s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  // A count of items each at least `min_item_bytes` long: more than the input
  // could hold is corruption (and must not make a reader allocate for it).
  std::uint32_t count(std::size_t min_item_bytes) {
    const std::uint32_t n = u32();
    if (ok_ && min_item_bytes > 0 && n > remaining() / min_item_bytes) ok_ = false;
    return ok_ ? n : 0;
  }
  void fail() { ok_ = false; }

 private:
  std::uint64_t get(int n) {
    if (!ok_ || remaining() < static_cast<std::size_t>(n)) {
      ok_ = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[at_ + i])) << (8 * i);
    at_ += static_cast<std::size_t>(n);
    return v;
  }
  std::string fail_text() {
    ok_ = false;
    return {};
  }
  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace gapscore
