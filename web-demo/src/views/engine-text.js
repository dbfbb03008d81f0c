// Sentences the engine writes may name a configuration key ("config.rollout",
// "privacy.min_group_size"): shown as code, so that running text stays words
// and a reader who needs the key can still find it. And buttons that open the
// setting an insight refers to.
import { h } from '../dom.js';

const CONFIG_KEY = /\(?\b(?:config\.[a-z_.]*[a-z_]|(?:privacy|rollout|trends|insights|weights|window|usage|bootstrap)\.[a-z_]+(?:\.[a-z_]+)*)\b\)?/g;

/** The engine's text as nodes: configuration keys in <code>, everything else as text. */
export function engineText(text) {
  const s = String(text ?? '');
  const out = [];
  let last = 0;
  for (const m of s.matchAll(CONFIG_KEY)) {
    out.push(s.slice(last, m.index));
    const key = m[0].replace(/^\(|\)$/g, '');
    out.push(m[0].startsWith('(') ? ['(', h('code', {}, key), ')'] : h('code', {}, key));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

/** A button that opens Settings at the control `target` (a data-setting attribute in settings.js). */
export function settingButton(label, target) {
  return h('button', { type: 'button', class: 'button secondary small', 'data-open-setting': target, onclick: () => {
    const details = document.getElementById('settings');
    if (details) details.open = true;
    const el = document.querySelector(`[data-setting="${target}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  } }, label);
}
