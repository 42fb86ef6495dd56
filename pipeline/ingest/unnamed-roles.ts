/**
 * Roles of a purchase log's columns from their values alone, for files without a header (columns named
 * column_1, column_2, … by the reader). Only claimed when the columns together look like a log: a date
 * column, a column of repeating ids, and a column of money (numbers with cents) or counts.
 */
import type { ColumnRole } from '../types.ts';
import type { ColumnStats } from './column-stats.ts';
import type { ParserSpec } from './values.ts';

export interface UnnamedClaim {
  readonly index: number;
  readonly role: ColumnRole;
  readonly parser: ParserSpec;
  readonly reason: string;
}

const generated = /^column_\d+$/;

const numericShare = 0.98;

export function unnamedTransactionRoles(stats: readonly ColumnStats[]): UnnamedClaim[] {
  const columns = stats.map((s, index) => ({ s, index })).filter(({ s }) => generated.test(s.name) && s.present > 0);
  if (!columns.length) return [];
  const isDate = (s: ColumnStats) => s.dates.decide() !== null;
  const numeric = (s: ColumnStats) => s.numeric / s.present >= numericShare;
  const date = columns.find(({ s }) => isDate(s));
  if (!date) return [];
  const rest = columns.filter((c) => c !== date);
  // Ids repeat (one customer, many purchases) and are whole numbers or codes, never fractions.
  const id = rest.find(({ s }) => !s.allUnique && (s.integer === s.present || s.codeLike === s.present));
  const measures = rest.filter((c) => c !== id && numeric(c.s));
  // Money has cents somewhere; the rightmost such column (logs put the amount last).
  const amount = [...measures].reverse().find(({ s }) => s.integer < s.numeric);
  const quantity = measures.find(({ s }) => s !== amount?.s && s.integer === s.numeric && (s.min ?? -1) >= 0);
  if (!id || !(amount || quantity)) return [];
  const claims: UnnamedClaim[] = [
    { index: id.index, role: 'customer_id', parser: 'string', reason: 'no header: repeating ids, first such column' },
  ];
  if (amount) claims.push({ index: amount.index, role: 'amount', parser: 'number', reason: 'no header: numbers with decimals, last such column' });
  if (quantity) claims.push({ index: quantity.index, role: 'quantity', parser: 'integer', reason: 'no header: non-negative whole numbers' });
  return claims;
}
