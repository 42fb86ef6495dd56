/**
 * Every choice the feature extraction made from the data rather than from its settings: the customer
 * table's columns and roles (inferred ones included), how each column was cleaned (fills, outlier
 * fences, kept levels, constant columns, the birth-year limit), what the summary columns measure,
 * which numeric columns hold codes and each one-hot's levels, the transaction channels with a share
 * column, and which text columns exist. A fit returns it; given back to buildFeatures, customers the
 * fit never saw are extracted exactly as the fit's own were, without reading the fit's customers.
 * Plain JSON values: it is stored with a run (pipeline/fitted/state.ts).
 */
import type { CleanFit } from '../clean/clean-fit.ts';
import type { ColumnRole } from '../types.ts';
import type { TableMeaning } from './column-meaning.ts';
import type { DemographicFit } from './demographics.ts';
import type { RfmFit } from './rfm.ts';
import type { TextFit } from './text-behaviour.ts';
import type { FeatureSet, FittedBlock } from './types.ts';

export interface TableContext {
  /** The table's columns in frame order, with the role each was read with. */
  readonly columns: readonly string[];
  readonly roles: Readonly<Record<string, ColumnRole>>;
  readonly clean: CleanFit;
  readonly meaning: TableMeaning;
  readonly demographics: DemographicFit;
}

export interface FeatureContext {
  /** null when there was no customer table (or it had no row of a known customer). */
  readonly table: TableContext | null;
  /** null when there were no transactions. */
  readonly transactions: RfmFit | null;
  /** null when there were no texts. */
  readonly texts: TextFit | null;
}

/** An earlier fit of the feature stage: its blocks, and the extraction choices it made. */
export interface FittedFeatures {
  readonly blocks: readonly FittedBlock[];
  /**
   * Absent (runs stored before it was kept): the choices are made again from the rows given, so the
   * caller must pass the fit's own customers along as context.
   */
  readonly context?: FeatureContext;
}

/** What a fit of the feature stage returns: the blocks, and the choices to extract new customers alike. */
export interface FittedFeatureSet extends FeatureSet {
  readonly context: FeatureContext;
}
