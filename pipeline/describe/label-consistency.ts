/**
 * Checks that what a segment's label and reasons claim agrees with its numbers: every claim's direction
 * matches the sign of the segment-minus-population difference, every claim clears the materiality
 * threshold, and no "big / high / frequent / low / heavy / light" word appears in a label outside a
 * checked claim. Runs over stored runs in tests, and can run over any run a user has.
 */
import type { Claim } from './label.ts';
import { directionOf, isMaterial, type MaterialityOptions } from './materiality.ts';
import type { FeatureContrast } from './top-features.ts';

export interface CheckedSegment {
  readonly index: number;
  readonly label: string;
  readonly claims?: readonly Claim[];
  readonly contrasts: readonly FeatureContrast[];
  /** Reasons in order of the features they describe. */
  readonly reasons?: readonly string[];
  readonly topFeatures?: readonly FeatureContrast[];
}

const claimWords = /\b(big|bigger|high|higher|frequent|low|lower|heavy|light|above|below|more often|less often|seldom)\b/i;

export function labelProblems(segment: CheckedSegment, options: MaterialityOptions = {}): string[] {
  const problems: string[] = [];
  const byFeature = new Map(segment.contrasts.map((c) => [c.feature, c]));
  const where = `segment ${segment.index} "${segment.label}"`;
  let rest = segment.label;
  for (const claim of segment.claims ?? []) {
    const c = byFeature.get(claim.feature);
    if (!c) {
      problems.push(`${where}: claim "${claim.phrase}" names ${claim.feature}, which has no contrast`);
      continue;
    }
    problems.push(...claimProblems(where, claim.phrase, claim.direction, c, options));
    rest = rest.replace(claim.phrase, ' ');
  }
  // Words inside the theme's or the terms' own text are the customers' words, not measured claims.
  const unclaimed = /^(Talk of|.+?: )/.test(segment.label) && !(segment.claims ?? []).length ? '' : rest;
  const stray = claimWords.exec(unclaimed);
  if (stray) problems.push(`${where}: the label says "${stray[0]}" without a checked claim`);
  (segment.reasons ?? []).forEach((reason, i) => {
    const c = segment.topFeatures?.[i];
    if (!c) return;
    const direction = reasonDirection(reason);
    if (direction) problems.push(...claimProblems(where, reason, direction, c, options));
  });
  return problems;
}

/** The direction a reason claims, or null when it claims none ("about average"). */
export function reasonDirection(reason: string): 'higher' | 'lower' | null {
  if (/about average|about as often/.test(reason)) return null;
  if (/lower than average|below average|: seldom /.test(reason)) return 'lower';
  if (/the average|above average/.test(reason)) return 'higher';
  // Level reasons ("Membership tier: Basic (100% vs 60% overall)") claim the level is over-represented.
  if (/^[^:]+: .+ \([\d.]+% vs [\d.]+% overall\)$/.test(reason)) return 'higher';
  return null;
}

function claimProblems(where: string, phrase: string, direction: 'higher' | 'lower', c: FeatureContrast, options: MaterialityOptions): string[] {
  const out: string[] = [];
  if (directionOf(c) !== direction) out.push(`${where}: "${phrase}" claims ${direction} but ${c.feature} is ${c.segmentMean} vs ${c.populationMean}`);
  if (!isMaterial(c, options)) out.push(`${where}: "${phrase}" is below the materiality threshold (${c.feature}: ${c.segmentMean} vs ${c.populationMean}, z ${c.z.toFixed(2)})`);
  return out;
}
