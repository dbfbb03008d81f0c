// Personas: what kind of AI user each person is (docs/insights.md).
// First match wins: non_adopter, rework_creator, champion, heavy_user, developing.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/person_figures.h"
#include "gapscore/config.h"

namespace gapscore::insights {

enum class Persona : std::uint8_t { non_adopter, rework_creator, champion, heavy_user, developing };
inline constexpr std::array kPersonas = {Persona::non_adopter, Persona::rework_creator, Persona::champion,
                                         Persona::heavy_user, Persona::developing};
const char* persona_name(Persona p);

// Assigns a persona to each active person; `group_of` gives the group whose
// 75th percentile of quality-adjusted output per hour the champion test uses.
// Inactive people get non_adopter (they are never counted).
std::vector<Persona> assign_personas(std::span<const analysis::PersonFigures> figures,
                                     std::span<const std::vector<std::uint32_t>> groups, const Config& config);

struct PersonaCounts {
  std::array<double, 5> counts{};
  double people = 0;
};

PersonaCounts count_personas(std::span<const std::uint32_t> members, std::span<const analysis::PersonFigures> figures,
                             std::span<const Persona> personas);

}  // namespace gapscore::insights
