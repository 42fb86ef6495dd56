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

export function activityProfile(times: readonly number[]): ActivityProfile {
  const hours = new Array<number>(24).fill(0);
  const weekdays = new Array<number>(7).fill(0);
  for (const t of times) {
    const d = new Date(t);
    hours[d.getUTCHours()]!++;
    weekdays[(d.getUTCDay() + 6) % 7]!++;
  }
  const n = times.length;
  const share = (v: number) => (n ? Math.round((v / n) * 10000) / 10000 : 0);
  const argmax = (xs: number[]) => (n ? xs.indexOf(Math.max(...xs)) : -1);
  const peakDay = argmax(weekdays);
  const dateOnly = isDateOnly(times);
  return {
    events: n,
    hours: dateOnly ? hours.map(() => 0) : hours.map(share),
    weekdays: weekdays.map(share),
    peakHour: n && !dateOnly ? argmax(hours) : null,
    peakWeekday: peakDay >= 0 ? (weekdayNames[peakDay] as string) : null,
    ...(dateOnly ? { dateOnly } : {}),
  };
}
