// Accessible tabs (WAI-ARIA tabs pattern): arrow keys move between tabs,
// Home/End jump, only the active tab is in the tab order.
import { h } from './dom.js';

/**
 * @param {{id: string, label: string, panel: HTMLElement, badge?: string}[]} items
 * @param {(id: string) => void} onShow called after a panel becomes visible
 */
export function createTabs(items, onShow) {
  const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Report views' });
  const tabs = items.map((item) => {
    const tab = h('button', {
      type: 'button', role: 'tab', id: `tab-${item.id}`, 'aria-controls': `panel-${item.id}`, 'aria-selected': 'false', tabindex: '-1',
      'data-view': item.id,
    }, item.label, item.badge ? h('span', { class: 'tab-badge' }, item.badge) : null);
    item.panel.id = `panel-${item.id}`;
    item.panel.setAttribute('role', 'tabpanel');
    item.panel.setAttribute('aria-labelledby', tab.id);
    item.panel.setAttribute('tabindex', '0');
    item.panel.hidden = true;
    tab.addEventListener('click', () => select(item.id));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      const target = tabs[(next + tabs.length) % tabs.length];
      select(target.dataset.view);
      target.focus();
    });
    list.append(tab);
    return tab;
  });

  function select(id) {
    items.forEach((item, i) => {
      const active = item.id === id;
      tabs[i].setAttribute('aria-selected', String(active));
      tabs[i].tabIndex = active ? 0 : -1;
      item.panel.hidden = !active;
    });
    onShow?.(id);
  }

  // The strip scrolls sideways on a phone: the bar shows a fade and an arrow
  // on each side that has more tabs (classes read by report.css).
  const bar = h('div', { class: 'tabs-bar no-print' }, list);
  const hint = () => {
    const more = list.scrollWidth - list.clientWidth;
    bar.classList.toggle('more-left', more > 1 && list.scrollLeft > 1);
    bar.classList.toggle('more-right', more > 1 && list.scrollLeft < more - 1);
  };
  list.addEventListener('scroll', hint, { passive: true });
  new ResizeObserver(hint).observe(list);

  // The chosen tab scrolled into the strip (sideways only: the page stays where it is).
  const reveal = (id) => {
    const tab = tabs.find((t) => t.dataset.view === id);
    if (!tab) return;
    if (tab.offsetLeft < list.scrollLeft) list.scrollLeft = tab.offsetLeft;
    else if (tab.offsetLeft + tab.offsetWidth > list.scrollLeft + list.clientWidth) list.scrollLeft = tab.offsetLeft + tab.offsetWidth - list.clientWidth;
    hint();
  };

  return { list, bar, select: (id) => { select(id); reveal(id); } };
}
