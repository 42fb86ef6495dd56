/** What the compute worker receives: loaded, filtered and embedded data plus the run's options. */
import type { Matrix } from '../../lib/matrix.ts';
import type { FeatureInputs } from '../features/inputs.ts';
import type { CustomerPurchaseHistory } from '../value/purchase-history.ts';
import type { CustomerActivity } from '../describe/activity.ts';
import type { ResolvedSegmentOptions } from './options.ts';

export interface ComputeInput {
  readonly options: ResolvedSegmentOptions;
  readonly features: FeatureInputs;
  /** Pooled sentence embeddings, one row per customer in features.customerIds order. */
  readonly semantic?: Matrix;
  /** Kept texts with their customer, for segment terms and evidence. */
  readonly texts?: readonly { readonly textId: string; readonly customerId: string; readonly body: string; readonly at: number | null }[];
  /** This database's secret: evidence pseudonyms cannot be recomputed without it. */
  readonly pseudonymSecret?: string;
  /** Company accounts (authors of company replies): their @handles are not masked in evidence. */
  readonly companyHandles?: readonly string[];
  /** Known classes per customer (features.customerIds order), when a labels column was named. */
  readonly labels?: readonly (string | null)[];
  /**
   * The run customers' transaction lines reduced per customer for the value stage (by the database):
   * given, the value stage reads these instead of `features.transactions`.
   */
  readonly purchaseHistories?: readonly CustomerPurchaseHistory[];
  /**
   * Hour-of-day and weekday counts of the run customers' transaction lines (by the database): given,
   * the activity profiles of a run without texts read these instead of `features.transactions`.
   */
  readonly transactionActivity?: CustomerActivity;
  /** The model id of the embedder that made `semantic`. */
  readonly embedderModel?: string;
}
