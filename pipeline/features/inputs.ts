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

/** One customer's transaction lines reduced to what the RFM features need (`transaction-aggregates.ts`). */
export interface CustomerPurchaseAggregate {
  readonly customerId: string;
  /** Every line, cancellations included. */
  readonly lines: number;
  readonly cancelledLines: number;
  /** Distinct orders among the lines that are not cancellations. */
  readonly orders: number;
  readonly monetary: number;
  /** Items over all orders (a line without a quantity counts one). */
  readonly items: number;
  /** Orders with a time; the shares and cadence are over these. */
  readonly timedOrders: number;
  readonly firstOrderAt: number | null;
  readonly lastOrderAt: number | null;
  readonly weekendOrders: number;
  readonly eveningOrders: number;
  /** Different product values over the product columns, cancellations excluded. */
  readonly distinctProducts: number;
  /** Orders per raw channel value (the first non-empty one of each order); slugged by the feature stage. */
  readonly channelOrders: Readonly<Record<string, number>>;
  /** The latest time of any line, cancellations included: a candidate for "now". */
  readonly latestLineAt: number | null;
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
  /**
   * The transaction lines reduced per customer (by the database, say). Given, the RFM features and the
   * latest purchase time come from these, and `transactions`, if any, serve only the other stages.
   */
  readonly purchaseAggregates?: readonly CustomerPurchaseAggregate[];
  readonly texts?: readonly TextInput[];
  /** "Now" for recency, epoch ms; default = the latest timestamp in the data (never the clock). */
  readonly referenceTime?: number;
  /** Customer columns that are known classes (e.g. the `--labels` column): never features. */
  readonly labelColumns?: readonly string[];
  /** Columns that look like labels or targets but should be features after all. */
  readonly includeColumns?: readonly string[];
}
