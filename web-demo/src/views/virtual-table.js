// The body of a long table, virtualised: only the rows in view (plus a few
// either side) are in the DOM, inside a scroll box of bounded height whose
// header row stays visible (sticky thead, report.css). Two spacer rows, above
// and below, keep the scrollbar's length and position true to the whole table.
//
// Rows have one fixed height, measured once from the first rows drawn and then
// applied to every row (cells do not wrap in these tables), so a row's offset
// is index × height and no per-row measuring is needed while scrolling.
//
// For assistive technology the table stays a real <table>: aria-rowcount on the
// table counts every row (header, all body rows, footer) and each drawn row has
// its aria-rowindex, so a screen reader says "row 120 of 202" although only
// some 40 rows exist. The scroll box is a named, focusable region when it
// scrolls (scrollBox in table.js), so keyboard users scroll it with the arrow
// keys and Page Down.
//
// Printing: a printed page cannot scroll, so before printing every row is drawn
// and the box loses its height limit (print.css); after printing the window
// comes back.
import { h } from '../dom.js';

/** Tables with more body rows than this are virtualised; shorter ones are drawn whole, with no scroll box. */
export const VIRTUAL_MIN_ROWS = 30;
// Rows drawn beyond each edge of the view, so that a quick scroll shows no gap.
const OVERSCAN = 8;
// A guess until the first row is measured (a row of the group table at 1440 px).
const ESTIMATED_ROW_PX = 40;

const live = new Set();

/**
 * @param {{box: HTMLElement, table: HTMLTableElement, tbody: HTMLTableSectionElement, columns: number,
 *   virtual: boolean, emptyRow?: () => HTMLTableRowElement}} spec
 *   box: the scroll box around the table; columns: the table's column count (the spacers span it);
 *   virtual: false draws every row, as a plain table; emptyRow: what to show when there are no rows
 * @returns {{setRows(items: any[], renderRow: (item: any, index: number) => HTMLTableRowElement, opts?: {toTop?: boolean}): void}}
 */
export function virtualBody({ box, table, tbody, columns, virtual, emptyRow = null }) {
  let items = [];
  let renderRow = null;
  let rowHeight = 0;          // measured once, px
  let range = null;           // [first, end) of the rows drawn
  let drawn = new Map();      // index → <tr>, reused while the row stays in range
  let frame = 0;
  let shown = false;          // has been in the document (then leaving it means it is gone)
  const top = spacer();
  const bottom = spacer();

  if (virtual) {
    box.classList.add('vt-scroll');
    table.classList.add('vt-table');
    box.addEventListener('scroll', schedule, { passive: true });
    // The box gets its size when its tab is first shown, and a new one when the window changes.
    if (typeof ResizeObserver === 'function') new ResizeObserver(schedule).observe(box);
  }

  function spacer() {
    return h('tr', { class: 'vt-spacer', 'aria-hidden': 'true' }, h('td', { colspan: columns }));
  }
  function setSpacer(tr, px) {
    tr.firstChild.style.height = `${px}px`;  // CSSOM: allowed by the page's style-src
  }

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  function row(index) {
    const tr = drawn.get(index) ?? renderRow(items[index], index);
    if (virtual) tr.setAttribute('aria-rowindex', String(index + 1 + headRows()));
    return tr;
  }
  const headRows = () => table.tHead?.rows.length ?? 0;

  /** Row numbers for assistive technology: header rows first, then body, then footer. */
  function numberRows() {
    if (!virtual) return;
    const head = headRows();
    const body = Math.max(items.length, 1);  // an empty table still shows its "no match" row
    const foot = table.tFoot?.rows.length ?? 0;
    table.setAttribute('aria-rowcount', String(head + body + foot));
    [...(table.tHead?.rows ?? [])].forEach((tr, i) => tr.setAttribute('aria-rowindex', String(i + 1)));
    [...(table.tFoot?.rows ?? [])].forEach((tr, i) => tr.setAttribute('aria-rowindex', String(head + body + i + 1)));
  }

  /** The rows in view, from the box's scroll position: [first, end). */
  function windowOf() {
    const rh = rowHeight || ESTIMATED_ROW_PX;
    const view = box.clientHeight || window.innerHeight;  // a hidden tab has no size yet
    // Where the body starts inside the scrolled content (below the caption and header).
    const offset = box.clientHeight ? tbody.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop : 0;
    const y = Math.max(0, box.scrollTop - offset);
    const firstInView = Math.floor(y / rh);
    const end = Math.min(items.length, firstInView + Math.ceil(view / rh) + OVERSCAN);
    const first = Math.max(0, Math.min(firstInView - OVERSCAN, end - Math.ceil(view / rh) - 2 * OVERSCAN));
    return [first, end];
  }

  function draw({ force = false } = {}) {
    if (!renderRow) return;
    if (box.isConnected) shown = true;
    if (!items.length) {
      range = null;
      drawn = new Map();
      const empty = emptyRow?.();
      if (empty && virtual) empty.setAttribute('aria-rowindex', String(headRows() + 1));
      tbody.replaceChildren(...(empty ? [empty] : []));
      return;
    }
    if (!virtual || printing()) {
      range = [0, items.length];
      const rows = items.map((_, i) => row(i));
      drawn = new Map(rows.map((tr, i) => [i, tr]));
      tbody.replaceChildren(...rows);
      return;
    }
    fitHeight();  // again when the window's height changed
    const [first, end] = windowOf();
    if (!force && range && range[0] === first && range[1] === end) return;
    range = [first, end];
    const next = new Map();
    for (let i = first; i < end; i++) next.set(i, row(i));
    drawn = next;
    const rh = rowHeight || ESTIMATED_ROW_PX;
    setSpacer(top, first * rh);
    setSpacer(bottom, (items.length - end) * rh);
    // A spacer of no height is left out: a table whose rows all fit holds just its rows.
    tbody.replaceChildren(...(first ? [top] : []), ...next.values(), ...(end < items.length ? [bottom] : []));
    if (!rowHeight) measure([...next.values()]);
  }

  // One height for every row: the tallest of the first rows drawn, set on the
  // table as a custom property (through CSSOM) that every body row takes.
  function measure(rows) {
    const px = Math.max(0, ...rows.map((tr) => tr.getBoundingClientRect().height));
    if (!px) return;  // not laid out yet (a hidden tab): measure on the next draw
    rowHeight = Math.ceil(px);
    table.style.setProperty('--vt-row-height', `${rowHeight}px`);
    fitHeight();
    draw({ force: true });
  }

  // The box ends half-way through a row, so that it visibly goes on (a scrollbar
  // may be hidden until used): the caption and header, then n + ½ rows, within
  // the height report.css allows (--vt-max-height, through CSSOM).
  let fittedFor = 0;
  function fitHeight() {
    if (!rowHeight || !box.clientHeight || fittedFor === window.innerHeight) return;  // not measured yet, or hidden
    fittedFor = window.innerHeight;
    box.style.removeProperty('--vt-max-height');
    const limit = parseFloat(getComputedStyle(box).maxHeight);
    const above = tbody.getBoundingClientRect().top - table.getBoundingClientRect().top;
    if (!limit || !(above >= 0)) return;
    const rows = Math.max(2, Math.floor((limit - above) / rowHeight - 0.5)) + 0.5;
    box.style.setProperty('--vt-max-height', `${Math.round(above + rows * rowHeight)}px`);
  }

  const instance = {
    setRows(list, render, { toTop = false } = {}) {
      items = list;
      renderRow = render;
      drawn = new Map();
      range = null;
      if (toTop) box.scrollTop = 0;
      numberRows();
      draw({ force: true });
    },
    draw,
    /** Back to the rows in view, once the page has its screen layout again (other afterprint handlers run first). */
    redraw() { range = null; schedule(); },
    gone: () => shown && !box.isConnected,
  };
  if (virtual) {
    for (const t of live) if (t.gone()) live.delete(t);  // tables of an earlier report
    live.add(instance);
  }
  return instance;
}

// Printing: every row of every virtual table, then back to the window. Both
// the print events and the print media query (a page printed to PDF by a
// headless browser may only switch the media) lead here.
let printEvent = false;
let printMedia = false;
const printing = () => printEvent || printMedia;
function printChanged() {
  for (const t of live) {
    if (t.gone()) live.delete(t);
    else if (printing()) t.draw({ force: true });  // at once: the print layout follows this event
    else t.redraw();
  }
}
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => { printEvent = true; printChanged(); });
  window.addEventListener('afterprint', () => { printEvent = false; printChanged(); });
  const print = window.matchMedia?.('print');
  print?.addEventListener?.('change', (e) => { printMedia = e.matches; printChanged(); });
}
