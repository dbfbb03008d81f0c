#include "dataset/dataset.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "base/date.h"
#include "base/ascii_case.h"
#include "dataset/id_near_match.h"
#include "model/schema.h"

namespace gapscore {
namespace {


void note_conflict(DiagnosticLog& log, const std::string& person, const char* attribute, const std::string& kept,
                   const std::string& other, std::uint64_t row) {
  Diagnostic d = make_diagnostic(DiagCode::attribute_conflict,
                                 "person " + clip_for_diagnostic(person) + ": " + attribute + " \"" +
                                     clip_for_diagnostic(other) + "\" differs from \"" + clip_for_diagnostic(kept) +
                                     "\"; using \"" + clip_for_diagnostic(kept) + "\"",
                                 "activity", row, attribute, other);
  d.names_person = true;
  log.add(std::move(d));
}

// Group names that differ only in letter case ("Alpha", "alpha") are two
// groups, as written; most likely one team typed two ways (an outside review),
// so each such pair is a warning. At most a few pairs per attribute are listed.
void note_case_variants(const Dataset& ds, const Config& config, DiagnosticLog& log) {
  std::vector<std::string> attributes{"team", "role"};
  for (const std::string& a : config.group_by)
    if (std::find(attributes.begin(), attributes.end(), a) == attributes.end()) attributes.push_back(a);
  for (const std::string& attribute : attributes) {
    std::map<std::string, std::set<std::string>> by_folded;
    for (const PersonInfo& p : ds.persons) {
      std::string value = person_attribute(p, attribute);
      by_folded[ascii_lower(value)].insert(std::move(value));
    }
    int listed = 0;
    for (const auto& [folded, spellings] : by_folded) {
      if (spellings.size() < 2 || listed++ == 3) continue;
      std::string names;
      for (const std::string& s : spellings) names += (names.empty() ? "\"" : " and \"") + clip_for_diagnostic(s) + "\"";
      log.add(make_diagnostic(DiagCode::attribute_case_variants,
                              attribute + " " + names + " differ only in letter case and are separate groups; "
                                  "write them one way to make them one group",
                              "people", 0, attribute, *spellings.begin()));
    }
  }
}

}  // namespace

std::string person_attribute(const PersonInfo& p, std::string_view attribute) {
  auto or_unassigned = [](const std::string& s) { return s.empty() ? std::string(kUnassigned) : s; };
  if (!is_person_table_attribute(attribute)) {  // an HR attribute of a person query, matched like a header
    const std::string wanted = normalize_header(attribute);
    for (const auto& [name, value] : p.hr)
      if (normalize_header(name) == wanted) return or_unassigned(value);
    return std::string(kUnassigned);
  }
  if (attribute == "team") return or_unassigned(p.team);
  if (attribute == "role") return or_unassigned(p.role);
  if (attribute == "manager_id") return or_unassigned(p.manager_id);
  if (attribute == "work_mode")
    return p.work_mode == WorkMode::missing ? std::string(kUnassigned) : work_mode_name(p.work_mode);
  if (attribute == "ai_trained")
    return p.ai_trained == kMissingBool ? std::string(kUnassigned) : p.ai_trained ? "true" : "false";
  return std::string(kUnassigned);
}

std::vector<std::pair<std::string, std::string>> people_extra_attributes(const Table& pt, std::size_t r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t c = schema_for(TableKind::people).columns.size(); c < pt.columns.size(); ++c)
    out.emplace_back(pt.columns[c].name, std::string(pt.columns[c].text().at(r)));
  return out;
}

void set_query_attributes(PersonInfo& p, std::span<const std::pair<std::string, std::string>> attributes) {
  p.hr.resize(p.people_attributes);
  for (const auto& [name, value] : attributes) {
    const std::string n = normalize_header(name);
    const bool shadowed = std::any_of(p.hr.begin(), p.hr.begin() + p.people_attributes,
                                      [&](const auto& a) { return normalize_header(a.first) == n; });
    if (!shadowed) p.hr.emplace_back(name, value);
  }
}

PersonInfo person_from_people_row(const Table& pt, std::size_t r) {
  PersonInfo p;
  auto text_of = [&](const char* col) -> std::string {
    if (!pt.has(col)) return {};
    return std::string(pt.column(col).text().at(r));
  };
  p.id = text_of("person_id");
  p.team = text_of("team");
  p.role = text_of("role");
  p.manager_id = text_of("manager_id");
  if (pt.has("work_mode") && pt.column("work_mode").small()[r] != kMissingBool)
    p.work_mode = static_cast<WorkMode>(pt.column("work_mode").small()[r]);
  if (pt.has("ai_trained")) p.ai_trained = pt.column("ai_trained").small()[r];
  p.in_people_table = true;
  p.hr = people_extra_attributes(pt, r);
  p.people_attributes = static_cast<std::uint32_t>(p.hr.size());
  return p;
}

namespace {

Result<Dataset> join_tables(std::vector<IngestedTable> tables, activity::ActivityData* activity, DiagnosticLog& log,
                            bool adoption_only, const usage::UsageData* usage) {
  Dataset ds;
  if (activity) ds.activity = std::move(*activity);
  bool have_activity = false;
  for (IngestedTable& t : tables) {
    ds.inputs.push_back(t.summary);
    const auto kind = table_kind_from_name(t.table.name);
    if (kind == TableKind::activity) {
      have_activity = true;
    } else if (t.table.row_count() > 0) {
      if (kind == TableKind::people) ds.people = std::move(t.table);
      else if (kind == TableKind::surveys) ds.surveys = std::move(t.table);
      else if (kind == TableKind::playbook) ds.playbook = std::move(t.table);
      else if (kind == TableKind::identities) ds.identities = std::move(t.table);
    }
  }
  if (!have_activity && adoption_only) {
    // Adoption-only: the people table is the population, or else the people a person query lists.
    const bool listed = usage && !usage->persons.empty();
    if (!ds.people && !listed)
      return Error(make_diagnostic(DiagCode::invalid_argument,
                                   "without an activity table, AI-usage exports need a people table (who could use the tools), "
                                   "or a Viva Insights person query, which lists everyone",
                                   "people"));
    ds.has_activity = false;
    if (ds.people) {
      for (std::size_t r = 0; r < ds.people->row_count(); ++r) ds.persons.push_back(person_from_people_row(*ds.people, r));
    } else {
      for (const auto& [identity, record] : usage->persons) {
        PersonInfo p;
        p.id = identity;
        set_query_attributes(p, record.attributes);
        ds.persons.push_back(std::move(p));
      }
    }
    ds.persons_by_id.resize(ds.persons.size());
    std::iota(ds.persons_by_id.begin(), ds.persons_by_id.end(), 0U);
    std::sort(ds.persons_by_id.begin(), ds.persons_by_id.end(),
              [&](std::uint32_t a, std::uint32_t b) { return ds.persons[a].id < ds.persons[b].id; });
    return ds;
  }
  if (!have_activity)
    return Error(make_diagnostic(DiagCode::invalid_argument, "the activity table is required", "activity"));

  // The window was applied while reading: only rows inside it reached the sums.
  ds.rows_outside_window = ds.activity.rows_outside_window;
  if (ds.rows_outside_window > 0)
    log.add(make_diagnostic(DiagCode::rows_outside_window,
                            "activity: " + std::to_string(ds.rows_outside_window) +
                                " rows fall outside the configured window and were left out",
                            "activity"));
  if (ds.activity.rows_in_window == 0)
    return Error(make_diagnostic(DiagCode::no_valid_rows, "activity: no rows fall inside the configured window",
                                 "activity"));
  ds.first_date = *ds.activity.first_date;
  ds.last_date = *ds.activity.last_date;

  // Persons: one per person_id with rows in the window, in id order. Inline
  // attributes: the first value per person wins; a later different value is a conflict.
  ds.persons.resize(ds.activity.persons.size());
  for (std::size_t i = 0; i < ds.persons.size(); ++i) {
    const activity::ActivityPerson& a = ds.activity.persons[i];
    PersonInfo& p = ds.persons[i];
    p.id = a.id;
    const activity::InlineAttributes& inline_values = a.attributes.get();
    p.team = inline_values.team.value;
    p.role = inline_values.role.value;
    if (inline_values.work_mode.row) p.work_mode = work_mode_from_name(inline_values.work_mode.value);
    const std::pair<const char*, const activity::InlineAttribute*> attributes[] = {
        {"team", &inline_values.team}, {"role", &inline_values.role}, {"work_mode", &inline_values.work_mode}};
    for (const auto& [name, attr] : attributes)
      if (attr->conflict_row) note_conflict(log, p.id, name, attr->value, attr->conflict_value, attr->conflict_row);
  }

  // People table: its attributes win over inline ones.
  if (ds.people) {
    const Table& pt = *ds.people;
    std::unordered_map<std::string_view, std::size_t> row_of;
    const TextColumn& ppid = pt.column("person_id").text();
    for (std::size_t r = 0; r < pt.row_count(); ++r) row_of.emplace(ppid.at(r), r);
    std::vector<const PersonInfo*> missing;
    std::vector<bool> used(pt.row_count(), false);
    auto text_of = [&](const char* col, std::size_t r) -> std::string {
      if (!pt.has(col)) return {};
      return std::string(pt.column(col).text().at(r));
    };
    for (PersonInfo& p : ds.persons) {
      const auto it = row_of.find(p.id);
      if (it == row_of.end()) {
        ++ds.unknown_people;
        missing.push_back(&p);
        Diagnostic d = make_diagnostic(DiagCode::unknown_person,
                                       "person " + clip_for_diagnostic(p.id) +
                                           " appears in activity but not in the people table; using " +
                                           (p.team.empty() && p.role.empty() ? "(unassigned)" : "inline attributes"),
                                       "activity", 0, "person_id", p.id);
        d.names_person = true;
        log.add(std::move(d));
        continue;
      }
      const std::size_t r = it->second;
      used[r] = true;
      p.in_people_table = true;
      p.hr = people_extra_attributes(pt, r);
      p.people_attributes = static_cast<std::uint32_t>(p.hr.size());
      auto take = [&](std::string& field, const char* col) {
        std::string v = text_of(col, r);
        if (v.empty()) return;
        if (!field.empty() && field != v) {
          Diagnostic d = make_diagnostic(DiagCode::attribute_conflict,
                                         "person " + clip_for_diagnostic(p.id) + ": " + col + " in activity (\"" +
                                             clip_for_diagnostic(field) + "\") differs from the people table (\"" +
                                             clip_for_diagnostic(v) + "\"); using the people table",
                                         "people", pt.source_rows[r], col, field);
          d.names_person = true;
          log.add(std::move(d));
        }
        field = std::move(v);
      };
      take(p.team, "team");
      take(p.role, "role");
      p.manager_id = text_of("manager_id", r);
      if (pt.has("work_mode") && pt.column("work_mode").small()[r] != kMissingBool) {
        const auto m = static_cast<WorkMode>(pt.column("work_mode").small()[r]);
        if (p.work_mode != WorkMode::missing && p.work_mode != m) {
          Diagnostic d = make_diagnostic(DiagCode::attribute_conflict,
                                         "person " + clip_for_diagnostic(p.id) + ": work_mode in activity (" +
                                             work_mode_name(p.work_mode) + ") differs from the people table (" +
                                             work_mode_name(m) + "); using the people table",
                                         "people", pt.source_rows[r], "work_mode", work_mode_name(p.work_mode));
          d.names_person = true;
          log.add(std::move(d));
        }
        p.work_mode = m;
      }
      if (pt.has("ai_trained")) p.ai_trained = pt.column("ai_trained").small()[r];
    }
    ds.people_without_activity = static_cast<std::uint64_t>(std::count(used.begin(), used.end(), false));
    if (!missing.empty()) {
      std::vector<std::string_view> ids;
      for (std::size_t r = 0; r < pt.row_count(); ++r) ids.push_back(ppid.at(r));
      note_id_near_matches(missing, ids, log);
    }
  }

  ds.persons_by_id.resize(ds.persons.size());
  std::iota(ds.persons_by_id.begin(), ds.persons_by_id.end(), 0U);
  // Ids are unique, so this order has no ties.
  std::sort(ds.persons_by_id.begin(), ds.persons_by_id.end(),
            [&](std::uint32_t a, std::uint32_t b) { return ds.persons[a].id < ds.persons[b].id; });
  return ds;
}

}  // namespace

namespace {

// HR attributes that reached the usage population (person query rows joined to
// people) go to the persons of the activity analysis too.
void copy_hr_attributes(Dataset& ds) {
  if (!ds.usage) return;
  std::unordered_map<std::string_view, std::size_t> by_id;
  const std::vector<PersonInfo>& pop = ds.usage->population.persons;
  for (std::size_t i = 0; i < pop.size(); ++i) by_id.emplace(pop[i].id, i);
  for (PersonInfo& p : ds.persons) {
    const auto it = by_id.find(p.id);
    if (it == by_id.end()) continue;
    const PersonInfo& q = pop[it->second];
    if (q.hr.size() > q.people_attributes)
      set_query_attributes(p, std::span(q.hr).subspan(q.people_attributes));
  }
}

}  // namespace

// group_by, rollup_by and rollout.by may name HR attributes; some input must have them.
Status check_attributes(const Dataset& ds, const Config& config) {
  std::vector<std::pair<std::string, const char*>> wanted;
  for (const std::string& a : config.group_by) wanted.emplace_back(a, "group_by");
  if (!config.rollup_by.empty()) wanted.emplace_back(config.rollup_by, "rollup_by");
  if (config.rollout) wanted.emplace_back(config.rollout->by, "rollout.by");
  // The people table's own attributes need no look at the people (this runs on every re-analysis).
  std::erase_if(wanted, [](const auto& w) { return is_person_table_attribute(w.first); });
  if (wanted.empty()) return Ok{};
  std::vector<std::string> found;
  auto note = [&](const PersonInfo& p) {
    for (const auto& [name, value] : p.hr)
      if (std::find(found.begin(), found.end(), name) == found.end() && found.size() < 50) found.push_back(name);
  };
  for (const PersonInfo& p : ds.persons) note(p);
  if (ds.usage)
    for (const PersonInfo& p : ds.usage->population.persons) note(p);
  for (const auto& [a, key] : wanted) {
    const std::string n = normalize_header(a);
    if (std::any_of(found.begin(), found.end(), [&](const std::string& f) { return normalize_header(f) == n; })) continue;
    std::string list;
    for (std::size_t i = 0; i < found.size() && i < 12; ++i) list += (i ? ", " : "") + found[i];
    return Error(make_diagnostic(
        DiagCode::config_invalid_value,
        "config " + std::string(key) + ": \"" + clip_for_diagnostic(a) + "\" is not an attribute of any input: besides team, role, "
            "work_mode, manager_id and ai_trained, person attributes are the people table's other columns and the HR "
            "attributes of a Viva Insights person query given as a usage export" +
            (list.empty() ? std::string(" (the inputs have none)") : " (the inputs have: " + list + ")"),
        "config", 0, key, a));
  }
  return Ok{};
}

Result<Dataset> build_dataset(std::vector<IngestedTable> tables, activity::ActivityData* activity, const Config& config,
                              DiagnosticLog& log, bool adoption_only, usage::UsageData* usage,
                              const ingest::ProxySums* activity_proxies) {
  auto ds = join_tables(std::move(tables), activity, log, adoption_only, usage);
  if (!ds) return ds;
  if (usage) ds->usage = join_usage(*ds, std::move(*usage), config, log);
  copy_hr_attributes(*ds);
  if (Status s = check_attributes(*ds, config); !s) return std::move(s).error();
  note_case_variants(*ds, config, log);
  if (activity_proxies) ds->activity_proxies = *activity_proxies;
  return ds;
}

std::vector<ProxyColumn> kpi_proxy_columns(const Dataset& ds, const Config& config) {
  std::vector<ProxyColumn> out;
  if (!ds.has_activity) return out;
  std::unordered_map<std::string_view, std::size_t> usage_index;
  if (ds.usage)
    for (std::size_t i = 0; i < ds.usage->population.persons.size(); ++i) usage_index.emplace(ds.usage->population.persons[i].id, i);
  for (const std::string& wanted : config.insights.kpi_proxies) {
    const std::string name = normalize_header(wanted);
    if (std::any_of(out.begin(), out.end(), [&](const ProxyColumn& c) { return c.name == name; })) continue;
    ProxyColumn column{name, "", std::vector<std::optional<double>>(ds.persons.size())};
    bool any = false;
    // The activity's own columns first: the same rows as the outcomes.
    for (std::size_t c = 0; c < std::size(ingest::ProxySums::kColumns); ++c) {
      if (ingest::ProxySums::kColumns[c] != name) continue;
      for (std::size_t p = 0; p < ds.persons.size(); ++p) {
        const auto it = ds.activity_proxies.by_person.find(ds.persons[p].id);
        if (it != ds.activity_proxies.by_person.end() && c < it->second.size() && it->second[c].second > 0) {
          column.values[p] = it->second[c].first / 1e6;  // kept in millionths (ProxySums)
          any = true;
        }
      }
      column.source = "activity";
    }
    if (!any && ds.usage) {
      for (std::size_t p = 0; p < ds.persons.size(); ++p) {
        const auto it = usage_index.find(ds.persons[p].id);
        if (it == usage_index.end()) continue;
        for (const auto& [metric, mean] : ds.usage->person_metrics[it->second])
          if (metric == name) {
            column.values[p] = mean;
            any = true;
          }
      }
      column.source = "viva_person_query";
    }
    if (any) out.push_back(std::move(column));
  }
  return out;
}

}  // namespace gapscore
