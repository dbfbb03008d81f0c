// surveys.csv: a monthly pulse. Each person answers on their own workday of
// every 20-workday cycle, about 85% of the time. AI users grow more positive
// about AI after rollout; rework creators' wellbeing drops a little.
#include "base/date.h"
#include "base/number_text.h"
#include "generate/writers.h"

namespace gapscore::generate {

namespace {

// A 1..5 answer around `mean`.
std::int64_t likert(double mean, Prng& rng) {
  const double draw = mean + 0.7 * normal4(rng) + 0.5;
  return static_cast<std::int64_t>(clamp(draw, 1.0, 5.0));
}

}  // namespace

Status write_surveys(const Org& org, Prng& rng, ChunkWriter& w) {
  w.buf() = "person_id,date,ai_sentiment,wellbeing\n";
  std::uint32_t workday = 0;
  std::string date;
  for (std::int32_t day = org.start_day; day <= org.end_day; ++day) {
    if (weekday_monday0(day) >= 5) continue;
    date = format_iso_date(day);
    for (std::size_t i = 0; i < org.people.size(); ++i) {
      const Person& p = org.people[i];
      if (workday % kSurveyCycleWorkdays != p.survey_offset) continue;
      if (!rng.bernoulli(kSurveyResponseRate)) continue;
      const PersonaParams& pp = persona_params(p.persona);
      const bool rolled_out = day >= org.teams[p.team].rollout_day;
      const std::int64_t sentiment = likert(rolled_out ? pp.sentiment : kSentimentBeforeRollout, rng);
      const std::int64_t wellbeing = likert(p.wellbeing + (rolled_out ? pp.wellbeing_shift : 0.0), rng);
      std::string& b = w.buf();
      append_person_id(b, org, i);
      b += ',';
      b += date;
      b += ',';
      append_int(b, sentiment);
      b += ',';
      append_int(b, wellbeing);
      b += '\n';
      w.count_line();
    }
    ++workday;
    if (Status s = w.maybe_flush(); !s) return s;
  }
  return w.flush();
}

}  // namespace gapscore::generate
