// Enough data for a verdict (docs/insights.md, "Enough data"): every score,
// gap and insight card says whether it rests on enough days, periods and
// people to be read as a conclusion. Reasons are words and thresholds; they
// never give a count of people below privacy.min_group_size, and never name a
// config key: the settings a reason depends on are listed apart, so that a
// reader sees words and the UI can show (and link) the keys.
#pragma once

#include <cstdint>
#include <string>

#include "analysis/run.h"
#include "config/setting_refs.h"
#include "dataset/dataset.h"
#include "gapscore/config.h"

namespace gapscore::insights {

struct Sufficiency {
  bool ok = true;
  std::string reason;  // empty when ok
  SettingRefs settings = 0;  // config keys the reason depends on (config/setting_refs.h)
};

// How much time the activity covers.
struct DataSpan {
  std::int32_t days = 0;    // first to last activity day, inclusive
  std::size_t periods = 0;  // trend periods (config.period) with activity
};

DataSpan data_span(const Dataset& ds, const analysis::AnalysisResult& a, const Config& config);
// Each group's own span (`grouping`'s order): the periods its people have
// activity in, and the days from the first one's start to the last one's end
// (within the data's). A team that joined last week has one week, whatever
// the file's span (an outside review: it was "the team to train first").
std::vector<DataSpan> group_spans(const Dataset& ds, const analysis::Grouping& grouping, const Config& config);

// insights.min_people_per_side, or privacy.min_group_size when not set.
int min_people_per_side(const Config& config);

// Days and periods (everything computed over the window).
Sufficiency span_sufficiency(const DataSpan& span, const Config& config);
// The span, plus enough AI users and non-users with quality data on each side.
Sufficiency gap_sufficiency(const analysis::GapResult& gap, const DataSpan& span, const Config& config);
// Both must be ok; the reasons are joined.
Sufficiency both(const Sufficiency& a, const Sufficiency& b);

const char* verdict_name(const Sufficiency& s);  // "ok" | "too_little_data"

}  // namespace gapscore::insights
