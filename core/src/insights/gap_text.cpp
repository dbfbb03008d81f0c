#include "insights/gap_text.h"

#include <cmath>

#include "analysis/adjusted_gap.h"
#include "base/number_text.h"

namespace gapscore::insights {
namespace {

constexpr double kAlpha = 0.05;

std::string magnitude(double v) { return fixed_text(std::fabs(v), 2); }

}  // namespace

// Two decimals with an explicit sign and a typographic minus: "+0.42", "−0.09";
// a value that rounds to zero is "about 0" (a bare "(0)" reads as a result).
std::string signed_text(double v) {
  const std::string m = magnitude(v);
  if (m == "0") return v == 0 ? m : "about 0";
  return (v < 0 ? "−" : "+") + m;
}

std::string interval_text(double confidence, double low, double high) {
  return percent_text(confidence) + " interval " + signed_text(low) + " to " + signed_text(high);
}

namespace {

std::string p_text(double p) { return p < 0.001 ? "p < 0.001" : "p = " + fixed_text(p, 3); }

std::string attribute_noun(const std::string& attribute, bool plural) {
  if (attribute == "team") return plural ? "teams" : "team";
  if (attribute == "role") return plural ? "roles" : "role";
  if (attribute == "work_mode") return plural ? "work modes" : "work mode";
  if (attribute == "manager_id") return plural ? "managers' teams" : "manager's team";
  if (attribute == "ai_trained") return plural ? "training groups" : "training group";
  return attribute;
}

std::string more_or_fewer(double v) {
  return magnitude(v) + (v > 0 ? " more" : " fewer") + " quality-adjusted tasks per hour than non-users";
}

}  // namespace

std::string strata_words(const std::vector<std::string>& strata, bool plural) {
  std::string out;
  for (std::size_t i = 0; i < strata.size(); ++i) {
    if (i > 0) out += i + 1 == strata.size() ? " and " : ", ";
    out += attribute_noun(strata[i], plural);
  }
  return out;
}

namespace {

// Who the like-with-like estimate leaves out: the people of whole teams (the
// strata but the last) with too few AI users or non-users to compare. Empty
// when it covers everyone compared. Words only where the audit hid its n.
std::string coverage_text(const analysis::GapResult& gap, const analysis::AdjustedGap& adj) {
  const double compared = gap.n_users + gap.n_non_users;
  const double kept = std::isnan(adj.n) ? adj.n_users + adj.n_non_users : adj.n;  // n hidden by the audit: still known here
  if (!(kept < compared)) return "";
  const std::vector<std::string> prefix(adj.strata.begin(), adj.strata.end() - (adj.strata.empty() ? 0 : 1));
  const std::string whole = prefix.empty() ? "groups" : strata_words(prefix, true);
  const std::string left_out = " with too few AI users or non-users to compare are left out";
  if (std::isnan(adj.n)) return " Some " + whole + left_out + ".";
  return " It covers " + fixed_text(adj.n, 0) + " of the " + fixed_text(compared, 0) + " people compared: " + whole + left_out +
         ".";
}

}  // namespace

GapReading read_gap(const analysis::GapResult& gap, const Sufficiency& sufficiency, double confidence) {
  GapReading r;
  if (!gap.compared) {
    r.text = "AI users and non-users are not compared: " + gap.unavailable_reason.value_or("no data") + ".";
    return r;
  }
  if (!sufficiency.ok) {
    r.text = "Too little data to compare AI users with non-users: " + sufficiency.reason + ".";
    return r;
  }
  const analysis::AdjustedGap* adj = gap.adjusted && gap.adjusted->estimate ? &*gap.adjusted : nullptr;
  if (adj) {
    const double est = *adj->estimate;
    r.basis = "adjusted";
    r.hedges_g = adj->hedges_g;
    if (r.hedges_g) r.effect_size = std::string(analysis::effect_size_band(*r.hedges_g));
    const bool significant = *adj->p_value < kAlpha;
    const bool negligible = !r.effect_size || *r.effect_size == "negligible";
    r.clear = significant && !negligible;
    r.direction = r.clear ? (est > 0 ? "ai_users_ahead" : "ai_users_behind") : "no_clear_difference";
    const std::string lead = "Comparing people in the same " + strata_words(adj->strata, false) + ", ";
    const std::string interval = interval_text(0.95, *adj->ci_low, *adj->ci_high);
    const std::string cells = strata_words(adj->strata, true);
    // Pooled below adjusted means AI users sit where output is lower, and the reverse.
    const std::string where = "AI users work mostly in " + cells + " with " + (est > 0 ? "lower" : "higher") + " output";
    // A pooled difference of negligible size points nowhere: it hides the like-with-like one.
    const bool pooled_negligible = !gap.hedges_g || analysis::effect_size_band(*gap.hedges_g) == "negligible";
    r.reversal = gap.paradox.value_or(false) && !pooled_negligible;
    if (gap.paradox.value_or(false) && pooled_negligible) {
      if (r.clear)
        r.text = lead + "AI users produce " + more_or_fewer(est) + " (" + *r.effect_size + " effect, " + interval +
                 "); they work mostly in " + cells + " with " + (est > 0 ? "lower" : "higher") +
                 " output, which hides this in the pooled average (" + signed_text(gap.difference) +
                 ", a negligible difference).";
      else
        r.text = lead + "the difference between AI users and non-users is negligible (" + signed_text(est) +
                 " quality-adjusted tasks per hour), and so is the pooled one (" + signed_text(gap.difference) + ").";
    } else if (r.reversal) {
      if (r.clear)
        r.text = lead + "AI users produce " + more_or_fewer(est) + " (" + *r.effect_size + " effect, " + interval +
                 "); they work mostly in " + cells + " with " + (est > 0 ? "lower" : "higher") +
                 " output, which makes the pooled average point the other way (" + signed_text(gap.difference) + ").";
      else
        r.text = lead + "the difference between AI users and non-users is negligible (" + signed_text(est) +
                 " quality-adjusted tasks per hour); the pooled average (" + signed_text(gap.difference) +
                 ") points the other way only because " + where + ".";
    } else if (r.clear) {
      r.text = lead + "AI users produce " + more_or_fewer(est) + " (" + *r.effect_size + " effect, " + interval + ").";
    } else if (significant) {
      r.text = lead + "the difference between AI users and non-users is negligible (" + signed_text(est) +
               " quality-adjusted tasks per hour, an effect size below 0.2).";
    } else {
      r.text = lead + "there is no clear difference between AI users and non-users (" + signed_text(est) +
               " quality-adjusted tasks per hour, " + interval + ").";
    }
    r.text += coverage_text(gap, *adj);
    return r;
  }
  // Pooled only: the interval of the means decides when there is one (it
  // belongs to the difference shown); otherwise the rank test.
  r.basis = "pooled";
  r.hedges_g = gap.hedges_g;
  if (r.hedges_g) r.effect_size = std::string(analysis::effect_size_band(*r.hedges_g));
  const bool has_ci = gap.ci_low && gap.ci_high;
  const bool significant = has_ci ? (*gap.ci_low > 0 || *gap.ci_high < 0) : (gap.p_value && *gap.p_value < kAlpha);
  const bool negligible = !r.effect_size || *r.effect_size == "negligible";
  r.clear = significant && !negligible;
  r.direction = r.clear ? (gap.difference > 0 ? "ai_users_ahead" : "ai_users_behind") : "no_clear_difference";
  const std::string evidence = has_ci ? interval_text(confidence, *gap.ci_low, *gap.ci_high)
                                      : (gap.p_value ? "Mann-Whitney " + p_text(*gap.p_value) : std::string("no test"));
  // Say what the pooled comparison leaves out when an adjusted one was tried.
  const bool tried = gap.adjusted && !gap.adjusted->strata.empty();
  const std::string lead =
      !tried ? "Pooled over all AI users and non-users, "
      : gap.adjusted->withheld
          ? "Pooled (within the same " + strata_words(gap.adjusted->strata, false) + ": withheld for privacy), "
          : "Pooled, not within the same " + strata_words(gap.adjusted->strata, false) + ", ";
  if (r.clear && tried && gap.adjusted->confounded) {
    // No like-with-like check was possible: no verdict on AI use.
    r.clear = false;
    r.direction = "no_clear_difference";
    const std::string cells = strata_words(gap.adjusted->strata, true);
    r.text = lead + "AI users produce " + more_or_fewer(gap.difference) + " (" + *r.effect_size + " effect, " + evidence +
             "), but too few AI users and non-users share the same " + strata_words(gap.adjusted->strata, false) +
             " to compare like with like: this may be a difference between " + cells + ", not one of AI use.";
  } else if (r.clear)
    r.text = lead + "AI users produce " + more_or_fewer(gap.difference) + " (" + *r.effect_size + " effect, " + evidence + ").";
  else if (significant)
    r.text = lead + "the difference between AI users and non-users is negligible (" + signed_text(gap.difference) +
             " quality-adjusted tasks per hour, an effect size below 0.2).";
  else
    r.text = lead + "there is no clear difference between AI users and non-users (" + signed_text(gap.difference) +
             " quality-adjusted tasks per hour, " + evidence + ").";
  return r;
}

std::optional<std::string> pooled_note(const analysis::GapResult& gap, double confidence) {
  if (!gap.compared || !gap.p_value || !gap.ci_low || !gap.ci_high) return std::nullopt;
  const bool rank_differs = *gap.p_value < kAlpha;
  const bool means_differ = *gap.ci_low > 0 || *gap.ci_high < 0;
  const std::string interval = "the " + percent_text(confidence) + " bootstrap interval of the difference in means (" +
                               signed_text(*gap.ci_low) + " to " + signed_text(*gap.ci_high) + ")";
  if (rank_differs && !means_differ)
    return "The pooled " + p_text(*gap.p_value) +
           " is a rank test (Mann-Whitney): AI users' and non-users' values differ in rank. " +
           "The interval is " + interval + " and includes zero: the averages are not clearly apart.";
  if (!rank_differs && means_differ)
    return "The pooled " + p_text(*gap.p_value) +
           " is a rank test (Mann-Whitney) and finds no clear difference in ranks, while " + interval +
           " excludes zero: a few people far from the rest move the means.";
  return std::nullopt;
}

}  // namespace gapscore::insights
