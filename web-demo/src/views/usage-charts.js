// Charts of report.usage: adoption per group (any tool and each tool), and
// weekly active users per group. As in charts.js, hidden groups and cells are
// never drawn as zero: they are left out, named in a note, and listed in the table.
import { h } from '../dom.js';
import { chartCard } from '../charts/card.js';
import { COLORS } from '../charts/echarts.js';
import { trendChart } from './trend-chart.js';
import { labelledBars, othersNote, rankedRows, rowLabel } from './chart-groups.js';
import { TOOL_LABELS } from '../usage-formats.js';
import * as fmt from '../format.js';

const TOOL_COLORS = [COLORS.teal, COLORS.violet, COLORS.orange, COLORS.green];
const TREND_METRICS = [
  ['usage_adoption_rate', 'Adoption rate', fmt.pct],
  ['active_users', 'Active users', (v) => fmt.num(v)],
];

/** Tools that appear anywhere in the usage section, in a stable order. */
export function usageTools(usage) {
  const seen = new Set();
  const add = (m) => Object.keys(m?.tool_adoption ?? {}).forEach((t) => seen.add(t));
  add(usage.overall?.metrics);
  usage.groups.forEach((g) => add(g.metrics));
  return [...seen].sort();
}

export const toolLabel = (tool) => TOOL_LABELS[tool] ?? tool;
export const hiddenReason = (x, k) => x.reason ?? `fewer than ${k} people`;

function adoptionChart(ctx) {
  const { usage, shown, hidden, label, k, tools } = ctx;
  const groups = [...shown].sort((a, b) => (a.metrics.usage_adoption_rate ?? -1) - (b.metrics.usage_adoption_rate ?? -1));
  const { rows, othersCount, missingCount } = rankedRows(shown, (g) => g.metrics.usage_adoption_rate);
  const o = usage.overall?.metrics;
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => fmt.pct(v, 0), hideOverlap: true } },
      yAxis: { type: 'category', data: rows.map((r) => rowLabel(r, label, (v) => fmt.pct(v, 0))) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.pct(v) },
      series: [
        { name: 'Any AI tool', type: 'bar', data: labelledBars(rows, (g) => g.metrics.usage_adoption_rate, (v) => fmt.pct(v, 0)), color: COLORS.primary, barGap: '10%', barMaxWidth: 20 },
        ...tools.map((t, i) => ({ name: toolLabel(t), type: 'bar', data: labelledBars(rows, (g) => g.metrics.tool_adoption?.[t] ?? null, (v) => fmt.pct(v, 0)), color: TOOL_COLORS[i % TOOL_COLORS.length], barMaxWidth: 20 })),
      ],
    },
    height: Math.max(300, 22 * rows.length * (1 + tools.length) + 90),
    summary: `Share of each group's people who used an AI tool at least once, overall ${fmt.pct(o?.usage_adoption_rate)}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Any AI tool', num: true }, ...tools.map((t) => ({ label: toolLabel(t), num: true })), { label: 'People', num: true }],
      rows: [
        ...[...groups].reverse().map((g) => [label(g), fmt.pct(g.metrics.usage_adoption_rate), ...tools.map((t) => fmt.pct(g.metrics.tool_adoption?.[t])), fmt.num(g.metrics.population)]),
        ...hidden.map((g) => [label(g), ...Array(tools.length + 2).fill(hiddenReason(g, k))]),
      ],
    },
    note: [
      othersNote(othersCount, shown.length, { high: 'with the highest adoption', low: 'with the lowest' }, missingCount),
      !hidden.length ? null : hidden.length > 12 ? `Not drawn: ${fmt.num(hidden.length)} groups with too few people (listed in the table).`
        : `Not drawn: ${hidden.map((g) => `${label(g)} (${hiddenReason(g, k)})`).join('; ')}.`,
    ].filter(Boolean).join(' ') || undefined,
  };
}

function usageTrendChart(ctx, select) {
  const [metric, metricLabel, format] = TREND_METRICS.find(([m]) => m === select.value) ?? TREND_METRICS[0];
  return trendChart({
    cells: ctx.usage.trends ?? [],
    value: (c) => c[metric],
    format,
    groupLabel: (key) => fmt.groupLabel(key, ctx.groupBy),
    k: ctx.k,
    period: ctx.period,
    yAxis: format === fmt.pct ? { type: 'value', axisLabel: { formatter: (v) => fmt.pct(v, 0) } } : { type: 'value', minInterval: 1 },
    summary: (periods) => `${metricLabel} per ${ctx.period.unit} from the usage exports, for everyone and per group, ${periods[0] ?? ''} to ${periods.at(-1) ?? ''}.`,
    height: 360,
  });
}

/** The chart cards of the usage tab, in reading order. */
export function usageCharts(ctx, fileBase) {
  const cards = [];
  if (ctx.shown.length) {
    cards.push(chartCard({
      id: 'usage-adoption', title: 'AI-tool adoption by group', fileBase,
      subtitle: 'Who used an AI tool at all in the exported period, and which tool.',
      build: () => adoptionChart(ctx),
    }));
  }
  if (ctx.usage.trends?.some((c) => !c.suppressed)) {
    const id = 'usage-trend-metric';
    const select = h('select', { id }, TREND_METRICS.map(([m, label]) => h('option', { value: m }, label)));
    const card = chartCard({
      id: 'usage-trends', title: `${ctx.period.ly} AI-tool use`, fileBase,
      subtitle: `People active in each ${ctx.period.unit} of the exports; the thick line is everyone.`,
      controls: h('div', { class: 'inline-field' }, h('label', { for: id }, 'Metric'), select),
      build: () => usageTrendChart(ctx, select),
    });
    select.addEventListener('change', () => card.refresh());
    cards.push(card);
  }
  return cards;
}
