/**
 * Plain-English reasons from feature contrasts, quoting real numbers: "share of spend on wines: 2.1× the
 * average (0.62 vs 0.30)". Shares are shown as percentages, money and counts as numbers.
 */
import type { FeatureContrast } from './top-features.ts';

export function reasonFor(c: FeatureContrast): string {
  const isShare = /share|rate|ratio/.test(c.feature) && Math.abs(c.segmentMean) <= 1 && Math.abs(c.populationMean) <= 1;
  const show = (v: number) => (isShare ? `${(v * 100).toFixed(1)}%` : formatNumber(v));
  const numbers = `(${show(c.segmentMean)} vs ${show(c.populationMean)} overall)`;
  if (c.lift !== null && c.lift > 0 && c.populationMean > 0) {
    if (c.lift >= 1.15) return `${c.description}: ${c.lift.toFixed(1)}× the average ${numbers}`;
    if (c.lift <= 0.87) return `${c.description}: ${(1 / c.lift).toFixed(1)}× lower than average ${numbers}`;
  }
  const size = Math.abs(c.z) >= 1 ? 'well ' : '';
  return `${c.description}: ${size}${c.direction === 'higher' ? 'above' : 'below'} average ${numbers}`;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1000) return Math.round(v).toLocaleString('en-US');
  if (abs >= 100) return v.toFixed(0);
  if (abs >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
