/**
 * The deterministic offline persona writer: a specific card per segment, composed from its label,
 * distinguishing features, terms, channels, value and evidence. Cards within a run never share a name or
 * a goal or frustration, because each item is used once per run and feature items quote the segment's
 * own numbers.
 */
import { createHash } from 'node:crypto';
import type { FeatureContrast } from '../describe/top-features.ts';
import type { SegmentEvidence } from '../types.ts';
import type { KeyStat, PersonaCard } from './card-schema.ts';
import { featureItems, firstNames, themeRules, type Slot } from './card-rules.ts';
import type { PersonaInput } from './persona-input.ts';

export const offlineWriterDefaults = { maxItems: 4, maxQuotes: 3 } as const;

export function writeOfflineCards(inputs: readonly PersonaInput[]): PersonaCard[] {
  const usedNames = new Set<string>();
  const usedItems = new Set<string>();
  return inputs.map((s) => {
    const theme = themeRules.find((r) => r.pattern.test(`${s.label} ${s.topTerms.slice(0, 5).map((t) => t.term).join(' ')}`)) ?? null;
    const archetype = theme?.archetype ?? archetypeFromLabel(s.label);
    const first = pickName(archetype, s.label, usedNames);
    const slots: Record<Slot, string[]> = { goal: [], frustration: [], motivation: [] };
    const add = (slot: Slot, item: string | undefined) => {
      if (!item || usedItems.has(`${slot}:${item}`) || slots[slot].length >= offlineWriterDefaults.maxItems) return;
      usedItems.add(`${slot}:${item}`);
      slots[slot].push(item);
    };
    theme?.goals.forEach((g) => add('goal', g));
    theme?.frustrations.forEach((f) => add('frustration', f));
    theme?.motivations.forEach((m) => add('motivation', m));
    for (const f of s.topFeatures) {
      const items = featureItems(f);
      add('goal', items.goal);
      add('frustration', items.frustration);
      add('motivation', items.motivation);
    }
    fillFromSegment(s, slots, add);
    const channels = s.channels.channels.filter((c) => c.score > 0).slice(0, 3).map((c) => c.channel);
    return {
      name: `${first}, the ${archetype}`,
      archetype: capitalise(archetype),
      ageBand: ageBand(s.contrasts),
      occupation: 'not in the data',
      bio: bio(first, s),
      goals: slots.goal,
      frustrations: slots.frustration,
      motivations: slots.motivation,
      preferredChannels: channels.length ? channels : s.channels.channels.slice(0, 1).map((c) => c.channel),
      quotes: quotes(s.evidence),
      keyStats: keyStats(s),
    };
  });
}

/** Segment-specific items from its reasons and terms, so every list reaches two entries. */
function fillFromSegment(s: PersonaInput, slots: Record<Slot, string[]>, add: (slot: Slot, item: string | undefined) => void): void {
  const terms = s.topTerms.slice(0, 4).map((t) => t.term);
  const reasons = s.description.reasons;
  const fallbacks: Record<Slot, string[]> = {
    goal: [...(terms.length ? [`Get answers about ${terms.slice(0, 2).join(' and ')}`] : []), ...reasons.map((r) => `Keep what defines them: ${r}`)],
    frustration: [...(terms.length ? [`Friction around ${terms.slice(0, 3).join(', ')}`] : []), ...reasons.map((r) => `Being treated like everyone else although ${r}`)],
    motivation: [`${s.campaign?.offer ?? s.channels.offer.type}`, `${s.channels.tone.style} messages`, ...reasons.map((r) => `Recognition that ${r}`)],
  };
  for (const slot of ['goal', 'frustration', 'motivation'] as const) {
    for (const item of fallbacks[slot]) {
      if (slots[slot].length >= 2) break;
      add(slot, item);
    }
    // Last resort, unique by construction: the segment's own label and size.
    if (slots[slot].length < 2) add(slot, `${capitalise(slot)} of the ${s.size.toLocaleString('en-US')} "${s.label}" customers`);
  }
}

function archetypeFromLabel(label: string): string {
  const base = label.replace(/\s*\(\d+\)$/, '').replace(/ talkers$/i, ' talker').replace(/s$/i, '');
  return base.charAt(0).toLowerCase() + base.slice(1);
}

function pickName(archetype: string, label: string, used: Set<string>): string {
  const initial = archetype.charAt(0).toUpperCase();
  const start = parseInt(createHash('sha256').update(label).digest('hex').slice(0, 8), 16) % firstNames.length;
  const order = [...firstNames.slice(start), ...firstNames.slice(0, start)];
  const name = order.find((n) => n.startsWith(initial) && !used.has(n)) ?? order.find((n) => !used.has(n)) ?? `${order[0]} ${used.size + 1}`;
  used.add(name);
  return name;
}

function ageBand(contrasts: readonly FeatureContrast[]): string {
  const age = contrasts.find((c) => /^age(_years)?$|(^|_)age$/.test(c.feature));
  if (!age || !Number.isFinite(age.segmentMean) || age.segmentMean <= 0) return 'not in the data';
  const low = Math.floor(age.segmentMean / 10) * 10;
  return `${low}–${low + 9} (average ${Math.round(age.segmentMean)})`;
}

function bio(first: string, s: PersonaInput): string {
  const sentences = [`${first} stands for ${s.size.toLocaleString('en-US')} customers (${(s.share * 100).toFixed(1)}% of the base) in the "${s.label}" segment.`];
  const [r1, r2] = s.description.reasons;
  if (r1) sentences.push(`What sets them apart: ${r1}${r2 ? `, and ${r2}` : ''}.`);
  const terms = s.topTerms.slice(0, 4).map((t) => t.term);
  if (terms.length) sentences.push(`In their own words they talk about ${terms.join(', ')}.`);
  if (s.value) sentences.push(s.value.method === 'snapshot-proxy' ? `They currently spend ${Math.round(s.value.meanClv).toLocaleString('en-US')} on average.` : `Predicted ${s.value.horizonMonths}-month value: ${Math.round(s.value.meanClv).toLocaleString('en-US')} per customer.`);
  return sentences.slice(0, 4).join(' ');
}

/** Short verbatim quotes: a whole evidence text, or its first sentence when that says enough. */
function quotes(evidence: readonly SegmentEvidence[]): string[] {
  return evidence
    .filter((e) => e.kind === 'text')
    .map((e) => {
      const first = e.text.match(/^.{15,200}?[.!?](?=\s|$)/)?.[0];
      return first ?? e.text;
    })
    .filter((q) => q.length >= 12)
    .slice(0, offlineWriterDefaults.maxQuotes);
}

function keyStats(s: PersonaInput): KeyStat[] {
  const byKey = new Map(s.statistics.map((x) => [x.key, x]));
  const stats: KeyStat[] = [];
  const push = (key: string, display: (v: number) => string) => {
    const st = byKey.get(key);
    if (st && stats.length < 6) stats.push({ key, label: st.label, value: st.value, display: display(st.value) });
  };
  push('share_pct', (v) => `${v}%`);
  push('size', (v) => v.toLocaleString('en-US'));
  for (const f of s.topFeatures.slice(0, 2)) {
    push(`feature.${f.feature}.lift`, (v) => `${v}×`);
    if (!byKey.has(`feature.${f.feature}.lift`)) push(`feature.${f.feature}.mean`, (v) => v.toLocaleString('en-US'));
  }
  push('value.mean_clv', (v) => v.toLocaleString('en-US'));
  return stats;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
