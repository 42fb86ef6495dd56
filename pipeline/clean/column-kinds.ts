/** Which columns a rule applies to, decided from role and name only (never from values). */
import type { ColumnRole } from '../types.ts';

/** Columns holding a measured quantity: imputed with the median, capped for outliers. */
export const numericRoles: ReadonlySet<ColumnRole> = new Set(['numeric', 'amount', 'price', 'quantity']);

/** Columns never imputed: identifiers, free text, known classes and timestamps. */
export const neverImputed: ReadonlySet<ColumnRole> = new Set(['id', 'customer_id', 'text', 'label', 'datetime']);

/** "Year_Birth", "YearOfBirth", "birth-year" → "year_birth", "year_of_birth", "birth_year". */
export function snakeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function isBirthYearColumn(name: string): boolean {
  return /^(year_?(of_)?birth|birth_?year|birth_yr|yob)$/.test(snakeName(name));
}

export function isAgeColumn(name: string): boolean {
  return /^(age|age_years|age_in_years)$/.test(snakeName(name));
}

/** Years are labels on a calendar, not magnitudes: capping them would invent dates. */
export function isYearColumn(name: string): boolean {
  return isBirthYearColumn(name) || snakeName(name).split('_').some((w) => w === 'year' || w === 'years' || w === 'yr');
}
