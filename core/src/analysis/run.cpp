#include "analysis/run.h"

#include <algorithm>

#include "analysis/adjusted_gap.h"

#include "base/date.h"
#include "base/prng.h"
#include "stats/stats.h"
#include "metrics/catalog_table.h"
#include "metrics/person_sums.h"
#include "metrics/playbook_lookup.h"
#include "base/work_counter.h"
#include "base/stable_order.h"

namespace gapscore::analysis {

std::uint64_t group_seed(std::uint64_t config_seed, const std::vector<std::string>& key) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the key values, 0x1f between them
  for (const std::string& part : key) {
    for (unsigned char c : part) h = (h ^ c) * 0x100000001b3ULL;
    h = (h ^ 0x1fU) * 0x100000001b3ULL;
  }
  std::uint64_t state = config_seed ^ h;
  return splitmix64(state);
}

UniformityStats uniformity_of(const std::vector<double>& values) {
  UniformityStats u;
  u.groups = values.size();
  if (values.empty()) return u;
  u.gini = stats::gini(values);
  u.theil_t = stats::theil_t(values);
  u.cv = stats::coefficient_of_variation(values);
  u.min = *std::min_element(values.begin(), values.end());
  u.max = *std::max_element(values.begin(), values.end());
  return u;
}

TrendSelection select_trend_groups(const Grouping& grouping, const std::vector<GroupResult>& groups, const Config& config) {
  TrendSelection sel;
  sel.eligible = grouping.size();
  if (config.trends.groups) {
    std::vector<bool> chosen(grouping.size(), false);
    for (const std::vector<std::string>& key : *config.trends.groups) {
      const auto it = std::lower_bound(grouping.keys.begin(), grouping.keys.end(), key);
      if (it != grouping.keys.end() && *it == key) {
        chosen[static_cast<std::size_t>(it - grouping.keys.begin())] = true;
      } else {
        std::string text;
        for (const std::string& part : key) text += (text.empty() ? "" : " / ") + part;
        sel.unknown_keys.push_back(text);
      }
    }
    for (std::size_t g = 0; g < grouping.size(); ++g)
      if (chosen[g]) sel.groups.push_back(g);
    return sel;
  }
  std::vector<std::size_t> order(grouping.size());
  for (std::size_t g = 0; g < order.size(); ++g) order[g] = g;
  // Largest headcount first; equal headcounts keep key order (grouping order).
  stable_sort_by(order,
                   [&](std::size_t a, std::size_t b) { return groups[a].headcount > groups[b].headcount; });
  const auto cap = static_cast<std::size_t>(config.trends.max_groups);
  if (order.size() > cap) {
    order.resize(cap);
    sel.capped = true;
  }
  std::sort(order.begin(), order.end());
  sel.groups = std::move(order);
  return sel;
}

namespace {

// People (in id order) split by group, id order kept inside each group: a
// counting sort, as groups are small numbers (every person has one).
std::vector<std::uint32_t> stable_by_group(std::span<const std::uint32_t> people, const Grouping& grouping) {
  if (grouping.size() == 0) return {people.begin(), people.end()};
  std::vector<std::uint32_t> next(grouping.size() + 1, 0);
  for (std::uint32_t p : people) ++next[grouping.group_of_person[p] + 1];
  for (std::size_t g = 1; g < next.size(); ++g) next[g] += next[g - 1];
  std::vector<std::uint32_t> out(people.size());
  for (std::uint32_t p : people) out[next[grouping.group_of_person[p]]++] = p;
  return out;
}

// A group cell's error counts and its two sides (its whole-window AI users and
// its other people), summed in member order like the cell itself.
void add_sides(TrendCell& c, std::span<const std::uint32_t> members, const metrics::PeriodSums& period_sums,
               std::span<const PersonFigures> period_figures, std::span<const PersonFigures> window_figures) {
  double weighted[2] = {0, 0}, cost[2] = {0, 0};
  SideFigure* sides[2] = {&c.non_users, &c.ai_users};
  for (std::uint32_t p : members) {
    const metrics::RowSums all = period_sums.of(p).all;
    c.errors += all.errors;
    c.error_tasks += all.e_tasks;
    if (!period_figures[p].quality_adjusted_output_per_hour) continue;
    const int side = window_figures[p].ai_user ? 1 : 0;
    weighted[side] += all.q_weighted;
    cost[side] += all.q_cost;
    ++sides[side]->people;
  }
  for (int side = 0; side < 2; ++side) sides[side]->quality_adjusted_output_per_hour = metrics::ratio(weighted[side], cost[side]);
}

// Trend cells exist only where people are active: work and output grow with
// the (person, period) pairs in the input, not with groups x periods.
void add_trends(const Dataset& ds, const Config& config, const metrics::PlaybookLookup& pb, AnalysisResult& out) {
  const bool weekly = config.period == Period::week;
  const std::vector<std::int32_t>& periods = ds.activity.periods;
  const metrics::PeriodIndex index = metrics::index_periods(ds.activity);

  // Rank of each person in id order: members are evaluated in that order.
  std::vector<std::uint32_t> rank(ds.persons.size());
  for (std::size_t i = 0; i < ds.persons_by_id.size(); ++i) rank[ds.persons_by_id[i]] = static_cast<std::uint32_t>(i);
  std::vector<bool> selected(out.grouping.size(), false);
  for (std::size_t g : out.trend_groups.groups) selected[g] = true;

  const std::uint32_t trend_kinds = trend_contributor_kinds();
  std::vector<std::uint32_t> kind_bits;
  for (std::uint32_t b = 1; b != 0 && b <= trend_kinds; b <<= 1)
    if (trend_kinds & b) kind_bits.push_back(b);

  metrics::PeriodSums period_sums(ds, pb, index);
  std::vector<PersonFigures> figures(ds.persons.size());
  std::vector<std::uint32_t> touched;  // the period's active people, in id order
  EvalContext ctx;
  ctx.config = &config;
  ctx.available = out.available;
  ctx.period_sums = &period_sums;
  std::uint64_t cells = 0;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    for (std::uint32_t p : touched) figures[p] = PersonFigures{};
    period_sums.select(i, touched);
    for (std::uint32_t p : touched) {
      figures[p] = person_figures(period_sums.of(p), config);
      if (config.rollout)
        out.person_periods.push_back({p, periods[i], figures[p].quality_adjusted_output_per_hour, figures[p].error_rate});
    }
    const std::int32_t from = periods[i];
    // No survey answers: a period's answers come from a few people, and in the
    // score (sentiment_gap) they were published beside the window's answers
    // of the same people without the checks (outside review: a team's weekly
    // score and its sentiment_mean gave one person's answer). Trend scores
    // are the activity components'.
    ctx.figures = figures;
    const std::string label = weekly ? iso_week_label(from) : month_label(from);

    // The period's active people in id order (person indices usually are),
    // then split by group.
    std::vector<std::uint32_t> active = touched;
    const auto by_rank = [&](std::uint32_t a, std::uint32_t b) { return rank[a] < rank[b]; };
    if (!std::is_sorted(active.begin(), active.end(), by_rank)) std::sort(active.begin(), active.end(), by_rank);
    const std::vector<std::uint32_t> by_group = stable_by_group(active, out.grouping);
    auto sorted_indices = [](std::span<const std::uint32_t> members) {
      std::vector<std::uint32_t> v(members.begin(), members.end());
      std::sort(v.begin(), v.end());
      return v;
    };
    auto cell = [&](std::optional<std::size_t> group, std::span<const std::uint32_t> members) {
      TrendCell c{i, from, label, group, evaluate_group(ctx, members, std::nullopt), sorted_indices(members), {}, {}, {}, 0, 0};
      c.active_kinds.reserve(c.active_people.size());
      for (std::uint32_t p : c.active_people) c.active_kinds.push_back(figures[p].contributes & trend_kinds);
      if (group) add_sides(c, members, period_sums, figures, out.figures);
      return c;
    };
    out.trends.push_back(cell(std::nullopt, active));
    ++cells;
    for (std::size_t b = 0; out.grouping.size() > 0 && b < by_group.size();) {
      const std::size_t g = out.grouping.group_of_person[by_group[b]];
      std::size_t e = b;
      while (e < by_group.size() && out.grouping.group_of_person[by_group[e]] == g) ++e;
      const std::span<const std::uint32_t> members(by_group.data() + b, e - b);
      if (selected[g]) {
        out.trends.push_back(cell(g, members));
      } else {
        UnpublishedCell u{i, g, static_cast<double>(members.size()), std::vector<std::uint32_t>(kind_bits.size(), 0)};
        for (std::uint32_t p : members)
          for (std::size_t k = 0; k < kind_bits.size(); ++k) u.kind_people[k] += (figures[p].contributes & kind_bits[k]) != 0;
        out.unpublished_cells.push_back(std::move(u));
      }
      ++cells;
      b = e;
    }
  }
  count_work(Work::trend_cells, cells);
  out.periods = periods;
}

}  // namespace

bool is_trend_metric(std::string_view name) {
  return std::find(std::begin(kTrendMetrics), std::end(kTrendMetrics), name) != std::end(kTrendMetrics);
}

std::uint32_t trend_contributor_kinds() {
  std::uint32_t kinds = 0;
  for (const metrics::CatalogEntry& e : metrics::catalog_entries()) {
    if (e.def.section == MetricSection::group_metric && is_trend_metric(e.def.name)) kinds |= e.contributors;
    // gap_score's, but for the survey's, which trend cells leave out (add_trends).
    if (e.def.section == MetricSection::score_component && e.def.name != "sentiment_gap")
      kinds |= component_contributors(e.def.name);
  }
  return kinds;
}

AnalysisResult run_analysis(const Dataset& ds, const Config& config) {
  AnalysisResult out;
  const metrics::PlaybookLookup pb = ds.playbook ? metrics::PlaybookLookup(ds) : metrics::PlaybookLookup();
  out.available = metrics::available_inputs(ds);
  out.grouping = group_persons(ds, config.group_by);
  const std::vector<std::uint32_t> survey_persons = survey_row_persons(ds);

  {
    // The window's per-person sums (people x three row sums) are freed before the
    // trends start (they read each period's sums from its cells, with no table).
    const std::vector<metrics::Sums> sums = metrics::person_sums(ds, pb);
    out.figures.reserve(sums.size());
    for (const metrics::Sums& s : sums) out.figures.push_back(person_figures(s, config));
    const std::vector<SurveyAnswers> surveys =
        latest_survey_answers(ds, survey_persons, config.window_start, config.window_end);
    add_survey_kinds(out.figures, surveys);

    EvalContext ctx;
    ctx.config = &config;
    ctx.available = out.available;
    ctx.person_sums = sums;
    ctx.figures = out.figures;
    ctx.surveys = surveys;

    out.overall = evaluate_group(ctx, ds.persons_by_id, group_seed(config.bootstrap.seed, {}));
    for (std::size_t g = 0; g < out.grouping.size(); ++g)
      out.groups.push_back(
          evaluate_group(ctx, out.grouping.members[g], group_seed(config.bootstrap.seed, out.grouping.keys[g])));
    if (!config.rollup_by.empty() && !config.group_by.empty()) out.rollup = roll_up(ds, config, ctx, out.grouping);
  }
  add_adjusted_gaps(ds, config, out);
  out.trend_groups = select_trend_groups(out.grouping, out.groups, config);
  if (!config.privacy.dp) add_trends(ds, config, pb, out);  // trends are not released under DP
  return out;
}

}  // namespace gapscore::analysis
