/**
 * When a difference between a segment and the population is worth a word. A claim such as "high",
 * "big", "frequent" or "low" needs both an effect size (|z|, in population standard deviations) and an
 * absolute difference: percentage points for 0/1 flags, a relative change for measurements. Ratios
 * ("3.1× the average") are quoted only when both sides are clearly positive, so "0.00 vs 0.47" never
 * becomes "485.9× lower".
 */
import type { FeatureContrast } from './top-features.ts';

export interface MaterialityOptions {
  /** Smallest |z| (difference in population standard deviations) that supports a claim. */
  readonly minEffect?: number;
  /** Smallest difference in share, for 0/1 flags and one-hot levels (0.05 = 5 percentage points). */
  readonly minShareDifference?: number;
  /** Smallest relative difference of means, for measurements (0.1 = 10%). */
  readonly minRelativeDifference?: number;
  /** A ratio is quoted only when the smaller side is at least this share of the larger. */
  readonly minRatioBase?: number;
}

export const materialityDefaults = Object.freeze({ minEffect: 0.25, minShareDifference: 0.05, minRelativeDifference: 0.1, minRatioBase: 0.05 });

type Settings = Required<MaterialityOptions>;

function settings(o: MaterialityOptions = {}): Settings {
  return { ...materialityDefaults, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Settings;
}

/** One level of a categorical column, parsed from the one-hot description `1 when COLUMN is "LEVEL"`. */
export interface LevelOf {
  readonly column: string;
  readonly level: string;
}

const levelPattern = /^1 when (.+?) is "(.*)"$/;
const foldedPattern = /^1 when (.+?) is a rare level folded into "(.*)"$/;
const truePattern = /^1 when (.+?) is (true)$/;

/** A level of a categorical column, or 'true' for a boolean flag. */
export function levelOf(c: Pick<FeatureContrast, 'description'>): LevelOf | null {
  const m = levelPattern.exec(c.description) ?? foldedPattern.exec(c.description) ?? truePattern.exec(c.description);
  return m ? { column: m[1] as string, level: m[2] as string } : null;
}

/** A 0/1 column: a one-hot level, a boolean flag, or any column whose means are shares. */
export function isFlag(c: Pick<FeatureContrast, 'description'>): boolean {
  return /^1 when /.test(c.description);
}

export function isMaterial(c: FeatureContrast, options: MaterialityOptions = {}): boolean {
  const s = settings(options);
  const diff = c.segmentMean - c.populationMean;
  if (!Number.isFinite(diff) || Math.abs(c.z) < s.minEffect) return false;
  if (isFlag(c)) return Math.abs(diff) >= s.minShareDifference;
  const base = Math.abs(c.populationMean);
  if (base < 1e-9) return Math.abs(diff) > 1e-9;
  return Math.abs(diff) / base >= s.minRelativeDifference;
}

/** The claim's direction from the sign of the difference (never from a stored flag that could drift). */
export function directionOf(c: Pick<FeatureContrast, 'segmentMean' | 'populationMean'>): 'higher' | 'lower' {
  return c.segmentMean >= c.populationMean ? 'higher' : 'lower';
}

/** "3.1× the average" / "2.0× lower than average", or null when a ratio would mislead. */
export function ratioPhrase(c: FeatureContrast, options: MaterialityOptions = {}): string | null {
  const s = settings(options);
  const a = c.segmentMean;
  const b = c.populationMean;
  if (!(a > 0 && b > 0)) return null;
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (small / large < s.minRatioBase) return null;
  const lift = a / b;
  if (lift >= 1.15) return `${lift.toFixed(1)}× the average`;
  if (lift <= 0.87) return `${(1 / lift).toFixed(1)}× lower than average`;
  return null;
}

/** The material contrasts, strongest first (|z|, ties by name), at most k. */
export function materialContrasts(contrasts: readonly FeatureContrast[], k: number, options: MaterialityOptions = {}): FeatureContrast[] {
  return contrasts
    .filter((c) => isMaterial(c, options))
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || (a.feature < b.feature ? -1 : 1))
    .slice(0, k);
}
