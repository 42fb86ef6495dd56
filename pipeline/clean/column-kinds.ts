/** Which columns a rule applies to, decided from role and name (and, for category codes, the values). */
import type { CellValue, ColumnRole } from '../types.ts';

/** Columns holding a measured quantity: imputed with the median, capped for outliers. */
export const numericRoles: ReadonlySet<ColumnRole> = new Set(['numeric', 'amount', 'price', 'quantity']);

/** Columns never imputed: identifiers, free text, known classes and timestamps. */
export const neverImputed: ReadonlySet<ColumnRole> = new Set(['id', 'customer_id', 'text', 'label', 'datetime']);

/** "Birth_Year", "YearOfBirth", "birth-year" → "birth_year", "year_of_birth", "birth_year". */
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
  // English, Spanish, Portuguese, French (accent dropped by snakeName) and German names for age.
  return /^(age|age_years|age_in_years|edad|idade|alter)$/.test(snakeName(name)) || /^âge$/i.test(name.trim());
}

/** Years are labels on a calendar, not magnitudes: capping them would invent dates. */
export function isYearColumn(name: string): boolean {
  return isBirthYearColumn(name) || snakeName(name).split('_').some((w) => w === 'year' || w === 'years' || w === 'yr');
}

const codeNames = /(^|_)(code|codes|type|channel|region|category|group|zone|area|kind|cat|segment|tier|plan|class|status)(_|$)/;
const countNames = /(num|count|number|rows|qty|quantity|size|age|year|score|rating|level|rank|tenure|days|months|weeks|kid|teen|child|member|person|people|visit|purchase|order|item|times|income|spend|amount|price)/;
const maxCodes = 12;

/** The distinct values of an all-integer column, or null when some value is not an integer. */
export function distinctIntegers(values: readonly CellValue[]): Set<number> | null {
  const seen = new Set<number>();
  for (const v of values) {
    if (v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) return null;
    seen.add(v);
    if (seen.size > maxCodes) return seen;
  }
  return seen;
}

/**
 * A numeric column that is really a category: 2–12 distinct integers and either a code-like name
 * (channel, region, type, …) or codes 1..k (k ≤ 5) under a name that counts nothing.
 */
export function isCodeLike(column: string, values: readonly CellValue[]): boolean {
  const distinct = distinctIntegers(values);
  if (!distinct || distinct.size < 2 || distinct.size > maxCodes) return false;
  const name = snakeName(column);
  if (codeNames.test(name)) return true;
  // Without a code-like name: consecutive codes 1..k (k ≤ 5), each seen several times on average.
  const present = values.filter((v) => v !== null).length;
  const consecutive = Math.min(...distinct) === 1 && Math.max(...distinct) === distinct.size;
  return distinct.size <= 5 && consecutive && present >= 5 * distinct.size && !countNames.test(name);
}

