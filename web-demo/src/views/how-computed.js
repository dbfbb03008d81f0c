// "How is this computed?": a disclosure under a figure with what it means in
// words (the engine's metric catalog), the formula and the metric's name, both
// in <code> because they are the engine's identifiers.
import { h } from '../dom.js';

/**
 * @param {Record<string, {name: string, formula: string, description: string, needs: string|null}>|null} catalog
 * @param {string} metric the metric's name in the report
 * @param {string} [words] the formula in words, when the catalog's description does not say it all
 */
export function howComputed(catalog, metric, words = null) {
  const m = catalog?.[metric];
  if (!m && !words) return null;
  return h('details', { class: 'how', 'data-metric': metric },
    h('summary', {}, 'How is this computed?'),
    h('div', { class: 'how-body' },
      words || m?.description ? h('p', {}, words ?? m.description) : null,
      m?.formula ? h('p', {}, 'Formula: ', h('code', {}, m.formula)) : null,
      h('p', { class: 'how-name' }, 'In the report and its JSON: ', h('code', {}, metric))));
}
