#include "insights/training.h"

#include <algorithm>
#include <map>

#include "privacy/pseudonym.h"
#include "base/stable_order.h"

namespace gapscore::insights {
namespace {

double share(const PersonaCounts& c, Persona p) {
  return c.people > 0 ? c.counts[static_cast<std::size_t>(p)] / c.people : 0.0;
}

// need = 100 · (0.4·non-adopter share + 0.3·rework-creator share + 0.3·gap score/100),
// renormalised over the terms available (roles have no gap score).
double need_score(double non_adopters, double rework_creators, std::optional<double> gap_score) {
  double num = 0.4 * non_adopters + 0.3 * rework_creators, den = 0.7;
  if (gap_score) {
    num += 0.3 * *gap_score / 100.0;
    den += 0.3;
  }
  return 100.0 * num / den;
}

bool no_ai_use(std::span<const std::uint32_t> members, const analysis::AnalysisResult& a) {
  for (std::uint32_t p : members)
    if (a.figures[p].active && a.figures[p].ai_tasks > 0) return false;
  return true;
}

const char* suggested_format(double non_adopters, double rework_creators) {
  return non_adopters >= rework_creators ? "hands_on" : "quality_practice";
}

}  // namespace

TrainedSets trained_sets(const Dataset& ds, const analysis::AnalysisResult& a) {
  TrainedSets s;
  for (std::uint32_t p = 0; p < ds.persons.size(); ++p) {
    if (!a.figures[p].active || ds.persons[p].ai_trained == kMissingBool) continue;
    (ds.persons[p].ai_trained ? s.trained : s.untrained).push_back(p);
  }
  return s;
}

TrainingResult training_and_mentoring(const Dataset& ds, const analysis::AnalysisResult& a,
                                      const privacy::SuppressionPlan& plan, const RolePlan& roles,
                                      std::span<const Persona> personas, const Config& config,
                                      privacy::CellStatus trained_status) {
  TrainingResult out;
  const int k = config.privacy.min_group_size;
  // Candidates with their kind's index (group, or role in name order) and active people.
  struct Candidate {
    TrainingTarget target;
    std::size_t index = 0;
    double active = 0;
  };
  std::vector<Candidate> candidates;
  for (std::size_t g = 0; g < a.grouping.size(); ++g) {
    if (plan.groups[g] != privacy::CellStatus::shown) continue;
    // People without a team (or other key) in the HR data are no group to train: their records are missing.
    const std::vector<std::string>& key = a.grouping.keys[g];
    if (std::find(key.begin(), key.end(), kUnassigned) != key.end()) continue;
    const PersonaCounts c = count_personas(a.grouping.members[g], a.figures, personas);
    TrainingTarget t;
    t.kind = "group";
    t.key = a.grouping.keys[g];
    t.people = c.people;
    t.non_adopter_share = share(c, Persona::non_adopter);
    t.rework_creator_share = share(c, Persona::rework_creator);
    t.gap_score = a.groups[g].score.value;
    t.no_ai_use = no_ai_use(a.grouping.members[g], a);
    t.need_score = need_score(t.non_adopter_share, t.rework_creator_share, t.gap_score);
    t.format = suggested_format(t.non_adopter_share, t.rework_creator_share);
    candidates.push_back({std::move(t), g, c.people});
  }
  // Roles, whatever the grouping.
  std::map<std::string, std::vector<std::uint32_t>> by_role;
  for (std::uint32_t p : ds.persons_by_id)
    if (a.figures[p].active) by_role[person_attribute(ds.persons[p], "role")].push_back(p);
  // People shared by each (role, group) pair, from one pass over the people.
  std::map<std::pair<std::size_t, std::size_t>, double> role_group, group_role;
  std::size_t r = 0;
  for (auto it = by_role.begin(); it != by_role.end(); ++it, ++r) {
    const auto& [role, members] = *it;
    if (role == kUnassigned || !roles.shown(role)) continue;  // people without a role share no role to train
    const PersonaCounts c = count_personas(members, a.figures, personas);
    TrainingTarget t;
    t.kind = "role";
    t.key = {role};
    t.people = c.people;
    t.no_ai_use = no_ai_use(members, a);
    t.non_adopter_share = share(c, Persona::non_adopter);
    t.rework_creator_share = share(c, Persona::rework_creator);
    t.need_score = need_score(t.non_adopter_share, t.rework_creator_share, std::nullopt);
    t.format = suggested_format(t.non_adopter_share, t.rework_creator_share);
    candidates.push_back({std::move(t), r, c.people});
    if (a.grouping.size() == 0) continue;
    for (std::uint32_t p : members) {
      const std::size_t g = a.grouping.group_of_person[p];
      role_group[{r, g}] += 1;
      group_role[{g, r}] += 1;
    }
  }
  stable_sort_by(candidates,
                   [](const Candidate& x, const Candidate& y) { return x.target.need_score > y.target.need_score; });
  // A team and a role made of mostly the same people (an overlap of at least
  // 80% of the larger of the two) are one target: the higher-ranked one stays.
  std::vector<double> listed_group(a.grouping.size(), 0), listed_role(by_role.size(), 0);  // active people, 0 = not listed
  for (Candidate& c : candidates) {
    const bool is_group = c.target.kind == "group";
    const auto& overlaps = is_group ? group_role : role_group;
    const std::vector<double>& listed_other = is_group ? listed_role : listed_group;
    bool duplicate = false;
    for (auto it = overlaps.lower_bound({c.index, 0}); it != overlaps.end() && it->first.first == c.index; ++it) {
      const double other = listed_other[it->first.second];
      duplicate = duplicate || (other > 0 && 5 * it->second >= 4 * std::max(c.active, other));
    }
    if (duplicate) continue;
    (is_group ? listed_group : listed_role)[c.index] = c.active;
    out.targets.push_back(std::move(c.target));
  }

  // Trained vs untrained: both sides as the disclosure audit allows.
  const auto [trained, untrained] = trained_sets(ds, a);
  TrainedComparison& tc = out.trained;
  if (trained_status == privacy::CellStatus::too_few_people || trained.empty() || untrained.empty()) {
    tc.reason = "needs at least " + std::to_string(k) + " trained and " + std::to_string(k) +
                " untrained people (the people table says who had AI training)";
    tc.settings = setting::min_group_size;
  } else if (trained_status != privacy::CellStatus::shown) {
    tc.reason = "withheld: with the people whose AI training is not given (or a hidden group), trained and "
                "untrained would describe fewer than " + std::to_string(k) + " people";
    tc.settings = setting::min_group_size;
  } else {
    auto side = [&](const std::vector<std::uint32_t>& members, std::optional<double>& people, std::optional<double>& adoption,
                    std::optional<double>& rework) {
      const PersonaCounts c = count_personas(members, a.figures, personas);
      double users = 0;
      for (std::uint32_t p : members) users += a.figures[p].ai_user ? 1 : 0;
      people = c.people;
      adoption = users / c.people;
      rework = share(c, Persona::rework_creator);
    };
    side(trained, tc.trained_people, tc.trained_adoption_rate, tc.trained_rework_creator_share);
    side(untrained, tc.untrained_people, tc.untrained_adoption_rate, tc.untrained_rework_creator_share);
  }

  // Mentoring: champions and non-adopters of the same role.
  const int per_champion = config.insights.mentees_per_champion;
  for (const auto& [role, members] : by_role) {
    if (role == kUnassigned) continue;  // people without a role do not share one
    MentoringRole m;
    m.role = role;
    std::vector<std::uint32_t> champions, mentees;
    for (std::uint32_t p : members) {
      if (personas[p] == Persona::champion) champions.push_back(p);
      if (personas[p] == Persona::non_adopter) mentees.push_back(p);
    }
    m.status = roles.of(role);
    if (m.status != privacy::CellStatus::shown) {
      out.mentoring.push_back(m);
      continue;
    }
    m.champions = static_cast<double>(champions.size());
    m.non_adopters = static_cast<double>(mentees.size());
    m.possible_pairs = std::min(m.non_adopters, per_champion * m.champions);
    out.mentoring.push_back(m);
    if (!config.privacy.individual_results) continue;
    // Deterministic pairing: strongest champions first (quality-adjusted output
    // per hour, then pseudonym), mentees in pseudonym order, up to N each.
    const std::string& salt = config.privacy.salt;
    stable_sort_by(champions, [&](std::uint32_t x, std::uint32_t y) {
      const double qx = a.figures[x].quality_adjusted_output_per_hour.value_or(0);
      const double qy = a.figures[y].quality_adjusted_output_per_hour.value_or(0);
      if (qx != qy) return qx > qy;
      return privacy::pseudonym(salt, ds.persons[x].id) < privacy::pseudonym(salt, ds.persons[y].id);
    });
    std::vector<std::string> mentee_ids;
    for (std::uint32_t p : mentees) mentee_ids.push_back(privacy::pseudonym(salt, ds.persons[p].id));
    std::sort(mentee_ids.begin(), mentee_ids.end());
    std::size_t next = 0;
    for (std::uint32_t c : champions)
      for (int i = 0; i < per_champion && next < mentee_ids.size(); ++i)
        out.pairs.push_back({role, privacy::pseudonym(salt, ds.persons[c].id), mentee_ids[next++]});
  }
  return out;
}

}  // namespace gapscore::insights
