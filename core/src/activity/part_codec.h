// A Part as bytes and back: how a parallel reader's share travels to the one
// that merges (Web Workers post it), and the activity inside a saved state
// (docs/partial-state.md). Decoding checks every count and index.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "activity/part.h"
#include "base/byte_codec.h"

namespace gapscore::activity {

class PartCodec {
 public:
  static void write(const Part& part, ByteWriter& out);
  // nullopt when the bytes are not a valid part (truncated, corrupt, inconsistent).
  static std::optional<Part> read(ByteReader& in);
};

}  // namespace gapscore::activity
