// Charts of report.usage: adoption per group (any tool and each tool), and
// weekly active users per group. As in charts.js, hidden groups and cells are
// never drawn as zero: they are left out, named in a note, and listed in the table.
import { h } from '../dom.js';
import { chartCard } from '../charts/card.js';
import { COLORS } from '../charts/echarts.js';
import { TOOL_LABELS } from '../schema.js';
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
  const o = usage.overall?.metrics;
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => fmt.pct(v, 0) } },
      yAxis: { type: 'category', data: groups.map(label) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.pct(v) },
      series: [
        { name: 'Any AI tool', type: 'bar', data: groups.map((g) => g.metrics.usage_adoption_rate), color: COLORS.primary, barGap: '10%', barMaxWidth: 20 },
        ...tools.map((t, i) => ({ name: toolLabel(t), type: 'bar', data: groups.map((g) => g.metrics.tool_adoption?.[t] ?? null), color: TOOL_COLORS[i % TOOL_COLORS.length], barMaxWidth: 20 })),
      ],
    },
    height: Math.max(300, 26 * groups.length * (1 + tools.length) + 90),
    summary: `Share of each group's people who used an AI tool at least once, overall ${fmt.pct(o?.usage_adoption_rate)}.`,
    table: {
      columns: [{ label: 'Group', rowHeader: true }, { label: 'Any AI tool', num: true }, ...tools.map((t) => ({ label: toolLabel(t), num: true })), { label: 'People', num: true }],
      rows: [
        ...[...groups].reverse().map((g) => [label(g), fmt.pct(g.metrics.usage_adoption_rate), ...tools.map((t) => fmt.pct(g.metrics.tool_adoption?.[t])), fmt.num(g.metrics.population)]),
        ...hidden.map((g) => [label(g), ...Array(tools.length + 2).fill(hiddenReason(g, k))]),
      ],
    },
    note: hidden.length ? `Not drawn: ${hidden.map((g) => `${label(g)} (${hiddenReason(g, k)})`).join('; ')}.` : undefined,
  };
}

function trendChart(ctx, select) {
  const [metric, metricLabel, format] = TREND_METRICS.find(([m]) => m === select.value) ?? TREND_METRICS[0];
  const cells = ctx.usage.trends ?? [];
  const periods = [...new Map(cells.map((c) => [c.period, c.start])).entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([p]) => p);
  const keyOf = (c) => (c.key ? JSON.stringify(c.key) : '');
  const names = new Map([['', 'Everyone']]);
  for (const c of cells) if (c.key) names.set(keyOf(c), fmt.groupLabel(c.key, ctx.groupBy));
  // A group hidden in every week gets no line (and no legend entry); the note names how many.
  const visible = new Set(cells.filter((c) => !c.suppressed).map(keyOf));
  const drawable = [...names.keys()].filter((k) => visible.has(k));
  const allHidden = names.size - drawable.length;
  const MAX_SERIES = 13;
  const keys = drawable.slice(0, MAX_SERIES);
  const tableKeys = [...names.keys()].slice(0, 2 * MAX_SERIES);
  const byKey = new Map(cells.map((c) => [`${keyOf(c)}|${c.period}`, c]));
  const cell = (key, p) => byKey.get(`${key}|${p}`);
  const hiddenCells = cells.filter((c) => c.suppressed).length;
  const notes = [];
  if (hiddenCells) notes.push(`${hiddenCells} group-week cells are hidden (fewer than ${ctx.k} people, or to protect a smaller group); lines break there.`);
  if (allHidden) notes.push(`${allHidden} group${allHidden === 1 ? ' is' : 's are'} hidden in every week and not drawn.`);
  if (drawable.length > MAX_SERIES) notes.push(`Showing the first ${MAX_SERIES - 1} of ${drawable.length - 1} groups.`);
  return {
    option: {
      legend: { type: 'plain' },
      grid: { left: 8, right: 24, top: keys.length > 5 ? 64 : 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis: format === fmt.pct ? { type: 'value', axisLabel: { formatter: (v) => fmt.pct(v, 0) } } : { type: 'value', minInterval: 1 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => format(v) },
      series: keys.map((key, i) => ({
        name: names.get(key), type: 'line', connectNulls: false, showSymbol: periods.length < 20, symbolSize: 5,
        data: periods.map((p) => { const c = cell(key, p); return !c || c.suppressed ? null : c[metric] ?? null; }),
        color: i === 0 ? '#212529' : undefined, lineStyle: { width: i === 0 ? 3 : 1.5 }, z: i === 0 ? 3 : 2,
      })),
    },
    height: 360,
    summary: `${metricLabel} per ${ctx.period.unit} from the usage exports, for everyone and per group, ${periods[0] ?? ''} to ${periods.at(-1) ?? ''}.`,
    table: {  // every group, hidden ones too: the table says why there is no line
      columns: [{ label: ctx.period.Unit, rowHeader: true }, ...tableKeys.map((k) => ({ label: names.get(k), num: true }))],
      rows: periods.map((p) => [p, ...tableKeys.map((k) => {
        const c = cell(k, p);
        if (c?.suppressed) return hiddenReason(c, ctx.k);
        return format(c?.[metric]);
      })]),
    },
    note: notes.join(' ') || undefined,
  };
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
      build: () => trendChart(ctx, select),
    });
    select.addEventListener('change', () => card.refresh());
    cards.push(card);
  }
  return cards;
}
