/**
 * The deterministic offline persona writer. A card is composed from its segment: the customer-experience
 * theme of its label and terms, its distinguishing features (each quoting the segment's numbers), its
 * channel plan, value, evidence and statistics. Cards in a run are distinct by construction: first
 * names are never reused, each theme's stock phrasing goes to the one segment that owns the theme, and
 * no goal, frustration or motivation appears on two cards (a repeat falls through to the segment's own
 * numbers, and at last to its own label).
 */
import { PersonaError } from '../../lib/errors.ts';
import type { PersonaCard } from './card-schema.ts';
import { ageBand, bio, keyStats, occupation, pickQuotes, preferredChannels } from './card-parts.ts';
import { featureFacts, featureItems, ruleFor, sideFor, type Slot } from './feature-rules.ts';
import { pickFirstName } from './names.ts';
import { brief } from './statistics.ts';
import type { PersonaInput } from './persona-input.ts';
import { segmentThemes, themeItem, themeRules, themeRulesOf, type RankedTheme, type ThemeRule } from './theme-rules.ts';
import { isMaterial } from '../describe/materiality.ts';
import type { CxTheme } from '../describe/cx-taxonomy.ts';

export interface OfflineWriterOptions {
  /** Goals, frustrations and motivations per card. */
  readonly maxItems?: number;
  readonly maxQuotes?: number;
  /** The run's CX taxonomy (the general one by default). */
  readonly themes?: readonly CxTheme[];
}

export const defaults = { maxItems: 4, maxQuotes: 3 } as const;

const slots: readonly Slot[] = ['goal', 'frustration', 'motivation'];

export function writeOfflineCards(inputs: readonly PersonaInput[], options: OfflineWriterOptions = {}): PersonaCard[] {
  const o = { ...defaults, ...options };
  if (!Number.isInteger(o.maxItems) || o.maxItems < 2 || o.maxItems > 5) throw new PersonaError('bad_option', `writeOfflineCards: maxItems must be 2..5, got ${o.maxItems}`);
  for (const s of inputs) {
    const keys = new Set(s.statistics.map((x) => x.key));
    if (!keys.has('size') || !keys.has('share_pct')) throw new PersonaError('bad_value', `writeOfflineCards: segment ${s.index} "${s.label}" has no "size" and "share_pct" statistics (got ${s.statistics.length} statistics)`);
  }
  const rules = o.themes ? themeRulesOf(o.themes) : themeRules;
  const themes = assignThemes(inputs, rules);
  const usedNames = new Set<string>();
  const usedArchetypes = new Set<string>();
  const usedItems = new Set<string>();
  return inputs.map((s, i) => {
    const own = themes[i] as { primary: RankedTheme | null; secondary: RankedTheme[] };
    const { archetype, epithet } = archetypeOf(s, own.primary, usedArchetypes);
    const first = pickFirstName(s.label, epithet, usedNames);
    const lists: Record<Slot, string[]> = { goal: [], frustration: [], motivation: [] };
    const add = (slot: Slot, item: string | undefined) => {
      if (!item) return;
      const norm = item.toLowerCase().replace(/\s+/g, ' ').trim();
      if (lists[slot].length >= o.maxItems || usedItems.has(norm)) return;
      usedItems.add(norm);
      lists[slot].push(item);
    };
    if (own.primary) for (const slot of slots) for (const t of own.primary.rule.items[slot]) add(slot, themeItem(t, own.primary));
    // Only material differences speak for the persona: "frequent" must be measured, not a rounding.
    const strong = s.topFeatures.filter((f) => isMaterial(f));
    for (const f of strong) {
      const items = featureItems(f);
      for (const slot of slots) add(slot, items[slot]);
    }
    for (const theme of own.secondary) for (const slot of slots) add(slot, themeItem(theme.rule.items[slot][1] ?? '', theme));
    for (const [slot, item] of extras(s)) add(slot, item);
    for (const [slot, item] of fallbacks(s)) if (lists[slot].length < 2) add(slot, item);
    const band = ageBand(s.contrasts);
    const job = occupation(s.contrasts);
    return {
      name: `${epithet} ${first}, the ${archetype}`.slice(0, 80),
      archetype: capitalise(archetype),
      // A field the data cannot fill is left out rather than filled with a placeholder.
      ...(band ? { ageBand: band } : {}),
      ...(job ? { occupation: job } : {}),
      bio: bio(first, s),
      goals: lists.goal,
      frustrations: lists.frustration,
      motivations: lists.motivation,
      preferredChannels: preferredChannels(s.channels),
      quotes: pickQuotes(s.evidence, s.topTerms.slice(0, 10).map((t) => t.term), o.maxQuotes),
      keyStats: keyStats(s),
    };
  });
}

/**
 * Each theme is the primary theme of at most one segment: the one whose label names it, else the one
 * whose terms express it most strongly. The others keep it as a secondary theme.
 */
function assignThemes(inputs: readonly PersonaInput[], rules: readonly ThemeRule[]): { primary: RankedTheme | null; secondary: RankedTheme[] }[] {
  const ranked = inputs.map((s) => segmentThemes(s.label, s.topTerms, rules));
  const primary: (RankedTheme | null)[] = inputs.map(() => null);
  const claimed = new Set<string>();
  const strength = (i: number, t: RankedTheme) => (t.rule.labelPattern.test((inputs[i] as PersonaInput).label) ? 100 : 0) + t.score;
  const candidates = ranked.flatMap((themes, i) => themes.map((t, rank) => ({ i, t, rank })));
  // Label-named themes first, then a segment's first choice before its later ones, then strength.
  candidates.sort((a, b) => strength(b.i, b.t) - strength(a.i, a.t) || a.rank - b.rank || a.i - b.i);
  for (const c of candidates) {
    if (primary[c.i] || claimed.has(c.t.rule.id) || c.rank > 1) continue;
    primary[c.i] = c.t;
    claimed.add(c.t.rule.id);
  }
  // A secondary theme needs two of the segment's words: one shared word ("driver") is not a theme.
  return ranked.map((themes, i) => ({ primary: primary[i] ?? null, secondary: themes.filter((t) => t.rule.id !== primary[i]?.rule.id && t.hits.length >= 2).slice(0, 2) }));
}

function archetypeOf(s: PersonaInput, theme: RankedTheme | null, used: Set<string>): { archetype: string; epithet: string } {
  const sides = s.topFeatures.filter((f) => isMaterial(f)).map(sideFor);
  const leading = sides.flatMap((side) => (side?.archetype ? [side.archetype] : []));
  const featureArchetype = leading[0] ?? null;
  // Weak features do not name the persona: "Loyal" must be measured, not guessed.
  const epithet = theme?.rule.epithet ?? sides.map((side) => side?.epithet).find(Boolean) ?? 'Everyday';
  // Labels are data phrases ("Talk of …", "Membership tier: Basic"), not archetypes: the theme or the
  // leading material feature names the persona, else a neutral word.
  let archetype: string;
  if (theme) archetype = theme.rule.archetype;
  else archetype = featureArchetype ?? 'customer';
  if (used.has(archetype)) {
    const other = leading.find((a) => a !== archetype && !used.has(`${archetype} and ${a}`));
    // The card schema caps an archetype at 80 characters: a long data label is cut at a word.
    archetype = other ? `${archetype} and ${other}` : `${archetype} of “${brief(s.label, Math.max(10, 72 - archetype.length))}”`.slice(0, 80);
  }
  used.add(archetype);
  return { archetype, epithet };
}

/** Items from the segment's activity, sentiment, value and channel plan. */
function extras(s: PersonaInput): [Slot, string][] {
  const out: [Slot, string][] = [];
  const has = (family: string) => s.topFeatures.some((f) => ruleFor(f)?.family === family);
  const sentiment = s.description.sentiment;
  if (sentiment !== null && !has('sentiment')) {
    if (sentiment <= -0.1) out.push(['frustration', `Experiences that leave them unhappy: their texts average a sentiment of ${sentiment.toFixed(2)} on a −1 to 1 scale`]);
    else if (sentiment >= 0.5) out.push(['motivation', `Good experiences they are glad to talk about (average sentiment ${sentiment.toFixed(2)} on a −1 to 1 scale)`]);
  }
  if (s.value?.churnRisk === 'high') out.push(['frustration', `Reasons to drift away: their purchase history puts them at high churn risk`]);
  out.push(['motivation', `${capitalise(s.channels.offer.type)} (${s.channels.offer.why})`]);
  const { peakHour, peakWeekday } = s.description.activity;
  if (peakHour !== null) out.push(['motivation', `Messages that reach them around ${String(peakHour).padStart(2, '0')}:00 UTC${peakWeekday ? ` on ${peakWeekday}s` : ''}, their busiest time`]);
  return out;
}

/** Segment-specific last resorts: the segment's distinguishing numbers, then its own label. */
function fallbacks(s: PersonaInput): [Slot, string][] {
  const out: [Slot, string][] = [];
  // One-hot levels speak only for what most of the segment is, not for what it is not; only material
  // differences count. Nothing else: a slot without grounded content stays short (or empty).
  for (const f of s.topFeatures.filter((x) => isMaterial(x) && (!/^1 when /.test(x.description) || x.segmentMean >= 0.5))) {
    const n = featureFacts(f);
    out.push(['goal', `Offers that fit how they really are (${n.what}: ${n.vs})`]);
    out.push(['frustration', `Messages written for the average customer, although their ${n.what} is ${n.seg} vs ${n.pop} overall`]);
    out.push(['motivation', `Recognition of what sets them apart (${n.what}: ${n.times})`]);
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
