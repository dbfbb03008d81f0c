// report.insights: recommendation cards, and the insight sections as charts
// (personas, work mode raw vs adjusted, KPI audit) and short tables (training,
// role playbooks, mentoring, success stories, rollout). Every section may be
// missing, withheld for privacy, or carry a `reason` instead of figures.
import { h } from '../dom.js';
import { insightCharts } from './insight-charts.js';
import { insightDetails } from './insight-details.js';
import { insufficient } from './sufficiency.js';
import { glossary } from './glossary.js';
import { engineText, settingButton } from './engine-text.js';

// Card kinds (docs/report.schema.json insights.cards[].kind) -> label and tone.
const KINDS = {
  warning: ['Watch', 'risk'],
  recommendation: ['Recommendation', 'opportunity'],
  action: ['Action', 'opportunity'],
  finding: ['Finding', 'info'],
  success: ['Success', 'good'],
};

// Cards name the settings they depend on (the engine's `settings` list): those the
// demo's Settings has get a button that opens them.
const SETTING_BUTTONS = {
  'privacy.individual_results': ['Switch on individual results in Settings', 'individual_results'],
  'rollout.dates': ['Set rollout dates in Settings', 'rollout'],
};

function cardSettingButtons(card) {
  const keys = Array.isArray(card.settings) ? card.settings : [];
  const buttons = keys.map((k) => SETTING_BUTTONS[k]).filter(Boolean).map(([label, target]) => settingButton(label, target));
  return buttons.length ? h('p', { class: 'insight-setting' }, ...buttons) : null;
}

/** Recommendation cards from report.insights.cards ({id, title, text, kind}). */
export function insightCards(cards) {
  return (Array.isArray(cards) ? cards : []).filter((c) => c && (c.title || c.text)).map((c) => {
    const [label, tone] = KINDS[c.kind] ?? [c.kind ? String(c.kind) : 'Insight', 'info'];
    const thin = c.sufficiency?.verdict === 'too_little_data';
    return h('article', { class: `card insight-card tone-${thin ? 'info' : tone}`, 'data-insight': c.id ?? null },
      h('p', { class: 'insight-kind' }, thin ? `${label} · too little data` : label),
      c.title ? h('h3', {}, String(c.title)) : null,
      c.text ? h('p', { class: 'insight-text' }, engineText(c.text)) : null,
      insufficient(c.sufficiency),
      cardSettingButtons(c));
  });
}

/** The Insights tab's content, or null when the report has no insights section. */
export function insightsView(report, fileBase) {
  const insights = report.insights;
  if (!insights || typeof insights !== 'object') return null;
  const cards = insightCards(insights.cards);
  const charts = insightCharts(report, fileBase);
  const details = insightDetails(report);
  if (!cards.length && !charts.length && !details.length) return null;
  return {
    cardCount: cards.length,
    charts,
    el: h('div', { class: 'insights-view' },
      cards.length ? h('section', { 'aria-labelledby': 'insight-cards-title' },
        h('h3', { id: 'insight-cards-title', class: 'section-title' }, 'Recommendations and findings'),
        h('div', { class: 'insight-grid' }, cards)) : null,
      charts.length ? h('div', { class: 'chart-grid' }, charts.map((c) => c.el)) : null,
      details.length ? h('div', { class: 'detail-grid' }, details) : null,
      glossary()),
  };
}
