// The results area: a summary line, exports, and the report's views as tabs.
// Charts are drawn when their tab is first shown (ECharts measures its box),
// and all at once before printing, when every view is laid out in sequence.
import { h, icon, replace } from './dom.js';
import { createTabs } from './tabs.js';
import { overviewView } from './views/overview.js';
import { groupsCsv, groupsView } from './views/groups.js';
import { reportCharts } from './views/charts.js';
import { insightCards, insightsView } from './views/insights.js';
import { diagnosticsView } from './views/diagnostics.js';
import { dataBanner } from './views/data-banner.js';
import { isAdoptionOnly, needsActivity, usageCsv, usageView } from './views/usage.js';
import { baseName, csvBlob, download, jsonBlob } from './export.js';
import * as fmt from './format.js';
import { periodLabel } from './views/trend-chart.js';

const day = (iso) => periodLabel(iso, 'week', true);  // "6 Jan 2025"
let current = null;  // {charts: chartCard[], tab: the tab on screen}

/** Up to three insight cards of different kinds of finding, for the overview. */
function highlights(report, showAll) {
  const cards = Array.isArray(report.insights?.cards) ? report.insights.cards : [];
  const seen = new Set([report.insights?.headline?.card]);  // the headline already says it
  const top = cards.filter((c) => !seen.has(c.id) && seen.add(c.id)).slice(0, 3);
  if (!top.length) return null;
  return h('section', { class: 'overview-highlights', 'aria-labelledby': 'highlights-title' },
    h('div', { class: 'section-head' },
      h('h3', { id: 'highlights-title', class: 'section-title' }, 'Top findings'),
      h('button', { type: 'button', class: 'button ghost small no-print', onclick: showAll }, `All ${fmt.num(cards.length)} findings and recommendations`)),
    h('div', { class: 'insight-grid' }, insightCards(top)));
}

/** Under differential privacy: what this report spent from the budget kept in this browser. */
function dpBudgetLine(dp) {
  if (!dp) return null;
  const eps = (v) => String(Math.round(v * 1000) / 1000);
  const l = dp.ledger;
  return h('p', { class: 'results-privacy', 'data-testid': 'dp-budget' }, icon('lock'),
    `Differential privacy: the headline figures carry random noise; this report spent ε ${eps(dp.epsilon_spent ?? dp.epsilon)}`,
    l ? ` of the privacy budget (${eps(l.spent_epsilon)} of ${eps(l.total_epsilon)} spent in ${fmt.num(l.releases)} report${l.releases === 1 ? '' : 's'}, ${eps(l.remaining_epsilon)} left).` : '.');
}

export function showResults(section, report, { catalog, elapsedMs = null, openedFrom = null, updated = false, onTrendGroups = null }) {
  current?.charts.forEach((c) => c.dispose());
  // A report recomputed for new settings opens on the tab the reader was on.
  const previousTab = updated ? current?.tab : null;
  const fileBase = baseName(report);
  const adoptionOnly = isAdoptionOnly(report);
  const charts = adoptionOnly ? [] : reportCharts(report, fileBase, { onTrendGroups });
  const insights = insightsView(report, fileBase);
  const iCharts = insights?.charts ?? [];
  const usage = report.usage ? usageView(report, fileBase) : null;
  const uCharts = usage?.charts ?? [];

  let tabs = null;
  const open = (id) => () => { tabs.select(id); document.getElementById(`tab-${id}`)?.focus(); };
  const panel = (...children) => h('div', { class: 'panel-body' }, children);
  const usageGroups = report.usage?.groups ?? [];
  const items = [
    { id: 'overview', label: 'Overview', panel: panel(overviewView(report, { catalog, openUsage: open('usage'), highlights: highlights(report, open('insights')) })) },
    usage ? { id: 'usage', label: 'AI tool usage', badge: usageGroups.length ? fmt.num(usageGroups.length) : null, panel: panel(usage.el) } : null,
    { id: 'groups', label: 'Groups', badge: adoptionOnly ? null : fmt.num(report.groups.length),
      panel: panel(adoptionOnly ? needsActivity('The group table', open('usage')) : groupsView(report)) },
    { id: 'charts', label: 'Charts', panel: panel(adoptionOnly ? needsActivity('Each productivity chart', open('usage'))
      : charts.length ? h('div', { class: 'chart-grid' }, charts.map((c) => c.el))
        : h('p', { class: 'card empty-state' }, 'No charts: there are no groups with enough people to show.')) },
    insights ? { id: 'insights', label: 'Insights', badge: insights.cardCount ? fmt.num(insights.cardCount) : null, panel: panel(insights.el) } : null,
    { id: 'data', label: 'Data quality', badge: report.diagnostics?.total ? fmt.num(report.diagnostics.total) : null, panel: panel(diagnosticsView(report)) },
  ].filter(Boolean);
  for (const item of items) item.panel.dataset.title = item.label;

  tabs = createTabs(items, (id) => {
    if (current) current.tab = id;
    if (id === 'charts') charts.forEach((c) => c.show());
    if (id === 'insights') iCharts.forEach((c) => c.show());
    if (id === 'usage') uCharts.forEach((c) => c.show());
  });
  current = { charts: [...charts, ...iCharts, ...uCharts], tab: null };

  const s = report.summary;
  const k = report.privacy?.min_group_size ?? report.config?.privacy?.min_group_size;
  const hidden = adoptionOnly ? usageGroups.filter((g) => g.suppressed).length
    : report.privacy?.suppressed_groups ?? report.groups.filter((g) => g.suppressed).length;
  // The count is of the report's own groups; insights that group otherwise (by role, by week) say what they hide.
  const groupCount = adoptionOnly ? usageGroups.length : report.groups.length;
  const groupBy = (report.config?.group_by ?? []).map(fmt.attrInText).join(' × ');
  const exports = report.usage ? `${fmt.num(report.usage.inputs.length)} AI-usage export${report.usage.inputs.length === 1 ? '' : 's'}` : '';
  const heading = h('h2', { id: 'results-title', tabindex: '-1' }, adoptionOnly ? 'AI adoption report' : 'AI productivity gap report');
  replace(section,
    h('div', { class: 'results-head' },
      h('div', {},
        heading,
        h('p', { class: 'results-meta', 'data-testid': 'results-meta' },
          s.people == null
            ? `Fewer than ${fmt.num(k)} people: no figures are shown · ${day(s.first_date)} to ${day(s.last_date)}`
            : adoptionOnly
            ? `${fmt.num(s.people)} people · adoption only, from ${exports} · ${day(s.first_date)} to ${day(s.last_date)}`
            // Under differential privacy the counts are noisy and the row count is not released.
            : `${fmt.num(s.people)} people${s.activity_rows == null ? ' (with noise)' : ` · ${fmt.num(s.activity_rows)} activity rows`}${exports ? ` · ${exports}` : ''} · ${day(s.first_date)} to ${day(s.last_date)}`,
          groupBy ? ` · grouped by ${groupBy}` : '', ` · ${report.config?.period === 'month' ? 'monthly' : 'weekly'} trends`),
        h('p', { class: 'results-privacy' }, icon('lock'),
          openedFrom ? `Opened from ${openedFrom}. ` : `${updated ? 'Recomputed from the files read earlier' : 'Computed'} on this device${elapsedMs != null ? ` in ${fmt.duration(elapsedMs)}` : ''}; nothing was uploaded. `,
          k ? `Groups under ${k} people are hidden (${fmt.num(hidden)} of the ${fmt.num(groupCount)} groups here; each section says what it hides).` : ''),
        dpBudgetLine(report.privacy?.differential_privacy)),
      h('div', { class: 'export-bar no-print', role: 'group', 'aria-label': 'Export' },
        h('button', { type: 'button', class: 'button secondary small', 'data-export': 'report-json',
          onclick: () => download(`${fileBase}-report.json`, jsonBlob(report)) }, icon('download'), 'Report JSON'),
        adoptionOnly ? null : h('button', { type: 'button', class: 'button secondary small', 'data-export': 'groups-csv',
          onclick: () => { const t = groupsCsv(report); download(`${fileBase}-groups.csv`, csvBlob(t.header, t.rows)); } }, icon('download'), 'Group table CSV'),
        adoptionOnly ? null : h('button', { type: 'button', class: 'button ghost small', 'data-export': 'groups-csv-raw',
          title: 'The engine\'s own column names and unrounded values, for further analysis',
          onclick: () => { const t = groupsCsv(report, { raw: true }); download(`${fileBase}-groups-raw.csv`, csvBlob(t.header, t.rows)); } }, icon('download'), 'Raw values CSV'),
        report.usage ? h('button', { type: 'button', class: 'button secondary small', 'data-export': 'usage-csv',
          onclick: () => { const t = usageCsv(report); download(`${fileBase}-usage.csv`, csvBlob(t.header, t.rows)); } }, icon('download'), 'Usage table CSV') : null,
        report.usage ? h('button', { type: 'button', class: 'button ghost small', 'data-export': 'usage-csv-raw',
          title: 'The engine\'s own column names and unrounded values, for further analysis',
          onclick: () => { const t = usageCsv(report, { raw: true }); download(`${fileBase}-usage-raw.csv`, csvBlob(t.header, t.rows)); } }, icon('download'), 'Usage raw values CSV') : null,
        h('button', { type: 'button', class: 'button secondary small', onclick: () => window.print() }, icon('print'), 'Print or PDF'))),
    dataBanner(report, { fileBase, openDetails: open('data') }),
    tabs.bar,
    items.map((i) => i.panel));
  section.hidden = false;
  document.body.classList.add('has-report');
  // An adoption-only report's content is the usage tab; its overview only points there.
  tabs.select(previousTab && items.some((i) => i.id === previousTab) ? previousTab : adoptionOnly ? 'usage' : 'overview');
  return { heading, select: tabs.select };
}

// Printing lays out every view; charts that were never shown get drawn first,
// narrow enough for an A4 or Letter page inside its margins and the card's
// padding (A4 at 14 mm margins leaves about 688 CSS px).
const PRINT_CHART_WIDTH = 600;
window.addEventListener('beforeprint', () => {
  document.body.classList.add('printing');
  current?.charts.forEach((c) => c.fitWidth(PRINT_CHART_WIDTH));
});
window.addEventListener('afterprint', () => {
  document.body.classList.remove('printing');
  current?.charts.forEach((c) => c.fitWidth(null));
});
