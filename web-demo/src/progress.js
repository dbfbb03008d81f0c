// The progress bar with its cancel button. Updates are coalesced to one per
// animation frame: the worker can report faster than the page paints.
import { h, icon } from './dom.js';

export function createProgress(container) {
  const label = h('span', { class: 'progress-label', id: 'progress-label' }, 'Starting');
  const percent = h('span', { class: 'progress-pct' }, '0%');
  const bar = h('progress', { max: '100', value: '0', 'aria-labelledby': 'progress-label', 'data-testid': 'progress' });
  const cancel = h('button', { type: 'button', class: 'button secondary', 'data-action': 'cancel' }, icon('x'), 'Cancel');
  container.append(h('div', { class: 'progress-head' }, label, percent), bar, h('div', { class: 'progress-actions' }, cancel));
  let pending = null;
  let frame = 0;

  function paint() {
    frame = 0;
    if (!pending) return;
    const [fraction, text] = pending;
    const value = Math.round(fraction * 100);
    bar.value = value;
    percent.textContent = `${value}%`;
    label.textContent = text;
  }

  return {
    start(controller) {
      container.hidden = false;
      container.classList.remove('is-finishing');
      pending = [0, 'Reading the files'];
      paint();
      cancel.disabled = false;
      cancel.onclick = () => {
        cancel.disabled = true;
        label.textContent = 'Cancelling';
        controller.abort();
      };
      cancel.focus();
    },
    update(fraction, text) {
      pending = [fraction, text];
      if (fraction >= 0.9) container.classList.add('is-finishing');
      if (!frame) frame = requestAnimationFrame(paint);
    },
    stop() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      pending = null;
      container.hidden = true;
    },
  };
}
