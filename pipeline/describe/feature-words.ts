/** Feature descriptions in plain words, for labels, reasons and persona cards. */

/**
 * A feature description without its source columns: "total spend (SpendBooks + …)" → "total spend",
 * "income (HouseholdIncome)" → "income", "household_size from the customer table" → "household size";
 * "(UTC)" and explanatory brackets stay.
 */
export function plainFeature(description: string): string {
  let text = description.replace(/\s+from the customer table$/i, '').trim();
  const m = /^(.*?)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(text);
  if (m) {
    const [, head = '', inner = ''] = m;
    const columnLike = inner.includes('+') || (/^[A-Z][A-Za-z0-9_ ()$-]*$/.test(inner) && !/^[A-Z]{2,4}$/.test(inner)) || inner.toLowerCase() === head.toLowerCase();
    if (columnLike && head) text = head;
  }
  const level = oneHotLevel(text);
  if (level) return `share with ${level}`;
  return text.replace(/_/g, ' ');
}

/** A one-hot column's level in words: `1 when city_size is "town"` → `city size “town”`. */
export function oneHotLevel(description: string): string | null {
  const m = /^1 when (.+?) is (.+)$/.exec(description);
  if (!m) return null;
  const column = (m[1] as string).replace(/_/g, ' ');
  const level = (m[2] as string).replace(/^"(.*)"$/, '$1');
  if (level === 'true') return column;
  if (level === 'false') return `no ${column}`;
  return `${column} “${level}”`;
}

