/** What the feature stage reads: plain data the caller loads from the database, one shape per source. */
import type { CellValue, ColumnRole } from '../types.ts';

/** One row of a customer table; datetimes in attributes are ISO strings (or epoch ms). */
export interface CustomerInput {
  readonly id: string;
  readonly attributes: Readonly<Record<string, CellValue>>;
}

export interface TransactionInput {
  readonly customerId: string;
  readonly orderId: string | null;
  /** Epoch ms. */
  readonly at: number | null;
  readonly quantity: number | null;
  readonly price: number | null;
  /** Money for the line; when null, quantity × price stands in. */
  readonly amount: number | null;
  readonly isCancellation: boolean;
  readonly attributes: Readonly<Record<string, CellValue>>;
}

/** A kept customer text (the quality filter has already run). */
export interface TextInput {
  readonly customerId: string;
  /** Epoch ms. */
  readonly at: number | null;
  readonly body: string;
  readonly replyToId: string | null;
  /** Position in its thread (0 = opens it); when absent, "is a reply" (0/1) stands in. */
  readonly threadDepth?: number;
  /** A rating or score the writer gave with the text (review stars, a score column), when the data has one. */
  readonly rating?: number | null;
}

export interface FeatureInputs {
  /** The row order of every block. */
  readonly customerIds: readonly string[];
  /** A customer table: one row per customer. */
  readonly customers?: readonly CustomerInput[];
  /** Roles of the customer table's columns; columns not listed get a role inferred from their values. */
  readonly customerRoles?: Readonly<Record<string, ColumnRole>>;
  readonly transactions?: readonly TransactionInput[];
  readonly texts?: readonly TextInput[];
  /** "Now" for recency, epoch ms; default = the latest timestamp in the data (never the clock). */
  readonly referenceTime?: number;
  /** Customer columns that are known classes (e.g. the `--labels` column): never features. */
  readonly labelColumns?: readonly string[];
  /** Columns that look like labels or targets but should be features after all. */
  readonly includeColumns?: readonly string[];
}
