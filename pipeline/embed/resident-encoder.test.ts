import { afterAll, describe, expect, it } from 'vitest';
import { cosine, createResidentEncoder } from './resident-encoder.ts';

describe('resident sentence encoder', () => {
  const encoder = createResidentEncoder();
  afterAll(() => encoder.close());

  it('returns unit vectors in input order, similar sentences closer than unrelated ones', async () => {
    const [fraud, scam, pizza] = await encoder.encode(['I worry this site is a scam', 'is this store a fraud?', 'pizza toppings recipe']);
    expect(fraud).toHaveLength(512);
    expect(cosine(fraud!, fraud!)).toBeCloseTo(1, 5);
    expect(cosine(fraud!, scam!)).toBeGreaterThan(cosine(fraud!, pizza!));
  });

  it('answers repeated texts identically and survives concurrent requests', async () => {
    const [a, b] = await Promise.all([encoder.encode(['refund please']), encoder.encode(['refund please', 'late delivery'])]);
    expect(Array.from(a[0]!)).toEqual(Array.from(b[0]!));
    expect(b).toHaveLength(2);
  });
});
