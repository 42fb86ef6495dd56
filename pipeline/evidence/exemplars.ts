/**
 * Evidence for data without text: real customers near the segment centre, each with their own values of
 * the features that distinguish the segment. MMR in the clustering space keeps the exemplars from being
 * near-copies of one another. Relevance is closeness to the centroid (geometry.ts). The similarity of two
 * customers is exp(−(d / h)²) with h half the segment's median distance to its centroid: near 1 for
 * near-copies, near 0 beyond a typical member's distance, so diversity decides among the central
 * customers of the candidate pool without pulling in outlying ones.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { ExemplarItem } from '../types.ts';
import { checkSegmentInput, closeness, round4, rowsDistance, segmentGeometry, type SegmentedCustomers } from './geometry.ts';
import { mmrSelect } from './mmr.ts';
import { pseudonymise } from './pseudonym.ts';
import { definedOnly } from './text-evidence.ts';

export interface ExemplarColumn {
  readonly name: string;
  readonly description: string;
}

export interface ExemplarInput extends SegmentedCustomers {
  readonly columns: readonly ExemplarColumn[];
  /** Customers × columns, interpretable (unscaled) values. */
  readonly raw: Matrix;
  /** Per segment, its most distinctive feature names, most distinctive first. */
  readonly keyFeatures: readonly (readonly string[])[];
}

export interface ExemplarOptions {
  /** Exemplars per segment (k). */
  readonly perSegment?: number;
  /** Candidate pool: this many members nearest the centre. */
  readonly candidates?: number;
  /** Feature values shown per exemplar. */
  readonly statsPerExemplar?: number;
  readonly lambda?: number;
}

export const defaults: Required<ExemplarOptions> = { perSegment: 5, candidates: 30, statsPerExemplar: 6, lambda: 0.7 };

export function resolveExemplarOptions(options: ExemplarOptions): Required<ExemplarOptions> {
  const o: Required<ExemplarOptions> = { ...defaults, ...definedOnly(options) };
  for (const key of ['perSegment', 'candidates', 'statsPerExemplar'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new PersonaError('bad_option', `exemplars: ${key} must be a positive integer, got ${o[key]}`);
  }
  if (!(o.lambda >= 0 && o.lambda <= 1)) throw new PersonaError('bad_option', `exemplars: lambda must be in [0, 1], got ${o.lambda}`);
  return o;
}

export function selectExemplars(input: ExemplarInput, options: ExemplarOptions = {}): ExemplarItem[][] {
  const o = resolveExemplarOptions(options);
  const { space, raw, columns } = input;
  checkSegmentInput('exemplars', space, input.labels, input.customerIds, input.clusterCount);
  if (!input.salt) throw new PersonaError('bad_option', 'exemplars: a non-empty salt is needed for pseudonyms');
  if (raw.rows !== space.rows || raw.cols !== columns.length || raw.data.length !== raw.rows * raw.cols) {
    throw new PersonaError('shape_mismatch', `exemplars: raw values are ${raw.rows}×${raw.cols} (${raw.data.length} values) for ${space.rows} customers and ${columns.length} columns`);
  }
  const geometry = segmentGeometry(space, input.labels, input.clusterCount);
  const columnIndex = new Map(columns.map((c, j) => [c.name, j]));
  return geometry.members.map((members, s) => {
    // Typical customers first: those who carry the segment's defining values, nearest the centre.
    const defining = definingValues(raw, input.labels, s, (input.keyFeatures[s] ?? []).filter((f) => columnIndex.has(f)).slice(0, 3).map((f) => columnIndex.get(f) as number));
    const misses = (row: number) => defining.reduce((n, d) => n + (d.holds(raw.data[row * raw.cols + d.j] as number) ? 0 : 1), 0);
    const ordered = Array.from(members).map((row, order) => ({ row, order, miss: misses(row) })).sort((a, b) => a.miss - b.miss || a.order - b.order);
    // The pool stops at the fewest misses that still fills the exemplars, so atypical members never win on closeness.
    const limit = ordered[Math.min(o.perSegment, ordered.length) - 1]?.miss ?? 0;
    const pool = ordered.filter((x) => x.miss <= limit).slice(0, o.candidates).map((x) => x.row);
    const scale = geometry.scale[s] as number;
    const relevance = pool.map((row) => closeness(geometry.distance[row] as number, scale));
    const h = 0.5 * scale;
    const similarity = (a: number, b: number) => Math.exp(-((rowsDistance(space, pool[a] as number, pool[b] as number) / h) ** 2));
    const named = (input.keyFeatures[s] ?? []).filter((f) => columnIndex.has(f));
    const features = (named.length ? unique(named) : distinctive(raw, input.labels, s)).slice(0, o.statsPerExemplar).map((f) => (typeof f === 'number' ? f : (columnIndex.get(f) as number)));
    return mmrSelect(relevance, similarity, o.perSegment, { lambda: o.lambda }).map((p) => {
      const row = pool[p] as number;
      return {
        kind: 'exemplar' as const,
        customerId: pseudonymise(input.customerIds[row] as string, input.salt),
        stats: features
          .map((j) => ({ feature: (columns[j] as ExemplarColumn).name, description: (columns[j] as ExemplarColumn).description, value: raw.data[row * raw.cols + j] as number }))
          .filter((st) => Number.isFinite(st.value)),
        relevance: round4(relevance[p] as number),
      };
    });
  });
}

/**
 * What a member must hold to be typical, per key feature: a 0/1 column the segment mostly has (or
 * lacks) must match; a measurement must sit on the segment's side of the population mean.
 */
function definingValues(raw: Matrix, labels: Int32Array, segment: number, features: readonly number[]): { j: number; holds: (v: number) => boolean }[] {
  return features.map((j) => {
    let n = 0;
    let sum = 0;
    let inN = 0;
    let inSum = 0;
    let binary = true;
    for (let i = 0; i < raw.rows; i++) {
      const v = raw.data[i * raw.cols + j] as number;
      if (!Number.isFinite(v)) continue;
      if (v !== 0 && v !== 1) binary = false;
      n++;
      sum += v;
      if (labels[i] === segment) (inN++, (inSum += v));
    }
    const mean = n ? sum / n : 0;
    const own = inN ? inSum / inN : mean;
    if (binary) {
      const usual = own >= 0.5 ? 1 : 0;
      return { j, holds: (v: number) => v === usual };
    }
    return { j, holds: (v: number) => (own >= mean ? v >= mean : v <= mean) };
  });
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/**
 * When the caller names no key features: columns ordered by how far the segment mean is from the
 * population mean, in population standard deviations (ties: column order).
 */
function distinctive(raw: Matrix, labels: Int32Array, segment: number): number[] {
  const score: { j: number; z: number }[] = [];
  for (let j = 0; j < raw.cols; j++) {
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    let inN = 0;
    let inSum = 0;
    for (let i = 0; i < raw.rows; i++) {
      const v = raw.data[i * raw.cols + j] as number;
      if (!Number.isFinite(v)) continue;
      n++;
      sum += v;
      sumSq += v * v;
      if (labels[i] === segment) {
        inN++;
        inSum += v;
      }
    }
    if (n < 2 || inN === 0) continue;
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    if (sd > 0) score.push({ j, z: Math.abs(inSum / inN - mean) / sd });
  }
  return score.sort((a, b) => b.z - a.z || a.j - b.j).map((x) => x.j);
}
