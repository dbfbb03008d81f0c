// Findings ranked by impact, and the report's one-sentence headline
// (docs/insights.md, "Ranking and headline").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "insights/cards.h"
#include "insights/gap_text.h"
#include "insights/sufficiency.h"

namespace gapscore::insights {

struct Headline {
  std::string text;                 // one plain sentence
  std::optional<std::string> card;  // id of the card it comes from
  Sufficiency sufficiency;
  GapReading gap;                   // the organisation's gap: direction, basis and sentence
  std::optional<bool> paradox;
};

// impact = people affected × size of the gap (a share 0..1).
double card_impact(const Card& c);

// Cards with enough data first, then by impact, largest first; equal impact
// keeps the order they were made in.
void rank_cards(std::vector<Card>& cards);

// From the ranked cards: the top card as one sentence (a too-little-data
// warning instead when it rests on too little data), with the gap reading.
Headline make_headline(const std::vector<Card>& ranked, const GapReading& gap, std::optional<bool> paradox,
                       const Sufficiency& span);

}  // namespace gapscore::insights
