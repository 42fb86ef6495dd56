/** Segment deep-dive: persona card, lift chart with reasons, terms, activity, sentiment, evidence, value, plan. */
import { html, jsonIsland, type Html, type SafeHtml } from '../html.ts';
import { chartFigure, dataTable, page, type PageContext } from '../layout.ts';
import { fmtDate, fmtInt, fmtNum, fmtPct, round } from '../format.ts';
import type { RunDetail } from '../load.ts';
import type { SegmentView } from '../../pipeline/segment/segment-view.ts';

interface Card {
  readonly name?: string;
  readonly archetype?: string;
  readonly ageBand?: string;
  readonly occupation?: string;
  readonly bio?: string;
  readonly goals?: readonly string[];
  readonly frustrations?: readonly string[];
  readonly motivations?: readonly string[];
  readonly preferredChannels?: readonly string[];
  readonly quotes?: readonly string[];
  readonly keyStats?: readonly { label: string; display: string }[];
  readonly writer?: string;
}

const card = (p: unknown): Card | null => (p && typeof p === 'object' ? (p as Card) : null);

export function personaName(p: unknown): string | null {
  const c = card(p);
  return typeof c?.name === 'string' ? c.name : null;
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const list = (xs: readonly Html[] | undefined) => (xs?.length ? html`<ul>${xs.map((x) => html`<li>${x}</li>`)}</ul>` : html`<p>—</p>`);

function personaCard(s: SegmentView): SafeHtml {
  const c = card(s.persona);
  if (!c) return html`<section class="card" aria-labelledby="card-h"><h2 id="card-h">Persona</h2><p>No persona card was stored for this segment (it did not pass the grounding check).</p></section>`;
  return html`<section class="card persona" aria-labelledby="card-h">
<h2 id="card-h">${c.name ?? s.label}</h2>
<p class="archetype">${c.archetype ?? ''}${c.ageBand ? html` · age ${c.ageBand}` : ''}${c.occupation ? html` · ${c.occupation}` : ''}</p>
<p>${c.bio ?? ''}</p>
<div class="grid-3">
<div><h3>Goals</h3>${list(c.goals)}</div>
<div><h3>Frustrations</h3>${list(c.frustrations)}</div>
<div><h3>Motivations</h3>${list(c.motivations)}</div>
</div>
<h3>Preferred channels</h3><p>${(c.preferredChannels ?? []).join(', ') || '—'}</p>
${c.quotes?.length ? html`<h3>In their words</h3>${c.quotes.map((q) => html`<blockquote>${q}</blockquote>`)}` : ''}
${c.keyStats?.length ? html`<h3>Key numbers</h3><dl class="stats">${c.keyStats.map((k) => html`<div><dt>${k.label}</dt><dd>${k.display}</dd></div>`)}</dl>` : ''}
<p class="help">Written by the ${c.writer ?? 'persona'} writer from the segment's statistics and evidence.</p>
</section>`;
}

function liftSection(s: SegmentView): SafeHtml {
  const feats = s.topFeatures;
  const table = dataTable(
    'Distinguishing features: segment mean against all customers',
    ['Feature', 'Segment mean', 'All customers', 'Lift', 'z', 'Direction'],
    feats.map((f) => [f.description || f.feature, fmtNum(f.segmentMean, 3), fmtNum(f.populationMean, 3), fmtNum(f.lift, 3), fmtNum(f.z, 2), f.direction]),
    { id: 'lift-table', numeric: [1, 2, 3, 4] },
  );
  return html`<section aria-labelledby="lift-h"><h2 id="lift-h">What sets them apart</h2>
${s.description?.reasons.length ? html`<ul class="reasons">${s.description.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
${feats.length ? html`${chartFigure('lift', 'Lift of the distinguishing features (segment ÷ all customers)', table)}${jsonIsland('lift-data', { kind: 'bar', horizontal: true, unit: '×', reference: 1, categories: feats.map((f) => f.description || f.feature), values: feats.map((f) => round(f.lift, 3)) })}` : html`<p>No distinguishing features were stored.</p>`}
${s.drivers.length ? dataTable('What a surrogate model uses to tell this segment apart', ['Feature', 'Importance', 'Direction'], s.drivers.map((d) => [d.description || d.feature, fmtNum(d.importance, 3), d.direction]), { id: 'drivers-table', numeric: [1] }) : ''}
</section>`;
}

function termsSection(s: SegmentView): SafeHtml {
  if (!s.topTerms.length) return html``;
  return html`<section aria-labelledby="terms-h"><h2 id="terms-h">Top terms and phrases</h2>
<p class="terms">${s.topTerms.map((t) => html`<span class="term">${t.term}</span> `)}</p>
${dataTable('Terms by class-based TF-IDF', ['Term', 'Score', 'Texts'], s.topTerms.map((t) => [t.term, fmtNum(t.score, 4), fmtInt(t.texts)]), { id: 'terms-table', numeric: [1, 2] })}
</section>`;
}

function activitySection(s: SegmentView): SafeHtml {
  const a = s.description?.activity;
  if (!a || !a.events) return html`<section aria-labelledby="act-h"><h2 id="act-h">When they are active</h2><p>No timestamped events for this segment.</p></section>`;
  const hourTable = dataTable('Share of events by hour of day (UTC)', ['Hour (UTC)', 'Share of events'], a.hours.map((v, h) => [`${String(h).padStart(2, '0')}:00`, fmtPct(v, 2)]), { id: 'hours-table', numeric: [1] });
  const dayTable = dataTable('Share of events by weekday (UTC)', ['Weekday', 'Share of events'], a.weekdays.map((v, i) => [weekdays[i] as string, fmtPct(v, 2)]), { id: 'weekdays-table', numeric: [1] });
  return html`<section aria-labelledby="act-h"><h2 id="act-h">When they are active</h2>
<p>${fmtInt(a.events)} events. Times are in <strong>UTC</strong>. Peak hour ${a.peakHour === null ? '—' : `${String(a.peakHour).padStart(2, '0')}:00 UTC`}, busiest day ${a.peakWeekday ?? '—'}.</p>
<div class="grid-2">
${chartFigure('hours', '24-hour activity (UTC), share of events', hourTable)}
${chartFigure('weekdays', 'Weekday activity (UTC), share of events', dayTable)}
</div>
${jsonIsland('hours-data', { kind: 'bar', unit: '%', categories: a.hours.map((_, h) => String(h).padStart(2, '0')), values: a.hours.map((v) => round(v * 100, 2)) })}
${jsonIsland('weekdays-data', { kind: 'bar', unit: '%', categories: weekdays.map((w) => w.slice(0, 3)), values: a.weekdays.map((v) => round(v * 100, 2)) })}
</section>`;
}

function sentimentSection(s: SegmentView): SafeHtml {
  const v = s.description?.sentiment;
  if (v === null || v === undefined) return html``;
  const word = v > 0.15 ? 'positive' : v < -0.15 ? 'negative' : 'mixed or neutral';
  return html`<section aria-labelledby="sent-h"><h2 id="sent-h">Sentiment</h2>
<p>Mean sentiment of their texts: <strong id="sentiment-value">${fmtNum(v, 3)}</strong> on a scale from −1 (negative) to 1 (positive): ${word}.</p>
<div class="meter" aria-hidden="true"><span style="left:${String(Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * 100))}%"></span></div>
</section>`;
}

function evidenceSection(s: SegmentView): SafeHtml {
  if (!s.evidence.length) return html`<section aria-labelledby="ev-h"><h2 id="ev-h">Evidence</h2><p>No evidence stored.</p></section>`;
  return html`<section aria-labelledby="ev-h"><h2 id="ev-h">Evidence</h2>
<p class="help">Real texts nearest the segment's centre, personal data masked; customer ids are pseudonyms.</p>
<ol class="evidence">${s.evidence.map((e) =>
    e.kind === 'text'
      ? html`<li class="quote" id="evidence-${e.textId}"><blockquote>${e.text}</blockquote><p class="meta">Text <code>${e.textId}</code> · customer <code>${e.customerId}</code> · ${fmtDate(e.at)} · relevance ${fmtNum(e.relevance, 2)}</p></li>`
      : html`<li class="quote"><p>Customer <code>${e.customerId}</code> (near the centre): ${e.stats.map((st, i) => html`${i ? '; ' : ''}${st.description || st.feature} ${fmtNum(st.value, 2)}`)}</p><p class="meta">relevance ${fmtNum(e.relevance, 2)}</p></li>`,
  )}</ol></section>`;
}

function valueSection(d: RunDetail, s: SegmentView): SafeHtml {
  const v = s.value;
  if (!v) return html`<section aria-labelledby="val-h"><h2 id="val-h">Value</h2><p>No value model was computed for this run (it needs transactions or spend columns).</p></section>`;
  const others = d.segments.filter((x) => x.value);
  const table = dataTable('Mean 12-month value per customer, by segment', ['Segment', 'Mean value', 'Churn risk'], others.map((x) => [x.id === s.id ? html`<strong>${x.label}</strong>` : x.label, fmtNum(x.value?.meanClv ?? null, 2), x.value?.churnRisk ?? '—']), { id: 'value-table', numeric: [1] });
  return html`<section aria-labelledby="val-h"><h2 id="val-h">Value</h2>
<dl class="stats">
<div><dt>${v.method === 'snapshot-proxy' ? 'Current value per customer (proxy)' : `Mean value per customer (${v.horizonMonths} months)`}${v.currency ? html` in ${v.currency}` : ''}</dt><dd id="mean-clv">${fmtNum(v.meanClv, 2)}</dd></div>
<div><dt>Total value</dt><dd>${fmtNum(v.totalClv, 0)}</dd></div>
<div><dt>Churn risk</dt><dd>${v.churnRisk ?? '—'}</dd></div>
<div><dt>Expected purchases</dt><dd>${fmtNum(v.expectedPurchases, 2)}</dd></div>
<div><dt>Probability alive</dt><dd>${v.probabilityAlive === null ? '—' : fmtPct(v.probabilityAlive)}</dd></div>
</dl>
<p class="help">${v.note}</p>
${chartFigure('value', 'Mean value per customer across segments', table)}
${jsonIsland('value-data', { kind: 'bar', horizontal: true, highlight: others.findIndex((x) => x.id === s.id), categories: others.map((x) => x.label), values: others.map((x) => round(x.value?.meanClv ?? null, 2)) })}
</section>`;
}

function planSection(s: SegmentView): SafeHtml {
  const p = s.channelPlan;
  const c = s.campaign;
  return html`<section aria-labelledby="plan-h"><h2 id="plan-h">Channel plan and campaign draft</h2>
${p ? html`<dl class="stats">
<div><dt>Tone</dt><dd>${p.tone.style} <span class="why">(${p.tone.why})</span></dd></div>
<div><dt>Offer</dt><dd>${p.offer.type} <span class="why">(${p.offer.why})</span></dd></div>
<div><dt>Send time</dt><dd>${p.sendTime.window} UTC <span class="why">(${p.sendTime.why})</span></dd></div>
</dl>
${dataTable('Channels ranked for this segment', ['Channel', 'Score', 'Why'], p.channels.map((ch) => [ch.channel, fmtNum(ch.score, 3), ch.why]), { id: 'channels-table', numeric: [1] })}` : html`<p>No channel plan stored.</p>`}
${c ? html`<div class="card campaign"><h3>${c.name} <span class="badge">rank ${c.rank}</span></h3>
<p><strong>Objective:</strong> ${c.objective}</p>
<p><strong>Message:</strong> ${c.message}</p>
<p><strong>Offer:</strong> ${c.offer}</p>
<p><strong>Audience:</strong> ${fmtInt(c.audience.customers)} customers (${fmtPct(c.audience.share)})</p>
<p><strong>Steps:</strong> ${c.channelPlan.map((st, i) => html`${i ? '; then ' : ''}${st.channel} (${st.role}, ${st.timing})`)}</p>
<p><strong>KPI:</strong> ${c.kpi.metric}, target ${c.kpi.target}</p>
</div>` : ''}
</section>`;
}

export function segmentPage(ctx: PageContext, d: RunDetail, s: SegmentView): SafeHtml {
  const prev = d.segments.find((x) => x.id < s.id && x === d.segments[d.segments.indexOf(s) - 1]);
  const next = d.segments[d.segments.indexOf(s) + 1];
  // The chat receives this run and segment as its context, so the question can simply say "they".
  const ask = 'Who are they and what do they say?';
  return page(ctx, {
    title: `${s.label}: run ${d.run.id}`,
    active: 'runs',
    charts: true,
    body: html`<nav aria-label="Breadcrumb" class="crumbs"><a href="/">Runs</a> › <a href="/runs/${d.run.id}">Run ${d.run.id}</a> › <span aria-current="page">${s.label}</span></nav>
<h1>${s.label}</h1>
<p class="lede">Segment ${s.id} of run ${d.run.id}: <strong id="segment-size">${fmtInt(s.size)}</strong> customers (<span id="segment-share">${fmtPct(s.share)}</span>), stability ${fmtNum(s.stability, 3)}.</p>
<form method="get" action="/chat" class="ask"><input type="hidden" name="run" value="${d.run.id}"><input type="hidden" name="segment" value="${s.id}">
<label for="ask-q">Ask about this segment</label> <input id="ask-q" name="q" size="50" value="${ask}"> <button type="submit">Ask in chat</button></form>
${personaCard(s)}
${liftSection(s)}
${termsSection(s)}
${activitySection(s)}
${sentimentSection(s)}
${evidenceSection(s)}
${valueSection(d, s)}
${planSection(s)}
<nav aria-label="Other segments" class="pager">${prev ? html`<a href="/runs/${d.run.id}/segments/${prev.id}">← ${prev.label}</a>` : ''} ${next ? html`<a href="/runs/${d.run.id}/segments/${next.id}">${next.label} →</a>` : ''}</nav>`,
  });
}
