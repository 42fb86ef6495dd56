/** What the clean stage estimates from a fit's rows (cleanFrame returns it; apply-fit.ts reuses it). */
import type { CellValue } from '../types.ts';

/** What cleanFrame estimated for one column. JSON-serialisable: it is stored with a run. */
export interface FittedCleanColumn {
  /** The median or mode missing values got; null when nothing was imputed. */
  readonly fill: CellValue;
  /** Outlier fences values were capped to; null when the column was not capped. */
  readonly fences: { readonly lower: number; readonly upper: number } | null;
  /** Categorical: the levels rare-level folding kept (any other value folds); null when it left the column alone. */
  readonly levels: readonly CellValue[] | null;
  /** One distinct value: skipped by the features. */
  readonly constant: boolean;
}

export interface CleanFit {
  /** The year birth years were checked against. */
  readonly referenceYear: number;
  readonly columns: Readonly<Record<string, FittedCleanColumn>>;
}
