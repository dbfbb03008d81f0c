#include "privacy/pseudonym.h"

#include <array>
#include <cstdint>

#include "base/sha256.h"

namespace gapscore::privacy {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  // RFC 2104 with a 64-byte block.
  std::array<std::uint8_t, 64> k{};
  if (key.size() > 64) {
    Sha256 h;
    h.update(key);
    const auto digest = h.finish();
    for (std::size_t i = 0; i < digest.size(); ++i) k[i] = digest[i];
  } else {
    for (std::size_t i = 0; i < key.size(); ++i) k[i] = static_cast<std::uint8_t>(key[i]);
  }
  std::array<std::uint8_t, 64> ipad{}, opad{};
  for (std::size_t i = 0; i < 64; ++i) {
    ipad[i] = static_cast<std::uint8_t>(k[i] ^ 0x36);
    opad[i] = static_cast<std::uint8_t>(k[i] ^ 0x5c);
  }
  Sha256 inner;
  inner.update(std::span<const std::uint8_t>(ipad));
  inner.update(message);
  const auto inner_digest = inner.finish();
  Sha256 outer;
  outer.update(std::span<const std::uint8_t>(opad));
  outer.update(std::span<const std::uint8_t>(inner_digest));
  const auto mac = outer.finish();
  return to_hex(mac);
}

std::string pseudonym(std::string_view salt, std::string_view person_id) {
  return "p_" + hmac_sha256_hex(salt, person_id).substr(0, 16);
}

}  // namespace gapscore::privacy
