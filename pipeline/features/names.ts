/** Feature names: snake_case from column names and from category levels. */
import { snakeName } from '../clean/column-kinds.ts';

/** "Yearly Budget (k€)" → { name: 'yearly_budget', unit: 'k€' }: the bracket is a unit, not a name. */
export function featureName(column: string): { name: string; unit?: string } {
  const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(column);
  const name = snakeName(m ? (m[1] as string) : column) || 'column';
  const unit = m?.[2]?.trim();
  return unit ? { name, unit } : { name };
}

/** A category level as a name part: "MSc" → "msc", "Level 2 Cert" → "level_2_cert", "Web " → "web"; '' when nothing is left. */
export function levelSlug(level: string): string {
  return level
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
