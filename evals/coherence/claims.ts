/**
 * Claim precision: each structured claim on a card checked against the segment's recomputed statistics.
 * - age band: with an age feature, the segment's mean age must fall in the band (two years of slack);
 *   without one, the card must not state an age.
 * - occupation: a stated occupation needs an occupation-like column in the data; a hedged one ("likely
 *   …") or "not in the data"/"unknown" is a correct claim; an empty field claims nothing.
 * - channels: each preferred channel must be one the segment's channel plan names.
 * - goals and frustrations: each must be tied to the segment, i.e. share a word stem with its top terms
 *   or with a feature on which the segment differs from everyone (|z| ≥ 0.25).
 * Matching is by stems and numbers, never by the writer's phrasing.
 */
import { tokens } from '../lib/text.ts';
import type { CardUnderTest, SegmentSnapshot } from './snapshot.ts';

export const claimDefaults = { distinguishingZ: 0.25, ageSlackYears: 2 } as const;

export interface ClaimCheck {
  readonly field: 'ageBand' | 'occupation' | 'preferredChannels' | 'goals' | 'frustrations';
  readonly claim: string;
  readonly supported: boolean;
  readonly reason?: string;
}

const hedged = /\b(likely|probably|possibly|perhaps|maybe|unknown|not in the data|n\/a)\b/i;
const occupationColumn = /occupation|profession|job|employ|career|industry|work|title/;

/** A light stem: the first five characters, so "purchases" and "purchasing" meet. */
export function stem(token: string): string {
  return [...token].slice(0, 5).join('');
}

export function stems(text: string): Set<string> {
  return new Set(tokens(text.replace(/_/g, ' ')).map(stem));
}

export function parseAgeBand(band: string): { lo: number; hi: number } | null {
  const range = /(\d{1,3})\s*(?:-|–|—|to)\s*(\d{1,3})/.exec(band);
  if (range) return { lo: Number(range[1]), hi: Number(range[2]) };
  const open = /(\d{1,3})\s*\+|(?:over|above)\s*(\d{1,3})/i.exec(band);
  if (open) return { lo: Number(open[1] ?? open[2]), hi: 150 };
  const under = /(?:under|below)\s*(\d{1,3})/i.exec(band);
  if (under) return { lo: 0, hi: Number(under[1]) };
  return null;
}

export function checkAgeBand(card: CardUnderTest, segment: SegmentSnapshot): ClaimCheck {
  const claim = card.ageBand;
  const age = segment.features.find((f) => f.feature === 'age');
  const band = parseAgeBand(claim);
  if (!band) {
    const statesAge = /\d/.test(claim);
    return { field: 'ageBand', claim, supported: !statesAge, ...(statesAge ? { reason: 'unreadable age band' } : {}) };
  }
  if (!age) return { field: 'ageBand', claim, supported: false, reason: 'the data has no age' };
  const slack = claimDefaults.ageSlackYears;
  const ok = age.segmentMean >= band.lo - slack && age.segmentMean <= band.hi + slack;
  return ok ? { field: 'ageBand', claim, supported: true } : { field: 'ageBand', claim, supported: false, reason: `segment mean age is ${age.segmentMean.toFixed(1)}` };
}

export function checkOccupation(card: CardUnderTest, columns: readonly string[]): ClaimCheck {
  const claim = card.occupation;
  if (hedged.test(claim)) return { field: 'occupation', claim, supported: true };
  const hasColumn = columns.some((c) => occupationColumn.test(c));
  return hasColumn ? { field: 'occupation', claim, supported: true } : { field: 'occupation', claim, supported: false, reason: 'stated as fact but the data has no occupation' };
}

export function checkChannels(card: CardUnderTest, segment: SegmentSnapshot): ClaimCheck[] {
  const known = segment.channels.map((c) => c.toLowerCase());
  // Without a channel plan there is nothing to check against: no claim is counted either way.
  if (!known.length) return [];
  return card.preferredChannels.map((channel) => {
    const c = channel.toLowerCase();
    const ok = known.some((k) => k.includes(c) || c.includes(k) || intersects(stems(k), stems(c)));
    return ok ? { field: 'preferredChannels', claim: channel, supported: true } : { field: 'preferredChannels', claim: channel, supported: false, reason: "not among the segment's channels" };
  });
}

/** Stems of what distinguishes the segment: its top terms and features far from the population. */
export function segmentVocabulary(segment: SegmentSnapshot): Set<string> {
  const out = new Set<string>();
  for (const t of segment.topTerms) for (const s of stems(t)) out.add(s);
  for (const f of segment.features) {
    if (Math.abs(f.z) < claimDefaults.distinguishingZ) continue;
    for (const s of stems(`${f.feature} ${f.description}`)) out.add(s);
  }
  return out;
}

export function checkTiedItems(card: CardUnderTest, segment: SegmentSnapshot): ClaimCheck[] {
  const vocabulary = segmentVocabulary(segment);
  return (['goals', 'frustrations'] as const).flatMap((field) =>
    card[field].map((item) =>
      intersects(stems(item), vocabulary)
        ? { field, claim: item, supported: true }
        : { field, claim: item, supported: false, reason: 'tied to none of the segment’s distinguishing features or terms' },
    ),
  );
}

/** Every claim the card makes; a field left empty (the writer had no data for it) claims nothing. */
export function cardClaims(card: CardUnderTest, segment: SegmentSnapshot, columns: readonly string[]): ClaimCheck[] {
  return [
    ...(card.ageBand.trim() ? [checkAgeBand(card, segment)] : []),
    ...(card.occupation.trim() ? [checkOccupation(card, columns)] : []),
    ...checkChannels(card, segment),
    ...checkTiedItems(card, segment),
  ];
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
