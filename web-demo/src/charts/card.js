// A chart in a card: title, what it shows, PNG/SVG export, and the same data
// as a table for screen readers and keyboard users (a chart alone is an image).
import { h, icon, replace } from '../dom.js';
import { dataTable } from '../views/table.js';
import { chartPng, chartSvg, mountChart } from './echarts.js';
import { download } from '../export.js';

/**
 * @param {object} spec
 * @param {string} spec.id           file-name friendly id
 * @param {string} spec.title
 * @param {string} spec.subtitle     one sentence: what the chart answers
 * @param {() => {option: object, table: object, summary: string, note?: string, height?: number}} spec.build
 *   height: pixels, when the chart grows with its number of bars (set through CSSOM, which the CSP allows)
 * @param {HTMLElement} [spec.controls]  e.g. a metric select; call card.refresh() when it changes
 * @param {string} spec.fileBase
 */
export function chartCard({ id, title, subtitle, build, controls = null, fileBase }) {
  const chartEl = h('div', { class: 'chart', role: 'img' });
  const note = h('p', { class: 'chart-note' });
  const tableSlot = h('div');
  const details = h('details', { class: 'chart-data' }, h('summary', {}, 'Show the data as a table'), tableSlot);
  let mounted = null;
  let current = null;

  const exportButton = (kind) => h('button', {
    type: 'button', class: 'button ghost small', 'aria-label': `Download "${title}" as ${kind}`, 'data-export': kind.toLowerCase(),
    onclick: () => {
      if (!current) return;
      if (kind === 'PNG') {
        show();
        download(`${fileBase}-${id}.png`, chartPng(mounted.chart));
      } else {
        const rect = chartEl.getBoundingClientRect();
        download(`${fileBase}-${id}.svg`, chartSvg(current.option, Math.round(rect.width) || 800, Math.round(rect.height) || 360));
      }
    },
  }, icon('download'), kind);

  const el = h('article', { class: 'card chart-card', 'data-chart': id },
    h('header', { class: 'card-head' },
      h('div', {},
        h('h3', {}, title),
        h('p', { class: 'card-sub' }, subtitle)),
      h('div', { class: 'card-actions no-print' }, exportButton('PNG'), exportButton('SVG'))),
    controls ? h('div', { class: 'chart-controls no-print' }, controls) : null,
    chartEl, note, details);

  function compute() {
    current = build();
    chartEl.setAttribute('aria-label', `${title}. ${current.summary} The data is in the table below the chart.`);
    if (current.height) chartEl.style.height = `${Math.round(current.height)}px`;
    note.textContent = current.note ?? '';
    note.hidden = !current.note;
    replace(tableSlot, dataTable({ caption: title, ...current.table }));
  }

  /** Draws the chart (lazily: echarts needs a visible box to measure). */
  function show() {
    if (!current) compute();
    if (!mounted) mounted = mountChart(chartEl, current.option);
    else mounted.fitWidth(null);  // the box's width again (it may have been drawn hidden, or for print)
  }

  // Nothing is computed until the card is first shown: a report view opens fast.
  return {
    el,
    show,
    refresh() {
      if (!current) return;
      compute();
      if (mounted) mounted.update(current.option, current.height ?? null);
    },
    /** Fixes the chart's width (for print, where the page is narrower than the screen); null = fit the box again. */
    fitWidth(width) {
      show();
      mounted.fitWidth(width);
    },
    dispose() { mounted?.dispose(); mounted = null; },
  };
}
