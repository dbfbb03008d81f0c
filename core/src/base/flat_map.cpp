#include "base/flat_map.h"

#include "base/same_text.h"

namespace gapscore {

std::uint32_t TextCodes::find(std::string_view s) const {
  if (slots_.empty()) return kAbsent;
  for (std::size_t i = hash_text(s, key_) & mask_;; i = (i + 1) & mask_) {
    const std::uint32_t c = slots_[i];
    if (c == kAbsent) return kAbsent;
    if (same_text(texts_[c], s)) return c;
  }
}
std::uint32_t TextCodes::intern(std::string_view s) {
  if (2 * (texts_.size() + 1) > slots_.size()) grow();
  std::size_t i = hash_text(s, key_) & mask_;
  for (; slots_[i] != kAbsent; i = (i + 1) & mask_)
    if (same_text(texts_[slots_[i]], s)) return slots_[i];
  const auto code = static_cast<std::uint32_t>(texts_.size());
  texts_.emplace_back(s);
  slots_[i] = code;
  return code;
}

}  // namespace gapscore
