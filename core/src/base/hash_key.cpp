#include <unistd.h>

#include "base/flat_map.h"

namespace gapscore {

std::uint64_t hash_key() {
  static const std::uint64_t key = [] {
    std::uint64_t k = 0x2545f4914f6cdd1dULL;  // used only if the platform has no entropy source
    std::uint64_t r = 0;
    if (getentropy(&r, sizeof r) == 0) k ^= r;
    return k;
  }();
  return key;
}

}  // namespace gapscore
