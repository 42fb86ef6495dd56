/** Customer attributes: demographics drawn around each segment's profile, plus a signup date. */
import type { Rng } from '../../lib/rng.ts';
import { chance, clamp, intBetween, logNormal, weighted, type Weights } from './random.ts';
import type { SampleCustomer } from './records.ts';
import type { SegmentSpec } from './segments.ts';
import { dayMs, formatDate } from './time.ts';

const countries: Weights<string> = { US: 0.4, UK: 0.2, Canada: 0.1, Germany: 0.1, France: 0.08, Netherlands: 0.06, Ireland: 0.06 };
const citySizes: Weights<string> = { 'large city': 0.35, city: 0.3, town: 0.25, rural: 0.1 };

export interface DraftCustomer {
  readonly row: SampleCustomer;
  /** Midnight UTC of the signup day: no order or text comes before it. */
  readonly signupMs: number;
}

export function customerId(index: number): string {
  return `C${String(index + 1).padStart(5, '0')}`;
}

/** Most customers signed up before the period; some join during its first 40%. */
function signupDay(rng: Rng, start: number, end: number): number {
  if (chance(rng, 0.85)) return start - intBetween(rng, 20, 1100) * dayMs;
  const spanDays = Math.max(1, Math.floor(((end - start) * 0.4) / dayMs));
  return start + rng.int(spanDays) * dayMs;
}

export function draftCustomer(index: number, spec: SegmentSpec, start: number, end: number, rng: Rng): DraftCustomer {
  const p = spec.people;
  const signupMs = signupDay(rng, start, end);
  const row: SampleCustomer = {
    customerId: customerId(index),
    signupDate: formatDate(signupMs),
    age: Math.round(clamp(p.ageMedian + p.ageSd * rng.normal(), 18, 88)),
    gender: weighted(rng, p.genders),
    income: Math.round(Math.max(8_000, logNormal(rng, p.incomeMedian, p.incomeSigma)) / 100) * 100,
    country: weighted(rng, countries),
    citySize: weighted(rng, citySizes),
    householdSize: intBetween(rng, p.household[0], p.household[1]),
    preferredDevice: weighted(rng, p.devices),
    newsletterOptIn: chance(rng, p.newsletter),
    plantedSegment: spec.name,
  };
  return { row, signupMs };
}
