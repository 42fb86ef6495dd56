/**
 * How each segment differs from the population, feature by feature: segment mean against population mean,
 * lift (ratio of means) and z (difference in population standard deviations).
 */
import type { Matrix } from '../../lib/matrix.ts';
import { PersonaError } from '../../lib/errors.ts';

export interface NamedColumn {
  readonly name: string;
  readonly description: string;
  readonly block: string;
}

export interface FeatureContrast {
  readonly feature: string;
  readonly description: string;
  readonly block: string;
  readonly segmentMean: number;
  readonly populationMean: number;
  /** segmentMean / populationMean; null when the population mean is ~0. */
  readonly lift: number | null;
  readonly z: number;
  readonly direction: 'higher' | 'lower';
}

export function contrastFeatures(
  raw: Matrix,
  columns: readonly NamedColumn[],
  labels: Int32Array,
  clusterCount: number,
): FeatureContrast[][] {
  if (raw.cols !== columns.length || raw.rows !== labels.length) {
    throw new PersonaError('shape_mismatch', `contrastFeatures: matrix ${raw.rows}×${raw.cols}, ${columns.length} names, ${labels.length} labels`);
  }
  const { rows, cols, data } = raw;
  const popMean = new Float64Array(cols);
  const popVar = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) popMean[j]! += data[i * cols + j]! / rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j]! - popMean[j]!;
      popVar[j]! += (d * d) / rows;
    }
  }
  const sums = Array.from({ length: clusterCount }, () => new Float64Array(cols));
  const sizes = new Float64Array(clusterCount);
  for (let i = 0; i < rows; i++) {
    const c = labels[i]!;
    if (c < 0) continue;
    sizes[c]!++;
    const s = sums[c]!;
    for (let j = 0; j < cols; j++) s[j]! += data[i * cols + j]!;
  }
  return sums.map((s, c) =>
    columns.map((col, j) => {
      const segmentMean = sizes[c]! ? s[j]! / sizes[c]! : 0;
      const populationMean = popMean[j]!;
      const sd = Math.sqrt(popVar[j]!);
      const z = sd > 1e-12 ? (segmentMean - populationMean) / sd : 0;
      return {
        feature: col.name,
        description: col.description,
        block: col.block,
        segmentMean,
        populationMean,
        lift: Math.abs(populationMean) > 1e-9 ? segmentMean / populationMean : null,
        z,
        direction: z >= 0 ? ('higher' as const) : ('lower' as const),
      };
    }),
  );
}

/** The k features with the largest |z|, ties broken by name for determinism. */
export function topContrasts(contrasts: readonly FeatureContrast[], k = 5): FeatureContrast[] {
  return [...contrasts]
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || (a.feature < b.feature ? -1 : 1))
    .slice(0, k);
}
