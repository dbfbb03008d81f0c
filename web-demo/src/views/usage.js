// The "AI tool usage" tab: report.usage (docs/usage-exports.md). First
// whether the exports could be joined to people at all (nothing else means
// much otherwise), then adoption, habit, intensity and breadth per group, how
// unevenly they spread, the weekly trend, who to train, team totals from the
// aggregate API, and the telemetry against the activity table.
import { h } from '../dom.js';
import * as fmt from '../format.js';
import { usageFormatLabel } from '../usage-formats.js';
import { dataTable, figureCell, scrollBox } from './table.js';
import { hiddenReason, toolLabel, usageCharts, usageTools } from './usage-charts.js';
import { periodOf } from './trend-chart.js';

/** A report made from people and usage exports only: no activity metrics, no gap score. */
export function isAdoptionOnly(report) {
  return Boolean(report.usage) && !(report.summary?.activity_rows > 0);
}

const RULES = {
  auto: 'the identities table, then e-mail (Microsoft 365) or GitHub login, then the person id',
  identities: 'the identities table only',
  email: 'the people table\'s e-mail column only',
  github_login: 'the people table\'s GitHub login column only',
  person_id: 'the person id only',
};

function context(report) {
  const usage = report.usage;
  const groupBy = report.config?.group_by ?? [];
  const k = report.privacy?.min_group_size ?? report.config?.privacy?.min_group_size ?? 5;
  return {
    usage, groupBy, k,
    engagedDays: report.config?.usage?.engaged_min_days,
    // Trends follow config.period, like the activity trends.
    period: periodOf(report),
    label: (g) => fmt.groupLabel(g.key, groupBy),
    shown: usage.groups.filter((g) => !g.suppressed),
    hidden: usage.groups.filter((g) => g.suppressed),
    tools: usageTools(usage),
  };
}

function card(title, sub, ...body) {
  return h('section', { class: 'card usage-card' }, h('h3', {}, title), sub ? h('p', { class: 'card-sub' }, sub) : null, body);
}

function figure(value, label, testid) {
  return h('div', { class: 'usage-figure' }, h('span', { class: 'usage-figure-value', 'data-testid': testid }, value), h('span', { class: 'usage-figure-label' }, label));
}

/** The exports' span: earliest first date to latest last date. */
function span(inputs) {
  const first = inputs.map((i) => i.first_date).filter(Boolean).sort()[0];
  const last = inputs.map((i) => i.last_date).filter(Boolean).sort().at(-1);
  return first ? `${first} to ${last}` : null;
}

function joinCard(ctx) {
  const id = ctx.usage.identity;
  const o = ctx.usage.overall;
  const population = o && !o.suppressed ? o.metrics.population : null;
  let alert = null;
  if (id.identities === 0) {
    alert = h('p', { class: 'card-sub' }, 'These exports hold team totals only (GitHub Copilot team metrics): there are no users to match to people.');
  } else if (id.matched === 0) {
    alert = h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'usage-nothing-joined' },
      h('h3', {}, 'Nothing could be joined'),
      h('p', {}, `None of the ${fmt.num(id.identities)} users in the exports matches anyone in the people table, so every figure on this tab counts nobody as active.`),
      h('p', {}, 'The export probably conceals user names (Microsoft 365 admin center → Settings → Org settings → Reports). '
        + 'Add an identities table that maps each name in the export to a person_id, or add email / github_login columns to the people table.'));
  } else if (id.unmatched > 0) {
    alert = h('div', { class: 'alert alert-warn', 'data-testid': 'usage-some-unmatched' },
      h('p', {}, `${fmt.num(id.unmatched)} of ${fmt.num(id.identities)} users in the exports ${id.unmatched === 1 ? 'matches' : 'match'} nobody in the people table. `
        + 'Their usage is in no group (contractors, leavers, or another login): an identities table can map them.'));
  }
  return h('section', { class: `card usage-card join-card ${id.identities > 0 && id.matched === 0 ? 'is-broken' : ''}`, 'data-testid': 'usage-join' },
    h('h3', {}, 'Who could be matched'),
    h('p', { class: 'card-sub' }, `Users named in the exports, matched to the people table through ${RULES[id.rule] ?? id.rule}.`),
    // Two different counts: user names in the exports (one person may have several, e.g. an
    // e-mail in one export and a GitHub login in another), and people in the people table.
    h('div', { class: 'usage-figures' },
      figure(fmt.num(id.matched), `of ${fmt.num(id.identities)} user names in the exports matched a person`, 'usage-matched'),
      figure(fmt.num(id.unmatched), `of ${fmt.num(id.identities)} user names matched nobody`, 'usage-unmatched'),
      figure(population == null ? fmt.num(id.people_with_usage) : `${fmt.num(id.people_with_usage)} of ${fmt.num(population)}`,
        population == null ? 'people with usage data' : 'people in the people table have usage data', 'usage-people-with-usage')),
    id.matched > 0 && id.people_with_usage !== id.matched
      ? h('p', { class: 'card-sub' }, `${fmt.num(id.matched)} matched names belong to ${fmt.num(id.people_with_usage)} people: a person can appear under several names (an e-mail address in one export, a GitHub login in another).`)
      : null,
    alert);
}

function tile(id, title, value, text, sub) {
  return h('article', { class: `card kpi ${value === fmt.NA ? 'is-na' : ''}`, 'data-kpi': id },
    h('h3', {}, title),
    h('p', { class: 'kpi-value', 'data-testid': `usage-overall-${id}` }, value),
    h('p', { class: 'kpi-text' }, text),
    sub ? h('p', { class: 'kpi-sub' }, sub) : null);
}

/** No user in the exports matched anyone in the people table (and the exports have users). */
const nothingJoined = (ctx) => ctx.usage.identity.identities > 0 && ctx.usage.identity.matched === 0;

/** The headline figures for everyone (also shown on the overview of an adoption-only report). */
export function usageHeadline(report) {
  const ctx = context(report);
  const o = ctx.usage.overall;
  if (nothingJoined(ctx)) {
    return h('p', { class: 'card empty-state', 'data-testid': 'usage-no-figures' }, 'No adoption figures: no user in the AI-usage exports could be matched to the people table (see the AI tool usage tab).');
  }
  if (!o || o.suppressed) {
    return h('p', { class: 'card empty-state' }, `No figures for everyone: ${o?.reason ?? `fewer than ${ctx.k} people`}.`);
  }
  const m = o.metrics;
  const share = (n) => (m.population ? n / m.population : null);
  return h('div', { class: 'kpi-grid' },
    tile('adoption', 'AI-tool adoption', fmt.pct(m.usage_adoption_rate),
      `${fmt.num(m.active_users)} of ${fmt.num(m.population)} people used an AI tool at least once.`,
      `${fmt.num(m.non_adopters)} not yet`),
    // engaged_users; "habitual" is a usage segment with its own rule (actions in most weeks).
    tile('engaged', 'Engaged users', fmt.num(m.engaged_users),
      `people active on at least ${fmt.num(ctx.engagedDays ?? NaN)} days.`,
      `${fmt.pct(share(m.engaged_users))} of everyone`),
    tile('intensity', 'Intensity', fmt.pct(m.active_days_share),
      'of the covered days an active user is active, on average.',
      ctx.usage.inputs.some((i) => i.format.startsWith('m365')) ? 'A lower bound: Microsoft 365 exports give only each app\'s last active day.' : null),
    tile('breadth', 'Breadth', fmt.num(m.apps_per_active_user, 1),
      'AI apps or features per active user.', null),
    m.acceptance_rate == null && m.lines_acceptance_rate == null ? null
      : tile('acceptance', 'Code acceptance', fmt.pct(m.acceptance_rate), 'of GitHub Copilot code suggestions accepted.',
        `${fmt.pct(m.lines_acceptance_rate)} of suggested lines kept`),
    ctx.tools.length > 1 ? toolsTile(ctx.tools, m) : null);
}

/** Adoption of each tool, one line per tool (the share of everyone who used it). */
function toolsTile(tools, m) {
  return h('article', { class: 'card kpi', 'data-kpi': 'tools' },
    h('h3', {}, 'By tool'),
    h('ul', { class: 'tool-list' }, tools.map((t) => h('li', { 'data-tool': t },
      h('span', { class: 'tool-name' }, toolLabel(t)),
      h('span', { class: 'tool-value', 'data-testid': `usage-overall-tool-${t}` }, fmt.pct(m.tool_adoption?.[t]))))),
    h('p', { class: 'kpi-text' }, 'of everyone used each tool at least once.'));
}

const GROUP_COLUMNS = [
  { id: 'population', label: 'People', get: (m) => m.population, format: (v) => fmt.num(v) },
  { id: 'active_users', label: 'Active', get: (m) => m.active_users, format: (v) => fmt.num(v) },
  { id: 'usage_adoption_rate', label: 'Adoption', get: (m) => m.usage_adoption_rate, format: fmt.pct },
  { id: 'engaged_users', label: 'Engaged', get: (m) => m.engaged_users, format: (v) => fmt.num(v) },
  { id: 'active_days_share', label: 'Intensity', get: (m) => m.active_days_share, format: fmt.pct },
  { id: 'apps_per_active_user', label: 'Breadth (apps)', get: (m) => m.apps_per_active_user, format: (v) => fmt.num(v, 1) },
  { id: 'acceptance_rate', label: 'Code accepted', get: (m) => m.acceptance_rate, format: fmt.pct },
  { id: 'lines_acceptance_rate', label: 'Lines kept', get: (m) => m.lines_acceptance_rate, format: fmt.pct },
];

function columnsFor(ctx) {
  return [...GROUP_COLUMNS, ...ctx.tools.map((t) => ({ id: `tool:${t}`, label: toolLabel(t), get: (m) => m.tool_adoption?.[t], format: fmt.pct }))];
}

function groupTable(ctx) {
  const columns = columnsFor(ctx);
  const keys = ctx.groupBy;
  const o = ctx.usage.overall;
  const keyCells = (g) => keys.map((attr, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: 'key' }, fmt.attrValue(attr, g.key?.[attr])));
  const rows = ctx.usage.groups.map((g) => (g.suppressed
    ? h('tr', { class: 'is-suppressed', 'data-group': ctx.label(g) }, keyCells(g),
      h('td', { colspan: columns.length, class: 'suppressed-cell' }, hiddenReason(g, ctx.k)))
    : h('tr', { 'data-group': ctx.label(g) }, keyCells(g), columns.map((c) => figureCell(c, c.get(g.metrics), g.withheld?.[c.id])))));
  return scrollBox('AI-tool usage per group', h('div', { class: 'table-scroll' },
    h('table', { class: 'data-table groups-table usage-table', 'data-testid': 'usage-groups-table' },
      h('caption', { class: 'visually-hidden' }, 'AI-tool usage per group'),
      h('thead', {}, h('tr', {},
        keys.map((a) => h('th', { scope: 'col' }, fmt.attrLabel(a))),
        columns.map((c) => h('th', { scope: 'col', class: 'num' }, c.label)))),
      h('tbody', {}, rows),
      !o || o.suppressed ? null : h('tfoot', {}, h('tr', { 'data-group': 'Everyone' },
        keys.length ? [h('th', { scope: 'row', colspan: keys.length }, 'Everyone')] : [],
        columns.map((c) => figureCell(c, c.get(o.metrics), o.withheld?.[c.id])))))));
}

function groupsCard(ctx) {
  const n = ctx.usage.groups.length;
  const intro = n
    ? `${fmt.num(n)} groups by ${ctx.groupBy.map(fmt.attrInText).join(' × ')}, over everyone in the people table. `
      + (ctx.hidden.length ? `${fmt.num(ctx.hidden.length)} hidden: fewer than ${ctx.k} people, or they would let a smaller hidden group be worked out.` : `Every group has at least ${ctx.k} people.`)
    : 'No grouping chosen: figures for everyone only.';
  return card('Usage per group',
    `${intro} Engaged: active on at least ${fmt.num(ctx.engagedDays ?? NaN)} days. Intensity: share of covered days active. Breadth: apps or features used. Code figures: GitHub Copilot only.`,
    n || (ctx.usage.overall && !ctx.usage.overall.suppressed) ? groupTable(ctx) : null);
}

const SEGMENTS = [
  ['power_user', 'Power users'],
  ['habitual_user', 'Habitual users'],
  ['novice_user', 'Novice users'],
  ['low_user', 'Low users'],
  ['non_user', 'Non-users'],
];
const STAGES = {
  initial_rollout: 'Initial rollout', ramping_up: 'Ramping up', embedding: 'Embedding', full_integration: 'Full integration',
};

/** Usage segments (vivainsights' ladder) and the adoption-maturity stage, per shown group and for everyone. */
function segmentsCard(ctx) {
  const w = ctx.usage.segments_window;
  if (!w) return null;
  const keys = ctx.groupBy;
  const count = (seg, id) => (seg?.[id] == null ? 'hidden' : fmt.num(seg[id]));
  const stage = (m) => (m?.stage ? STAGES[m.stage] ?? m.stage : 'hidden');  // it would give the hidden power users away
  const row = (label, entry, testid) => h('tr', { 'data-group': label, 'data-testid': testid },
    h('th', { scope: 'row' }, label),
    SEGMENTS.map(([id]) => h('td', { class: `num ${entry.segments?.[id] == null ? 'is-na' : ''}`, 'data-col': id }, count(entry.segments, id))),
    h('td', { class: entry.maturity?.stage ? null : 'is-na', 'data-col': 'maturity' }, stage(entry.maturity)));
  const o = ctx.usage.overall;
  const rows = ctx.shown.map((g) => row(ctx.label(g), g));
  if (o && !o.suppressed) rows.push(row('Everyone', o, 'usage-segments-overall'));
  const habit = `actions in at least ${fmt.num(w.habit_min_weeks)} of the ${fmt.num(w.weeks)} weeks`;
  return card('Usage segments and adoption maturity',
    `Per person over ${w.first_date} to ${w.last_date} (${fmt.num(w.weeks)} weeks${w.weeks < w.weeks_configured ? `, all the data there is; ${fmt.num(w.weeks_configured)} configured` : ''}). `
      + `Habitual: ${habit}. Power users: habitual with at least 15 actions a week on average; novice: not habitual, at least 1 a week; `
      + 'low: less; non-users: none (weeks without a licence count as 0). Maturity from the share of power users: '
      + 'under 20 % initial rollout, 20–40 % ramping up, 40–60 % embedding, 60 % and more full integration. '
      + `Counts of fewer than ${ctx.k} people are hidden, and so are counts that the shown ones and the totals would give away.`,
    scrollBox('Usage segments per group', h('div', { class: 'table-scroll' },
      h('table', { class: 'data-table usage-table', 'data-testid': 'usage-segments-table' },
        h('caption', { class: 'visually-hidden' }, 'Usage segments per group'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, keys.length ? keys.map((a) => fmt.attrLabel(a)).join(' × ') : 'Group'),
          SEGMENTS.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)),
          h('th', { scope: 'col' }, 'Maturity'))),
        h('tbody', {}, rows)))));
}

const SPREAD = [
  ['usage_adoption_rate', 'Adoption', fmt.pct],
  ['active_days_share', 'Intensity', fmt.pct],
  ['apps_per_active_user', 'Breadth (apps)', (v) => fmt.num(v, 1)],
];

function unevennessCard(ctx) {
  const u = ctx.usage.uniformity ?? {};
  if (!SPREAD.some(([m]) => u[m]?.groups >= 2)) return null;
  // Name the groups at the extremes: "50.0% (Sales) to 87.5% (Finance)".
  const at = (metric, v) => ctx.shown.filter((g) => g.metrics[metric] === v).map(ctx.label).join(', ');
  const a = u.usage_adoption_rate;
  const sentence = a?.groups >= 2
    ? `Adoption ranges from ${fmt.pct(a.min)} (${at('usage_adoption_rate', a.min)}) to ${fmt.pct(a.max)} (${at('usage_adoption_rate', a.max)}) across ${fmt.num(a.groups)} groups.`
    : null;
  return card('How evenly use is spread across groups', sentence,
    dataTable({
      caption: 'Unevenness across the groups shown',
      className: 'usage-spread',
      columns: [{ label: 'Measure', rowHeader: true }, { label: 'Lowest', num: true }, { label: 'Highest', num: true }, { label: 'Gini', num: true }, { label: 'Variation (CV)', num: true }],
      rows: SPREAD.filter(([m]) => u[m]).map(([m, label, f]) => [label, f(u[m].min), f(u[m].max), fmt.num(u[m].gini, 2), fmt.num(u[m].cv, 2)]),
    }),
    h('p', { class: 'card-sub' }, 'Gini and CV: 0 means every group alike; higher means a few groups carry the use.'));
}

function trainingCard(ctx) {
  const targets = ctx.usage.training_targets ?? [];
  if (!targets.length) return null;
  const first = targets.find((t) => t.non_adopters != null && t.non_adopters > 0);
  return card('Who to reach first',
    first ? `Start with ${fmt.groupLabel(first.key, ctx.groupBy)}: ${fmt.num(first.non_adopters)} people (${fmt.pct(first.non_adopter_share)}) have not used any AI tool.`
      : 'Groups by their share of people who have not used any AI tool.',
    dataTable({
      caption: 'Groups by share of non-adopters',
      className: 'usage-training',
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Non-adopters', num: true }, { label: 'Share of the group', num: true }],
      rows: targets.map((t) => [fmt.groupLabel(t.key, ctx.groupBy),
        t.non_adopters == null ? `hidden: fewer than ${ctx.k} people` : fmt.num(t.non_adopters), fmt.pct(t.non_adopter_share)]),
    }));
}

function teamAggregatesCard(ctx) {
  const rows = ctx.usage.team_aggregates ?? [];
  if (!rows.length) return null;
  return card('Team totals (GitHub Copilot team metrics)',
    `${ctx.period.ly} means of daily figures from the team metrics API, one table per file. ${ctx.period.Unit}s averaging fewer than ${ctx.k} active users are hidden.`,
    dataTable({
      caption: `Team totals per ${ctx.period.unit}`,
      className: 'usage-teams',
      columns: [{ label: 'Team (file)', rowHeader: true }, { label: ctx.period.Unit }, { label: 'Days', num: true }, { label: 'Active per day', num: true },
        { label: 'Engaged per day', num: true }, { label: 'Code accepted', num: true }, { label: 'Lines kept', num: true }],
      rows: rows.map((r) => (r.suppressed
        ? [r.team, r.period, fmt.num(r.days), h('span', { class: 'suppressed-inline' }, `Hidden: ${r.reason ?? `fewer than ${ctx.k} people`}`), '', '', '']
        : [r.team, r.period, fmt.num(r.days), fmt.num(r.mean_daily_active_users, 1), fmt.num(r.mean_daily_engaged_users, 1), fmt.pct(r.acceptance_rate), fmt.pct(r.lines_acceptance_rate)])),
    }));
}

function comparisonCard(report) {
  const c = report.usage.comparison_with_activity;
  if (!c) return null;
  if (c.reason || c.telemetry_adoption_rate == null) {
    return h('section', { class: 'card usage-card', 'data-testid': 'usage-comparison' },
      h('h3', {}, 'Usage exports against the activity table'),
      h('p', {}, `Not compared: ${c.reason ?? 'not enough people in both'}.`));
  }
  return h('section', { class: 'card usage-card', 'data-testid': 'usage-comparison' },
    h('h3', {}, 'Usage exports against the activity table'),
    h('p', { class: 'card-sub' }, `Do the tools' own records agree with the activity table on who uses AI? ${fmt.num(c.people)} people in both.`),
    h('div', { class: 'usage-figures' },
      figure(fmt.pct(c.telemetry_adoption_rate), 'adoption by the usage exports', 'comparison-telemetry'),
      figure(fmt.pct(c.activity_adoption_rate), 'adoption by the activity table', 'comparison-activity'),
      figure(fmt.pct(c.agreement), 'of people classified alike', 'comparison-agreement')),
    h('p', {}, `${fmt.pct(c.telemetry_only_share)} of people used AI tools by the exports but are not AI users by the activity table; `
      + `${fmt.pct(c.activity_only_share)} are AI users by the activity table only (tools the exports do not cover, or AI use recorded by hand).`),
    intensityLine(c.intensity_vs_ai_task_share));
}

// Spearman's rho between days of tool use and the recorded share of AI-assisted tasks.
function intensityLine(r) {
  if (!r || r.spearman_rho == null) return null;
  const rho = r.spearman_rho;
  const reading = Math.abs(rho) < 0.3 ? 'little relation between the two'
    : rho > 0 ? 'more days of tool use go with more AI-assisted tasks' : 'more days of tool use go with fewer AI-assisted tasks';
  return h('p', { 'data-testid': 'comparison-intensity' },
    `Days of tool use against the recorded share of AI-assisted tasks: ${reading} `
    + `(Spearman's ρ = ${fmt.num(rho, 2)}, p = ${fmt.num(r.p_value, 3)}, ${fmt.num(r.people)} people).`);
}

function inputsCard(usage) {
  return card('What was read from the exports', null,
    dataTable({
      caption: 'AI-usage exports',
      className: 'usage-inputs',
      columns: [{ label: 'File', rowHeader: true }, { label: 'Format' }, { label: 'Records', num: true }, { label: 'Skipped', num: true }, { label: 'Dates' }],
      rows: usage.inputs.map((i) => [i.source ?? '—', usageFormatLabel(i.format), fmt.num(i.records), fmt.num(i.records_skipped),
        i.first_date ? `${i.first_date} to ${i.last_date}${i.report_period_days ? ` (${i.report_period_days}-day report)` : ''}` : '—']),
    }));
}

/**
 * Stands in for a view that needs activity metrics, in an adoption-only report.
 * @param {string} what e.g. "The group table"
 * @param {() => void} [openUsage] switches to the usage tab
 */
export function needsActivity(what, openUsage) {
  return h('div', { class: 'card empty-state needs-activity', 'data-testid': 'needs-activity' },
    h('h3', {}, `${what} needs an activity table`),
    h('p', {}, 'This is an adoption-only report, made from the people table and AI-usage exports. '
      + 'Add an activity table (one row per person, day and task type) for adoption by task, time saved, quality, rework and the gap score.'),
    openUsage ? h('p', {}, h('button', { type: 'button', class: 'button secondary small', onclick: openUsage }, 'See AI tool usage')) : null);
}

/** The tab's content and its charts (drawn when the tab is first shown). */
export function usageView(report, fileBase) {
  const ctx = context(report);
  const u = ctx.usage;
  const charts = nothingJoined(ctx) ? [] : usageCharts(ctx, fileBase);
  const when = span(u.inputs);
  const el = h('div', { class: 'usage-view' },
    isAdoptionOnly(report) ? h('div', { class: 'alert alert-info usage-only-note', 'data-testid': 'adoption-only' },
      h('p', {}, h('strong', {}, 'Adoption-only report. '),
        'There is no activity table, so time saved, quality, rework and the gap score are not computed. '
        + 'Everything here comes from the AI tools\' own usage exports, joined to the people table on this device.')) : null,
    h('p', { class: 'view-intro' },
      `From ${fmt.num(u.inputs.length)} export${u.inputs.length === 1 ? '' : 's'}, covering ${fmt.num(u.covered_days)} days`,
      when ? ` (${when})` : '', '.'),
    joinCard(ctx),
    // Nothing joined: every per-person figure would count nobody as active, so none is shown.
    nothingJoined(ctx) ? null : [
      usageHeadline(report),
      groupsCard(ctx),
      segmentsCard(ctx),
      charts.length ? h('div', { class: 'chart-grid' }, charts.map((c) => c.el)) : null,
      h('div', { class: 'detail-grid' }, unevennessCard(ctx), trainingCard(ctx)),
    ],
    teamAggregatesCard(ctx),
    comparisonCard(report),
    inputsCard(u));
  return { el, charts };
}

/**
 * The usage group table as CSV rows (suppressed groups keep their key and say why).
 * For people: the table's titles, shares as rounded percentages; raw: the engine's names and values.
 */
export function usageCsv(report, { raw = false } = {}) {
  const ctx = context(report);
  const columns = columnsFor(ctx);
  const isShare = (c) => c.format === fmt.pct;
  const header = raw
    ? [...ctx.groupBy, ...columns.map((c) => c.id.replace('tool:', 'tool_adoption_')), 'note']
    : [...ctx.groupBy.map((a) => fmt.attrLabel(a)), ...columns.map((c) => (isShare(c) ? `${c.label} (%)` : c.label)), 'Note'];
  const value = (c, m) => {
    const v = c.get(m);
    if (raw || v == null) return v;
    return isShare(c) ? Math.round(v * 1000) / 10 : Math.round(v * 10) / 10;
  };
  const rows = ctx.usage.groups.map((g) => [
    ...ctx.groupBy.map((a) => (raw ? g.key?.[a] ?? '' : fmt.attrValue(a, g.key?.[a]))),
    ...columns.map((c) => (g.suppressed ? null : value(c, g.metrics))),
    g.suppressed ? `${raw ? 'suppressed' : 'Hidden'}: ${hiddenReason(g, ctx.k)}` : '',
  ]);
  return { header, rows };
}
