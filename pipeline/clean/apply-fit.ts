/**
 * Cleaning rows a fit never saw exactly as the fit's own rows were cleaned: the same validation limits,
 * the same fills, fences and kept levels, none of them re-estimated from the new rows (one new customer
 * is not a sample to take a median or a share from).
 */
import { PersonaError } from '../../lib/errors.ts';
import type { CellValue, Frame } from '../types.ts';
import { cleanDefaults } from './clean.ts';
import { numericRoles } from './column-kinds.ts';
import { fillMissing } from './impute.ts';
import { capEligible, capValues } from './outliers.ts';
import type { CleanFit } from './clean-fit.ts';

export type { CleanFit, FittedCleanColumn } from './clean-fit.ts';
import { validateColumn } from './validate.ts';

export interface ApplyCleanOptions {
  /** false: impute and fold but leave values beyond the fences (what descriptions quote). */
  readonly capOutliers?: boolean;
  readonly rareLevelLabel?: string;
}

/** Cleans `frame` with a fit: every column of the frame must be one the fit saw. */
export function applyCleanFit(frame: Frame, fit: CleanFit, options: ApplyCleanOptions = {}): Frame {
  const cap = options.capOutliers ?? true;
  const label = options.rareLevelLabel ?? cleanDefaults.rareLevelLabel;
  const limits = { minBirthYear: cleanDefaults.minBirthYear, referenceYear: fit.referenceYear, maxAge: cleanDefaults.maxAge };
  const values: Record<string, CellValue[]> = {};
  for (const name of frame.columns) {
    const role = frame.roles[name] ?? 'ignore';
    const col = (frame.values[name] ?? []).slice();
    values[name] = col;
    if (role === 'ignore' || role === 'index') continue;
    const c = fit.columns[name];
    if (!c) throw new PersonaError('bad_value', 'clean: the fit has no such column', { column: name });
    validateColumn(name, role, col, limits);
    if (c.fill !== null) fillMissing(col, c.fill);
    if (numericRoles.has(role) && c.fences && cap) {
      capValues(col, c.fences.lower, c.fences.upper, capEligible(role));
    }
    if (role === 'categorical' && c.levels) {
      const kept = new Set(c.levels);
      for (let i = 0; i < col.length; i++) if (col[i] !== null && !kept.has(col[i] as CellValue)) col[i] = label;
    }
  }
  return { columns: frame.columns.slice(), roles: { ...frame.roles }, values, rowCount: frame.rowCount };
}
