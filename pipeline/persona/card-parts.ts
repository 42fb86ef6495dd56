/**
 * The factual parts of an offline card, each taken from the data and nothing else: age band and
 * occupation (or an honest "unknown"), channels, the bio's sentences, verbatim quotes and key numbers.
 */
import type { ChannelPlan } from '../activate/channels.ts';
import type { FeatureContrast } from '../describe/top-features.ts';
import type { NamedStatistic, SegmentEvidence } from '../types.ts';
import { cardLimits, type KeyStat } from './card-schema.ts';
import { featureFacts, ruleFor } from './feature-rules.ts';
import type { PersonaInput } from './persona-input.ts';
import { unstableBelow } from '../segment/segment-view.ts';
import { brief, displayStatistic, featureKeys, oneHotLevel } from './statistics.ts';
import { listTerms } from './theme-rules.ts';
import { noDatesPhrase } from '../value/segment-value.ts';

const bands: readonly [number, string][] = [[18, 'under 18'], [25, '18–24'], [35, '25–34'], [45, '35–44'], [55, '45–54'], [65, '55–64']];

/**
 * The band holding the segment's average age, or the age-band level most of the segment shares when
 * the data has age bands instead of ages; null when the data has no age (the card leaves it out).
 */
export function ageBand(contrasts: readonly FeatureContrast[]): string | null {
  const age = contrasts.find((c) => ruleFor(c)?.family === 'age' && !/birth/.test(c.feature));
  if (age && Number.isFinite(age.segmentMean) && age.segmentMean > 0 && age.segmentMean <= 120) {
    return bands.find(([upper]) => age.segmentMean < upper)?.[1] ?? '65+';
  }
  const top = topLevel(contrasts, /^(age|age[ _-]?(band|group|range|bracket)|idade|edad|alter|faixa[ _]et[aá]ria)$/i);
  return top ? top.level : null;
}

const occupationColumns = /(occupation|job|profession|employment|work|career|ocupa[cç][aã]o|profiss[aã]o|profesi[oó]n|beruf|m[ée]tier)/i;

/** The occupation level the segment shares most (at least 30% of it), from any occupation-like column; else null. */
export function occupation(contrasts: readonly FeatureContrast[]): string | null {
  const top = topLevel(contrasts, occupationColumns);
  return top ? `${top.level} (${Math.round(top.share * 100)}% of the segment)` : null;
}

function topLevel(contrasts: readonly FeatureContrast[], column: RegExp): { level: string; share: number } | null {
  const levels = contrasts
    .map((c) => ({ c, m: /^1 when (.+?) is "(.+)"$/.exec(c.description) }))
    .filter((x) => x.m && column.test((x.m[1] as string).trim()) && x.c.segmentMean >= 0.3)
    .sort((a, b) => b.c.segmentMean - a.c.segmentMean || (a.c.feature < b.c.feature ? -1 : 1));
  const top = levels[0];
  return top ? { level: top.m![2] as string, share: top.c.segmentMean } : null;
}

const channelNames: Readonly<Record<string, string>> = {
  web: 'web shop', app: 'mobile app', email: 'email', store: 'store', catalog: 'catalogue', social: 'social media', sms: 'SMS', deals: 'deals and offers',
};

/** Channels that fit better than average, best first; the best available one when none does. */
export function preferredChannels(plan: ChannelPlan): string[] {
  const good = plan.channels.filter((c) => c.score > 0).slice(0, 3);
  const chosen = good.length ? good : plan.channels.slice(0, 1);
  const names = chosen.map((c) => channelNames[c.channel] ?? c.channel);
  return names.length ? names : ['email'];
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Two to four sentences, every number taken from the segment. */
export function bio(first: string, s: PersonaInput): string {
  const sentences = [`${first} stands for the ${fmt(s.size)} customers (${(s.share * 100).toFixed(1)}% of the base) in the “${s.label}” segment.`];
  if (s.stability !== undefined && s.stability !== null && s.stability < unstableBelow) {
    sentences.push(`Treat this persona as tentative: the segment is unstable under resampling (bootstrap stability ${Number(s.stability.toFixed(2))}).`);
  }
  const facts = s.topFeatures.filter((f) => !/^1 when /.test(f.description) && Math.abs(f.z) >= 0.3).slice(0, 2).map(featureFacts);
  if (facts.length) sentences.push(`What sets them apart: ${facts.map((n) => `${brief(n.what, 80)} ${n.times} (${n.vs})`).join(', and ')}.`);
  const who = s.contrasts.filter((c) => /^1 when /.test(c.description) && c.segmentMean >= 0.6 && c.z > 0.5).slice(0, 2);
  if (who.length) sentences.push(`Most of them have ${who.map((c) => `${oneHotLevel(c.description)} (${Math.round(c.segmentMean * 100)}%)`).join(' and ')}.`);
  const words = s.topTerms.slice(0, 4).map((t) => t.term);
  const { peakHour, peakWeekday } = s.description.activity;
  if (words.length) {
    const when = peakHour !== null ? `, most often around ${String(peakHour).padStart(2, '0')}:00 UTC${peakWeekday ? ` and on ${peakWeekday}s` : ''}` : '';
    sentences.push(`In their own words they write about ${listTerms(words)}${when}.`);
  }
  const v = s.value;
  // Undated purchases change what the value figure means: that sentence is never the one cut.
  let undated: string | null = null;
  if (v && Number.isFinite(v.meanClv)) {
    const money = `${Math.round(v.meanClv).toLocaleString('en-US')}${v.currency ? ` ${v.currency}` : ''}`;
    if (v.method === 'snapshot-proxy' && v.note.includes(noDatesPhrase)) undated = `Each has spent ${money} on average (the transactions have ${noDatesPhrase}).`;
    else {
      sentences.push(
        v.method === 'snapshot-proxy'
          ? `Each has spent ${money} on average so far (current spend, used as a value proxy).`
          : `Each is predicted to be worth ${money} over the next ${v.horizonMonths} months${v.churnRisk ? `, with ${v.churnRisk} churn risk` : ''}.`,
      );
    }
  }
  if (sentences.length < 2 && !undated) sentences.push('No single behaviour sets them apart strongly in this data.');
  return (undated ? [...sentences.slice(0, 3), undated] : sentences.slice(0, 4)).join(' ');
}

const minQuote = 20;
const maxQuote = 180;

/** Sentences of a text as verbatim substrings (cut after . ! ? or at line breaks). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A leading greeting ("Dear customer service, ", "Hi there, ") is cut: what follows is still verbatim. */
function withoutGreeting(sentence: string): string {
  const m = /^(?:dear [^,.!?]{1,30}|hi(?: there| support| team)?|hello(?: there| team)?|hey(?: there)?)[,!]\s+/i.exec(sentence);
  return m ? sentence.slice(m[0].length) : sentence;
}

/**
 * Short verbatim quotes, at most one per evidence text: the whole text when it is short, else the
 * sentence that uses most of the segment's terms (greetings, links and masked spans score lower).
 * The best candidates across the evidence win; ties keep the evidence order (nearest the centre first).
 */
export function pickQuotes(evidence: readonly SegmentEvidence[], terms: readonly string[], max: number = 3): string[] {
  const words = new Set(terms.flatMap((t) => t.toLowerCase().split(' ')));
  const score = (s: string) => {
    const tokens = s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
    const hits = new Set(tokens.filter((t) => words.has(t))).size;
    return hits - (/https?:|\[[a-z ]+\]/i.test(s) ? 2 : 0);
  };
  const best = evidence.flatMap((e, order) => {
    if (e.kind !== 'text') return [];
    const whole = e.text.trim();
    const pieces = whole.length <= 140 && !whole.includes('\n') ? [whole] : sentencesOf(whole).map(withoutGreeting);
    const scored = pieces
      .filter((x) => x.length >= minQuote && x.length <= maxQuote && e.text.includes(x))
      .map((c, i) => ({ c, i, order, s: score(c) }))
      .sort((a, b) => b.s - a.s || a.i - b.i);
    return scored.slice(0, 1);
  });
  best.sort((a, b) => b.s - a.s || a.order - b.order);
  const out: string[] = [];
  for (const b of best) if (out.length < Math.min(max, cardLimits.maxQuotes) && !out.includes(b.c)) out.push(b.c);
  if (!out.length && max > 0) {
    // Only long texts: the start of the first one, cut at a word boundary, is still verbatim.
    const first = evidence.find((e) => e.kind === 'text' && e.text.trim().length >= 12);
    if (first?.kind === 'text') {
      const text = first.text.trim();
      const cut = text.length <= maxQuote ? text : text.slice(0, text.lastIndexOf(' ', maxQuote)).trimEnd();
      out.push(cut.length >= 12 ? cut : text.slice(0, maxQuote));
    }
  }
  return out;
}

/** Two to six key numbers: share and size, the leading features, and value or sentiment. */
export function keyStats(s: PersonaInput): KeyStat[] {
  const byKey = new Map(s.statistics.map((x) => [x.key, x]));
  const out: KeyStat[] = [];
  const push = (key: string) => {
    const st: NamedStatistic | undefined = byKey.get(key);
    if (!st || out.length >= cardLimits.maxKeyStats || out.some((k) => k.key === key)) return;
    out.push({ key, label: st.label, value: st.value, display: displayStatistic(st) });
  };
  push('share_pct');
  push('size');
  if (s.stability !== undefined && s.stability !== null && s.stability < unstableBelow) push('stability');
  const features = s.topFeatures.filter((f) => !/^1 when /.test(f.description));
  features.slice(0, 2).forEach((f, i) => {
    const keys = featureKeys(f);
    push(keys.mean);
    // A ratio near 1 says nothing; "3.3×" or "6.7× lower" does.
    if (i === 0 && byKey.has(keys.timesLower)) push(keys.timesLower);
    else if (i === 0 && (byKey.get(keys.lift)?.value ?? 0) >= 1.15) push(keys.lift);
  });
  push('value.mean_clv');
  if (!s.value) push('sentiment.mean');
  for (const f of features.slice(2)) push(featureKeys(f).mean);
  return out;
}
