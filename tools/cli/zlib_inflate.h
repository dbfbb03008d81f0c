// Inflating the deflate entries of .xlsx workbooks with Debian's zlib (the
// wasm build inflates in JS with DecompressionStream('deflate-raw') instead).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gapscore/status.h"

namespace gapscore::cli {

// A raw deflate stream that must expand to exactly `expanded_size` bytes:
// inflating stops as soon as it would go past that (a zip bomb that lies about
// its size costs no more than its declared size).
Result<std::string> zlib_inflate(std::string_view deflated, std::uint64_t expanded_size);

}  // namespace gapscore::cli
