#include "base/text_distance.h"

#include <algorithm>
#include <vector>

namespace gapscore {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_match(std::string_view word, std::span<const std::string> candidates) {
  std::string best;
  std::size_t best_d = word.size() / 2 + 1;
  for (const std::string& c : candidates) {
    std::size_t d = edit_distance(word, c);
    // "task" for "task_type": one name containing the other is a strong hint.
    const bool contains = c.size() >= 3 && word.size() >= 3 &&
                          (word.find(c) != std::string_view::npos || c.find(word) != std::string::npos);
    if (contains) d = std::min(d, word.size() / 2);
    if (d < best_d) {  // first of equally close candidates wins: deterministic
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace gapscore
