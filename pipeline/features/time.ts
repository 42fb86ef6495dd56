/**
 * Time helpers for features. Everything is UTC: epoch ms carry no zone, and reading them in the
 * machine's local zone would make hour and weekday features depend on where the pipeline runs.
 */
import type { CellValue } from '../types.ts';

export const dayMs = 86_400_000;

/** An ISO date, optionally with a time and a zone. */
const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isIsoDate(s: string): boolean {
  return isoDate.test(s.trim());
}

/** Epoch ms from a cell: a finite number as is, an ISO string read as UTC when it names no zone. */
export function toTime(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const m = isoDate.exec(s);
  if (!m) return null;
  // A date-only string parses as UTC already; a date-time without a zone would parse as local time.
  const t = Date.parse(s.length > 10 && !m[1] ? `${s.replace(' ', 'T')}Z` : s);
  return Number.isFinite(t) ? t : null;
}

export function utcHour(t: number): number {
  return new Date(t).getUTCHours();
}

export function isWeekend(t: number): boolean {
  const d = new Date(t).getUTCDay();
  return d === 0 || d === 6;
}
