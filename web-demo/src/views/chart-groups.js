// Bar charts with many groups (an organisation of 200-500 teams): the chart
// draws the top and bottom groups and one "others" row between them that says
// how many groups it stands for and their range; the card's table keeps every
// group. Bars carry value labels, and a missing figure reads "no data", never
// as a bar of zero.
import * as fmt from '../format.js';

/** Groups drawn at each end of a ranked bar chart once there are more than ALL_UP_TO. */
export const EACH_END = 8;
export const ALL_UP_TO = 2 * EACH_END + 4;

/**
 * Groups in drawing order (ECharts draws the first category at the bottom of a
 * horizontal bar chart) with `value` ascending, and the "others" between the
 * ends when there are too many to draw.
 * @template G
 * @param {G[]} groups
 * @param {(g: G) => number|null} value ranks the groups (missing values rank lowest)
 * @returns {{rows: (G|{others: number, min: number|null, max: number|null})[], othersCount: number}}
 */
export function rankedRows(groups, value) {
  const v = (g) => value(g) ?? -Infinity;
  const sorted = [...groups].sort((a, b) => v(a) - v(b));
  if (sorted.length <= ALL_UP_TO) return { rows: sorted, othersCount: 0, missingCount: 0 };
  // Many groups: only groups with a figure can be at an end; those without are counted in the note.
  const known = sorted.filter((g) => value(g) != null);
  const missingCount = sorted.length - known.length;
  if (known.length <= ALL_UP_TO) return { rows: known, othersCount: 0, missingCount };
  const middle = known.slice(EACH_END, known.length - EACH_END);
  const values = middle.map(value);
  const others = { others: middle.length, min: Math.min(...values), max: Math.max(...values) };
  return { rows: [...known.slice(0, EACH_END), others, ...known.slice(-EACH_END)], othersCount: middle.length, missingCount };
}

/** The category label of a row: the group's name, or "150 others" over "(12% to 48%)". */
export function rowLabel(row, label, format) {
  if (!row?.others) return label(row);
  const range = row.min == null ? '' : `\n(${format(row.min)} to ${format(row.max)})`;  // two lines: narrow screens
  return `${fmt.num(row.others)} others${range}`;
}

/** One sentence for a chart's note when it stands some groups in one row. */
export function othersNote(othersCount, total, what, missingCount = 0) {
  const missing = missingCount ? ` ${fmt.num(missingCount)} group${missingCount === 1 ? ' has' : 's have'} no figure for this and ${missingCount === 1 ? 'is' : 'are'} not drawn (see the table).` : '';
  if (!othersCount) return missing.trim() || null;
  return `With ${fmt.num(total)} groups, the chart draws the ${EACH_END} ${what.high} and the ${EACH_END} ${what.low}; the ${fmt.num(othersCount)} in between are one "others" row (their range in brackets) and are all in the table.${missing}`;
}

const MUTED = '#5c6570';

/**
 * Bar data with value labels: a missing figure is an empty bar labelled
 * "no data" (distinct from a bar at 0, labelled "0%"); the others row has no bar.
 */
export function labelledBars(rows, value, format, { position = 'right' } = {}) {
  return rows.map((row) => {
    if (row?.others) return { value: null };
    const v = value(row);
    if (v == null) return { value: 0, itemStyle: { color: 'transparent' }, label: { show: true, position, formatter: 'no data', color: MUTED, fontStyle: 'italic' } };
    return { value: v, label: { show: true, position, formatter: () => format(v), color: '#343a40', fontSize: 11 } };
  });
}
