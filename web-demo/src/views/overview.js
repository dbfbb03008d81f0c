// The overview: the gap score and what drives it, then the headline figures
// (adoption, time vs value, quality, errors), then AI users vs non-users.
import { h } from '../dom.js';
import * as fmt from '../format.js';
import { contributions } from './charts.js';
import { insufficient } from './sufficiency.js';
import { howComputed } from './how-computed.js';
import { glossary } from './glossary.js';
import { engineText } from './engine-text.js';
import { isAdoptionOnly, needsActivity, usageHeadline } from './usage.js';

const COMPONENT_TEXT = {
  adoption_gap: ['Adoption gap', 'people not yet using AI'],
  usage_unevenness: ['Uneven use', 'AI use concentrated in a few people'],
  effectiveness_gap: ['Rework', 'AI users whose AI use creates rework'],
  playbook_gap: ['Playbook gap', 'recommended AI use that is not happening'],
  sentiment_gap: ['Sentiment', 'distance from positive AI sentiment'],
};

export function overviewView(report, { catalog, highlights, openUsage }) {
  if (isAdoptionOnly(report)) {
    return h('div', { class: 'overview' },
      h('section', { 'aria-labelledby': 'usage-headline-title' },
        h('div', { class: 'section-head' },
          h('h3', { id: 'usage-headline-title', class: 'section-title' }, 'AI-tool adoption, from the usage exports'),
          h('button', { type: 'button', class: 'button ghost small no-print', onclick: openUsage }, 'Per group, trends and who to train')),
        usageHeadline(report)),
      needsActivity('The AI productivity gap score', null));
  }
  const o = report.overall;
  if (o.suppressed) {
    return h('div', { class: 'card empty-state' },
      h('h3', {}, 'No figures for this organisation'),
      h('p', {}, `${o.reason ?? `It has fewer than ${report.privacy?.min_group_size ?? 5} people`}; gapscore shows no figures for groups this small so that nobody can be singled out.`));
  }
  const m = o.metrics;
  const unavailable = Object.fromEntries((report.metrics_unavailable ?? []).map((u) => [u.metric, u.needs]));
  const needs = (metric) => (unavailable[metric] ? `Needs ${unavailable[metric]}.` : null);
  const help = (metric) => catalog?.[metric]?.description ?? null;
  const how = (metric, words) => howComputed(catalog, metric, words);
  const share = fmt.pct(report.config?.ai_user_min_share, 0);
  const trained = report.insights?.training?.ai_trained;
  const hasTraining = trained && !trained.reason && trained.trained_adoption_rate != null;

  // The story, in the order an HR reader asks: are people ready, do they use
  // it, does it pay off, how do they feel, and what to do next.
  return h('div', { class: 'overview' },
    headline(report.insights?.headline),
    h('div', { class: 'score-row' }, scoreCard(o.score, extremes(report)), componentsCard(o.score, help)),
    storySection('readiness', '1', 'Readiness',
      hasTraining
        ? `${fmt.num(trained.trained_people)} people have AI training: ${fmt.pct(trained.trained_adoption_rate, 0)} of them use AI, against ${fmt.pct(trained.untrained_adoption_rate, 0)} of the ${fmt.num(trained.untrained_people)} without.`
        : 'The people file says nothing about AI training; add an ai_trained column (true or false) to compare.',
      m.utilization_rate == null ? null : tile('playbook', 'Playbook use', fmt.pct(m.utilization_rate),
        'of the work the playbook recommends AI for is done with AI.',
        m.off_playbook_ai_share == null ? null : `${fmt.pct(m.off_playbook_ai_share)} of AI use is outside the playbook`, how('utilization_rate'))),
    storySection('adoption', '2', 'Adoption: who uses AI, and how evenly',
      `${fmt.pct(m.adoption_rate, 0)} of people use AI (${fmt.num(m.ai_users)} of ${fmt.num(m.headcount)})${m.within_gini == null ? '.' : `; ${giniWords(m.within_gini)}`}`,
      tile('adoption', 'Adoption', fmt.pct(m.adoption_rate),
        `${fmt.num(m.ai_users)} of ${fmt.num(m.headcount)} people use AI for at least ${share} of their tasks.`,
        `AI task share ${fmt.pct(m.ai_task_share)}`, how('adoption_rate')),
      // The overall row's within_gini is over everyone: differences between teams count in it too.
      m.within_gini == null ? null : tile('unevenness', 'Unevenness across people', fmt.num(m.within_gini, 2),
        'from 0 (everyone uses AI alike) to 1 (one person does all the AI work), over everyone; the groups table gives each group\'s own.', null, how('within_gini'))),
    storySection('impact', '3', 'Impact: time, value, quality, errors',
      impactSentence(m, report),
      tile('time-saved', 'Time saved', m.time_saved_hours == null ? fmt.NA : `${fmt.num(m.time_saved_hours)} h`,
        needs('time_saved_hours') ?? `${fmt.pct(m.time_saved_rate)} of the hours the same tasks took without AI.`,
        m.net_time_saved_hours == null ? null : `${fmt.num(m.net_time_saved_hours)} h net of rework`, how('time_saved_hours')),
      tile('value', 'Value created', fmt.signedPct(m.value_uplift),
        needs('value_uplift') ?? `${m.value_uplift < 0 ? 'less' : 'more'} value per hour in AI-assisted work than in manual work.`,
        m.value_per_hour == null ? null : `${fmt.num(m.value_per_hour, 2)} value per hour overall`, how('value_uplift')),
      tile('quality', 'Quality', m.quality_delta == null ? fmt.NA : `${fmt.signedNum(m.quality_delta * 100, 1)} pts`,
        needs('quality_delta') ?? qualityWords(m.quality_delta),
        m.quality_adjusted_output_per_hour == null ? null : `${fmt.num(m.quality_adjusted_output_per_hour, 2)} quality-adjusted tasks per hour`, how('quality_delta')),
      tile('errors', 'Error reduction', fmt.pct(m.error_reduction),
        needs('error_reduction') ?? `${m.error_reduction < 0 ? 'more' : 'fewer'} errors per task with AI than without.`,
        m.error_rate == null ? null : `${fmt.num(m.error_rate, 3)} errors per task`, how('error_reduction')),
      tile('cycle-time', 'Cycle time', m.cycle_time_speedup == null ? fmt.NA : `${fmt.pct(Math.abs(m.cycle_time_speedup))} ${m.cycle_time_speedup < 0 ? 'slower' : 'faster'}`,
        needs('cycle_time_speedup') ?? cycleTimeWords(m.cycle_time_speedup),
        m.cycle_time_hours == null ? null : `${fmt.num(m.cycle_time_hours, 1)} h on average`, how('cycle_time_speedup')),
      gapCard(o.gap, report.config?.bootstrap?.confidence ?? 0.95, report.insights?.headline?.text)),
    storySection('sentiment', '4', 'Sentiment and well-being',
      m.sentiment_mean == null
        ? 'No survey answers: add a survey file (AI sentiment and well-being, 1 to 5) to see how people feel.'
        : `${fmt.pct(m.sentiment_favorable_share, 0)} of people who answered are positive about their AI tools (${fmt.num(m.sentiment_mean, 1)} of 5 on average).`,
      m.sentiment_mean == null ? null : tile('sentiment', 'AI sentiment', `${fmt.num(m.sentiment_mean, 2)} / 5`,
        `${fmt.pct(m.sentiment_favorable_share)} are positive about their AI tools.`,
        m.wellbeing_mean == null ? null : `Well-being ${fmt.num(m.wellbeing_mean, 2)} / 5`, how('sentiment_mean'))),
    storySection('what-to-do', '5', 'What to do',
      'Training, mentoring and playbook changes the data points to; every finding is on the Insights tab.',
      highlights),
    glossary());
}

/** One part of the story: a numbered title, one plain sentence, its figures. */
function storySection(id, n, title, sentence, ...content) {
  const titleId = `story-${id}`;
  return h('section', { class: 'story-section', 'aria-labelledby': titleId, 'data-story': id },
    h('h3', { id: titleId, class: 'story-title' }, h('span', { class: 'step' }, n), title),
    h('p', { class: 'story-sentence' }, sentence),
    content.some(Boolean) ? h('div', { class: 'kpi-grid' }, content) : null);
}

function giniWords(gini) {
  if (gini < 0.3) return 'across people, AI use is spread fairly evenly.';
  if (gini < 0.6) return 'across people, some use AI much more than others.';
  return 'across people, a few do most of the AI work.';
}

// "30.7% faster" is a speed (manual time ÷ AI time − 1); a reader may take it for
// the time saved, which is smaller (23.5%): say both.
function cycleTimeWords(speedup) {
  if (speedup == null) return '';
  const timeChange = -speedup / (1 + speedup);  // AI time ÷ manual time − 1
  return `AI-assisted tasks go from start to done in ${fmt.pct(Math.abs(timeChange))} ${timeChange <= 0 ? 'less' : 'more'} time `
    + `than manual ones (speed: manual time ÷ AI time − 1).`;
}

function qualityWords(delta) {
  if (delta == null) return '';
  const size = Math.abs(delta) < 0.01 ? 'about the same as' : delta > 0 ? 'rated higher than' : 'rated lower than';
  return `AI-assisted work is ${size} manual work, in points on a 0 to 100 quality scale.`;
}

// A pooled rate can hide groups that go the other way: " overall (by team: −40% to +52%)".
function groupRange(report, metric) {
  const values = report.groups.filter((g) => !g.suppressed).map((g) => g.metrics?.[metric]).filter((v) => v != null);
  const by = (report.config?.group_by ?? []).map(fmt.attrInText).join(' × ');
  if (values.length < 2 || !by) return '';
  return ` overall (by ${by}: ${fmt.signedPct(Math.min(...values), 0)} to ${fmt.signedPct(Math.max(...values), 0)})`;
}

function impactSentence(m, report) {
  const parts = [];
  if (m.time_saved_hours != null) parts.push(`AI saved ${fmt.num(m.time_saved_hours)} hours (${fmt.num(m.net_time_saved_hours)} after rework)`);
  if (m.value_uplift != null) parts.push(`AI-assisted work creates ${fmt.pct(Math.abs(m.value_uplift), 0)} ${m.value_uplift < 0 ? 'less' : 'more'} value per hour${groupRange(report, 'value_uplift')}`);
  if (m.error_reduction != null) parts.push(`with ${fmt.pct(Math.abs(m.error_reduction), 0)} ${m.error_reduction < 0 ? 'more' : 'fewer'} errors per task`);
  return parts.length ? `${parts.join('; ')}.` : 'The activity file has no hours, value or quality columns to measure the impact with.';
}

/** The groups with the largest and smallest gap score (shown groups only). */
function extremes(report) {
  const shown = report.groups.filter((g) => !g.suppressed && g.score?.value != null);
  if (shown.length < 2) return null;
  const sorted = [...shown].sort((a, b) => b.score.value - a.score.value);
  const label = (g) => fmt.groupLabel(g.key, report.config?.group_by);
  const [hi, lo] = [sorted[0], sorted.at(-1)];
  return h('dl', { class: 'score-extremes' },
    h('div', {}, h('dt', {}, 'Largest gap'), h('dd', {}, label(hi), h('span', { class: `score-chip band-${fmt.scoreBand(hi.score.value).level}` }, fmt.score(hi.score.value)))),
    h('div', {}, h('dt', {}, 'Smallest gap'), h('dd', {}, label(lo), h('span', { class: `score-chip band-${fmt.scoreBand(lo.score.value).level}` }, fmt.score(lo.score.value)),
      // The score counts use, not results: where AI users produce less, the smallest gap is no model to copy.
      lo.score.caveat ? h('span', { class: 'score-caveat', 'data-testid': 'smallest-gap-caveat' }, ' (AI users there produce less than non-users)') : null)));
}

/** The report's one plain sentence (insights.headline), with its data warning. */
function headline(line) {
  if (!line?.text) return null;
  return h('section', { class: 'card headline', 'aria-label': 'Headline', 'data-testid': 'headline' },
    h('p', { class: 'headline-text' }, engineText(line.text)),
    /^Too little data/.test(line.text) ? null : insufficient(line.sufficiency));  // the sentence may say it already
}

function scoreCard(score, extremesList) {
  const thin = score?.sufficiency?.verdict === 'too_little_data';
  const band = fmt.scoreBand(score?.value);
  const marker = h('span', { class: 'scale-marker' });
  if (score?.value != null) marker.style.left = `${Math.min(100, Math.max(0, score.value))}%`;  // CSSOM: allowed by the CSP
  return h('article', { class: `card score-card ${thin ? 'is-thin' : `band-${band.level}`}` },
    h('h3', {}, 'AI productivity gap score'),
    h('p', { class: 'score-figure' },
      h('span', { class: 'score-value', 'data-testid': 'overall-score' }, fmt.score(score?.value)),
      h('span', { class: 'score-max' }, ' / 100')),
    thin ? insufficient(score.sufficiency) : h('p', { class: 'score-band' }, band.label),
    score?.caveat ? h('p', { class: 'score-caveat', 'data-testid': 'score-caveat' }, engineText(score.caveat)) : null,
    h('div', { class: 'scale', 'aria-hidden': 'true' }, h('span', { class: 'scale-track' }), marker),
    h('div', { class: 'scale-labels', 'aria-hidden': 'true' }, h('span', {}, '0 no gap'), h('span', {}, '100 largest gap')),
    h('p', { class: 'card-sub' }, 'How far the organisation is from AI that is used by everyone, evenly, effectively, as the playbook intends, and with confidence.'),
    extremesList);
}

function componentsCard(score, help) {
  const contrib = contributions(score);
  const entries = Object.entries(score?.components ?? {});
  return h('article', { class: 'card components-card' },
    h('h3', {}, 'What drives the score'),
    h('p', { class: 'card-sub' }, 'Each component is 0-100%; the score is their weighted mean.'),
    h('ul', { class: 'components' }, entries.map(([name, c]) => {
      const [label, text] = COMPONENT_TEXT[name] ?? [name, ''];
      const fill = h('span', { class: 'bar-fill' });
      if (c.value != null) fill.style.width = `${Math.min(100, Math.max(0, c.value * 100))}%`;
      return h('li', { class: c.value == null ? 'is-na' : null, 'data-component': name },
        h('div', { class: 'component-text' },
          h('span', { class: 'component-name' }, label),
          h('span', { class: 'component-about' }, help(name) ?? text)),
        h('span', { class: 'bar', 'aria-hidden': 'true' }, fill),
        h('span', { class: 'component-value' }, c.value == null ? 'n/a' : fmt.pct(c.value, 0)),
        h('span', { class: 'component-points' }, c.value == null ? 'no data' : `${fmt.num(contrib[name], 1)} pts · weight ${fmt.num(c.weight, 1)}`));
    })));
}

function tile(id, title, value, text, sub, how) {
  return h('article', { class: `card kpi ${value === fmt.NA ? 'is-na' : ''}`, 'data-kpi': id },
    h('h4', { class: 'kpi-title' }, title),
    h('p', { class: 'kpi-value', 'data-testid': `overall-${id}` }, value),
    h('p', { class: 'kpi-text' }, text),
    sub ? h('p', { class: 'kpi-sub' }, sub) : null,
    how);
}

// The pooled comparison and, beside it, the one within team and role that the
// engine's verdict (gap.text) is based on: the pooled sign can be a Simpson's
// paradox, so the demo never words a verdict of its own from the pooled numbers.
// When that verdict is the page's headline, the card points to it rather than
// printing the same long sentence a second time.
function gapCard(gap, confidence, headlineText) {
  if (!gap) return null;
  const body = [];
  if (gap.difference == null) {
    body.push(h('p', {}, `Not computed: ${gap.reason ?? 'not enough AI users and non-users with quality data'}.`));
  } else {
    const adj = gap.adjusted;
    const thin = gap.sufficiency?.verdict === 'too_little_data';
    body.push(
      h('div', { class: 'gap-compare' },
        h('div', {}, h('span', { class: 'gap-num' }, fmt.num(gap.mean_users, 2)), h('span', { class: 'gap-label' }, `AI users (${fmt.num(gap.n_users)})`)),
        h('div', {}, h('span', { class: 'gap-num' }, fmt.num(gap.mean_non_users, 2)), h('span', { class: 'gap-label' }, `non-users (${fmt.num(gap.n_non_users)})`)),
        h('div', {}, h('span', { class: 'gap-num' }, fmt.signedNum(gap.difference, 2)), h('span', { class: 'gap-label' }, 'pooled difference')),
        adj?.estimate != null
          ? h('div', { 'data-testid': 'gap-adjusted' }, h('span', { class: 'gap-num' }, fmt.signedNum(adj.estimate, 2)), h('span', { class: 'gap-label' }, `same ${(adj.strata ?? ['team']).join(' and ')}`))
          : null),
      h('p', {}, `Quality-adjusted tasks per hour, mean per person. Pooled: effect size (Hedges' g, in standard deviations) ${fmt.num(gap.hedges_g, 2)} (${effectWords(gap.effect_size)})`,
        gap.ci_low != null ? `, ${fmt.pct(confidence, 0)} bootstrap interval ${fmt.signedNum(gap.ci_low, 2)} to ${fmt.signedNum(gap.ci_high, 2)}` : '',
        adj?.estimate != null ? `. Same ${(adj.strata ?? ['team']).join(' and ')}: g ${fmt.num(adj.hedges_g, 2)} (${effectWords(adj.effect_size)}), interval ${fmt.signedNum(adj.ci_low, 2)} to ${fmt.signedNum(adj.ci_high, 2)}.` : '.',
        ' An interval that includes zero means the data cannot tell which side is ahead.'),
      thin ? insufficient(gap.sufficiency)
        : gap.text && gap.text === headlineText ? h('p', { class: 'card-sub', 'data-testid': 'gap-verdict-is-headline' }, 'Its verdict is the headline at the top of this page.')
        : gap.text ? h('p', { class: `verdict ${gap.paradox ? 'is-paradox' : ''}`, 'data-testid': 'gap-verdict' }, String(gap.text)) : null,
      gap.note ? h('p', { class: 'card-sub', 'data-testid': 'gap-note' }, String(gap.note)) : null,
      gap.reason ? h('p', { class: 'card-sub' }, gap.reason) : null);
  }
  return h('article', { class: 'card gap-card' }, h('h3', {}, 'AI users vs non-users'), body);
}

/** Cohen's band of |g| as the engine names it ("negligible" ... "large"). */
function effectWords(band) {
  return band ? `${band} effect` : 'effect size not computed';
}
