import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { catalog } from './catalog.ts';
import { composeText, expand } from './compose.ts';
import { contactLines, greetings, neutralTopic, signoffs } from './phrases.ts';
import { textChannels } from './records.ts';
import { segments } from './segments.ts';
import { createSlots, productPhrase, slotNames, type TextContext } from './slots.ts';
import { topics } from './topics/index.ts';

const pools = [...Object.values(topics), neutralTopic];
const fragments = [
  ...pools.flatMap((p) => [...p.openers, ...p.cores, ...p.details, ...p.closers]),
  ...contactLines, ...greetings, ...signoffs,
];
const ctx: TextContext = {
  product: catalog.electronics[0]!,
  product2: catalog.home[1]!,
  orderId: 'O100123',
  amount: 59.99,
  at: Date.UTC(2024, 11, 3, 20),
};

describe('text fragments', () => {
  it('are well formed: balanced {…} and known [slots]', () => {
    for (const f of fragments) {
      expect(f.replace(/\{[^{}]*\}/g, ''), f).not.toMatch(/[{}]/);
      for (const [, name] of f.matchAll(/\[(\w+)\]/g)) expect(slotNames.has(name as string), `${name} in ${f}`).toBe(true);
      expect(f, f).not.toMatch(/\[[^\]]*$|^[^[]*\]/);
    }
  });

  it('give every segment a topic with enough variety', () => {
    for (const s of segments) {
      const t = topics[s.id];
      expect(t.openers.length, s.id).toBeGreaterThanOrEqual(8);
      expect(t.cores.length, s.id).toBeGreaterThanOrEqual(12);
      expect(t.details.length, s.id).toBeGreaterThanOrEqual(8);
      expect(t.closers.length, s.id).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('composeText', () => {
  it('fills every alternative and slot', () => {
    const rng = createRng(5);
    for (let i = 0; i < 300; i++) {
      const pool = pools[i % pools.length]!;
      const text = composeText(pool, textChannels[i % textChannels.length]!, rng, createSlots(ctx, rng));
      expect(text).not.toMatch(/[{}[\]]| {2}|^\s|\s$/);
    }
  });

  it('is deterministic for a seed', () => {
    const make = () => {
      const rng = createRng(9);
      return composeText(topics.trust_skeptics, 'email', rng, createSlots(ctx, rng));
    };
    expect(make()).toBe(make());
  });

  it('keeps one value per slot within a text', () => {
    const rng = createRng(1);
    expect(expand('[days] and [days], [order]', rng, createSlots(ctx, rng))).toMatch(/^(\d+) and \1, O100123$/);
  });

  it('names products the way people write them', () => {
    expect(productPhrase('Wireless headset')).toBe('wireless headset');
    expect(productPhrase('USB-C charger')).toBe('USB-C charger');
    expect(productPhrase('E-reader')).toBe('E-reader');
  });
});
