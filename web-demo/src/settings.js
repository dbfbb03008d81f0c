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
// Configuration keys the engine's messages name -> the form field they come from.
const ENGINE_KEYS = [
  ['privacy.min_group_size', 'min_group_size'], ['min_group_size', 'min_group_size'], ['ai_user_min_share', 'ai_user_min_share'],
  ['rework_threshold', 'rework_threshold'], ['window.start', 'window_start'], ['window.end', 'window_end'], ['window', 'window_start'],
  ['privacy.salt', 'salt'], ['privacy.dp.total_epsilon', 'dp_total_epsilon'], ['privacy.dp.epsilon', 'dp_epsilon'],
  ...WEIGHTS.map(([k]) => [`weights.${k}`, `weight_${k}`]),
  ['rollup_by', 'rollup_by'],
  ['group_by', 'group_by_other'],
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
    h('input', { id, name, type: 'number', min, max, step, value, required: true, inputmode: 'decimal', 'aria-describedby': `${hintId} ${name}-error` }),
    h('p', { class: 'field-hint', id: hintId }, hint),
    errorSlot(name));
}

/** Where a setting's error is shown: right under it (read() fills it). */
function errorSlot(name) {
  return h('p', { class: 'field-error', id: `${name}-error`, 'data-error-for': name, hidden: true });
}

function dateField(name, label, hint) {
  const id = uid('set');
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name, type: 'date', 'aria-describedby': `${id}-hint ${name}-error` }),
    h('p', { class: 'field-hint', id: `${id}-hint` }, hint),
    errorSlot(name));
}

/** An attribute the checkboxes do not list: an HR column of a Viva Insights person query (the engine checks it). */
function otherAttributeField() {
  const id = uid('set');
  return h('div', { class: 'field' },
    h('label', { for: id }, 'Another attribute'),
    h('input', { id, name: 'group_by_other', type: 'text', autocomplete: 'off', placeholder: 'e.g. Organization', 'data-testid': 'group-by-other',
      'aria-describedby': `${id}-hint group_by_other-error` }),
    h('p', { class: 'field-hint', id: `${id}-hint` },
      'A column of a Viva Insights person query, such as Organization or FunctionType; several separated by commas.'),
    errorSlot('group_by_other'));
}

/** A roll-up (config.rollup_by): a column of the people table that holds whole groups, such as department. */
function rollupField() {
  const id = uid('set');
  const list = h('datalist', { id: `${id}-list` });
  const field = h('div', { class: 'field' },
    h('label', { for: id }, 'Roll groups up by'),
    h('input', { id, name: 'rollup_by', type: 'text', list: `${id}-list`, autocomplete: 'off', placeholder: 'e.g. department', 'data-testid': 'rollup-by',
      'aria-describedby': `${id}-hint rollup_by-error` }),
    list,
    h('p', { class: 'field-hint', id: `${id}-hint` },
      'A column of your people table that holds whole groups, such as department: the Groups tab then shows each department with its teams. Leave empty for none.'),
    errorSlot('rollup_by'));
  return { field, setColumns: (names) => list.replaceChildren(...names.map((n) => h('option', { value: n }))) };
}

export function createSettings(form) {
  const rollup = rollupField();
  const groupBox = h('fieldset', { class: 'field-group' },
    h('legend', {}, 'Group people by'),
    h('div', { class: 'checks' }, GROUP_ATTRS.map((attr) => {
      const id = `group-${attr}`;
      return h('div', { class: 'check' },
        h('input', { type: 'checkbox', id, name: 'group_by', value: attr, checked: DEFAULTS.group_by.includes(attr) }),
        h('label', { for: id }, ATTR_LABELS[attr]));
    })),
    h('p', { class: 'field-hint' }, 'Several attributes give one group per combination (e.g. team × work mode). None: overall figures only.'),
    otherAttributeField(),
    rollup.field);

  const periodId = uid('set');
  const basics = h('div', { class: 'field-row' },
    h('div', { class: 'field' },
      h('label', { for: periodId }, 'Trend period'),
      h('select', { id: periodId, name: 'period' },
        h('option', { value: 'week', selected: true }, 'Week (ISO, Monday start)'),
        h('option', { value: 'month' }, 'Month')),
      h('p', { class: 'field-hint' }, 'How the trend charts bucket the days. Changing it needs a new run.')),
    dateField('window_start', 'From (first day)', 'Leave empty to start at the first day in the files. Needs a new run.'),
    dateField('window_end', 'To (last day)', 'Leave empty to end at the last day in the files. Needs a new run.'),
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

  // Rollout dates (config.rollout): the first day each team had AI tools; the
  // trend charts mark them and the insights compare before and after.
  const rollout = rolloutFields(form);
  // Person-level results (config.privacy.individual_results): pseudonymous ids
  // for training and mentoring lists, keyed by a salt (config.privacy.salt).
  const individual = individualFields(form);

  form.append(h('p', { class: 'field-hint' },
    'After a run, changes here update the report at once without reading the files again; a new trend period or date range needs a new run.'),
  groupBox, basics, rollout.el, individual, protection, weights,
    h('div', { class: 'form-actions' }, h('button', { type: 'reset', class: 'button ghost small' }, 'Reset to defaults')));
  form.addEventListener('submit', (e) => e.preventDefault());

  return {
    /** Teams seen in the last report: offered in the rollout-date picker. */
    setTeams: (teams) => rollout.setTeams(teams),
    /** The key generated for individual results with an empty key field (hex), or null. */
    showGeneratedKey: (hex) => showGeneratedKey(form, hex),
    /** The people table's other columns (department, ...): offered for the roll-up. */
    setPeopleColumns: (names) => rollup.setColumns(names),
    /**
     * The config, and the errors; each error is also shown under its setting.
     * @returns {{config: object, errors: string[]}}
     */
    read() {
      const errors = [];
      const byField = new Map();
      const fail = (name, text) => { errors.push(text); if (!byField.has(name)) byField.set(name, text); };
      const value = (name) => form.elements[name].valueAsNumber;
      const check = (name, label, min, max) => {
        const v = value(name);
        if (!Number.isFinite(v) || v < min || v > max) fail(name, `${label} must be between ${min} and ${max}.`);
        return v;
      };
      const minGroup = check('min_group_size', 'Minimum group size', 3, 1000);
      if (Number.isFinite(minGroup) && !Number.isInteger(minGroup)) fail('min_group_size', 'Minimum group size must be a whole number.');
      const config = {
        group_by: [...form.querySelectorAll('input[name="group_by"]:checked')].map((c) => c.value)
          .concat(form.elements.group_by_other.value.split(',').map((a) => a.trim()).filter(Boolean)),
        ...(form.elements.rollup_by.value.trim() ? { rollup_by: form.elements.rollup_by.value.trim() } : {}),
        period: form.elements.period.value,
        ai_user_min_share: check('ai_user_min_share', 'AI user threshold', 0, 100) / 100,
        rework_threshold: check('rework_threshold', 'Rework threshold', 0, 100) / 100,
        weights: Object.fromEntries(WEIGHTS.map(([key, label]) => [key, check(`weight_${key}`, `Weight "${label}"`, 0, 10)])),
        // The engine requires extremes >= min_group_size; keep its default of 10 otherwise.
        privacy: { min_group_size: minGroup, min_group_size_extremes: Math.max(10, Number.isFinite(minGroup) ? minGroup : 10) },
      };
      if (Object.values(config.weights).every((w) => w === 0)) fail('weight_adoption_gap', 'At least one score weight must be above 0.');
      const start = form.elements.window_start.value;
      const end = form.elements.window_end.value;
      if (start || end) config.window = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
      if (start && end && end < start) fail('window_end', 'The last day must not be before the first day.');
      const dates = rollout.read();
      if (Object.keys(dates).length) config.rollout = { by: 'team', dates };
      if (form.elements.individual_results.checked) {
        config.privacy.individual_results = true;
        const salt = form.elements.salt.value.trim();
        if (salt && !/^[0-9a-fA-F]{32,}$/.test(salt)) fail('salt', 'The pseudonym key must be at least 32 hexadecimal digits (0-9, a-f), or empty.');
        config.privacy.salt = salt || 'generate';
      }
      if (form.elements.protection.value === 'dp') {
        const epsilon = check('dp_epsilon', 'The privacy budget per report', 0.1, 10);
        const total = check('dp_total_epsilon', 'The total privacy budget', 0.1, 1000);
        if (Number.isFinite(epsilon) && Number.isFinite(total) && total < epsilon) {
          fail('dp_total_epsilon', 'The total privacy budget must be at least the budget per report.');
        }
        config.privacy.protection = 'dp';
        config.privacy.dp = { epsilon, total_epsilon: total };
      }
      for (const slot of form.querySelectorAll('[data-error-for]')) {
        const text = byField.get(slot.dataset.errorFor);
        slot.textContent = text ?? '';
        slot.hidden = !text;
        form.elements[slot.dataset.errorFor]?.setAttribute?.('aria-invalid', text ? 'true' : 'false');
      }
      return { config, errors };
    },
    /**
     * Shows an error from the engine under the setting it names (its message
     * names the config key, e.g. privacy.min_group_size). False when no setting
     * of this form matches.
     */
    showEngineError(message) {
      const text = String(message ?? '');
      const field = ENGINE_KEYS.find(([key]) => text.includes(key))?.[1];
      const slot = field && form.querySelector(`[data-error-for="${field}"]`);
      if (!slot) return false;
      slot.textContent = text;
      slot.hidden = false;
      form.elements[field]?.setAttribute?.('aria-invalid', 'true');
      form.closest('details')?.setAttribute('open', '');
      form.elements[field]?.focus?.();
      return true;
    },
    /** Moves focus to the first setting with an error (after read()). */
    focusFirstError() {
      const slot = [...form.querySelectorAll('[data-error-for]')].find((e) => !e.hidden);
      form.elements[slot?.dataset.errorFor]?.focus?.();
    },
  };
}

/** Rollout dates per team: a team (from the last report, or typed) and the first day it had AI tools. */
function rolloutFields(form) {
  const teamId = uid('set');
  const dateId = uid('set');
  const listId = uid('teams');
  const teams = h('datalist', { id: listId });
  const team = h('input', { id: teamId, type: 'text', list: listId, autocomplete: 'off', 'data-testid': 'rollout-team', 'data-setting': 'rollout' });
  const date = h('input', { id: dateId, type: 'date', 'data-testid': 'rollout-date' });
  const entries = new Map();  // team -> YYYY-MM-DD
  const list = h('ul', { class: 'rollout-list' });
  const error = h('p', { class: 'field-error', hidden: true, role: 'alert' });
  const changed = () => form.dispatchEvent(new Event('change', { bubbles: true }));

  function render() {
    list.replaceChildren(...[...entries.entries()].sort(([, a], [, b]) => a.localeCompare(b)).map(([name, day]) =>
      h('li', {}, h('span', {}, `${name}: from ${day}`),
        h('button', { type: 'button', class: 'button ghost small', 'aria-label': `Remove the rollout date of ${name}`, onclick: () => { entries.delete(name); render(); changed(); } }, 'Remove'))));
  }
  const add = h('button', { type: 'button', class: 'button secondary small', 'data-action': 'add-rollout', onclick: () => {
    const name = team.value.trim();
    error.hidden = Boolean(name && date.value);
    error.textContent = name ? 'Choose the first day the team had AI tools.' : 'Type or choose a team.';
    if (!name || !date.value) return;
    entries.set(name, date.value);
    team.value = '';
    render();
    changed();
  } }, 'Add rollout date');
  form.addEventListener('reset', () => { entries.clear(); render(); });

  const el = h('fieldset', { class: 'field-group rollout' },
    h('legend', {}, 'AI rollout dates'),
    h('div', { class: 'field-row' },
      h('div', { class: 'field' }, h('label', { for: teamId }, 'Team'), team, teams),
      h('div', { class: 'field' }, h('label', { for: dateId }, 'First day with AI tools'), date),
      h('div', { class: 'field field-action' }, add)),
    error, list,
    h('p', { class: 'field-hint' }, 'Teams without a date count as not yet rolled out (the comparison group). The trend charts mark each date.'));
  return {
    el,
    read: () => Object.fromEntries(entries),
    setTeams(names) { teams.replaceChildren(...names.map((n) => h('option', { value: n }))); },
  };
}

function individualFields() {
  const checkId = uid('set');
  const saltId = uid('set');
  return h('fieldset', { class: 'field-group individual' },
    h('legend', {}, 'Individual results'),
    h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: checkId, name: 'individual_results', 'data-setting': 'individual_results', 'aria-describedby': `${checkId}-hint` }),
      h('label', { for: checkId }, 'Show who: list people (by pseudonym) in training and mentoring suggestions')),
    h('p', { class: 'field-hint', id: `${checkId}-hint` }, 'Off by default: nothing derived from one person appears. On: people are named by a pseudonym made with a secret key, never by their id.'),
    h('div', { class: 'field' },
      h('label', { for: saltId }, 'Pseudonym key (optional)'),
      h('input', { id: saltId, name: 'salt', type: 'text', autocomplete: 'off', spellcheck: 'false', class: 'text-input', 'aria-describedby': `${saltId}-hint salt-error` }),
      h('p', { class: 'field-hint', id: `${saltId}-hint` }, 'At least 32 hexadecimal digits. Empty: a new key for every run, so pseudonyms differ between reports; keep a key to get the same pseudonyms again.'),
      h('p', { class: 'field-hint generated-key', 'data-testid': 'generated-key', 'aria-live': 'polite', hidden: true }),
      errorSlot('salt')));
}

/** Shows the key the engine generated for an empty key field (a secret, shown only here), or hides it. */
function showGeneratedKey(form, hex) {
  const note = form.querySelector('[data-testid="generated-key"]');
  if (!hex || form.elements.salt.value.trim()) {
    note.hidden = true;
    note.replaceChildren();
    return;
  }
  const use = h('button', { type: 'button', class: 'button ghost small', 'data-action': 'use-generated-key', onclick: () => {
    form.elements.salt.value = hex;
    showGeneratedKey(form, null);
  } }, 'Keep this key');
  note.replaceChildren('This run\'s key: ', h('code', {}, hex),
    '. Keep it (it is a secret) to give later reports the same pseudonyms. ', use);
  note.hidden = false;
}
