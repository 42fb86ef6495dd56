/**
 * What a run stores per segment at segmentation time: size, share, distinguishing features, c-TF-IDF
 * terms, a working label, stability, and the centroid in the clustering space (for assigning new
 * customers later).
 */
import type { Matrix } from '../../lib/matrix.ts';
import { classTfidf, type TermScore } from '../describe/ctfidf.ts';
import { labelSegments, type Claim } from '../describe/label.ts';
import { taxonomyThemes, type TaxonomyChoice } from '../describe/cx-taxonomy.ts';
import { isMaterial, type MaterialityOptions } from '../describe/materiality.ts';
import { candidateThresholds, drivers, fitStumps } from '../describe/surrogate.ts';
import { contrastFeatures, topContrasts, type FeatureContrast, type NamedColumn } from '../describe/top-features.ts';
import type { FeatureColumn } from '../features/types.ts';
import type { StageReport } from '../types.ts';

export interface SegmentSummary {
  readonly index: number;
  readonly size: number;
  readonly share: number;
  readonly label: string;
  /** What the label claims about features, each checkable against the contrasts. */
  readonly claims: readonly Claim[];
  /** The CX theme that named the segment, when one did. */
  readonly theme: string | null;
  readonly topFeatures: readonly FeatureContrast[];
  readonly topTerms: readonly TermScore[];
  readonly stability: number | null;
  /** Every feature's contrast (for descriptions later). */
  readonly contrasts: readonly FeatureContrast[];
  readonly centroid: readonly number[];
  /** What a one-vs-rest surrogate model says separates the segment (mean |contribution|, exact for stumps). */
  readonly drivers: readonly { feature: string; description: string; importance: number; direction: 'higher' | 'lower' }[];
}

export interface DescribeInput {
  readonly customerIds: readonly string[];
  readonly labels: Int32Array;
  readonly clusterCount: number;
  readonly space: Matrix;
  readonly blocks: readonly { readonly name: string; readonly raw: Matrix; readonly columns: readonly FeatureColumn[] }[];
  readonly texts: readonly { readonly customerId: string; readonly body: string }[];
  readonly stability: readonly number[];
  readonly taxonomy?: TaxonomyChoice;
  readonly materiality?: MaterialityOptions;
}

export function describeSegments(input: DescribeInput): { segments: SegmentSummary[]; report: StageReport } {
  const started = performance.now();
  const n = input.labels.length;
  const k = input.clusterCount;
  const { raw, columns } = concatRaw(input.blocks, n);
  const contrasts = columns.length ? contrastFeatures(raw, columns, input.labels, k) : Array.from({ length: k }, () => []);

  const indexOf = new Map(input.customerIds.map((id, i) => [id, i]));
  const textsBySegment: string[][] = Array.from({ length: k }, () => []);
  for (const t of input.texts) {
    const i = indexOf.get(t.customerId);
    const label = i === undefined ? -1 : (input.labels[i] as number);
    if (label >= 0) (textsBySegment[label] as string[]).push(t.body);
  }
  const terms = input.texts.length ? classTfidf(textsBySegment) : textsBySegment.map(() => []);

  const sizes = new Array<number>(k).fill(0);
  for (const l of input.labels) if (l >= 0) sizes[l]!++;
  const centroids = centroidsOf(input.space, input.labels, k);
  const segmentDrivers = surrogateDrivers(raw, columns, input.labels, k);
  const labels = labelSegments({ terms, contrasts, themes: taxonomyThemes(input.taxonomy), ...(input.materiality ? { materiality: input.materiality } : {}) });
  const segments = labels.map((l, s) => ({
    index: s,
    size: sizes[s] as number,
    share: (sizes[s] as number) / n,
    label: l.label,
    claims: l.claims,
    theme: l.theme,
    topFeatures: leadingFeatures(contrasts[s] ?? [], 5, input.materiality),
    topTerms: terms[s] ?? [],
    stability: input.stability[s] ?? null,
    contrasts: contrasts[s] ?? [],
    centroid: centroids[s] as number[],
    drivers: segmentDrivers[s] ?? [],
  }));
  return {
    segments,
    report: {
      stage: 'describe',
      ms: Math.round(performance.now() - started),
      rowsIn: n,
      rowsOut: k,
      params: { features: columns.length, texts: input.texts.length, taxonomy: typeof input.taxonomy === 'object' ? 'custom' : (input.taxonomy ?? 'general') },
    },
  };
}

/** Material differences first (strongest first), then the rest by |z|: reasons say which are which. */
export function leadingFeatures(contrasts: readonly FeatureContrast[], k: number, materiality?: MaterialityOptions): FeatureContrast[] {
  const ranked = topContrasts(contrasts, contrasts.length);
  const material = ranked.filter((c) => isMaterial(c, materiality));
  return [...material, ...ranked.filter((c) => !isMaterial(c, materiality))].slice(0, k);
}

export function concatRaw(blocks: DescribeInput['blocks'], n: number): { raw: Matrix; columns: NamedColumn[] } {
  const columns: NamedColumn[] = blocks.flatMap((b) => b.columns.map((c) => ({ name: c.name, description: c.description, block: b.name })));
  const cols = columns.length;
  const data = new Float64Array(n * cols);
  let offset = 0;
  for (const b of blocks) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < b.raw.cols; j++) data[i * cols + offset + j] = b.raw.data[i * b.raw.cols + j] as number;
    }
    offset += b.raw.cols;
  }
  return { raw: { rows: n, cols, data }, columns };
}

export function centroidsOf(space: Matrix, labels: Int32Array, k: number): number[][] {
  const sums = Array.from({ length: k }, () => new Array<number>(space.cols).fill(0));
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < space.rows; i++) {
    const l = labels[i] as number;
    if (l < 0) continue;
    counts[l]!++;
    const s = sums[l] as number[];
    for (let j = 0; j < space.cols; j++) s[j]! += space.data[i * space.cols + j] as number;
  }
  return sums.map((s, l) => s.map((v) => (counts[l] ? v / (counts[l] as number) : 0)));
}

/** Top five drivers per segment from one-vs-rest surrogate models on the interpretable features. */
function surrogateDrivers(raw: Matrix, columns: readonly NamedColumn[], labels: Int32Array, k: number): SegmentSummary['drivers'][] {
  if (!columns.length) return Array.from({ length: k }, () => []);
  const thresholds = candidateThresholds(raw, 16);
  return Array.from({ length: k }, (_, s) => {
    const members = Uint8Array.from(labels, (l) => (l === s ? 1 : 0));
    return drivers(raw, members, fitStumps(raw, members, thresholds))
      .slice(0, 5)
      .map((d) => ({ feature: columns[d.feature]!.name, description: columns[d.feature]!.description, importance: Math.round(d.importance * 1000) / 1000, direction: d.direction }));
  });
}
