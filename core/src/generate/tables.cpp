// The small tables: people.csv (one row per person) and playbook.csv (every
// task type of every role present, with its AI recommendation).
#include "base/date.h"
#include "base/number_text.h"
#include "generate/writers.h"

namespace gapscore::generate {

namespace {

void append_playbook_rows(const RoleSpec& role, ChunkWriter& w) {
  for (const TaskSpec& task : role.tasks) {
    std::string& b = w.buf();
    append_csv_field(b, role.name);
    b += ',';
    append_csv_field(b, task.name);
    b += task.ai_recommended ? ",true\n" : ",false\n";
    w.count_line();
  }
}

}  // namespace

Status write_people(const Org& org, ChunkWriter& w) {
  // department is not a gapscore column: the people table keeps it as an attribute to roll teams up by.
  w.buf() = "person_id,team,role,work_mode,manager_id,ai_trained,hire_date,department\n";
  for (std::size_t i = 0; i < org.people.size(); ++i) {
    const Person& p = org.people[i];
    const Team& team = org.teams[p.team];
    std::string& b = w.buf();
    append_person_id(b, org, i);
    b += ',';
    append_csv_field(b, team.name);
    b += ',';
    append_csv_field(b, org.role_of(p).name);
    b += ',';
    b += mode_name(p.mode);
    b += ',';
    if (!p.is_lead) append_person_id(b, org, team.first_person);  // the team lead
    b += p.ai_trained ? ",true," : ",false,";
    b += format_iso_date(p.hire_day);
    b += ',';
    append_csv_field(b, base_team_department(team.base));
    b += '\n';
    w.count_line();
    if (Status s = w.maybe_flush(); !s) return s;
  }
  return w.flush();
}

Status write_playbook(const Org& org, ChunkWriter& w) {
  w.buf() = "role,task_type,ai_recommended\n";
  // Member roles of the base teams present (the first kBaseTeamCount teams
  // cover every base present), then the team lead role.
  for (std::size_t t = 0; t < org.teams.size() && t < kBaseTeamCount; ++t)
    append_playbook_rows(member_role(org.teams[t].base), w);
  append_playbook_rows(team_lead_role(), w);
  return w.flush();
}

}  // namespace gapscore::generate
