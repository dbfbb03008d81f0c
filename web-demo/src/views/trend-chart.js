// The trend chart, for both trend sections (report.trends and
// report.usage.trends): per period, a thick line for everyone and a line per
// group. Hidden cells are never drawn as zero: the line breaks there, a group
// hidden in every period gets no line (the note counts it), and the table
// lists every group with the reason.
import * as fmt from '../format.js';

const MAX_SERIES = 13;

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
 */
export function trendChart({ cells, value, format, groupLabel, k, period, yAxis, summary, height = 380 }) {
  const periods = [...new Map(cells.map((c) => [c.period, c.start])).entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([p]) => p);
  const keyOf = (c) => (c.key ? JSON.stringify(c.key) : '');
  const names = new Map([['', 'Everyone']]);
  for (const c of cells) if (c.key) names.set(keyOf(c), groupLabel(c.key));
  const visible = new Set(cells.filter((c) => !c.suppressed).map(keyOf));
  const drawable = [...names.keys()].filter((key) => visible.has(key));
  const allHidden = names.size - drawable.length;
  const keys = drawable.slice(0, MAX_SERIES);
  const tableKeys = [...names.keys()].slice(0, 2 * MAX_SERIES);
  const byKey = new Map(cells.map((c) => [`${keyOf(c)}|${c.period}`, c]));
  const cell = (key, p) => byKey.get(`${key}|${p}`);
  const hiddenReason = (c) => c.reason ?? `fewer than ${k} people`;
  const hiddenCells = cells.filter((c) => c.suppressed).length;
  const notes = [];
  if (hiddenCells) notes.push(`${hiddenCells} group-${period.unit} cells are hidden (fewer than ${k} people, or to protect a smaller group); lines break there.`);
  if (allHidden) notes.push(`${allHidden} group${allHidden === 1 ? ' is' : 's are'} hidden in every ${period.unit} and not drawn.`);
  if (drawable.length > MAX_SERIES) notes.push(`Showing the first ${MAX_SERIES - 1} of ${drawable.length - 1} groups.`);
  return {
    option: {
      legend: { type: 'scroll' },
      grid: { left: 8, right: 24, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis,
      tooltip: { trigger: 'axis', valueFormatter: (v) => format(v) },
      series: keys.map((key) => ({
        name: names.get(key), type: 'line', connectNulls: false, showSymbol: periods.length < 20, symbolSize: 5,
        data: periods.map((p) => { const c = cell(key, p); return !c || c.suppressed ? null : value(c) ?? null; }),
        color: key === '' ? '#212529' : undefined, lineStyle: { width: key === '' ? 3 : 1.5 }, z: key === '' ? 3 : 2,
      })),
    },
    height,
    summary: summary(periods),
    table: {  // every group, hidden ones too: the table says why there is no line
      columns: [{ label: period.Unit, rowHeader: true }, ...tableKeys.map((key) => ({ label: names.get(key), num: true }))],
      rows: periods.map((p) => [p, ...tableKeys.map((key) => {
        const c = cell(key, p);
        if (c?.suppressed) return hiddenReason(c);
        return format(c ? value(c) : null);
      })]),
    },
    note: notes.join(' ') || undefined,
  };
}
