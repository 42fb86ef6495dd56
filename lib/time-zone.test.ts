import { describe, expect, it } from 'vitest';
import { readEnvironment } from './config.ts';
import { checkTimeZone, formatInstant, shiftClockTimes, zoneOffsetMinutes } from './time-zone.ts';

describe('times in a configured, named time zone', () => {
  it('reads PERSONA_TIMEZONE, defaults to UTC and names a bad zone in the error', () => {
    expect(readEnvironment({}, '/tmp').timeZone).toBe('UTC');
    expect(readEnvironment({ PERSONA_TIMEZONE: 'Asia/Kolkata' }, '/tmp').timeZone).toBe('Asia/Kolkata');
    expect(() => readEnvironment({ PERSONA_TIMEZONE: 'Mars/Olympus' }, '/tmp')).toThrow(/PERSONA_TIMEZONE.*"Mars\/Olympus"/);
    expect(checkTimeZone('utc')).toBe('UTC');
  });

  it('knows offsets, half-hour zones and daylight saving', () => {
    expect(zoneOffsetMinutes('Asia/Kolkata', new Date('2024-01-15T12:00:00Z'))).toBe(330);
    expect(zoneOffsetMinutes('America/New_York', new Date('2024-01-15T12:00:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', new Date('2024-07-15T12:00:00Z'))).toBe(-240);
  });

  it('formats an instant in the zone and names it', () => {
    expect(formatInstant('2024-03-01T22:30:00Z', 'Asia/Tokyo')).toBe('2024-03-02 07:30 Asia/Tokyo');
    expect(formatInstant('2024-03-01T22:30:00Z', 'UTC')).toBe('2024-03-01 22:30 UTC');
  });

  it('shifts UTC clock times in a window across midnight and names the zone once', () => {
    const winter = new Date('2024-01-15T12:00:00Z');
    expect(shiftClockTimes('22:00–02:00 at weekends', 'Asia/Kolkata', winter)).toBe('03:30–07:30 at weekends (Asia/Kolkata)');
    expect(shiftClockTimes('2 days later, 08:00–11:00', 'America/New_York', winter)).toBe('2 days later, 03:00–06:00 (America/New_York)');
    expect(shiftClockTimes('18:00–21:00', 'UTC', winter)).toBe('18:00–21:00 (UTC)');
    expect(shiftClockTimes('right away', 'UTC', winter)).toBe('right away');
  });
});
