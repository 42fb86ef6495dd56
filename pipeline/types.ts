/**
 * Stage contracts. Implementations match these structurally; a stage that can be skipped has a
 * pass-through implementation. Options are readonly, serialisable and echoed in the StageReport.
 */
import type { Matrix } from '../lib/matrix.ts';
import type { Rng } from '../lib/rng.ts';

/** What every stage says about itself, stored with the run or import. */
export interface StageReport {
  readonly stage: string;
  readonly ms: number;
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly params: Readonly<Record<string, unknown>>;
  /** Named counts: what was repaired, imputed, dropped, and why. */
  readonly counts?: Readonly<Record<string, number>>;
  readonly notes?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Ingest

export type SourceKind = 'customers' | 'transactions' | 'texts';
export type SourceFormat = 'csv' | 'jsonl' | 'parquet';

export type ColumnRole =
  | 'id' // unique per row (customer id in a customer table, text id in a text table)
  | 'customer_id' // the customer a transaction or text belongs to
  | 'order_id' // invoice / order number; links texts or payments to an order
  | 'datetime'
  | 'amount' // money per row (line total or payment)
  | 'price' // money per unit
  | 'quantity'
  | 'numeric'
  | 'categorical'
  | 'boolean'
  | 'text' // free customer text
  | 'label' // a known class, used only to score segmentations
  | 'author_type' // tells customer rows from company rows (a flag such as "from_customer")
  | 'reply_to' // id of the row this one answers
  | 'replies' // ids of rows answering this one
  | 'thread_id'
  | 'index' // a pandas-style row counter, carries no information
  | 'ignore';

export type CellValue = string | number | boolean | null;

/** A physical record from a reader, values still raw strings (null = absent). */
export interface RawRecord {
  /** 1-based physical row number in the file; the header is row 1 for delimited files. */
  readonly row: number;
  readonly values: readonly (string | null)[];
}

export interface ColumnProfile {
  readonly name: string;
  readonly role: ColumnRole;
  /** Why this role: "name matches customer id", "values are dates (dd-mm-yyyy)", or "config". */
  readonly reason: string;
  readonly present: number;
  readonly missing: number;
  readonly invalid: number;
  readonly distinct: number;
  /** Parser chosen for the column: e.g. 'date:dmy', 'number', 'number:thousands', 'boolean', 'string'. */
  readonly parser: string;
  readonly examples: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Clean

/** A small column-oriented table: the unit the clean stage works on. */
export interface Frame {
  readonly columns: readonly string[];
  readonly roles: Readonly<Record<string, ColumnRole>>;
  /** values[column][row] */
  readonly values: Readonly<Record<string, CellValue[]>>;
  readonly rowCount: number;
}

// ---------------------------------------------------------------------------------------------
// Text quality

export interface QualityText {
  readonly id: string;
  readonly authorId: string;
  readonly text: string;
  /** true = customer, false = company/agent, null = unknown (treated as customer). */
  readonly isCustomer: boolean | null;
}

export type QualityReason =
  | 'kept'
  | 'non_customer'
  | 'empty'
  | 'too_short'
  | 'too_long'
  | 'retweet'
  | 'exact_duplicate'
  | 'near_duplicate'
  | 'template';

export interface QualityVerdict {
  readonly id: string;
  readonly kept: boolean;
  readonly reason: QualityReason;
  /** For duplicates: the id of the text that was kept in its place. */
  readonly duplicateOf?: string;
}

/** One step of the text filter; steps run in order and only see texts earlier steps kept. */
export interface TextFilterStep {
  readonly name: QualityReason;
  readonly options: Readonly<Record<string, unknown>>;
  /** Returns verdicts only for texts this step drops. */
  apply(texts: readonly QualityText[]): QualityVerdict[];
}

// ---------------------------------------------------------------------------------------------
// Embed, reduce, cluster

export interface Embedder {
  /** Stable model identifier, part of the embedding cache key. */
  readonly model: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** One L2-normalised row per text. */
  embed(texts: readonly string[]): Promise<Matrix>;
  /** Releases what the embedder holds (worker threads, sessions); absent when it holds nothing. */
  close?(): Promise<void>;
}

export interface Reduction {
  readonly embedding: Matrix;
  readonly report: StageReport;
  /** The fit in serialisable form, to place rows it never saw (see pipeline/fitted/reducer.ts). */
  readonly fitted?: FittedReducer;
}

/**
 * A fitted reducer as flat arrays. 'pca': a projection. 'neighbours' (UMAP): the fitted rows in the
 * input space (float32) and their embedding; a new row takes the inverse-distance-weighted mean of its
 * k nearest rows' embeddings — UMAP's own transform initialisation, without the optimisation epochs.
 */
export type FittedReducer =
  | { readonly kind: 'none'; readonly cols: number }
  | { readonly kind: 'pca'; readonly mean: Float64Array; readonly components: Float64Array }
  | { readonly kind: 'neighbours'; readonly cols: number; readonly k: number; readonly points: Float32Array; readonly embedding: Matrix };

export interface Reducer {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  fit(x: Matrix, rng: Rng): Promise<Reduction>;
}

export interface Clustering {
  /** -1 = noise. Segment ids are 0..k-1, ordered by size descending so labels are deterministic. */
  readonly labels: Int32Array;
  /** Membership strength in [0, 1]. */
  readonly probabilities: Float64Array;
  /** GLOSH-style outlier score in [0, 1] where the algorithm defines one. */
  readonly outlierScores?: Float64Array;
  readonly clusterCount: number;
  readonly report: StageReport;
}

export interface Clusterer {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  fit(x: Matrix, rng: Rng): Clustering;
}

// ---------------------------------------------------------------------------------------------
// Segment intelligence: evidence, value, persona cards

/** One piece of evidence shown with a segment: a real customer text, PII masked. */
export interface EvidenceItem {
  readonly kind: 'text';
  readonly textId: string;
  /** The text with PII masked; quotes on cards must be verbatim substrings of this. */
  readonly text: string;
  /** Pseudonymised customer id (stable within a run, not reversible without the data). */
  readonly customerId: string;
  /** ISO-8601 time, or null when the source had none. */
  readonly at: string | null;
  /** Distance-based relevance to the segment centre in [0, 1] (1 = at the centre). */
  readonly relevance: number;
}

/** For data without text: a real customer near the segment centre with their key numbers. */
export interface ExemplarItem {
  readonly kind: 'exemplar';
  readonly customerId: string;
  readonly stats: readonly { readonly feature: string; readonly description: string; readonly value: number }[];
  readonly relevance: number;
}

export type SegmentEvidence = EvidenceItem | ExemplarItem;

/** A number a card may quote: `key` names it, `value` is what it must equal. */
export interface NamedStatistic {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly unit?: string;
}

export type ChurnRisk = 'low' | 'medium' | 'high';

/** A segment's value summary, from fitted BG/NBD + Gamma-Gamma, or a labelled snapshot proxy. */
export interface SegmentValue {
  /** 'bgnbd-gamma-gamma' when fitted on transaction histories; 'snapshot-proxy' for a customer table. */
  readonly method: 'bgnbd-gamma-gamma' | 'snapshot-proxy';
  /** Plain-English note on how the numbers were made (always present for a proxy). */
  readonly note: string;
  readonly horizonMonths: number;
  readonly customers: number;
  /** Mean predicted CLV per customer over the horizon (proxy: mean current monetary value). */
  readonly meanClv: number;
  readonly totalClv: number;
  /** Mean expected purchases over the horizon; null for a proxy. */
  readonly expectedPurchases: number | null;
  /** Mean probability alive; null for a proxy. */
  readonly probabilityAlive: number | null;
  readonly churnRisk: ChurnRisk | null;
  readonly currency: string | null;
}
