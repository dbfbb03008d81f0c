// The AI user / non-user gap in words (docs/insights.md, "The gap in words"):
// which direction it points, like with like when the adjusted comparison
// exists, with the effect size as a word, and no verdict on too little data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analysis/group_eval.h"
#include "insights/sufficiency.h"

namespace gapscore::insights {

struct GapReading {
  // ai_users_ahead | ai_users_behind | no_clear_difference | not_compared
  std::string direction = "not_compared";
  std::optional<std::string> basis;  // "adjusted" | "pooled"; nullopt when not compared
  std::optional<double> hedges_g;    // of the basis (the adjusted g on the within-cell scale, or the pooled g)
  std::optional<std::string> effect_size;  // Cohen's band of hedges_g
  bool clear = false;  // a non-negligible difference the basis' own test supports (p < 0.05 / interval without 0)
  // The like-with-like gap and a pooled one that is not negligible point opposite ways
  // (gap.paradox, read): what the card's title and kind say.
  bool reversal = false;
  std::string text;    // one plain sentence
};

// `confidence` is bootstrap.confidence (the level of the pooled interval).
GapReading read_gap(const analysis::GapResult& gap, const Sufficiency& sufficiency, double confidence);

// Set when the pooled rank test and the pooled interval of the means disagree:
// says which test each belongs to.
std::optional<std::string> pooled_note(const analysis::GapResult& gap, double confidence);

// Two decimals with a sign and a typographic minus ("+0.42", "−0.09", "about 0").
std::string signed_text(double v);
// "95% interval −0.1 to +0.3".
std::string interval_text(double confidence, double low, double high);

// "team and role" for {"team", "role"}; plural "teams and roles".
std::string strata_words(const std::vector<std::string>& strata, bool plural);

}  // namespace gapscore::insights
