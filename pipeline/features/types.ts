/** The feature stage's output, plus the shape every extractor returns before blocks are assembled. */
import type { Matrix } from '../../lib/matrix.ts';
import type { StageReport } from '../types.ts';

export type BlockName = 'semantic' | 'behavioural' | 'value' | 'demographic';

/** The order blocks appear in a FeatureSet. 'semantic' comes from text embeddings, built elsewhere. */
export const blockOrder: readonly BlockName[] = ['semantic', 'behavioural', 'value', 'demographic'];

export interface FeatureColumn {
  /** snake_case, unique across the whole FeatureSet. */
  readonly name: string;
  /** One plain-English line, e.g. "days since the last purchase". */
  readonly description: string;
  readonly unit?: string;
}

export interface FeatureBlock {
  readonly name: BlockName;
  readonly columns: readonly FeatureColumn[];
  /** Interpretable values (days, counts, money), missing ones imputed: what explanations quote. */
  readonly raw: Matrix;
  /** Standardised or robust-scaled (and clipped) raw: what clustering fuses. */
  readonly scaled: Matrix;
  /**
   * The same columns before outlier capping (missing values still imputed): what descriptions and cards
   * quote. Absent when nothing was capped, so `raw` is already uncapped.
   */
  readonly uncapped?: Matrix;
  /** What the block was fitted with, per column: the fill for a missing value and the scaler. */
  readonly fitted?: FittedColumns;
}

/** Per-column fitted values of one block, in its column order (see pipeline/fitted/state.ts). */
export interface FittedColumns {
  readonly fill: Float64Array;
  readonly center: Float64Array;
  readonly scale: Float64Array;
}

/** A block's fitted columns by name: what turns new customers' extracted values into the same space. */
export interface FittedBlock extends FittedColumns {
  readonly name: BlockName;
  readonly columns: readonly string[];
}

export interface FeatureSet {
  readonly customerIds: readonly string[];
  /** "Now" recency was measured from (epoch ms), or null when the data has no times. */
  readonly referenceTime?: number | null;
  readonly blocks: readonly FeatureBlock[];
  readonly report: StageReport;
}

/**
 * How a customer without data for a feature is filled. 'median' for rates, means and attributes;
 * 'zero' for counts of events (a customer with no transactions really placed zero orders).
 */
export type AbsentFill = 'median' | 'zero';

/** One extracted column: a value per customer row, NaN where the customer has no data. */
export interface ExtractedFeature {
  readonly block: BlockName;
  readonly column: FeatureColumn;
  readonly values: Float64Array;
  readonly absent: AbsentFill;
}

export interface Extraction {
  readonly features: readonly ExtractedFeature[];
  readonly counts: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

/** Collects an extractor's columns; each starts all-NaN ("no data") for the extractor to fill. */
export class FeatureCollector {
  readonly features: ExtractedFeature[] = [];
  readonly counts: Record<string, number> = {};
  readonly notes: string[] = [];

  constructor(readonly rows: number) {}

  column(block: BlockName, name: string, description: string, opts: { unit?: string; absent?: AbsentFill } = {}): Float64Array {
    const values = new Float64Array(this.rows).fill(Number.NaN);
    const column: FeatureColumn = opts.unit === undefined ? { name, description } : { name, description, unit: opts.unit };
    this.features.push({ block, column, values, absent: opts.absent ?? 'median' });
    return values;
  }

  count(name: string, n: number): void {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }

  result(): Extraction {
    return { features: this.features, counts: this.counts, notes: this.notes };
  }
}
