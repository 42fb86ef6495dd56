/**
 * Settings of one segmentation run. Everything here is serialisable: it is stored with the run so the
 * run can be repeated byte for byte.
 */
import type { BlockName } from '../features/types.ts';
import type { TaxonomyChoice } from '../describe/cx-taxonomy.ts';

export type AlgorithmChoice = 'auto' | 'hdbscan' | 'kmeans' | 'agglomerative';
export type ReducerChoice = 'auto' | 'umap' | 'pca' | 'none';
export type EmbedderChoice = 'use' | 'onnx' | 'openai';

/** Which customers to segment; every field narrows the set (AND). */
export interface SubsetFilter {
  readonly minOrders?: number;
  readonly maxOrders?: number;
  readonly minSpend?: number;
  readonly maxSpend?: number;
  /** Attribute equals one of these values, e.g. { Country: ['United Kingdom'] }. */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  /** ISO dates: customers active (a transaction or text) in the window. */
  readonly activeFrom?: string;
  readonly activeTo?: string;
  /** Customers with at least one kept text containing this keyword (case-insensitive). */
  readonly textContains?: string;
  readonly customerIds?: readonly string[];
  /** Only customers of a stored run's segment. */
  readonly segmentOf?: { readonly runId: number; readonly segmentIndex: number };
}

export interface SegmentOptions {
  readonly datasetIds?: readonly number[];
  readonly algorithm?: AlgorithmChoice;
  /** Fixed k for k-means / agglomerative; when omitted k is chosen by silhouette over kRange. */
  readonly k?: number;
  readonly kRange?: readonly [number, number];
  readonly minClusterSize?: number;
  readonly minSamples?: number;
  readonly seed?: number;
  readonly weights?: Readonly<Partial<Record<BlockName, number>>>;
  /** Use only these feature blocks. */
  readonly blocks?: readonly BlockName[];
  /** A column holding known classes: the run reports ARI/NMI against it, and it is never a feature. */
  readonly labelsColumn?: string;
  /** Columns that look like labels or targets (segment, class, churn, …) but should be features. */
  readonly includeColumns?: readonly string[];
  /** The CX taxonomy that may name text segments: 'general' (default), 'none', or your own themes. */
  readonly taxonomy?: TaxonomyChoice;
  readonly subset?: SubsetFilter;
  readonly reducer?: ReducerChoice;
  readonly reduceTo?: number;
  readonly embedder?: EmbedderChoice;
  readonly onnxModelDir?: string;
  /** The model asked of the OpenAI-compatible endpoint (--embedder openai); stored with the run. */
  readonly embeddingModel?: string;
  readonly stabilityResamples?: number;
  /** Rows each stability refit draws at most (a sampled bootstrap; see segment/stability-refits.ts). */
  readonly stabilityMaxRows?: number;
  readonly parentRunId?: number;
  /** Above this many customers, reduce and cluster are fitted on a sample and applied to the rest. */
  readonly sampleFitAbove?: number;
  /** Customers in that sample (seeded, stratified). */
  readonly sampleSize?: number;
}

export const segmentDefaults = {
  algorithm: 'auto' as AlgorithmChoice,
  // Two personas rarely help anyone: the search starts at three.
  kRange: [3, 12] as readonly [number, number],
  seed: 42,
  reducer: 'auto' as ReducerChoice,
  reduceTo: 10,
  embedder: 'use' as EmbedderChoice,
  stabilityResamples: 10,
};

export type ResolvedSegmentOptions = SegmentOptions & typeof segmentDefaults;

export function resolveSegmentOptions(options: SegmentOptions): ResolvedSegmentOptions {
  const merged = { ...segmentDefaults } as Record<string, unknown>;
  for (const [k, v] of Object.entries(options)) if (v !== undefined) merged[k] = v;
  return merged as unknown as ResolvedSegmentOptions;
}
