// The insight sections best read as short tables and lists: who to train
// first, role playbooks, peer mentoring, success stories, the rollout
// comparison, split teams, and which sections could not be computed (with the reason).
import { h } from '../dom.js';
import { engineText, settingButton } from './engine-text.js';
import * as fmt from '../format.js';
import { dataTable } from './table.js';

const FORMATS = { hands_on: 'Hands-on AI workshops', quality_practice: 'Quality practice (less rework)' };

function block({ title, sub = null, wide = false }, ...body) {
  return h('section', { class: `card detail-card${wide ? ' wide' : ''}` }, h('h3', {}, title), sub ? h('p', { class: 'card-sub' }, sub) : null, body);
}

// One line per distinct reason, naming the roles it hides: the same long
// sentence in every hidden row buried the rows that have figures.
function hiddenNote(roles) {
  const byReason = new Map();
  for (const r of roles.filter((x) => x.suppressed)) {
    const reason = r.reason ?? 'too few people';
    byReason.set(reason, [...(byReason.get(reason) ?? []), r.role]);
  }
  if (!byReason.size) return null;
  return [...byReason].map(([reason, names]) => h('p', { class: 'card-sub', 'data-testid': 'hidden-roles' },
    h('strong', {}, names.length === 1 ? 'A role without figures: ' : `${fmt.num(names.length)} roles without figures: `),
    `${names.join(', ')}. Why: ${reason}.`.replace(/\.\.$/, '.')));
}

function keyLabel(key) {
  return key ? Object.entries(key).map(([a, v]) => fmt.attrValue(a, v)).join(' / ') : 'Everyone';
}

function splitTeams(list) {
  if (!Array.isArray(list) || !list.length) return null;
  return block({ title: 'Split teams', sub: 'Groups where some people lean on AI while others avoid it: pair them up before training everyone.' },
    dataTable({
      caption: 'Groups with uneven AI use',
      virtual: true,
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Leaning on AI', num: true }, { label: 'Non-adopters', num: true }, { label: 'Unevenness', num: true }],
      rows: list.map((g) => [keyLabel(g.key), fmt.pct(g.leaning_on_ai_share, 0), fmt.pct(g.non_adopter_share, 0), fmt.num(g.within_gini, 2)]),
    }));
}

function training(t) {
  if (!t) return null;
  const targets = t.targets ?? [];
  const a = t.ai_trained;
  const trained = a && !a.reason && a.trained_adoption_rate != null
    ? h('p', {}, `People with AI training: ${fmt.pct(a.trained_adoption_rate)} use AI (${fmt.num(a.trained_people)} people); without: ${fmt.pct(a.untrained_adoption_rate)} (${fmt.num(a.untrained_people)} people).`)
    : null;
  if (!targets.length && !trained) return null;
  return block({ title: 'Who to train first', sub: 'Groups and roles ranked by need: many non-adopters, or AI use that creates rework.', wide: true },
    trained,
    targets.length ? dataTable({
      caption: 'Training targets',
      virtual: true,
      columns: [{ label: 'Group or role', rowHeader: true }, { label: 'People', num: true }, { label: 'Non-adopters', num: true },
        { label: 'Rework creators', num: true }, { label: 'Need (0-100)', num: true }, { label: 'Suggested format' }],
      rows: targets.map((r) => [keyLabel(r.key), fmt.num(r.people), fmt.pct(r.non_adopter_share, 0), fmt.pct(r.rework_creator_share, 0),
        fmt.num(r.need_score, 0), FORMATS[r.format] ?? r.format]),
    }) : null,
    targets.length ? h('p', { class: 'card-sub' }, 'Need, 0 to 100: the share of non-adopters counts 40%, the share of rework creators 30% and the group\'s gap score 30% (roles have no gap score, so for them the first two share the whole).') : null);
}

function roleGuidance(g) {
  const roles = (g?.roles ?? []).filter((r) => r.suppressed || r.recommendations?.length);
  if (!g?.available || !roles.length) return null;
  const shown = roles.filter((r) => !r.suppressed);
  return block({ title: 'Role playbooks', sub: 'Where AI is recommended but little used, and AI use outside the playbook that costs rework.' },
    shown.length ? h('ul', { class: 'detail-list' }, shown.map((r) => h('li', {},
      h('strong', {}, r.role),
      h('ul', {}, r.recommendations.map((text) => h('li', {}, String(text).replace(`${r.role}: `, ''))))))) : null,
    hiddenNote(roles),
    g.roles_not_covered?.length ? h('p', { class: 'card-sub' }, `Roles not in the playbook: ${g.roles_not_covered.join(', ')}.`) : null);
}

function mentoring(m) {
  const roles = m?.roles ?? [];
  if (!roles.length) return null;
  return block({ title: 'Peer mentoring', sub: `Champions paired with non-adopters in the same role, at most ${fmt.num(m.mentees_per_champion)} each.` },
    dataTable({
      caption: 'Possible mentoring pairs per role',
      virtual: true,
      columns: [{ label: 'Role', rowHeader: true }, { label: 'Champions', num: true }, { label: 'Non-adopters', num: true }, { label: 'Possible pairs', num: true }],
      rows: roles.map((r) => (r.suppressed ? [r.role, ...Array(3).fill('hidden')]
        : [r.role, fmt.num(r.champions), fmt.num(r.non_adopters), fmt.num(r.possible_pairs)])),
    }),
    hiddenNote(roles),
    // With individual results on: who, by pseudonym (the same key gives the same pseudonyms).
    Array.isArray(m.pairs) && m.pairs.length ? dataTable({
      caption: 'Suggested pairs (pseudonyms)',
      virtual: true,
      columns: [{ label: 'Role', rowHeader: true }, { label: 'Mentor' }, { label: 'Mentee' }],
      rows: m.pairs.map((p) => [p.role, h('code', {}, p.mentor), h('code', {}, p.mentee)]),
    }) : null);
}

function successStories(list) {
  if (!list?.length) return null;
  return block({ title: 'Success stories', sub: 'Groups whose quality-adjusted output per hour rose most over the window.' },
    h('ul', { class: 'detail-list' }, list.map((s) => h('li', {}, s.text ?? keyLabel(s.key)))));
}

function rollout(r) {
  if (!r?.estimates?.length) return null;
  return block({ title: 'Rollout comparison', sub: `Difference-in-differences: ${r.treated_groups.join(', ')} (AI rollout) against ${r.control_groups.join(', ')}.`, wide: true },
    dataTable({
      caption: 'Rollout effect estimates',
      columns: [{ label: 'Outcome', rowHeader: true }, { label: 'Effect', num: true }, { label: 'Interval', num: true }, { label: 'p', num: true }, { label: 'Note' }],
      rows: r.estimates.map((e) => [e.outcome, fmt.signedNum(e.estimate, 3),
        e.ci_low == null ? '—' : `${fmt.signedNum(e.ci_low, 3)} to ${fmt.signedNum(e.ci_high, 3)}`, fmt.num(e.p_value, 3), e.reason ?? '—']),
    }));
}

function notComputed(ins) {
  const reasons = [
    ['Role playbooks', ins.role_guidance?.available === false ? ins.role_guidance.reason : null],
    ['AI training comparison', ins.training?.ai_trained?.reason],
    ['KPI audit', ins.kpi_audit?.reason],
    ['Work mode', ins.work_mode?.reason],
    ['Rollout comparison', ins.rollout?.estimates?.length ? null : ins.rollout?.reason],
  ].filter(([, reason]) => reason);
  if (!reasons.length) return null;
  return block({ title: 'Not computed for this data' },
    h('ul', { class: 'detail-list' }, reasons.map(([name, reason]) => h('li', {}, h('strong', {}, name), ': ', engineText(reason),
      name === 'Rollout comparison' && (ins.rollout?.settings ?? []).includes('rollout.dates') ? [' ', settingButton('Set rollout dates in Settings', 'rollout')] : null))));
}

/** Detail cards for the insight sections present in the report. */
export function insightDetails(report) {
  const ins = report.insights ?? {};
  // Ordered so the two-column grid pairs cards of similar height (training spans both).
  return [training(ins.training), splitTeams(ins.uneven_groups), mentoring(ins.mentoring), roleGuidance(ins.role_guidance),
    successStories(ins.success_stories), rollout(ins.rollout), notComputed(ins)].filter(Boolean);
}
