/**
 * Segments that share a label ("siblings") are told apart by what distinguishes each from the others in
 * its group, not by a number. For each sibling the features its label does not already use are compared
 * with the siblings' mean (in population standard deviations); the strongest difference that is material
 * against the siblings wins. When that difference also holds, in the same direction and materially,
 * against the whole population, it is phrased and checked as an ordinary claim ("High visits per
 * month"); otherwise it is stated as plain numbers against the siblings ("Plan: family 62% vs 8% in
 * similar segments"), which claims no direction against the population.
 */
import type { Claim } from './claim.ts';
import { directionOf, isFlag, isMaterial, levelOf, type MaterialityOptions } from './materiality.ts';
import { plainFeature } from './feature-words.ts';
import { readableColumn } from './reasons.ts';
import type { FeatureContrast } from './top-features.ts';

export interface SiblingDraft {
  readonly label: string;
  readonly claims: readonly Claim[];
}

export interface Distinction {
  readonly phrase: string;
  /** A population claim the label-consistency check can verify; null for a sibling comparison. */
  readonly claim: Claim | null;
}

/** Population standard deviation per feature, recovered from any segment's contrast (z = difference / sd). */
function spreads(all: readonly (readonly FeatureContrast[])[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const contrasts of all) {
    for (const c of contrasts) {
      if (out.has(c.feature) || !(Math.abs(c.z) > 1e-9)) continue;
      const sd = Math.abs(c.segmentMean - c.populationMean) / Math.abs(c.z);
      if (sd > 0 && Number.isFinite(sd)) out.set(c.feature, sd);
    }
  }
  return out;
}

const sourceOf = (c: Pick<FeatureContrast, 'feature' | 'description'>): string => levelOf(c)?.column ?? c.feature;

const number = (v: number): string => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3)).toString());

function phraseAgainstSiblings(c: FeatureContrast, siblingMean: number): string {
  const level = levelOf(c);
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  if (level && level.level !== 'true') return `${readableColumn(level.column)}: ${level.level} ${pct(c.segmentMean)} vs ${pct(siblingMean)} in similar segments`;
  if (isFlag(c)) return `${readableColumn(level?.column ?? plainFeature(c.description))} ${pct(c.segmentMean)} vs ${pct(siblingMean)} in similar segments`;
  return `${plainFeature(c.description)} ${number(c.segmentMean)} vs ${number(siblingMean)} in similar segments`;
}

/**
 * One distinction per member of a group of segments with the same label (indexes into `contrasts`), or
 * null for a member nothing material sets apart. Members choose in order and never reuse a phrase.
 */
export function distinguishSiblings(
  group: readonly number[],
  drafts: readonly SiblingDraft[],
  contrasts: readonly (readonly FeatureContrast[])[],
  featurePhrase: (c: FeatureContrast) => string,
  options: MaterialityOptions = {},
): (Distinction | null)[] {
  const sd = spreads(contrasts);
  const used = new Set<string>();
  return group.map((s) => {
    const others = group.filter((o) => o !== s);
    const taken = new Set((drafts[s]?.claims ?? []).map((c) => sourceOf(contrasts[s]?.find((x) => x.feature === c.feature) ?? { feature: c.feature, description: '' })));
    const candidates = (contrasts[s] ?? [])
      .filter((c) => !taken.has(sourceOf(c)) && sd.has(c.feature))
      .map((c) => {
        const means = others.map((o) => contrasts[o]?.find((x) => x.feature === c.feature)?.segmentMean ?? c.populationMean);
        const siblingMean = means.reduce((a, b) => a + b, 0) / Math.max(1, means.length);
        const z = (c.segmentMean - siblingMean) / (sd.get(c.feature) as number);
        const vsSiblings: FeatureContrast = { ...c, populationMean: siblingMean, z, lift: null, direction: z >= 0 ? 'higher' : 'lower' };
        return { c, siblingMean, vsSiblings };
      })
      .filter((x) => isMaterial(x.vsSiblings, options))
      .sort((a, b) => Math.abs(b.vsSiblings.z) - Math.abs(a.vsSiblings.z) || (a.c.feature < b.c.feature ? -1 : 1));
    for (const { c, siblingMean, vsSiblings } of candidates) {
      const agrees = isMaterial(c, options) && directionOf(c) === directionOf(vsSiblings);
      const phrase = agrees ? featurePhrase(c) : phraseAgainstSiblings(c, siblingMean);
      if (used.has(phrase)) continue;
      used.add(phrase);
      return { phrase, claim: agrees ? { feature: c.feature, direction: directionOf(c), phrase } : null };
    }
    return null;
  });
}
