// report.insights: recommendation cards, and (when the engine provides them)
// personas, work mode raw vs adjusted, and the KPI audit. The section is newer
// than the demo's other views, so the renderers read it defensively: any
// array of records becomes a table, and a chart when it has numbers.
import { h } from '../dom.js';
import { chartCard } from '../charts/card.js';
import { COLORS } from '../charts/echarts.js';
import * as fmt from '../format.js';

const KINDS = {
  risk: ['Risk', 'risk'], warning: ['Watch', 'risk'], concern: ['Watch', 'risk'],
  opportunity: ['Opportunity', 'opportunity'], recommendation: ['Recommendation', 'opportunity'], action: ['Action', 'opportunity'],
  strength: ['Strength', 'good'], positive: ['Strength', 'good'], good: ['Strength', 'good'],
  info: ['Note', 'info'], note: ['Note', 'info'],
};

/** Recommendation cards from report.insights.cards ({id, title, text, kind}). */
export function insightCards(cards) {
  return (Array.isArray(cards) ? cards : []).filter((c) => c && (c.title || c.text)).map((c) => {
    const [label, tone] = KINDS[String(c.kind ?? '').toLowerCase()] ?? [c.kind ? String(c.kind) : 'Insight', 'info'];
    return h('article', { class: `card insight-card tone-${tone}`, 'data-insight': c.id ?? null },
      h('p', { class: 'insight-kind' }, label),
      c.title ? h('h3', {}, String(c.title)) : null,
      c.text ? h('p', {}, String(c.text)) : null);
  });
}

const SECTIONS = [
  { key: 'personas', title: 'AI personas', subtitle: 'How people cluster by the way they use AI.' },
  { key: 'work_mode', title: 'Work mode: raw vs adjusted', subtitle: 'Onsite, hybrid and remote compared before and after adjusting for team and role mix.' },
  { key: 'kpi_audit', title: 'KPI audit', subtitle: 'Which of the usual productivity KPIs actually track AI value.' },
];
const LIST_KEYS = ['items', 'rows', 'entries', 'groups', 'modes', 'kpis', 'personas', 'results', 'data'];
const LABEL_KEYS = ['name', 'label', 'title', 'persona', 'work_mode', 'mode', 'kpi', 'metric', 'id', 'key'];
const TEXT_KEYS = ['summary', 'text', 'description', 'note', 'title'];

/** Normalises an insight section to {intro, rows: object[]}. */
export function sectionRows(value) {
  if (value == null) return { intro: null, rows: [] };
  if (Array.isArray(value)) return { intro: null, rows: value.filter((r) => r && typeof r === 'object') };
  if (typeof value !== 'object') return { intro: String(value), rows: [] };
  const intro = TEXT_KEYS.map((k) => value[k]).find((v) => typeof v === 'string') ?? null;
  const listKey = LIST_KEYS.find((k) => Array.isArray(value[k]));
  if (listKey) return { intro, rows: value[listKey].filter((r) => r && typeof r === 'object') };
  const entries = Object.entries(value).filter(([k]) => !TEXT_KEYS.includes(k));
  if (entries.length && entries.every(([, v]) => v && typeof v === 'object' && !Array.isArray(v))) {
    return { intro, rows: entries.map(([name, v]) => ({ name, ...v })) };
  }
  return { intro, rows: entries.length ? [Object.fromEntries(entries)] : [] };
}

/** Flattens one level of nesting: {raw: {adoption: 1}} -> {"raw.adoption": 1}. */
function flatten(row) {
  const out = {};
  for (const [k, v] of Object.entries(row)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (k === 'key') out[k] = Object.values(v).join(' / ');
      else for (const [k2, v2] of Object.entries(v)) if (v2 == null || typeof v2 !== 'object') out[`${k}.${k2}`] = v2;
    } else if (!Array.isArray(v)) out[k] = v;
  }
  return out;
}

const words = (key) => key.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
const looksLikeShare = (key) => /(rate|share|uplift|reduction|delta|pct|percent|fraction)$/.test(key);

function formatCell(key, v) {
  if (v == null) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') {
    if (looksLikeShare(key) && Math.abs(v) <= 5) return fmt.pct(v);
    return Number.isInteger(v) ? fmt.num(v) : fmt.num(v, Math.abs(v) < 10 ? 3 : 1);
  }
  return String(v);
}

function sectionCard(section, value, fileBase) {
  const { intro, rows: raw } = sectionRows(value);
  if (!raw.length && !intro) return null;
  const rows = raw.map(flatten);
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const labelKey = LABEL_KEYS.find((k) => keys.includes(k)) ?? keys.find((k) => rows.some((r) => typeof r[k] === 'string'));
  const numeric = keys.filter((k) => k !== labelKey && rows.some((r) => typeof r[k] === 'number'));
  // Prefer raw/adjusted pairs (work mode), else the first few numeric fields on one scale.
  const paired = numeric.filter((k) => /(^|\.|_)(raw|adjusted)($|\.|_)/.test(k));
  let plotted = paired.length >= 2 ? paired.slice(0, 4) : numeric.slice(0, 1);
  if (paired.length < 2 && numeric.length > 1 && numeric.slice(0, 3).every(looksLikeShare)) plotted = numeric.slice(0, 3);
  const visible = rows.filter((r) => !r.suppressed);
  const table = {
    columns: keys.map((k, i) => ({ label: words(k), num: numeric.includes(k), rowHeader: i === 0 && k === labelKey })),
    rows: rows.map((r) => keys.map((k) => (r.suppressed && k !== labelKey && k !== 'suppressed' && k !== 'reason' && r[k] == null
      ? (r.reason ?? 'hidden') : formatCell(k, r[k])))),
  };
  if (labelKey && table.columns[0] && keys[0] !== labelKey) {
    // Put the label column first.
    const i = keys.indexOf(labelKey);
    table.columns.unshift({ ...table.columns.splice(i, 1)[0], rowHeader: true });
    table.rows = table.rows.map((r) => [r.splice(i, 1)[0], ...r]);
  }
  const share = plotted.every(looksLikeShare);
  // Raw in gray, adjusted in the primary colour: the adjusted figure is the one to read.
  const colors = paired.length >= 2 ? [COLORS.gray, COLORS.primary, COLORS.teal, COLORS.orange] : [COLORS.primary, COLORS.teal, COLORS.orange];
  const card = chartCard({
    id: section.key.replace(/_/g, '-'), title: section.title, subtitle: intro ?? section.subtitle, fileBase,
    build: () => ({
      option: plotted.length && labelKey ? {
        legend: plotted.length > 1 ? {} : undefined,
        grid: { left: 8, right: 24, top: plotted.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: visible.map((r) => String(r[labelKey] ?? '')), axisLabel: { interval: 0, overflow: 'truncate', width: 110 } },
        yAxis: { type: 'value', axisLabel: { formatter: (v) => (share ? fmt.pct(v, 0) : fmt.num(v, 1)) } },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (share ? fmt.pct(v) : fmt.num(v, 2)) },
        series: plotted.map((k, i) => ({ name: words(k), type: 'bar', data: visible.map((r) => r[k] ?? null), color: colors[i % colors.length], barMaxWidth: 36 })),
      } : { xAxis: { show: false }, yAxis: { show: false }, series: [] },
      height: plotted.length && labelKey ? 320 : 80,
      summary: `${section.title}: ${rows.length} rows${plotted.length ? `, chart of ${plotted.map(words).join(', ')}` : ''}.`,
      table,
      note: rows.length > visible.length ? `${rows.length - visible.length} hidden to protect small groups; see the table.` : undefined,
    }),
  });
  return card;
}

/** The insight chart cards present in the report (none when the section is absent). */
export function insightCharts(insights, fileBase) {
  if (!insights || typeof insights !== 'object') return [];
  return SECTIONS.map((s) => (insights[s.key] != null ? sectionCard(s, insights[s.key], fileBase) : null)).filter(Boolean);
}
