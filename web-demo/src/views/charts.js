// The report's charts. Each builds an ECharts option and the same figures as
// a table from the report alone. Suppressed groups are never drawn as zero:
// they are left out of the chart, named in a note, and listed in the table.
import { h } from '../dom.js';
import { chartCard } from '../charts/card.js';
import { COLORS } from '../charts/echarts.js';
import { periodOf, trendChart } from './trend-chart.js';
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
  const note = hidden.length
    ? `Not drawn: ${hidden.map((g) => `${label(g)} (${hiddenText(g, k)})`).join('; ')}.`
    : undefined;
  return { groupBy, k, label, shown, hidden, note };
}

const pctAxis = { type: 'value', axisLabel: { formatter: (v) => fmt.pct(v, 0) } };
const barHeight = (n) => Math.max(300, 34 * n + 90);

function rowsWithHidden(ctx, shownRows, width) {
  return [...shownRows, ...ctx.hidden.map((g) => [ctx.label(g), ...Array(width).fill(hiddenText(g, ctx.k))])];
}

function adoptionChart(report, ctx) {
  const groups = [...ctx.shown].sort((a, b) => (a.metrics.adoption_rate ?? -1) - (b.metrics.adoption_rate ?? -1));
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { ...pctAxis, max: 1 },
      yAxis: { type: 'category', data: groups.map(ctx.label) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.pct(v) },
      series: [
        { name: 'Adoption rate', type: 'bar', data: groups.map((g) => g.metrics.adoption_rate), color: COLORS.primary, barGap: '10%', barMaxWidth: 22 },
        { name: 'AI task share', type: 'bar', data: groups.map((g) => g.metrics.ai_task_share), color: COLORS.teal, barMaxWidth: 22 },
      ],
    },
    height: barHeight(groups.length * 1.6),
    summary: `Adoption ranges from ${fmt.pct(report.uniformity?.across_groups?.adoption_rate?.min)} to ${fmt.pct(report.uniformity?.across_groups?.adoption_rate?.max)} across ${groups.length} groups; overall ${fmt.pct(report.overall.metrics?.adoption_rate)}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Adoption rate', num: true }, { label: 'AI task share', num: true }, { label: 'AI users', num: true }, { label: 'People', num: true }],
      rows: rowsWithHidden(ctx, [...groups].reverse().map((g) => [ctx.label(g), fmt.pct(g.metrics.adoption_rate), fmt.pct(g.metrics.ai_task_share), fmt.num(g.metrics.ai_users), fmt.num(g.headcount)]), 4),
    },
    note: ctx.note,
  };
}

function unevennessChart(report, ctx) {
  const groups = [...ctx.shown].sort((a, b) => (a.metrics.within_gini ?? -1) - (b.metrics.within_gini ?? -1));
  const overall = report.overall.metrics?.within_gini;
  return {
    option: {
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: { type: 'category', data: groups.map(ctx.label) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.num(v, 2) },
      series: [{
        name: 'Unevenness (Gini)', type: 'bar', data: groups.map((g) => g.metrics.within_gini), color: COLORS.teal, barMaxWidth: 22,
        markLine: overall == null ? undefined : {
          symbol: 'none', silent: true, lineStyle: { color: COLORS.gray, type: 'dashed' },
          label: { formatter: `Everyone ${fmt.num(overall, 2)}`, position: 'end', color: COLORS.gray },
          data: [{ xAxis: overall }],
        },
      }],
    },
    height: barHeight(groups.length),
    summary: `Within-group Gini of AI task share, 0 = everyone alike, 1 = one person does all AI work; overall ${fmt.num(overall, 2)}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Unevenness (Gini)', num: true }],
      rows: rowsWithHidden(ctx, [...groups].reverse().map((g) => [ctx.label(g), fmt.num(g.metrics.within_gini, 2)]), 1),
    },
    note: ctx.note,
  };
}

function valueChart(report, ctx) {
  const points = ctx.shown.filter((g) => g.metrics.time_saved_rate != null && g.metrics.value_uplift != null);
  const maxHead = Math.max(1, ...points.map((g) => g.headcount));
  // Labels go left of dots in the right half, so they stay inside the chart.
  const xs = points.map((g) => g.metrics.time_saved_rate);
  const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
  const o = report.overall.metrics ?? {};
  return {
    option: {
      grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
      xAxis: { ...pctAxis, name: 'Time saved →', nameLocation: 'middle', nameGap: 28, scale: true, boundaryGap: ['8%', '8%'] },
      yAxis: { ...pctAxis, name: 'Value uplift per hour ↑', nameLocation: 'end', nameGap: 14, nameTextStyle: { align: 'left' }, scale: true, boundaryGap: ['8%', '8%'] },
      tooltip: {
        trigger: 'item',
        formatter: (p) => `${p.data.name}\nTime saved ${fmt.pct(p.data.value[0])}\nValue uplift ${fmt.signedPct(p.data.value[1])}\n${fmt.num(p.data.headcount)} people`,
      },
      series: [{
        type: 'scatter', color: COLORS.primary,
        data: points.map((g) => ({
          name: ctx.label(g), value: [g.metrics.time_saved_rate, g.metrics.value_uplift], headcount: g.headcount,
          label: { position: points.length > 1 && g.metrics.time_saved_rate > midX ? 'left' : 'right' },
        })),
        symbolSize: (_, p) => 10 + 26 * Math.sqrt(p.data.headcount / maxHead),
        itemStyle: { opacity: 0.8, borderColor: '#fff', borderWidth: 1 },
        label: { show: true, position: 'right', formatter: (p) => p.data.name, color: '#343a40', fontSize: 11 },
        labelLayout: { hideOverlap: true },
        markLine: o.time_saved_rate == null ? undefined : {
          symbol: 'none', silent: true, lineStyle: { color: '#adb5bd', type: 'dashed' },
          label: { show: false },
          data: [{ xAxis: o.time_saved_rate }, { yAxis: o.value_uplift }],
        },
      }],
    },
    summary: `Each dot is a group: how much time AI saves against how much more value per hour AI-assisted work creates. Overall: ${fmt.pct(o.time_saved_rate)} time saved, ${fmt.signedPct(o.value_uplift)} value per hour.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Time saved', num: true }, { label: 'Value uplift', num: true }, { label: 'Hours saved', num: true }, { label: 'Net of rework (h)', num: true }, { label: 'People', num: true }],
      rows: rowsWithHidden(ctx, ctx.shown.map((g) => [ctx.label(g), fmt.pct(g.metrics.time_saved_rate), fmt.signedPct(g.metrics.value_uplift),
        fmt.num(g.metrics.time_saved_hours), fmt.num(g.metrics.net_time_saved_hours), fmt.num(g.headcount)]), 5),
    },
    note: ctx.note,
  };
}

function hoursChart(report, ctx) {
  const groups = [...ctx.shown].sort((a, b) => (b.metrics.net_time_saved_hours ?? 0) - (a.metrics.net_time_saved_hours ?? 0));
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: groups.map(ctx.label), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => `${fmt.num(v)} h` } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${fmt.num(v)} h` },
      series: [
        { name: 'Hours saved', type: 'bar', data: groups.map((g) => g.metrics.time_saved_hours), color: COLORS.primary, barMaxWidth: 36 },
        { name: 'Rework on AI-assisted work', type: 'bar', data: groups.map((g) => g.metrics.ai_rework_hours), color: COLORS.orange, barMaxWidth: 36 },
        { name: 'Net saving', type: 'bar', data: groups.map((g) => g.metrics.net_time_saved_hours), color: COLORS.green, barMaxWidth: 36 },
      ],
    },
    height: 340,
    summary: `Hours saved on AI-assisted work against the no-AI baseline, the rework on that same work, and the net saving per group. Overall net saving: ${fmt.num(report.overall.metrics?.net_time_saved_hours)} hours; rework on manual work (${fmt.num(report.overall.metrics?.manual_rework_hours)} hours overall) is not AI's and is not subtracted.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Hours saved', num: true }, { label: 'AI rework (h)', num: true }, { label: 'Net saving (h)', num: true }, { label: 'Manual rework (h)', num: true }],
      rows: rowsWithHidden(ctx, groups.map((g) => [ctx.label(g), fmt.num(g.metrics.time_saved_hours), fmt.num(g.metrics.ai_rework_hours), fmt.num(g.metrics.net_time_saved_hours), fmt.num(g.metrics.manual_rework_hours)]), 4),
    },
    note: ctx.note,
  };
}

/** Weighted contribution of each component to the score (they add up to the score). */
export function contributions(score) {
  const comps = Object.entries(score?.components ?? {}).filter(([, c]) => c.value != null);
  const total = comps.reduce((s, [, c]) => s + c.weight, 0);
  return Object.fromEntries(comps.map(([name, c]) => [name, total > 0 ? (100 * c.weight * c.value) / total : null]));
}

function scoreChart(report, ctx) {
  const groups = [...ctx.shown].sort((a, b) => (a.score.value ?? -1) - (b.score.value ?? -1));
  const rows = [...groups, { everyone: true, score: report.overall.score }];
  const names = rows.map((g) => (g.everyone ? 'Everyone' : ctx.label(g)));
  const contrib = rows.map((g) => contributions(g.score));
  const present = COMPONENTS.filter(([k]) => contrib.some((c) => c[k] != null));
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: names },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.num(v, 1) },
      series: present.map(([key, label, color]) => ({
        name: label, type: 'bar', stack: 'score', color, barMaxWidth: 24, data: contrib.map((c) => c[key] ?? 0),
      })),
    },
    height: barHeight(rows.length),
    summary: `The gap score per group (0-100, higher = larger gap), split into its weighted components. Everyone: ${fmt.score(report.overall.score?.value)}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Gap score', num: true }, ...present.map(([, label]) => ({ label, num: true }))],
      rows: rowsWithHidden(ctx, [...rows].reverse().map((g, i) => [names[rows.length - 1 - i], fmt.score(g.score?.value),
        ...present.map(([key]) => fmt.num(contrib[rows.length - 1 - i][key], 1))]), 1 + present.length),
    },
    note: ctx.note,
  };
}

function reportTrendChart(report, ctx, metricSelect) {
  const [metric, metricLabel, format] = TREND_METRICS.find(([m]) => m === metricSelect.value) ?? TREND_METRICS[0];
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
  });
}

/** The chart cards for a report, in reading order. */
export function reportCharts(report, fileBase) {
  const ctx = context(report);
  const card = (id, title, subtitle, fn, extra = {}) => chartCard({ id, title, subtitle, fileBase, build: fn, ...extra });
  const cards = [];
  if (ctx.shown.length) {
    cards.push(
      card('adoption', 'Adoption and AI task share by group', 'Who uses AI at all, and how much of the work it touches.', () => adoptionChart(report, ctx)),
      card('gap-score', 'What makes up each gap score', 'Weighted components of the 0-100 gap score; longer bars mean a larger gap.', () => scoreChart(report, ctx)),
      card('unevenness', 'Unevenness within each group', 'Is AI use spread across the team, or carried by a few people?', () => unevennessChart(report, ctx)),
      card('time-value', 'Time saved vs value created', 'Each dot is a group, sized by headcount; dashed lines mark everyone. Top right: AI saves time and creates value.', () => valueChart(report, ctx)),
      card('hours', 'Hours saved, and lost to rework', 'AI-assisted work only: hours saved, the rework on that work, and what remains. Manual rework is listed apart.', () => hoursChart(report, ctx)),
    );
  }
  if (report.trends?.length) {
    const id = 'trend-metric';
    const select = h('select', { id }, TREND_METRICS.map(([m, label]) => h('option', { value: m }, label)));
    const controls = h('div', { class: 'inline-field' }, h('label', { for: id }, 'Metric'), select);
    const trends = card('trends', `Trends per ${periodOf(report).unit}`, 'How adoption and results move over time; the thick line is everyone.',
      () => reportTrendChart(report, ctx, select), { controls });
    select.addEventListener('change', () => trends.refresh());
    cards.push(trends);
  }
  return cards;
}
