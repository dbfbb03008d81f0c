#include "insights/headline.h"

#include <algorithm>
#include "base/stable_order.h"

namespace gapscore::insights {

double card_impact(const Card& c) { return c.people * std::clamp(c.size, 0.0, 1.0); }

void rank_cards(std::vector<Card>& cards) {
  stable_sort_by(cards, [](const Card& x, const Card& y) {
    if (x.sufficiency.ok != y.sufficiency.ok) return x.sufficiency.ok;
    return card_impact(x) > card_impact(y);
  });
}

Headline make_headline(const std::vector<Card>& ranked, const GapReading& gap, std::optional<bool> paradox,
                       const Sufficiency& span) {
  Headline h;
  h.gap = gap;
  h.paradox = paradox;
  if (ranked.empty()) {
    h.sufficiency = span;
    h.text = span.ok ? gap.text : "Too little data for firm findings: " + span.reason + ".";
    return h;
  }
  const Card& top = ranked.front();
  h.card = top.id;
  h.sufficiency = top.sufficiency;
  if (!top.sufficiency.ok) h.text = "Too little data for firm findings: " + top.sufficiency.reason + ".";
  else h.text = top.headline.empty() ? top.text : top.headline;
  return h;
}

}  // namespace gapscore::insights
