// The engine's sufficiency verdicts (cards, gap, score: {verdict, reason}) as
// a warning placed next to the figure: never a bold verdict on too little data.
import { h } from '../dom.js';

/** "Too little data: <reason>" for a too_little_data verdict, else null. */
export function insufficient(sufficiency) {
  if (sufficiency?.verdict !== 'too_little_data') return null;
  return h('p', { class: 'too-little-data', role: 'note', 'data-testid': 'too-little-data' },
    h('strong', {}, 'Too little data'), sufficiency.reason ? `: ${sufficiency.reason}` : '',
    '. Read this as a first look, not a verdict.');
}
