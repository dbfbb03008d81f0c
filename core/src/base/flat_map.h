// Open-addressing hash maps for the ingest hot loop: integer keys to dense
// indices, and strings (ids, task types) to dense codes. Linear probing over a
// power-of-two table at most half full; keys are never removed. Lookups are
// deterministic (no pointer or seed dependence), so codes are assigned in
// first-seen order on every platform.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace gapscore {

inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A per-process random key (base/hash_key.cpp, from getentropy), so that an
// upload cannot be crafted to make all its ids collide. Results never depend on
// it: codes follow first-seen order, only the probe sequences change.
std::uint64_t hash_key();

// Keyed hash of text, eight bytes at a time.
inline std::uint64_t hash_text(std::string_view s, std::uint64_t key) {
  std::uint64_t h = key ^ (s.size() * 0x9e3779b97f4a7c15ULL);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = mix64(h ^ w);
  }
  // The last 0-7 bytes by fixed-size loads (a copy of a variable length is a
  // call in wasm, on every id and task type a row has): two overlapping
  // words of 4, or the first, middle and last byte: either way every byte
  // counts, and the length is mixed in above.
  const std::size_t r = s.size() - i;
  const char* t = s.data() + i;
  std::uint64_t tail = 0;
  if (r >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, t, 4);
    std::memcpy(&b, t + r - 4, 4);
    tail = a | (std::uint64_t{b} << 32);
  } else if (r > 0) {
    tail = static_cast<unsigned char>(t[0]) | (std::uint64_t{static_cast<unsigned char>(t[r / 2])} << 8) |
           (std::uint64_t{static_cast<unsigned char>(t[r - 1])} << 16);
  }
  return mix64(h ^ tail ^ 0xff51afd7ed558ccdULL);
}

// uint64 key -> uint32 value. Key and value share a slot, so a lookup
// touches one cache line.
class FlatU64Map {
 public:
  static constexpr std::uint32_t kAbsent = 0xffffffffu;

  std::uint32_t find(std::uint64_t key) const {
    if (slots_.empty()) return kAbsent;
    for (std::size_t i = mix64(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].value == kAbsent) return kAbsent;
      if (slots_[i].key == key) return slots_[i].value;
    }
  }
  // The value for key, inserting `value` when the key is new.
  std::uint32_t find_or_insert(std::uint64_t key, std::uint32_t value) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::size_t i = mix64(key) & mask_;
    for (; slots_[i].value != kAbsent; i = (i + 1) & mask_)
      if (slots_[i].key == key) return slots_[i].value;
    slots_[i] = {key, value};
    ++size_;
    return value;
  }
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t value = kAbsent;
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const std::size_t n = old.empty() ? 64 : old.size() * 2;
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.value != kAbsent) find_or_insert(s.key, s.value);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0, size_ = 0;
};

// Distinct strings -> codes 0, 1, 2, ... in first-seen order.
class TextCodes {
 public:
  static constexpr std::uint32_t kAbsent = FlatU64Map::kAbsent;

  // Out of line (flat_map.cpp, always -O3): the wasm build compiles some
  // callers for size, and the linker keeps one copy of an inline function for
  // the whole module; an -Os copy made every row's id lookup slower.
  std::uint32_t find(std::string_view s) const;
  std::uint32_t intern(std::string_view s);
  const std::vector<std::string>& texts() const { return texts_; }
  std::size_t size() const { return texts_.size(); }
  // Looking ahead (hints, never a result): a text's hash, the slot it starts
  // probing at, and the code in that slot (often the text's own; kAbsent if empty).
  std::uint64_t hash(std::string_view s) const { return hash_text(s, key_); }
  const void* first_slot(std::uint64_t hash) const { return slots_.empty() ? nullptr : &slots_[hash & mask_]; }
  std::uint32_t probable_code(std::uint64_t hash) const { return slots_.empty() ? kAbsent : slots_[hash & mask_]; }

 private:
  void grow() {
    const std::size_t n = slots_.empty() ? 64 : slots_.size() * 2;
    slots_.assign(n, kAbsent);
    mask_ = n - 1;
    for (std::uint32_t c = 0; c < texts_.size(); ++c) {
      std::size_t i = hash_text(texts_[c], key_) & mask_;
      while (slots_[i] != kAbsent) i = (i + 1) & mask_;
      slots_[i] = c;
    }
  }
  std::vector<std::string> texts_;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
  std::uint64_t key_ = hash_key();
};

}  // namespace gapscore
