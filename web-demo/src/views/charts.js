// The report's charts. Each builds an ECharts option and the same figures as
// a table from the report alone. Suppressed groups are never drawn as zero:
// they are left out of the chart, named in a note, and listed in the table.
import { h } from '../dom.js';
import { chartCard } from '../charts/card.js';
import { COLORS } from '../charts/echarts.js';
import { periodOf, trendChart } from './trend-chart.js';
import { trendGroupPicker } from './trend-groups.js';
import { labelledBars, othersNote, rankedRows, rowLabel } from './chart-groups.js';
import * as fmt from '../format.js';

const COMPONENTS = [
  ['adoption_gap', 'Adoption gap', COLORS.primary],
  ['usage_unevenness', 'Uneven use', COLORS.teal],
  ['effectiveness_gap', 'Rework', COLORS.orange],
  ['playbook_gap', 'Playbook gap', COLORS.violet],
  ['sentiment_gap', 'Sentiment', COLORS.pink],
];

const TREND_METRICS = [
  ['adoption_rate', 'Adoption rate', fmt.pct],
  ['ai_task_share', 'AI task share', fmt.pct],
  ['gap_score', 'Gap score', fmt.score],
  ['time_saved_hours', 'Hours saved', (v) => fmt.num(v, 0)],
  ['quality_adjusted_output_per_hour', 'Quality-adjusted output per hour', (v) => fmt.num(v, 2)],
  ['error_rate', 'Errors per task', (v) => fmt.num(v, 3)],
];

export function hiddenText(g, k) {
  return g.reason ?? `fewer than ${k} people`;
}

function context(report) {
  const groupBy = report.config?.group_by ?? [];
  const k = report.privacy?.min_group_size ?? report.config?.privacy?.min_group_size ?? 5;
  const label = (g) => fmt.groupLabel(g.key, groupBy);
  const shown = report.groups.filter((g) => !g.suppressed);
  const hidden = report.groups.filter((g) => g.suppressed);
  // Many hidden groups are counted, not listed: the table names each one.
  const note = !hidden.length ? undefined
    : hidden.length > 12 ? `Not drawn: ${fmt.num(hidden.length)} groups with too few people to show (listed in the table).`
      : `Not drawn: ${hidden.map((g) => `${label(g)} (${hiddenText(g, k)})`).join('; ')}.`;
  return { groupBy, k, label, shown, hidden, note };
}

const pctAxis = { type: 'value', axisLabel: { formatter: (v) => fmt.pct(v, 0), hideOverlap: true } };
const barHeight = (n) => Math.max(300, 34 * n + 90);

/** Groups by `value`, highest first (missing last): the order of the tables under the charts. */
function byValue(groups, value) {
  const v = (g) => value(g) ?? -Infinity;
  return [...groups].sort((a, b) => v(b) - v(a));
}

const joinNotes = (...notes) => notes.filter(Boolean).join(' ') || undefined;

function rowsWithHidden(ctx, shownRows, width) {
  return [...shownRows, ...ctx.hidden.map((g) => [ctx.label(g), ...Array(width).fill(hiddenText(g, ctx.k))])];
}

function adoptionChart(report, ctx) {
  const { rows, othersCount, missingCount } = rankedRows(ctx.shown, (g) => g.metrics.adoption_rate);
  const label = (r) => rowLabel(r, ctx.label, (v) => fmt.pct(v, 0));
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
      xAxis: { ...pctAxis, max: 1 },
      yAxis: { type: 'category', data: rows.map(label) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.pct(v) },
      series: [
        { name: 'Adoption rate', type: 'bar', data: labelledBars(rows, (g) => g.metrics.adoption_rate, (v) => fmt.pct(v, 0)), color: COLORS.primary, barGap: '10%', barMaxWidth: 22 },
        { name: 'AI task share', type: 'bar', data: labelledBars(rows, (g) => g.metrics.ai_task_share, (v) => fmt.pct(v, 0)), color: COLORS.teal, barMaxWidth: 22 },
      ],
    },
    height: barHeight(rows.length * 1.6),
    summary: `Adoption ranges from ${fmt.pct(report.uniformity?.across_groups?.adoption_rate?.min)} to ${fmt.pct(report.uniformity?.across_groups?.adoption_rate?.max)} across ${ctx.shown.length} groups; overall ${fmt.pct(report.overall.metrics?.adoption_rate)}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Adoption rate', num: true }, { label: 'AI task share', num: true }, { label: 'AI users', num: true }, { label: 'People', num: true }],
      rows: rowsWithHidden(ctx, byValue(ctx.shown, (g) => g.metrics.adoption_rate).map((g) => [ctx.label(g), fmt.pct(g.metrics.adoption_rate), fmt.pct(g.metrics.ai_task_share), fmt.num(g.metrics.ai_users), fmt.num(g.headcount)]), 4),
    },
    note: joinNotes(othersNote(othersCount, ctx.shown.length, { high: 'with the highest adoption', low: 'with the lowest' }, missingCount), ctx.note),
  };
}

function unevennessChart(report, ctx) {
  const { rows, othersCount, missingCount } = rankedRows(ctx.shown, (g) => g.metrics.within_gini);
  const overall = report.overall.metrics?.within_gini;
  return {
    option: {
      grid: { left: 8, right: 48, top: 24, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 1, name: 'Gini (0 = alike, 1 = one person)', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: rows.map((r) => rowLabel(r, ctx.label, (v) => fmt.num(v, 2))) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.num(v, 2) },
      series: [{
        name: 'Unevenness (Gini)', type: 'bar', data: labelledBars(rows, (g) => g.metrics.within_gini, (v) => fmt.num(v, 2)), color: COLORS.teal, barMaxWidth: 22,
        markLine: overall == null ? undefined : {
          symbol: 'none', silent: true, lineStyle: { color: COLORS.gray, type: 'dashed' },
          label: { formatter: `Everyone ${fmt.num(overall, 2)}`, position: 'end', color: COLORS.gray },
          data: [{ xAxis: overall }],
        },
      }],
    },
    height: barHeight(rows.length) + 20,
    summary: `Within-group Gini of AI task share, 0 = everyone alike, 1 = one person does all AI work; overall ${fmt.num(overall, 2)}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Unevenness (Gini)', num: true }],
      rows: rowsWithHidden(ctx, byValue(ctx.shown, (g) => g.metrics.within_gini).map((g) => [ctx.label(g), fmt.num(g.metrics.within_gini, 2)]), 1),
    },
    note: joinNotes(othersNote(othersCount, ctx.shown.length, { high: 'most uneven', low: 'most even' }, missingCount), ctx.note),
  };
}

// Groups labelled on the scatter: the ends of each axis. With many groups
// every label would pile up; the others are in the tooltip and the table.
const SCATTER_LABELS_EACH_END = 3;

function valueChart(report, ctx) {
  const points = ctx.shown.filter((g) => g.metrics.time_saved_rate != null && g.metrics.value_uplift != null);
  const labelled = new Set();
  for (const get of [(g) => g.metrics.time_saved_rate, (g) => g.metrics.value_uplift]) {
    const sorted = [...points].sort((a, b) => get(a) - get(b));
    for (const g of [...sorted.slice(0, SCATTER_LABELS_EACH_END), ...sorted.slice(-SCATTER_LABELS_EACH_END)]) labelled.add(g);
  }
  // Labels go left of dots in the right half, so they stay inside the chart.
  const xs = points.map((g) => g.metrics.time_saved_rate);
  const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
  const o = report.overall.metrics ?? {};
  const corner = (pos, text) => ({ type: 'text', ...pos, silent: true, style: { text, fill: '#5c6570', fontSize: 10.5, fontStyle: 'italic' } });
  return {
    option: {
      grid: { left: 8, right: 24, top: 52, bottom: 46, containLabel: true },
      xAxis: { ...pctAxis, name: 'Time saved →', nameLocation: 'middle', nameGap: 26, scale: true, boundaryGap: ['8%', '8%'] },
      yAxis: { ...pctAxis, name: 'Value uplift per hour ↑', nameLocation: 'end', nameGap: 12, nameTextStyle: { align: 'left' }, scale: true, boundaryGap: ['8%', '8%'] },
      // The quadrants around the dashed "everyone" lines, named in the
      // chart's corners, outside the plot: above it and below the axis title,
      // where no dot or group name can cover them.
      graphic: [
        corner({ right: 8, top: 2 }, 'more saved, more value ↗'),
        corner({ left: 8, top: 2 }, '↖ less saved, more value'),
        corner({ right: 8, bottom: 2 }, 'more saved, less value ↘'),
        corner({ left: 8, bottom: 2 }, '↙ less saved, less value'),
      ],
      tooltip: {
        trigger: 'item',
        formatter: (p) => `${p.data.name}\nTime saved ${fmt.pct(p.data.value[0])}\nValue uplift ${fmt.signedPct(p.data.value[1])}\n${fmt.num(p.data.headcount)} people`,
      },
      series: [{
        type: 'scatter', color: COLORS.primary, symbolSize: 12,
        data: points.map((g) => ({
          name: ctx.label(g), value: [g.metrics.time_saved_rate, g.metrics.value_uplift], headcount: g.headcount,
          label: { show: labelled.has(g), position: points.length > 1 && g.metrics.time_saved_rate > midX ? 'left' : 'right' },
        })),
        itemStyle: { opacity: 0.75, borderColor: '#fff', borderWidth: 1 },
        label: { formatter: (p) => p.data.name, color: '#343a40', fontSize: 11 },
        labelLayout: { hideOverlap: true },
        markLine: o.time_saved_rate == null ? undefined : {
          symbol: 'none', silent: true, lineStyle: { color: '#adb5bd', type: 'dashed' },
          label: { show: false },
          data: [{ xAxis: o.time_saved_rate }, { yAxis: o.value_uplift }],
        },
      }],
    },
    height: 420,
    summary: `Each dot is a group: how much time AI saves against how much more value per hour AI-assisted work creates. Overall: ${fmt.pct(o.time_saved_rate)} time saved, ${fmt.signedPct(o.value_uplift)} value per hour.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Time saved', num: true }, { label: 'Value uplift', num: true }, { label: 'Hours saved', num: true }, { label: 'Net of rework (h)', num: true }, { label: 'People', num: true }],
      rows: rowsWithHidden(ctx, ctx.shown.map((g) => [ctx.label(g), fmt.pct(g.metrics.time_saved_rate), fmt.signedPct(g.metrics.value_uplift),
        fmt.num(g.metrics.time_saved_hours), fmt.num(g.metrics.net_time_saved_hours), fmt.num(g.headcount)]), 5),
    },
    note: joinNotes(points.length > 2 * SCATTER_LABELS_EACH_END
      ? `Names are shown for the groups at the ends of each axis; point at a dot for the others, or open the table.` : null, ctx.note),
  };
}

function hoursChart(report, ctx) {
  const { rows, othersCount, missingCount } = rankedRows(ctx.shown, (g) => g.metrics.net_time_saved_hours);
  const hours = (v) => `${fmt.num(v)} h`;
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 56, top: 40, bottom: 8, containLabel: true },
      yAxis: { type: 'category', data: rows.map((r) => rowLabel(r, ctx.label, hours)) },
      xAxis: { type: 'value', splitNumber: 3, axisLabel: { formatter: hours, hideOverlap: true } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: hours },
      series: [
        { name: 'Hours saved', type: 'bar', data: labelledBars(rows, (g) => g.metrics.time_saved_hours, hours), color: COLORS.primary, barMaxWidth: 14 },
        { name: 'Rework on AI-assisted work', type: 'bar', data: labelledBars(rows, (g) => g.metrics.ai_rework_hours, hours), color: COLORS.orange, barMaxWidth: 14 },
        { name: 'Net saving', type: 'bar', data: labelledBars(rows, (g) => g.metrics.net_time_saved_hours, hours), color: COLORS.green, barMaxWidth: 14 },
      ],
    },
    height: barHeight(rows.length * 2.2),
    summary: `Hours saved on AI-assisted work against the no-AI baseline, the rework on that same work, and the net saving per group. Overall net saving: ${fmt.num(report.overall.metrics?.net_time_saved_hours)} hours; rework on manual work (${fmt.num(report.overall.metrics?.manual_rework_hours)} hours overall) is not AI's and is not subtracted.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Hours saved', num: true }, { label: 'AI rework (h)', num: true }, { label: 'Net saving (h)', num: true }, { label: 'Manual rework (h)', num: true }],
      rows: rowsWithHidden(ctx, byValue(ctx.shown, (g) => g.metrics.net_time_saved_hours).map((g) => [ctx.label(g), fmt.num(g.metrics.time_saved_hours), fmt.num(g.metrics.ai_rework_hours), fmt.num(g.metrics.net_time_saved_hours), fmt.num(g.metrics.manual_rework_hours)]), 4),
    },
    note: joinNotes(othersNote(othersCount, ctx.shown.length, { high: 'saving the most', low: 'saving the least' }, missingCount), ctx.note),
  };
}

/** Weighted contribution of each component to the score (they add up to the score). */
export function contributions(score) {
  const comps = Object.entries(score?.components ?? {}).filter(([, c]) => c.value != null);
  const total = comps.reduce((s, [, c]) => s + c.weight, 0);
  return Object.fromEntries(comps.map(([name, c]) => [name, total > 0 ? (100 * c.weight * c.value) / total : null]));
}

function scoreChart(report, ctx) {
  const { rows: ranked, othersCount, missingCount } = rankedRows(ctx.shown, (g) => g.score?.value);
  const rows = [...ranked, { everyone: true, score: report.overall.score }];
  const names = rows.map((g) => (g.everyone ? 'Everyone' : rowLabel(g, ctx.label, (v) => fmt.num(v, 0))));
  const contrib = rows.map((g) => (g.others ? {} : contributions(g.score)));
  const present = COMPONENTS.filter(([k]) => contrib.some((c) => c[k] != null));
  const all = [...byValue(ctx.shown, (g) => g.score?.value), { everyone: true, score: report.overall.score }];
  const allContrib = all.map((g) => contributions(g.score));
  return {
    option: {
      legend: { data: present.map(([, label]) => label) },
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: names },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.num(v, 1) },
      series: [
        ...present.map(([key, label, color]) => ({
          name: label, type: 'bar', stack: 'score', color, barMaxWidth: 24, data: rows.map((g, i) => (g.others ? null : contrib[i][key] ?? 0)),
        })),
        // The score itself at the end of each stack (a bar of nothing in the same stack).
        { name: 'Gap score', type: 'bar', stack: 'score', barMaxWidth: 24, color: 'transparent', legendHoverLink: false, tooltip: { show: false },
          data: rows.map((g) => (g.others ? null : { value: 0, label: { show: true, position: 'right', formatter: () => fmt.score(g.score?.value), color: '#343a40', fontSize: 11 } })) },
      ],
    },
    height: barHeight(rows.length),
    summary: `The gap score per group (0-100, higher = larger gap), split into its weighted components. Everyone: ${fmt.score(report.overall.score?.value)}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Gap score', num: true }, ...present.map(([, label]) => ({ label, num: true }))],
      rows: rowsWithHidden(ctx, all.map((g, i) => [g.everyone ? 'Everyone' : ctx.label(g), fmt.score(g.score?.value),
        ...present.map(([key]) => fmt.num(allContrib[i][key], 1))]), 1 + present.length),
    },
    note: joinNotes(othersNote(othersCount, ctx.shown.length, { high: 'with the largest gap', low: 'with the smallest' }, missingCount), ctx.note),
  };
}

function reportTrendChart(report, ctx, metricSelect) {
  const [metric, metricLabel, format] = TREND_METRICS.find(([m]) => m === metricSelect.value) ?? TREND_METRICS[0];
  const headcounts = new Map(report.groups.map((g) => [JSON.stringify(g.key), g.headcount]));
  const period = periodOf(report);
  return trendChart({
    cells: report.trends ?? [],
    value: (c) => c.metrics?.[metric],
    format,
    groupLabel: (key) => fmt.groupLabel(key, ctx.groupBy),
    k: ctx.k,
    period,
    yAxis: format === fmt.pct ? { ...pctAxis }
      : { type: 'value', scale: metric !== 'gap_score', axisLabel: { formatter: (v) => fmt.num(v, metric === 'error_rate' ? 2 : 0) } },
    summary: (periods) => `${metricLabel} per ${period.unit} for everyone and per group, ${periods[0] ?? ''} to ${periods.at(-1) ?? ''}.`,
    rank: (key) => headcounts.get(JSON.stringify(key)) ?? null,
    markers: rolloutMarkers(report),
    picked: Array.isArray(report.config?.trends?.groups),
  });
}

/** The configured rollout dates (config.rollout.dates), one marker per date naming its groups. */
function rolloutMarkers(report) {
  const dates = report.config?.rollout?.dates;
  if (!dates || typeof dates !== 'object') return [];
  const byDate = new Map();
  for (const [group, date] of Object.entries(dates)) {
    if (typeof date !== 'string') continue;
    byDate.set(date, [...(byDate.get(date) ?? []), group]);
  }
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, groups]) => ({
    date, label: `AI rollout: ${groups.length > 3 ? `${groups.slice(0, 3).join(', ')} and ${groups.length - 3} more` : groups.join(', ')}`,
  }));
}

/** The chart cards for a report, in reading order. */
export function reportCharts(report, fileBase, { onTrendGroups = null } = {}) {
  const ctx = context(report);
  const card = (id, title, subtitle, fn, extra = {}) => chartCard({ id, title, subtitle, fileBase, build: fn, ...extra });
  const cards = [];
  if (ctx.shown.length) {
    cards.push(
      card('adoption', 'Adoption and AI task share by group', 'Who uses AI at all, and how much of the work it touches.', () => adoptionChart(report, ctx)),
      card('gap-score', 'What makes up each gap score', 'Weighted components of the 0-100 gap score; longer bars mean a larger gap.', () => scoreChart(report, ctx)),
      card('unevenness', 'Unevenness within each group', 'Is AI use spread across the team, or carried by a few people?', () => unevennessChart(report, ctx)),
      card('time-value', 'Time saved vs value created', 'Each dot is a group; the dashed lines mark everyone. Top right: AI saves time and creates value.', () => valueChart(report, ctx)),
      card('hours', 'Hours saved, and lost to rework', 'AI-assisted work only: hours saved, the rework on that work, and what remains. Manual rework is listed apart.', () => hoursChart(report, ctx)),
    );
  }
  if (report.trends?.length) {
    const id = 'trend-metric';
    const select = h('select', { id }, TREND_METRICS.map(([m, label]) => h('option', { value: m }, label)));
    const controls = [h('div', { class: 'inline-field' }, h('label', { for: id }, 'Metric'), select), trendGroupPicker(report, onTrendGroups)];
    const trends = card('trends', `Trends per ${periodOf(report).unit}`, 'How adoption and results move over time; the thick line is everyone.',
      () => reportTrendChart(report, ctx, select), { controls });
    select.addEventListener('change', () => trends.refresh());
    cards.push(trends);
  }
  return cards;
}
