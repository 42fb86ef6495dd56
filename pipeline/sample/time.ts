/** Calendar helpers in UTC, so the sample is the same in every time zone. */
import { PersonaError } from '../../lib/errors.ts';

export const hourMs = 3_600_000;
export const dayMs = 86_400_000;

/** Midnight UTC of an ISO date (YYYY-MM-DD), or a bad_option error naming the value. */
export function parseStartDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  // Date.UTC rolls 2024-02-31 over to March; round-tripping catches it.
  if (!m || Number.isNaN(ms) || formatDate(ms) !== iso) {
    throw new PersonaError('bad_option', `sample: start must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(iso)}`);
  }
  return ms;
}

export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

/** Start of the UTC day containing ms. */
export function dayStart(ms: number): number {
  return Math.floor(ms / dayMs) * dayMs;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** YYYY-MM-DD HH:MM:SS, the way order exports usually look. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${formatDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** YYYY-MM-DDTHH:MM:SSZ, the way message APIs usually stamp texts. */
export function formatIso(ms: number): string {
  return `${formatDateTime(ms).replace(' ', 'T')}Z`;
}

export const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
