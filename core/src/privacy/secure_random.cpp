#include "privacy/secure_random.h"

#include <unistd.h>

#include <algorithm>

namespace gapscore::privacy {

bool secure_random_bytes(void* buffer, std::size_t size) {
  auto* p = static_cast<unsigned char*>(buffer);
  while (size > 0) {
    const std::size_t n = std::min<std::size_t>(size, 256);  // getentropy's per-call limit
    if (getentropy(p, n) != 0) return false;
    p += n;
    size -= n;
  }
  return true;
}

}  // namespace gapscore::privacy
