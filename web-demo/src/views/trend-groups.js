// The trend chart's group picker: which groups get a line. The choice goes to
// the engine as config.trends.groups and the session re-analyses at once (the
// files are not read again); the engine, not the page, decides what the trend
// cells hold. A search narrows the list for organisations of hundreds of groups.
import { h, replace, uid } from '../dom.js';
import * as fmt from '../format.js';

const LIST_AT_MOST = 60;  // matching groups listed at once; the search finds the rest
export const PICK_AT_MOST = 12;

/** config.trends.groups' form of a group key: a string for one attribute, else one value per attribute. */
export function configKey(key, groupBy) {
  const values = groupBy.map((a) => key?.[a] ?? '');
  return values.length === 1 ? String(values[0]) : values.map(String);
}

const sameKey = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * @param {object} report
 * @param {(groups: (string|string[])[] | null) => void} onApply null = the engine's default (largest groups)
 */
export function trendGroupPicker(report, onApply) {
  const groupBy = report.config?.group_by ?? [];
  if (!groupBy.length || !onApply) return null;
  const groups = report.groups.filter((g) => !g.suppressed)
    .map((g) => ({ key: configKey(g.key, groupBy), label: fmt.groupLabel(g.key, groupBy), people: g.headcount }))
    .sort((a, b) => b.people - a.people || a.label.localeCompare(b.label));
  if (groups.length < 2) return null;
  const configured = report.config?.trends?.groups;
  const chosen = new Set(groups.filter((g) => Array.isArray(configured) && configured.some((k) => sameKey(k, g.key))).map((g) => g.label));

  const searchId = uid('trend-search');
  const countId = uid('trend-count');
  const search = h('input', { id: searchId, type: 'search', class: 'search-input', placeholder: 'Team name', autocomplete: 'off', 'aria-describedby': countId });
  const list = h('ul', { class: 'pick-list' });
  const count = h('p', { class: 'field-hint', id: countId, 'aria-live': 'polite' });
  const apply = h('button', { type: 'button', class: 'button primary small', 'data-action': 'apply-trend-groups' }, 'Show these groups');
  const largest = h('button', { type: 'button', class: 'button ghost small', 'data-action': 'largest-trend-groups' }, 'Largest groups');

  function renderList() {
    const q = search.value.trim().toLowerCase();
    const matches = groups.filter((g) => !q || g.label.toLowerCase().includes(q));
    replace(list, matches.slice(0, LIST_AT_MOST).map((g) => {
      const id = uid('trend-pick');
      const box = h('input', { type: 'checkbox', id, checked: chosen.has(g.label), 'data-group': g.label });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(g.label); else chosen.delete(g.label);
        renderCount();
      });
      return h('li', { class: 'check' }, box, h('label', { for: id }, g.label, h('span', { class: 'pick-people' }, ` · ${fmt.num(g.people)} people`)));
    }));
    renderCount(matches.length);
  }
  function renderCount(matching) {
    const shownText = matching == null ? '' : matching > LIST_AT_MOST ? `${fmt.num(matching)} groups match; the first ${LIST_AT_MOST} are listed. ` : '';
    count.textContent = `${shownText}${fmt.num(chosen.size)} chosen (up to ${PICK_AT_MOST} are drawn).`;
    apply.disabled = chosen.size === 0;
  }
  search.addEventListener('input', () => renderList());
  apply.addEventListener('click', () => onApply(groups.filter((g) => chosen.has(g.label)).map((g) => g.key)));
  largest.addEventListener('click', () => onApply(null));
  renderList();

  return h('details', { class: 'trend-groups', 'data-testid': 'trend-groups' },
    h('summary', {}, Array.isArray(configured) ? `Groups: ${fmt.num(configured.length)} chosen` : 'Groups: the largest'),
    h('div', { class: 'pick-body' },
      h('label', { for: searchId }, 'Find a group'), search, count, list,
      h('div', { class: 'form-actions' }, largest, apply)));
}
