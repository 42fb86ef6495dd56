/**
 * Plain-English reasons from feature contrasts, quoting real numbers. Category levels read as the level
 * ("Membership tier: Basic (100% vs 60% overall)"), flags as shares, measurements with a ratio only when
 * the ratio means something ("total spend: 3.1× the average (930 vs 300 overall)"). Differences below
 * the materiality threshold say so ("about average") instead of claiming a direction.
 */
import { directionOf, isFlag, isMaterial, levelOf, ratioPhrase, type MaterialityOptions } from './materiality.ts';
import type { FeatureContrast } from './top-features.ts';

export function reasonFor(c: FeatureContrast, options: MaterialityOptions = {}): string {
  const material = isMaterial(c, options);
  const higher = directionOf(c) === 'higher';
  const level = levelOf(c);
  if (level) {
    const numbers = `(${percent(c.segmentMean)} vs ${percent(c.populationMean)} overall)`;
    const column = readableColumn(level.column);
    if (!material) return `${column}: ${level.level} about as often as average ${numbers}`;
    return higher ? `${column}: ${level.level} ${numbers}` : `${column}: seldom ${level.level} ${numbers}`;
  }
  const pct = isShareValued(c);
  const show = (v: number) => (pct ? percent(v) : formatNumber(v));
  const numbers = `(${show(c.segmentMean)} vs ${show(c.populationMean)} overall)`;
  if (!material) return `${c.description}: about average ${numbers}`;
  const ratio = ratioPhrase(c, options);
  if (ratio) return `${c.description}: ${ratio} ${numbers}`;
  const size = Math.abs(c.z) >= 1 ? 'well ' : '';
  return `${c.description}: ${size}${higher ? 'above' : 'below'} average ${numbers}`;
}

/** Shares, rates and flags are shown as percentages. */
export function isShareValued(c: Pick<FeatureContrast, 'feature' | 'description' | 'segmentMean' | 'populationMean'>): boolean {
  const named = /share|rate|ratio|pct|percent/.test(c.feature) || isFlag(c);
  return named && Math.abs(c.segmentMean) <= 1 && Math.abs(c.populationMean) <= 1;
}

/** "Membership_Tier" → "Membership tier", "yearly budget" stays. */
export function readableColumn(column: string): string {
  const spaced = column.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

/** 0.5 → "50%", 0.123 → "12.3%": whole percentages without a trailing ".0". */
export function percent(v: number): string {
  const p = v * 100;
  return Math.abs(p - Math.round(p)) < 0.05 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1000) return Math.round(v).toLocaleString('en-US');
  if (abs >= 100) return v.toFixed(0);
  if (abs >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
