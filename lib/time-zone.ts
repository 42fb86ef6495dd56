/**
 * Times in answers are shown in one configured, named time zone (PERSONA_TIMEZONE, default UTC). Stored
 * times and the hour-of-day features are UTC; these helpers convert for display and always name the zone.
 */
import { PersonaError } from './errors.ts';

export const defaultTimeZone = 'UTC';

/** The zone's IANA name as configured (case fixed, aliases kept), or a clear error naming the setting. */
export function checkTimeZone(zone: string, setting = 'PERSONA_TIMEZONE'): string {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    throw new PersonaError('bad_config', `${setting} must be an IANA time zone such as "Europe/Paris" or "UTC"; got "${zone}"`);
  }
}

/** Minutes the zone is ahead of UTC at an instant (negative west of Greenwich). */
export function zoneOffsetMinutes(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** "2024-03-05 14:20 Europe/Paris": an instant as a date and time in the zone, named. */
export function formatInstant(iso: string, zone: string = defaultTimeZone): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const local = new Date(at.getTime() + zoneOffsetMinutes(zone, at) * 60_000);
  return `${local.toISOString().slice(0, 10)} ${local.toISOString().slice(11, 16)} ${zone}`;
}

/** "2024-03-05": the calendar day of an instant in the zone. */
export function formatDay(iso: string, zone: string = defaultTimeZone): string {
  return formatInstant(iso, zone).slice(0, 10);
}

/**
 * A text with UTC clock times ("18:00–21:00 on weekdays") shifted into the zone at the given instant's
 * offset, with the zone named once at the end: "19:00–22:00 on weekdays (Europe/Paris)".
 */
export function shiftClockTimes(text: string, zone: string = defaultTimeZone, at: Date = new Date()): string {
  const offset = zoneOffsetMinutes(zone, at);
  const shifted = text.replace(/\b([01]?\d|2[0-3]):([0-5]\d)\b/g, (_m, h: string, m: string) => {
    const minutes = (((Number(h) * 60 + Number(m) + offset) % 1440) + 1440) % 1440;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  });
  return shifted === text && !/\d:\d/.test(text) ? text : `${shifted} (${zone})`;
}
