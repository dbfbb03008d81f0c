// Which reader of a parallel read takes a person's rows. Inline and cheap: a
// reader asks it for every row of the file, its own and the other readers'.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "base/latin_nfc.h"

namespace gapscore {

namespace shard_detail {

// Little-endian, whatever the platform, so that every reader agrees.
inline std::uint64_t load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}
inline std::uint64_t load32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
  return v;
}

inline std::uint64_t mix(std::uint64_t z) {  // splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace shard_detail

// The shard of a person id (its text as the table gives it, trimmed). Fixed
// (not keyed), so every reader and every platform agrees. An id of 4 to 8
// bytes, the usual kind, costs two overlapping loads and one mix. Within one
// build any fixed function would give the same reports; a saved shard records
// who it holds only by this function (format 4 in session/state_file.cpp).
inline std::uint32_t shard_of(std::string_view person_id, std::uint32_t shard_count) {
  using shard_detail::load32;
  using shard_detail::load64;
  if (shard_count <= 1) return 0;
  const char* p = person_id.data();
  const std::size_t n = person_id.size();
  std::uint64_t h = 0x9e3779b97f4a7c15ULL * (n + 1);
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 < n; i += 8) h = shard_detail::mix(h ^ load64(p + i));
    h ^= load64(p + n - 8) * 0xff51afd7ed558ccdULL;  // the last 8 bytes, overlapping
  } else if (n >= 4) {
    h ^= load32(p) << 32 | load32(p + n - 4);
  } else if (n > 0) {
    const auto byte = [p](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
    h ^= byte(0) << 16 | byte(n / 2) << 8 | byte(n - 1);
  }
  const auto h32 = static_cast<std::uint32_t>(shard_detail::mix(h) >> 32);
  return static_cast<std::uint32_t>((std::uint64_t{h32} * shard_count) >> 32);
}

// The shard of a person_id cell (trimmed), read as the table reads the id: its
// accents composed (base/latin_nfc.h), so that an id typed "José" and one
// written "Jose" + a combining accent go to the one reader that holds that person.
inline std::uint32_t shard_of_id(std::string_view person_id, std::uint32_t shard_count) {
  if (shard_count <= 1 || !may_hold_combining_mark(person_id)) return shard_of(person_id, shard_count);
  std::string composed;
  return shard_of(compose_latin(person_id, composed), shard_count);
}

}  // namespace gapscore
