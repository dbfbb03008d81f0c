// Charts of report.insights: AI personas per group, work mode raw vs adjusted,
// and the KPI audit. Withheld groups are named in a note and in the table.
import { chartCard } from '../charts/card.js';
import { COLORS } from '../charts/echarts.js';
import * as fmt from '../format.js';
import { othersNote, rankedRows, rowLabel } from './chart-groups.js';

const PERSONAS = [
  ['champion', 'Champions', COLORS.green, 'high quality-adjusted output with little rework'],
  ['developing', 'Developing', COLORS.sky, 'AI users on their way'],
  ['heavy_user', 'Heavy users', COLORS.amber, 'most of their tasks with AI'],
  ['rework_creator', 'Rework creators', COLORS.orange, 'AI use that creates rework'],
  ['non_adopter', 'Non-adopters', '#adb5bd', 'below the AI-user threshold'],
];

const OUTCOMES = { outcome_value: 'Value', quality: 'Quality', error_rate: 'Error rate' };
const PROXIES = { hours: 'Hours logged', tasks: 'Task count', ai_interactions: 'AI interactions' };
// Few categories, each named in full: ECharts would drop a label that does not
// fit its slot (the KPI chart lost "Task count" on a phone); they break into
// lines instead (at the slot's width: charts/echarts.js).
const WRAPPED_LABELS = { interval: 0, overflow: 'break', lineHeight: 14 };
// The plot leaves room for the axis names as well as the tick labels (with
// containLabel only the labels: a rotated name was drawn over the ticks on a phone).
const ROOM_FOR_NAMES = { outerBoundsMode: 'same', outerBoundsContain: 'all' };

function personasChart(report, p) {
  const groupBy = report.config?.group_by ?? [];
  const rows = [
    ...(p.overall && !p.overall.suppressed ? [{ name: 'Everyone', ...p.overall }] : []),
    ...(p.groups ?? []).map((g) => ({ name: fmt.groupLabel(g.key, groupBy), ...g })),
  ];
  const hidden = rows.filter((r) => r.suppressed);
  // Many groups: the 8 with the most and the 8 with the fewest non-adopters, one "others" row between.
  const visibleGroups = rows.filter((r) => !r.suppressed && r.name !== 'Everyone');
  const { rows: ranked, othersCount, missingCount } = rankedRows(visibleGroups, (r) => r.shares?.non_adopter);
  const everyone = rows.filter((r) => !r.suppressed && r.name === 'Everyone');
  const shown = [...ranked.map((r) => (r.others ? { ...r, name: rowLabel(r, null, (v) => fmt.pct(v, 0)) } : r)), ...everyone];  // echarts draws categories bottom-up
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => fmt.pct(v, 0), hideOverlap: true } },
      yAxis: { type: 'category', data: shown.map((r) => r.name) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.pct(v) },
      series: PERSONAS.map(([key, label, color]) => ({
        name: label, type: 'bar', stack: 'personas', color, barMaxWidth: 26, data: shown.map((r) => (r.others ? null : r.shares?.[key] ?? 0)),
      })),
    },
    height: Math.max(300, 34 * shown.length + 90),
    summary: `Share of people in each AI persona, for everyone and per group. Everyone: ${PERSONAS.map(([k, l]) => `${l.toLowerCase()} ${fmt.pct(p.overall?.shares?.[k])}`).join(', ')}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'People', num: true }, ...PERSONAS.map(([, l]) => ({ label: l, num: true }))],
      rows: rows.map((r) => (r.suppressed
        ? [r.name, ...Array(1 + PERSONAS.length).fill(r.reason ?? 'hidden')]
        : [r.name, fmt.num(r.people), ...PERSONAS.map(([k]) => `${fmt.num(r.counts?.[k])} (${fmt.pct(r.shares?.[k], 0)})`)])),
    },
    note: [
      othersNote(othersCount, visibleGroups.length, { high: 'with the most non-adopters', low: 'with the fewest' }, missingCount),
      !hidden.length ? null : hidden.length > 12 ? `Not drawn: ${fmt.num(hidden.length)} groups with too few people (listed in the table).`
        : `Not drawn: ${hidden.map((r) => `${r.name} (${r.reason ?? 'hidden'})`).join('; ')}.`,
    ].filter(Boolean).join(' ') || undefined,
  };
}

// The work-mode verdict rests on whether each difference could be zero: the
// bars carry the engine's 95% intervals (ci_low, ci_high). Bars are drawn at a
// fixed width so that the whiskers can be placed on their centres.
const BAR = 32;
const GAP = 0.2;
const hasInterval = (d) => d?.ci_low != null && d?.ci_high != null;

function whiskers(modes, pick, slot) {
  return {
    type: 'custom', name: slot ? 'Adjusted: 95% interval' : 'Raw: 95% interval', silent: true, z: 5,
    data: modes.map((m, i) => {
      const d = pick(m);
      return hasInterval(d) ? [i, d.ci_low, d.ci_high] : [i, null, null];
    }),
    renderItem: (params, api) => {
      if (api.value(1) == null || Number.isNaN(api.value(1))) return null;
      const lo = api.coord([api.value(0), api.value(1)]);
      const hi = api.coord([api.value(0), api.value(2)]);
      const x = lo[0] + (slot ? 1 : -1) * (BAR / 2 + (BAR * GAP) / 2);
      const style = { stroke: '#212529', lineWidth: 1.5 };
      return { type: 'group', children: [
        { type: 'line', shape: { x1: x, y1: lo[1], x2: x, y2: hi[1] }, style },
        { type: 'line', shape: { x1: x - 6, y1: lo[1], x2: x + 6, y2: lo[1] }, style },
        { type: 'line', shape: { x1: x - 6, y1: hi[1], x2: x + 6, y2: hi[1] }, style },
      ] };
    },
  };
}

function workModeChart(w) {
  const modes = (w.modes ?? []).filter((m) => m.work_mode !== w.reference);
  const est = (d) => d?.estimate ?? null;
  const interval = (d) => (hasInterval(d) ? ` [${fmt.signedNum(d.ci_low, 3)} to ${fmt.signedNum(d.ci_high, 3)}]` : '');
  const diff = (d) => (d?.estimate == null ? '—' : `${fmt.signedNum(d.estimate, 3)}${interval(d)} (p ${fmt.num(d.p_value, 3)})`);
  const ends = modes.flatMap((m) => [m.raw_difference, m.adjusted_difference])
    .filter(hasInterval).flatMap((d) => [d.ci_low, d.ci_high]);
  return {
    option: {
      legend: { data: ['Raw difference', 'Adjusted for role and AI use'] },
      grid: { left: 8, right: 24, top: 40, bottom: 8, ...ROOM_FOR_NAMES },
      xAxis: { type: 'category', data: modes.map((m) => `${m.work_mode} vs ${w.reference}`), axisLabel: WRAPPED_LABELS },
      // The axis spans the whiskers too (rounded out to 0.05), not just the bars.
      yAxis: { type: 'value', name: 'Difference in tasks per hour', nameLocation: 'middle', nameGap: 12, axisLabel: { formatter: (v) => fmt.signedNum(v, 2) },
        min: ({ min }) => Math.floor(Math.min(min, ...ends) * 20) / 20, max: ({ max }) => Math.ceil(Math.max(max, ...ends) * 20) / 20 },
      tooltip: { trigger: 'item', formatter: (p) => `${p.name}\n${p.seriesName}: ${p.value == null ? 'n/a' : `${fmt.signedNum(p.value, 3)} tasks/h`}` },
      series: [
        { name: 'Raw difference', type: 'bar', color: '#868e96', barWidth: BAR, barGap: `${GAP * 100}%`, data: modes.map((m) => est(m.raw_difference)) },
        { name: 'Adjusted for role and AI use', type: 'bar', color: COLORS.primary, barWidth: BAR, data: modes.map((m) => est(m.adjusted_difference)) },
        whiskers(modes, (m) => m.raw_difference, 0),
        whiskers(modes, (m) => m.adjusted_difference, 1),
      ],
    },
    height: 300,
    summary: `Difference in quality-adjusted output per hour against ${w.reference} workers, before and after adjusting for role and AI task share, with 95% intervals (black whiskers): an interval that crosses zero means no clear difference. ${w.verdict ?? ''}`,
    table: {
      columns: [{ label: 'Work mode', rowHeader: true }, { label: 'People', num: true }, { label: 'Mean output/h', num: true },
        { label: 'Raw difference [95% interval]', num: true }, { label: 'Adjusted difference [95% interval]', num: true }],
      rows: (w.modes ?? []).map((m) => [m.work_mode === w.reference ? `${m.work_mode} (reference)` : m.work_mode, fmt.num(m.people),
        fmt.num(m.mean, 3), m.work_mode === w.reference ? '—' : diff(m.raw_difference), m.work_mode === w.reference ? '—' : diff(m.adjusted_difference)]),
    },
    note: [w.verdict ? `Verdict: ${w.verdict}.` : null, ...(w.notes ?? []), w.people_left_out ? `${fmt.num(w.people_left_out)} people without a work mode were left out.` : null]
      .filter(Boolean).join(' ') || undefined,
  };
}

function kpiChart(k) {
  const pairs = k.pairs ?? [];
  const proxies = [...new Set(pairs.map((p) => p.proxy))];
  const outcomes = [...new Set(pairs.map((p) => p.outcome))];
  const rho = (proxy, outcome) => pairs.find((p) => p.proxy === proxy && p.outcome === outcome)?.rho ?? null;
  const t = k.min_abs_rho ?? 0.2;
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 44, top: 40, bottom: 8, ...ROOM_FOR_NAMES },
      xAxis: { type: 'category', data: proxies.map((p) => PROXIES[p] ?? p), axisLabel: WRAPPED_LABELS, name: 'Legacy measure', nameLocation: 'middle', nameGap: 12 },
      yAxis: { type: 'value', min: -1, max: 1, name: 'Spearman ρ (−1 to +1)', nameLocation: 'middle', nameGap: 12, axisLabel: { formatter: (v) => fmt.num(v, 1) } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v == null ? 'n/a' : `ρ ${fmt.signedNum(v, 2)}`) },
      series: outcomes.map((o, i) => ({
        name: `vs ${OUTCOMES[o] ?? o}`, type: 'bar', barMaxWidth: 32, color: [COLORS.primary, COLORS.teal, COLORS.orange][i % 3],
        data: proxies.map((p) => rho(p, o)),
        markLine: i ? undefined : {
          symbol: 'none', silent: true, lineStyle: { color: COLORS.gray, type: 'dashed' },
          label: { formatter: (x) => fmt.signedNum(x.value, 1), color: COLORS.gray },
          data: [{ yAxis: t }, { yAxis: -t }],
        },
      })),
    },
    height: 300,
    summary: `Spearman correlation of each legacy KPI with outcomes, per person. Within ±${fmt.num(t, 1)} (dashed) a KPI does not track the outcome; past the line on the wrong side (below for value and quality, above for errors) it points the wrong way.`,
    table: {
      columns: [{ label: 'KPI', rowHeader: true }, { label: 'Outcome' }, { label: 'ρ', num: true }, { label: 'p', num: true }, { label: 'People', num: true }, { label: 'Tracks it' }],
      rows: pairs.map((p) => [PROXIES[p.proxy] ?? p.proxy, OUTCOMES[p.outcome] ?? p.outcome, fmt.signedNum(p.rho, 2), fmt.num(p.p_value, 3), fmt.num(p.n), p.tracks_outcome ? 'yes' : p.moves_against_outcome ? 'the wrong way' : 'no']),
    },
    note: [
      k.proxies_not_tracking?.length ? `Tracks none of the outcomes: ${k.proxies_not_tracking.map((p) => PROXIES[p] ?? p).join(', ')}.` : null,
      k.proxies_against_outcomes?.length ? `Points the wrong way (more of it, worse results): ${k.proxies_against_outcomes.map((p) => PROXIES[p] ?? p).join(', ')}.` : null,
      k.replacements?.length ? `Measure instead: ${k.replacements.map(fmt.metricLabel).join('; ')}.` : null,
    ].filter(Boolean).join(' ') || undefined,
  };
}

/** Chart cards for the insight sections that have figures. */
export function insightCharts(report, fileBase) {
  const ins = report.insights ?? {};
  const cards = [];
  const p = ins.personas;
  if (p && ((p.overall && !p.overall.suppressed) || p.groups?.some((g) => !g.suppressed))) {
    cards.push(chartCard({ id: 'personas', title: 'AI personas', fileBase,
      subtitle: `Champions: ${PERSONAS[0][3]}; rework creators: ${PERSONAS[3][3]}.`,
      build: () => personasChart(report, p) }));
  }
  const w = ins.work_mode;
  if (w && !w.reason && w.modes?.length > 1) {
    cards.push(chartCard({ id: 'work-mode', title: 'Work mode: raw vs adjusted', fileBase,
      subtitle: `Quality-adjusted output per hour compared with ${w.reference} workers. The adjusted bars compare like with like; whiskers show 95% intervals.`,
      build: () => workModeChart(w) }));
  }
  const k = ins.kpi_audit;
  if (k && !k.reason && k.pairs?.length) {
    cards.push(chartCard({ id: 'kpi-audit', title: 'KPI audit: do legacy metrics track outcomes?', fileBase,
      subtitle: 'Bars inside the dashed band mean the KPI says little about value, quality or errors.',
      build: () => kpiChart(k) }));
  }
  return cards;
}
