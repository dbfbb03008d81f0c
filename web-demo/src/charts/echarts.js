// ECharts, trimmed to what the demo draws, with the demo's look.
// On screen: the canvas renderer (the SVG renderer writes style="" attributes,
// which the strict CSP blocks). SVG export: a separate server-side-rendering
// instance that only produces a string. Tooltips render as rich text inside
// the canvas: the HTML tooltip would inject markup with inline styles.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, CustomChart, LineChart, ScatterChart, GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
  CanvasRenderer, SVGRenderer]);

export const COLORS = {
  primary: '#3b5bdb', teal: '#0b7285', orange: '#d9480f', violet: '#6741d9', green: '#2b8a3e', pink: '#c2255c',
  gray: '#495057', amber: '#e67700', sky: '#1971c2', lime: '#5c940d',
};
const PALETTE = Object.values(COLORS);
const TEXT = '#343a40';
const MUTED = '#5c6570';
const LINE = '#dee2e6';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

echarts.registerTheme('gapscore', {
  color: PALETTE,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT, color: TEXT },
  legend: { textStyle: { color: TEXT }, icon: 'roundRect', itemWidth: 14, itemHeight: 10, top: 0, left: 0 },
  categoryAxis: { axisLine: { lineStyle: { color: LINE } }, axisTick: { show: false }, axisLabel: { color: MUTED }, splitLine: { show: false } },
  valueAxis: { axisLine: { show: false }, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: '#eef0f2' } }, nameTextStyle: { color: MUTED } },
  tooltip: { backgroundColor: '#212529', borderWidth: 0, textStyle: { color: '#fff', fontFamily: FONT } },
});

/** Options every chart shares: rich-text tooltips, no animation when printing or for reduced motion. */
function withDefaults(option) {
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  // A chart first drawn for printing is captured at once: it must not start from zero.
  const printing = document.body.classList.contains('printing');
  return {
    animation: !reduce && !printing,
    animationDuration: 400,
    ...option,
    // One line of legend at most, paged with arrows when it does not fit: a
    // wrapped legend would run into the plot below it on a phone.
    legend: option.legend ? { type: 'scroll', ...option.legend } : undefined,
    tooltip: option.tooltip === false ? undefined : { renderMode: 'richText', confine: true, ...(option.tooltip ?? {}) },
  };
}

/** Draws `option` into `el` and keeps it sized to its box. Returns {chart, dispose}. */
export function mountChart(el, option) {
  const chart = echarts.init(el, 'gapscore', { renderer: 'canvas' });
  chart.setOption(withDefaults(option));
  // A chart in a hidden tab has no box; it is resized when the tab shows it again.
  const observer = new ResizeObserver(() => { if (el.clientWidth > 0) chart.resize(); });
  observer.observe(el);
  return {
    chart,
    update(next) { chart.setOption(withDefaults(next), { notMerge: true }); },
    dispose() { observer.disconnect(); chart.dispose(); },
  };
}

/** PNG bytes of a mounted chart, at twice its pixel size, on white. */
export function chartPng(chart) {
  const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  const bin = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: 'image/png' });
}

/** A standalone SVG document of the same option (server-side rendering mode: no DOM involved). */
export function chartSvg(option, width, height) {
  const ssr = echarts.init(null, 'gapscore', { renderer: 'svg', ssr: true, width, height });
  try {
    ssr.setOption({ ...withDefaults(option), animation: false, backgroundColor: '#ffffff' });
    return new Blob([ssr.renderToSVGString()], { type: 'image/svg+xml' });
  } finally {
    ssr.dispose();
  }
}
