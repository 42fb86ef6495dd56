import { describe, expect, it } from 'vitest';
import { cardClaims, checkAgeBand, checkChannels, checkOccupation, checkTiedItems, parseAgeBand } from './claims.ts';
import { fixtureCard, fixtureSegment } from './test-fixture.ts';

describe('claim precision', () => {
  it('parses age bands', () => {
    expect(parseAgeBand('35–44')).toEqual({ lo: 35, hi: 44 });
    expect(parseAgeBand('65+')).toEqual({ lo: 65, hi: 150 });
    expect(parseAgeBand('unknown')).toBeNull();
  });
  it('checks the age band against the recomputed mean age', () => {
    const seg = fixtureSegment(0); // mean age 34
    expect(checkAgeBand({ ...fixtureCard(0), ageBand: '25–34' }, seg).supported).toBe(true);
    expect(checkAgeBand({ ...fixtureCard(0), ageBand: '55–64' }, seg)).toMatchObject({ supported: false, reason: 'segment mean age is 34.0' });
    const noAge = { ...seg, features: seg.features.filter((f) => f.feature !== 'age') };
    expect(checkAgeBand({ ...fixtureCard(0), ageBand: '25–34' }, noAge).supported).toBe(false);
    expect(checkAgeBand({ ...fixtureCard(0), ageBand: 'unknown' }, noAge).supported).toBe(true);
  });
  it('accepts a hedged occupation and rejects a stated one without such a column', () => {
    expect(checkOccupation({ ...fixtureCard(0), occupation: 'likely a student' }, ['age']).supported).toBe(true);
    expect(checkOccupation({ ...fixtureCard(0), occupation: 'Nurse' }, ['age']).supported).toBe(false);
    expect(checkOccupation({ ...fixtureCard(0), occupation: 'Nurse' }, ['occupation']).supported).toBe(true);
  });
  it('checks channels against the channel plan', () => {
    const checks = checkChannels({ ...fixtureCard(2), preferredChannels: ['App', 'direct mail'] }, fixtureSegment(2));
    expect(checks.map((c) => c.supported)).toEqual([true, false]);
  });
  it('ties goals and frustrations to distinguishing features or terms', () => {
    const checks = checkTiedItems({ ...fixtureCard(1), goals: ['Fewer invoice surprises', 'Live a happy life'], frustrations: [] }, fixtureSegment(1));
    expect(checks.map((c) => c.supported)).toEqual([true, false]);
  });
  it('counts no claim for fields left empty', () => {
    const claims = cardClaims({ ...fixtureCard(0), ageBand: '', occupation: ' ' }, fixtureSegment(0), ['age']);
    expect(claims.some((c) => c.field === 'ageBand' || c.field === 'occupation')).toBe(false);
  });
  it('finds every claim of a correct card supported', () => {
    for (const i of [0, 1, 2]) expect(cardClaims(fixtureCard(i), fixtureSegment(i), ['age']).every((c) => c.supported)).toBe(true);
  });
});
