// The analysis settings form and the config it produces (docs/config.md).
// Shares and thresholds are entered as percentages, the way HR teams talk
// about them; the config gets the engine's 0-1 shares.
import { h, uid } from './dom.js';
import { ATTR_LABELS } from './format.js';

const GROUP_ATTRS = ['team', 'role', 'work_mode', 'manager_id', 'ai_trained'];
const WEIGHTS = [
  ['adoption_gap', 'Adoption gap', 'people not yet using AI'],
  ['usage_unevenness', 'Uneven use', 'AI use concentrated in a few people'],
  ['effectiveness_gap', 'Rework', 'AI users whose AI use creates rework'],
  ['playbook_gap', 'Playbook gap', 'recommended AI use not happening (needs a playbook)'],
  ['sentiment_gap', 'Sentiment', 'distance from positive AI sentiment (needs surveys)'],
];
const DEFAULTS = {
  group_by: ['team'], period: 'week', min_group_size: 5, ai_user_min_share: 10, rework_threshold: 15,
  weights: Object.fromEntries(WEIGHTS.map(([k]) => [k, 1])),
  protection: 'suppression', dp_epsilon: 1, dp_total_epsilon: 3,
};

function numberField(name, label, hint, value, { min, max, step }) {
  const id = uid('set');
  const hintId = `${id}-hint`;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name, type: 'number', min, max, step, value, required: true, inputmode: 'decimal', 'aria-describedby': hintId }),
    h('p', { class: 'field-hint', id: hintId }, hint));
}

export function createSettings(form) {
  const groupBox = h('fieldset', { class: 'field-group' },
    h('legend', {}, 'Group people by'),
    h('div', { class: 'checks' }, GROUP_ATTRS.map((attr) => {
      const id = `group-${attr}`;
      return h('div', { class: 'check' },
        h('input', { type: 'checkbox', id, name: 'group_by', value: attr, checked: DEFAULTS.group_by.includes(attr) }),
        h('label', { for: id }, ATTR_LABELS[attr]));
    })),
    h('p', { class: 'field-hint' }, 'Several attributes give one group per combination (e.g. team × work mode). None: overall figures only.'));

  const periodId = uid('set');
  const basics = h('div', { class: 'field-row' },
    h('div', { class: 'field' },
      h('label', { for: periodId }, 'Trend period'),
      h('select', { id: periodId, name: 'period' },
        h('option', { value: 'week', selected: true }, 'Week (ISO, Monday start)'),
        h('option', { value: 'month' }, 'Month')),
      h('p', { class: 'field-hint' }, 'How the trend charts bucket the days.')),
    numberField('min_group_size', 'Minimum group size', 'Groups with fewer people are hidden (at least 3).', DEFAULTS.min_group_size, { min: 3, max: 1000, step: 1 }),
    numberField('ai_user_min_share', 'AI user threshold (%)', 'A person counts as an AI user from this share of tasks done with AI.', DEFAULTS.ai_user_min_share, { min: 0, max: 100, step: 1 }),
    numberField('rework_threshold', 'Rework threshold (%)', 'An AI user with this much rework (share of hours) counts in the rework component.', DEFAULTS.rework_threshold, { min: 0, max: 100, step: 1 }));

  const weights = h('fieldset', { class: 'field-group weights' },
    h('legend', {}, 'Gap score weights'),
    h('div', { class: 'field-row' }, WEIGHTS.map(([key, label, hint]) => numberField(`weight_${key}`, label, hint, 1, { min: 0, max: 10, step: 0.5 }))),
    h('p', { class: 'field-hint' }, 'The score is the weighted mean of the components available for your data; 0 leaves a component out.'));

  // Protection across repeated reports (docs/privacy.md): suppression, or differential privacy
  // spending from the privacy-budget ledger kept in this browser (ledger-store.js).
  const protectionHintId = uid('set');
  const protectionChoice = (value, label, hint) => {
    const id = `protection-${value}`;
    return h('div', { class: 'check' },
      h('input', { type: 'radio', id, name: 'protection', value, checked: value === DEFAULTS.protection, 'aria-describedby': `${id}-hint` }),
      h('label', { for: id }, label),
      h('p', { class: 'field-hint', id: `${id}-hint` }, hint));
  };
  const dpFields = h('div', { class: 'field-row', 'data-testid': 'dp-fields', hidden: DEFAULTS.protection !== 'dp' },
    numberField('dp_epsilon', 'Privacy budget per report (ε)',
      'How much one report may reveal about any one person: smaller is more private, and its figures get more random noise.',
      DEFAULTS.dp_epsilon, { min: 0.1, max: 10, step: 0.1 }),
    numberField('dp_total_epsilon', 'Total privacy budget (ε)',
      'Every report on these files, including each settings change, spends its ε from this total, recorded in this browser only. When it is spent, further reports are refused; once spending has started the total can be lowered, not raised.',
      DEFAULTS.dp_total_epsilon, { min: 0.1, max: 1000, step: 0.1 }));
  const protection = h('fieldset', { class: 'field-group protection', 'aria-describedby': protectionHintId },
    h('legend', {}, 'Protection'),
    h('div', { class: 'checks' },
      protectionChoice('suppression', 'Hide small groups (suppression)',
        'Groups under the minimum size are hidden. Protects each report on its own, not against comparing several reports.'),
      protectionChoice('dp', 'Differential privacy',
        'Only the headline figures, with random noise added: a formal limit on what any number of reports reveal about one person, up to the total budget.')),
    dpFields,
    h('p', { class: 'field-hint', id: protectionHintId },
      'With differential privacy, the budget spent is recorded in this browser (never sent anywhere); clearing the site\'s data resets it.'));
  const showDp = () => { dpFields.hidden = form.elements.protection.value !== 'dp'; };
  form.addEventListener('change', showDp);
  form.addEventListener('reset', () => setTimeout(showDp, 0));

  form.append(h('p', { class: 'field-hint' },
    'After a run, changes here update the report at once without reading the files again; a new trend period needs a new run.'),
  groupBox, basics, protection, weights,
    h('div', { class: 'form-actions' }, h('button', { type: 'reset', class: 'button ghost small' }, 'Reset to defaults')));
  form.addEventListener('submit', (e) => e.preventDefault());

  return {
    /** @returns {{config: object, errors: string[]}} */
    read() {
      const errors = [];
      const value = (name) => form.elements[name].valueAsNumber;
      const check = (name, label, min, max) => {
        const v = value(name);
        if (!Number.isFinite(v) || v < min || v > max) errors.push(`${label} must be between ${min} and ${max}.`);
        return v;
      };
      const minGroup = check('min_group_size', 'Minimum group size', 3, 1000);
      if (Number.isFinite(minGroup) && !Number.isInteger(minGroup)) errors.push('Minimum group size must be a whole number.');
      const config = {
        group_by: [...form.querySelectorAll('input[name="group_by"]:checked')].map((c) => c.value),
        period: form.elements.period.value,
        ai_user_min_share: check('ai_user_min_share', 'AI user threshold', 0, 100) / 100,
        rework_threshold: check('rework_threshold', 'Rework threshold', 0, 100) / 100,
        weights: Object.fromEntries(WEIGHTS.map(([key, label]) => [key, check(`weight_${key}`, `Weight "${label}"`, 0, 10)])),
        // The engine requires extremes >= min_group_size; keep its default of 10 otherwise.
        privacy: { min_group_size: minGroup, min_group_size_extremes: Math.max(10, Number.isFinite(minGroup) ? minGroup : 10) },
      };
      if (Object.values(config.weights).every((w) => w === 0)) errors.push('At least one score weight must be above 0.');
      if (form.elements.protection.value === 'dp') {
        const epsilon = check('dp_epsilon', 'The privacy budget per report', 0.1, 10);
        const total = check('dp_total_epsilon', 'The total privacy budget', 0.1, 1000);
        if (Number.isFinite(epsilon) && Number.isFinite(total) && total < epsilon) {
          errors.push('The total privacy budget must be at least the budget per report.');
        }
        config.privacy.protection = 'dp';
        config.privacy.dp = { epsilon, total_epsilon: total };
      }
      return { config, errors };
    },
  };
}
