// Edit distance for "did you mean" suggestions in diagnostics.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace gapscore {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or "" when none is reasonably close
// (distance more than half the word's length).
std::string closest_match(std::string_view word, std::span<const std::string> candidates);

}  // namespace gapscore
