/** The clean stage's change list: one entry per column and rule, with a count and a plain-words detail. */

export type CleanRule =
  | 'impossible_birth_year'
  | 'impossible_age'
  | 'non_positive_price'
  | 'return_or_cancellation'
  | 'constant_column'
  | 'imputed_median'
  | 'imputed_mode'
  | 'capped_outlier'
  | 'rare_level_folded';

/** Rules in the order the stage applies them; the change list is sorted by this, then by column. */
export const cleanRules: readonly CleanRule[] = [
  'impossible_birth_year',
  'impossible_age',
  'non_positive_price',
  'return_or_cancellation',
  'constant_column',
  'imputed_median',
  'imputed_mode',
  'capped_outlier',
  'rare_level_folded',
];

export interface CleanChange {
  readonly column: string;
  readonly rule: CleanRule;
  /** Cells affected (for constant_column: the rows holding the single value). */
  readonly count: number;
  readonly detail: string;
  /** rare_level_folded only: the levels folded, most frequent first. */
  readonly levels?: readonly string[];
}
