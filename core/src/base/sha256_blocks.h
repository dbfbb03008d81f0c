// SHA-256 block compression, chosen once per process: the CPU's SHA
// extensions where it has them (x86 SHA-NI), else portable C++. Both give the
// same digest bits; tests/sha256_test.cpp checks each against known vectors.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gapscore {

extern const std::uint32_t kSha256K[64];

// Compresses `blocks` 64-byte blocks into `state`.
void sha256_blocks_portable(std::uint32_t state[8], const std::uint8_t* data, std::size_t blocks);
// Null when the CPU (or the build target) has no SHA extensions.
using Sha256BlocksFn = void (*)(std::uint32_t state[8], const std::uint8_t* data, std::size_t blocks);
Sha256BlocksFn sha256_blocks_accelerated();
// The implementation in use: accelerated when available.
Sha256BlocksFn sha256_blocks();

}  // namespace gapscore
