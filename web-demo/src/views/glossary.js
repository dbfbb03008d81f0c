// The glossary: every persona and statistic the report names, one line each.
// Shown at the end of the overview and the insights; the wording checks skip
// it (class "glossary"), since it may name the engine's terms on purpose.
import { h } from '../dom.js';

const TERMS = [
  ['AI user', 'Someone who does at least the chosen share of their tasks with AI (10% unless changed in Settings).'],
  ['Champions', 'AI users with high quality-adjusted output per hour and little rework: good mentors.'],
  ['Developing', 'AI users who are neither champions, heavy users nor rework creators yet: on their way.'],
  ['Heavy users', 'People who do most of their tasks with AI (60% or more).'],
  ['Rework creators', 'AI users whose AI-assisted work often needs to be redone.'],
  ['Non-adopters', 'People below the AI-user threshold.'],
  ['Gap score', '0 to 100: how far a group is from AI that is used by everyone, evenly, effectively, as the playbook intends and with confidence. Higher is a larger gap.'],
  ['Unevenness (Gini)', 'How unequally AI use is spread within a group: 0 means everyone uses it alike, 1 means one person does all of it.'],
  ['Quality-adjusted output per hour', 'Tasks finished per hour, each counted by its quality score (0 to 1).'],
  ['Hedges\' g', 'The size of a difference between two groups in standard deviations, corrected for small groups: about 0.2 is small, 0.5 medium, 0.8 large.'],
  ['Mann–Whitney test', 'Checks whether one group tends to have higher values than another without assuming a bell curve; a small p-value means the difference is unlikely to be chance.'],
  ['Quality Δ', 'How much higher (or lower) AI-assisted work is rated than manual work, in points on a 0 to 100 scale: a quality score of 0.80 is 80 points.'],
  ['Spearman ρ (rho)', 'How closely two measures rise and fall together, from −1 to +1; near 0 (between −0.2 and +0.2 here) means one says little about the other. Below −0.2 a KPI like task volume can point the wrong way: more of it, less value.'],
  ['Confidence interval', 'The range the true value most likely lies in (95% of the time); when it includes zero, the data cannot tell the direction.'],
  ['p-value', 'How often a difference at least this large would appear by chance if there were none; below 0.05 is the usual bar.'],
  ['Adjusted difference', 'A comparison made within the same team and role (or role and AI use), so that differences in who is in each group do not mislead.'],
  ['Hidden group', 'A group with fewer people than the minimum group size: no figures are shown, so that nobody can be singled out.'],
];

export function glossary() {
  return h('details', { class: 'card glossary', 'data-testid': 'glossary' },
    h('summary', {}, h('h3', { class: 'glossary-title' }, 'Glossary: the words and statistics in this report')),
    h('dl', { class: 'glossary-list' }, TERMS.map(([term, text]) => h('div', {}, h('dt', {}, term), h('dd', {}, text)))));
}
