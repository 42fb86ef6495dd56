/** When a segment is active: shares of events per hour of day and per weekday (UTC). */
export interface ActivityProfile {
  readonly events: number;
  /** 24 shares, hour 0..23. */
  readonly hours: readonly number[];
  /** 7 shares, Monday..Sunday. */
  readonly weekdays: readonly number[];
  readonly peakHour: number | null;
  readonly peakWeekday: string | null;
  /** Every timestamp falls on midnight UTC: dates without a time, so no hour of day is claimed. */
  readonly dateOnly?: boolean;
}

/** Timestamps that all sit on midnight UTC carry a date but no time of day. */
export function isDateOnly(times: readonly number[]): boolean {
  return times.length > 0 && times.every((t) => t % 86_400_000 === 0);
}

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * Per-customer activity as counts, the shape the database returns and segments add up: 24 hours of day,
 * then 7 weekdays (Monday first), then how many events sit on midnight UTC; `activityWidth` per row.
 */
export const activityWidth = 32;
const weekdayOffset = 24;
const midnightOffset = 31;

export interface CustomerActivity {
  readonly customerIds: readonly string[];
  /** Row i (activityWidth counts) is customerIds[i]. */
  readonly counts: Uint32Array;
}

/** Adds these event times to one row of counts (a fresh one by default). */
export function countActivity(times: Iterable<number>, out: Uint32Array = new Uint32Array(activityWidth), row = 0): Uint32Array {
  const o = row * activityWidth;
  for (const t of times) {
    const d = new Date(t);
    out[o + d.getUTCHours()]!++;
    out[o + weekdayOffset + ((d.getUTCDay() + 6) % 7)]!++;
    if (t % 86_400_000 === 0) out[o + midnightOffset]!++;
  }
  return out;
}

export function activityProfile(times: readonly number[]): ActivityProfile {
  return activityFromCounts(countActivity(times));
}

/** The profile of one row of counts (a customer's, or a segment's sum). */
export function activityFromCounts(counts: ArrayLike<number>): ActivityProfile {
  const hours = Array.from({ length: 24 }, (_, h) => counts[h] as number);
  const weekdays = Array.from({ length: 7 }, (_, d) => counts[weekdayOffset + d] as number);
  const n = hours.reduce((a, b) => a + b, 0);
  const share = (v: number) => (n ? Math.round((v / n) * 10000) / 10000 : 0);
  const argmax = (xs: number[]) => (n ? xs.indexOf(Math.max(...xs)) : -1);
  const peakDay = argmax(weekdays);
  // Timestamps that all sit on midnight UTC carry a date but no time of day.
  const dateOnly = n > 0 && counts[midnightOffset] === n;
  return {
    events: n,
    hours: dateOnly ? hours.map(() => 0) : hours.map(share),
    weekdays: weekdays.map(share),
    peakHour: n && !dateOnly ? argmax(hours) : null,
    peakWeekday: peakDay >= 0 ? (weekdayNames[peakDay] as string) : null,
    ...(dateOnly ? { dateOnly } : {}),
  };
}
