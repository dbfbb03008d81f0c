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
const LEGEND_FONT_PX = 12;  // ECharts' default for axis labels too
const LEGEND_ICON_PX = 14;
const LEGEND_GAP_PX = 10;
// ECharts' legend: 5 px padding around it, 5 px between an icon and its text,
// and a wrapped row every line of text plus the item gap.
const LEGEND_PAD_PX = 5;
const LEGEND_ROW_PX = 14 + LEGEND_GAP_PX;

echarts.registerTheme('gapscore', {
  color: PALETTE,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT, color: TEXT },
  legend: { textStyle: { color: TEXT, fontSize: LEGEND_FONT_PX }, icon: 'roundRect', itemWidth: LEGEND_ICON_PX, itemHeight: 10, itemGap: LEGEND_GAP_PX, top: 0, left: 0 },
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
    tooltip: option.tooltip === false ? undefined : { renderMode: 'richText', confine: true, ...(option.tooltip ?? {}) },
  };
}

let measuring = null;
/** Width in px of `text` in the legend's and axis labels' font (12 px). */
function textWidth(text) {
  measuring ??= document.createElement('canvas').getContext('2d');
  measuring.font = `${LEGEND_FONT_PX}px ${FONT}`;
  return measuring.measureText(text).width;
}

/** How many rows the legend of `option` takes in a chart `width` px wide (ECharts wraps items left to right). */
function legendRows(option, width) {
  const names = option.legend.data ?? [...new Set((option.series ?? []).map((s) => s.name).filter(Boolean))];
  const room = width - 2 * LEGEND_PAD_PX;
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const item = LEGEND_ICON_PX + 5 + textWidth(String(name?.name ?? name));
    if (x > 0 && x + item > room) { rows += 1; x = 0; }
    x += item + LEGEND_GAP_PX;
  }
  return rows;
}

/**
 * Category labels that break into lines (`axisLabel.overflow: 'break'`, every
 * label shown) get their slot's width: ECharts needs a width to break at, and
 * the slot is a share of the chart's. A rough plot width (the chart's less the
 * grid's sides and about 56 px of value labels and axis name) is enough.
 */
function fitCategoryLabels(option, width) {
  const axis = option.xAxis;
  if (axis?.type !== 'category' || axis.axisLabel?.overflow !== 'break' || !axis.data?.length) return option;
  const plot = width - (option.grid?.left ?? 0) - (option.grid?.right ?? 0) - 56;
  // Never narrower than the longest word: it would break mid-word ("interaction / s").
  const longestWord = Math.max(...axis.data.flatMap((v) => String(v).split(' ')).map(textWidth));
  const slot = Math.max(Math.ceil(longestWord) + 2, Math.floor(plot / axis.data.length) - 8);
  return { ...option, xAxis: { ...axis, axisLabel: { ...axis.axisLabel, width: slot } } };
}

/**
 * The option for a chart `width` px wide: a legend that does not fit on one line
 * wraps (a paged one hid most names on a phone, cut mid-word: "Rew", "En"), and
 * the plot moves down by the rows it added; category labels break to their
 * slot. Returns {option, extra}: the pixels the chart's box must grow by.
 */
export function fitToWidth(option, width) {
  if (!(width > 0)) return { option, extra: 0 };
  const labelled = fitCategoryLabels(option, width);
  if (!labelled.legend) return { option: labelled, extra: 0 };
  const extra = (legendRows(labelled, width) - 1) * LEGEND_ROW_PX;
  if (!extra) return { option: labelled, extra };
  const grid = labelled.grid ?? {};
  return { option: { ...labelled, grid: { ...grid, top: (grid.top ?? 60) + extra } }, extra };
}

// Back to the box's size: after a resize to a fixed width (printing), a bare resize() kept it.
const FIT_BOX = { width: 'auto', height: 'auto' };

/**
 * Draws `option` into `el` and keeps it sized to its box. `el`'s height when
 * mounted is the plot's; a wrapped legend adds to it. Returns {chart, update, dispose}.
 */
export function mountChart(el, option) {
  const chart = echarts.init(el, 'gapscore', { renderer: 'canvas' });
  let current = option;
  let base = el.clientHeight;
  let drawnWidth = 0;
  // Fits the option to the box's width, or to `width` when printing, and sizes box and chart to match.
  const draw = (replace, width = null) => {
    drawnWidth = el.clientWidth;
    base ||= el.clientHeight || (width == null ? 0 : parseFloat(el.style.height) || 320);  // 0 in a hidden box; print: the card's or the CSS height
    const fitted = fitToWidth(current, width ?? drawnWidth);
    if (base) el.style.height = `${base + fitted.extra}px`;
    chart.resize(width == null ? FIT_BOX : { width, height: base + fitted.extra });
    chart.setOption(withDefaults(fitted.option), { notMerge: replace });
  };
  draw(false);
  // A chart in a hidden tab has no box; it is resized when the tab shows it again.
  // A new width may wrap the legend into more or fewer rows, and labels.
  let fixedWidth = null;  // while printing (fitWidth)
  const observer = new ResizeObserver(() => {
    if (el.clientWidth <= 0 || fixedWidth != null) return;
    if (el.clientWidth !== drawnWidth) draw(false);
    else chart.resize(FIT_BOX);
  });
  observer.observe(el);
  return {
    chart,
    /** A new option; `height`: the plot's new height, when it changed. */
    update(next, height = null) {
      current = next;
      if (height != null) base = height;
      draw(true);
    },
    /** Draws `width` px wide whatever the box (printing: the legend and labels fit that width); null = the box's width again. */
    fitWidth(width) {
      fixedWidth = width;
      if (width != null || el.clientWidth > 0) draw(false, width);
    },
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
    ssr.setOption({ ...withDefaults(fitToWidth(option, width).option), animation: false, backgroundColor: '#ffffff' });
    return new Blob([ssr.renderToSVGString()], { type: 'image/svg+xml' });
  } finally {
    ssr.dispose();
  }
}
