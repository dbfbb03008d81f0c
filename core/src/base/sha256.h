// SHA-256 (FIPS 180-4), incremental, written out so the digest of an input
// is computed identically natively and in wasm with no platform library.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "gapscore/inputs.h"  // sha256_hex

namespace gapscore {

class Sha256 {
 public:
  Sha256() { reset(); }
  void update(std::span<const std::uint8_t> data);
  void update(std::string_view data) {
    update(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
  }
  // Returns the digest and resets to the initial state.
  std::array<std::uint8_t, 32> finish();

 private:
  void reset();
  void compress(const std::uint8_t* block);

  std::uint32_t h_[8];
  std::uint8_t buffer_[64];
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes
};

std::string to_hex(std::span<const std::uint8_t> bytes);
std::array<std::uint8_t, 32> sha256(std::string_view data);

}  // namespace gapscore
