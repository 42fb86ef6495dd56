/**
 * Evidence for data without text: real customers near the segment centre (diversified with MMR in the
 * clustering space), each with the values of the features that distinguish the segment.
 */
import type { Matrix } from '../../lib/matrix.ts';
import type { ExemplarItem } from '../types.ts';
import { mmrSelect } from './mmr.ts';
import { pseudonymise } from './pseudonymise.ts';
import { distanceToCentroid } from './select-quotes.ts';

export interface ExemplarOptions {
  readonly perSegment?: number;
  readonly candidates?: number;
  readonly statsPerExemplar?: number;
  readonly lambda?: number;
}

export const exemplarDefaults = { perSegment: 5, candidates: 30, statsPerExemplar: 6, lambda: 0.7 } as const;

export interface ExemplarInput {
  readonly space: Matrix;
  readonly labels: Int32Array;
  readonly clusterCount: number;
  readonly customerIds: readonly string[];
  readonly columns: readonly { readonly name: string; readonly description: string }[];
  /** Interpretable values, customers × columns. */
  readonly raw: Matrix;
  /** Per segment, its most distinctive feature names. */
  readonly keyFeatures: readonly (readonly string[])[];
  readonly salt: string;
}

export function selectExemplars(input: ExemplarInput, options: ExemplarOptions = {}): ExemplarItem[][] {
  const o = { ...exemplarDefaults, ...options };
  const { space, labels, raw } = input;
  const distances = distanceToCentroid(space, labels, input.clusterCount);
  const columnIndex = new Map(input.columns.map((c, j) => [c.name, j]));
  const out: ExemplarItem[][] = [];
  for (let s = 0; s < input.clusterCount; s++) {
    const members = [...labels.keys()].filter((i) => labels[i] === s).sort((a, b) => (distances[a] as number) - (distances[b] as number) || a - b);
    const pool = members.slice(0, o.candidates);
    const median = (distances[members[Math.floor(members.length / 2)] ?? 0] as number) || 1;
    const relevance = pool.map((i) => 1 / (1 + (distances[i] as number) / median));
    // Similarity between two customers: closeness in the clustering space, on the segment's own scale.
    const similarity = (a: number, b: number) => {
      let d2 = 0;
      for (let j = 0; j < space.cols; j++) {
        const diff = (space.data[pool[a]! * space.cols + j] as number) - (space.data[pool[b]! * space.cols + j] as number);
        d2 += diff * diff;
      }
      return 1 / (1 + Math.sqrt(d2) / median);
    };
    const features = (input.keyFeatures[s] ?? []).filter((f) => columnIndex.has(f)).slice(0, o.statsPerExemplar);
    out.push(
      mmrSelect(relevance, similarity, o.perSegment, o.lambda).map((p) => {
        const i = pool[p] as number;
        return {
          kind: 'exemplar' as const,
          customerId: pseudonymise(input.customerIds[i] as string, input.salt),
          stats: features.map((f) => {
            const j = columnIndex.get(f) as number;
            return { feature: f, description: input.columns[j]!.description, value: raw.data[i * raw.cols + j] as number };
          }),
          relevance: Math.round((relevance[p] as number) * 1000) / 1000,
        };
      }),
    );
  }
  return out;
}
