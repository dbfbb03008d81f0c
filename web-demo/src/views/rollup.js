// The roll-up (config.rollup_by): each larger group, such as a department,
// with its own figures and the groups inside it. The engine computes the
// figures and decides what is hidden (its privacy checks cover both levels);
// this only lays them out.
import { h } from '../dom.js';
import * as fmt from '../format.js';
import { hiddenText } from './charts.js';
import { dataTable } from './table.js';

/** Report.groups index -> the name of the rollup group holding it. */
export function rollupOfGroups(report) {
  const names = new Map();
  const by = report.rollup?.by;
  for (const r of report.rollup?.groups ?? []) for (const i of r.groups) names.set(i, fmt.attrValue(by, r.key?.[by]));
  return names;
}

export function rollupView(report) {
  const { by, groups } = report.rollup;
  const k = report.privacy?.min_group_size ?? 5;
  const label = fmt.attrLabel(by);
  const inText = fmt.attrInText(by);
  const groupBy = report.config?.group_by ?? [];
  const members = (r) => r.groups.map((i) => fmt.groupLabel(report.groups[i]?.key, groupBy)).join(', ');
  const rows = groups.map((r) => {
    const name = fmt.attrValue(by, r.key?.[by]);
    const inside = `${r.groups.length}: ${members(r)}`;
    if (r.suppressed) return [name, inside, h('span', { class: 'suppressed-cell' }, `Hidden: ${hiddenText(r, k)}`), '', '', '', ''];
    return [name, inside, fmt.num(r.headcount), fmt.pct(r.metrics.adoption_rate), fmt.pct(r.metrics.ai_task_share),
      fmt.num(r.metrics.time_saved_hours), fmt.score(r.score?.value)];
  });
  const hidden = groups.filter((r) => r.suppressed).length;
  return h('section', { class: 'rollup-view', 'data-testid': 'rollup', 'aria-labelledby': 'rollup-heading' },
    h('h3', { id: 'rollup-heading' }, `By ${inText}`),
    h('p', { class: 'view-intro' },
      `${groups.length} ${groups.length === 1 ? 'group' : 'groups'} by ${inText}, each with its own figures and the groups inside it. `,
      hidden ? `${hidden} hidden: fewer than ${k} people, or their figures minus the groups shown would describe fewer than ${k} people.` : ''),
    dataTable({
      caption: `Figures per ${inText}`,
      columns: [{ label, rowHeader: true }, { label: 'Groups inside' }, { label: 'People', num: true }, { label: 'Adoption', num: true },
        { label: 'AI task share', num: true }, { label: 'Hours saved', num: true }, { label: 'Gap score', num: true }],
      rows,
      className: 'rollup-table',
      virtual: true,
    }));
}
