/**
 * Validation rules: values that cannot be true become missing (and are later imputed); values that are
 * true but special (non-positive prices, returns) are only counted so downstream features can treat them.
 */
import type { CellValue, ColumnRole } from '../types.ts';
import { isAgeColumn, isBirthYearColumn, numericRoles } from './column-kinds.ts';
import type { CleanRule } from './changes.ts';

export interface ValidationLimits {
  readonly minBirthYear: number;
  readonly referenceYear: number;
  readonly maxAge: number;
}

export interface ValidationResult {
  readonly rule: CleanRule;
  readonly count: number;
  /** What was found, without the consequence (the caller adds "→ set missing …"). */
  readonly found: string;
  /** True when the offending cells were set to missing. */
  readonly setMissing: boolean;
}

/** Applies the one validation rule that fits the column, editing `values` in place (a copy). */
export function validateColumn(name: string, role: ColumnRole, values: CellValue[], limits: ValidationLimits): ValidationResult | null {
  if (!numericRoles.has(role)) return null;
  if (isBirthYearColumn(name)) {
    const count = setMissingWhere(values, (v) => v < limits.minBirthYear || v > limits.referenceYear);
    return { rule: 'impossible_birth_year', count, found: `before ${limits.minBirthYear} or after ${limits.referenceYear}`, setMissing: true };
  }
  if (isAgeColumn(name)) {
    const count = setMissingWhere(values, (v) => v < 0 || v > limits.maxAge);
    return { rule: 'impossible_age', count, found: `below 0 or above ${limits.maxAge}`, setMissing: true };
  }
  if (role === 'price') {
    return { rule: 'non_positive_price', count: countWhere(values, (v) => v <= 0), found: 'price ≤ 0', setMissing: false };
  }
  if (role === 'quantity') {
    return { rule: 'return_or_cancellation', count: countWhere(values, (v) => v < 0), found: 'negative quantity', setMissing: false };
  }
  return null;
}

function setMissingWhere(values: CellValue[], bad: (v: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && bad(v)) {
      values[i] = null;
      count++;
    }
  }
  return count;
}

function countWhere(values: readonly CellValue[], hit: (v: number) => boolean): number {
  let count = 0;
  for (const v of values) if (typeof v === 'number' && hit(v)) count++;
  return count;
}

/** Distinct non-missing values, stopping early once there are more than `limit`. */
export function distinctCount(values: readonly CellValue[], limit = Number.POSITIVE_INFINITY): number {
  const seen = new Set<CellValue>();
  for (const v of values) {
    if (v === null) continue;
    seen.add(v);
    if (seen.size > limit) break;
  }
  return seen.size;
}
