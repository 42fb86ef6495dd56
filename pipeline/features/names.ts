/** Feature names: snake_case from column names and from category levels. */
import { snakeName } from '../clean/column-kinds.ts';

/** "Annual Income (k$)" → { name: 'annual_income', unit: 'k$' }: the bracket is a unit, not a name. */
export function featureName(column: string): { name: string; unit?: string } {
  const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(column);
  const name = snakeName(m ? (m[1] as string) : column) || 'column';
  const unit = m?.[2]?.trim();
  return unit ? { name, unit } : { name };
}

/** A category level as a name part: "PhD" → "phd", "2n Cycle" → "2n_cycle", "Web " → "web"; '' when nothing is left. */
export function levelSlug(level: string): string {
  return level
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
