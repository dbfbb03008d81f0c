// The trend chart, for both trend sections (report.trends and
// report.usage.trends): per period, a thick line for everyone and a line per
// group. Hidden cells are never drawn as zero: the line breaks there, a group
// hidden in every period gets no line (the note counts it), and the table
// lists every group with the reason.
import * as fmt from '../format.js';

const MAX_SERIES = 13;

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const utc = (iso) => new Date(`${iso}T00:00:00Z`);

/** A period's label from its first day: "3 Feb" for a week, "Feb 2025" for a month; `long` adds the year to weeks. */
export function periodLabel(start, unit, long = false) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start ?? '')) return String(start ?? '');
  if (unit === 'month') return monthYear.format(utc(start));
  return (long ? dayMonthYear : dayMonth).format(utc(start));
}

/** The report's period (config.period) in words: {unit: 'week', Unit: 'Week', ly: 'Weekly'}. */
export function periodOf(report) {
  return report.config?.period === 'month' ? { unit: 'month', Unit: 'Month', ly: 'Monthly' } : { unit: 'week', Unit: 'Week', ly: 'Weekly' };
}

/**
 * @param {object} spec
 * @param {object[]} spec.cells trend cells {period, start, key|null, suppressed?, reason?, ...}; key null = everyone
 * @param {(cell: object) => number|null} spec.value the figure of a cell
 * @param {(v: number|null) => string} spec.format
 * @param {(key: object) => string} spec.groupLabel
 * @param {number} spec.k minimum group size, for hidden cells that give no reason
 * @param {{unit: string, Unit: string}} spec.period
 * @param {object} spec.yAxis ECharts y axis
 * @param {(periods: string[]) => string} spec.summary one sentence for the chart's label
 * @param {number} [spec.height]
 * @param {(key: object) => number} [spec.rank] which groups to draw first when there are too many (e.g. headcount)
 * @param {{date: string, label: string}[]} [spec.markers] e.g. rollout dates, drawn as marked lines in their period
 * @param {boolean} [spec.picked] the groups are the analyst's choice (config.trends.groups)
 */
export function trendChart({ cells, value, format, groupLabel, k, period, yAxis, summary, height = 380, rank = null, markers = [], picked = false }) {
  const starts = new Map(cells.map((c) => [c.period, c.start]));
  const periods = [...starts.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([p]) => p);
  const label = (p) => periodLabel(starts.get(p), period.unit);
  const keyOf = (c) => (c.key ? JSON.stringify(c.key) : '');
  const names = new Map([['', 'Everyone']]);
  for (const c of cells) if (c.key) names.set(keyOf(c), groupLabel(c.key));
  const visible = new Set(cells.filter((c) => !c.suppressed).map(keyOf));
  const drawable = [...names.keys()].filter((key) => visible.has(key));
  if (rank) {
    const r = (key) => (key === '' ? Infinity : rank(JSON.parse(key)) ?? -1);
    drawable.sort((a, b) => r(b) - r(a));
  }
  // A marker falls in the last period that starts on or before its date.
  const marks = markers.map((m) => {
    const p = [...periods].reverse().find((q) => starts.get(q) <= m.date);
    return p ? { xAxis: label(p), label: { formatter: m.label } } : null;
  }).filter(Boolean);
  const allHidden = names.size - drawable.length;
  const keys = drawable.slice(0, MAX_SERIES);
  const tableKeys = [...drawable, ...[...names.keys()].filter((key) => !visible.has(key))].slice(0, 2 * MAX_SERIES);
  const byKey = new Map(cells.map((c) => [`${keyOf(c)}|${c.period}`, c]));
  const cell = (key, p) => byKey.get(`${key}|${p}`);
  const hiddenReason = (c) => c.reason ?? `fewer than ${k} people`;
  const hiddenCells = cells.filter((c) => c.suppressed).length;
  const notes = [];
  if (hiddenCells) notes.push(`${hiddenCells} group-${period.unit} cells are hidden (fewer than ${k} people, or to protect a smaller group); lines break there.`);
  if (allHidden) notes.push(`${allHidden} group${allHidden === 1 ? ' is' : 's are'} hidden in every ${period.unit} and not drawn.`);
  if (drawable.length > MAX_SERIES) {
    notes.push(`Lines for the ${MAX_SERIES - 1} ${rank ? 'largest ' : ''}of ${drawable.length - 1} groups; ${picked ? 'change the choice' : 'choose others'} with "Groups".`);
  }
  if (marks.length) notes.push(`Dotted lines: ${markers.map((m) => `${m.label} (${periodLabel(m.date, 'week', true)})`).join('; ')}.`);
  return {
    option: {
      legend: {},
      grid: { left: 8, right: 24, top: 44, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: periods.map(label), boundaryGap: false, name: period.unit === 'month' ? 'Month' : 'Week starting', nameLocation: 'middle', nameGap: 28 },
      yAxis,
      tooltip: { trigger: 'axis', valueFormatter: (v) => format(v) },
      series: keys.map((key) => ({
        name: names.get(key), type: 'line', connectNulls: false, showSymbol: periods.length < 20, symbolSize: 5,
        data: periods.map((p) => { const c = cell(key, p); return !c || c.suppressed ? null : value(c) ?? null; }),
        color: key === '' ? '#212529' : undefined, lineStyle: { width: key === '' ? 3 : 1.5 }, z: key === '' ? 3 : 2,
        markLine: key === '' && marks.length ? {
          symbol: 'none', silent: true, lineStyle: { color: '#a35200', type: 'dotted', width: 2 },
          label: { position: 'insideEndTop', color: '#a35200', fontSize: 11 }, data: marks,
        } : undefined,
      })),
    },
    height,
    summary: summary(periods.map((p) => periodLabel(starts.get(p), period.unit, true))),
    table: {  // every group, hidden ones too: the table says why there is no line
      columns: [{ label: period.Unit, rowHeader: true }, ...tableKeys.map((key) => ({ label: names.get(key), num: true }))],
      rows: periods.map((p) => [periodLabel(starts.get(p), period.unit, true), ...tableKeys.map((key) => {
        const c = cell(key, p);
        if (c?.suppressed) return hiddenReason(c);
        return format(c ? value(c) : null);
      })]),
    },
    note: notes.join(' ') || undefined,
  };
}
