import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from './codec.ts';

describe('fitted-state codec', () => {
  it('round-trips nested typed arrays, numbers and strings exactly', () => {
    const state = {
      version: 1,
      name: 'ä ß 漢',
      nothing: null,
      blocks: [{ fill: Float64Array.of(0.1, -0, 1e-300), scale: 3, columns: ['a', 'b'] }],
      points: Float32Array.of(1.5, -2.25, 3),
      labels: Int32Array.of(-1, 0, 7),
      flags: Uint8Array.of(1, 0, 1),
      odd: Uint32Array.of(4_000_000_000),
      missing: Number.NaN,
      far: Number.POSITIVE_INFINITY,
    };
    const back = decodeState<typeof state>(encodeState(state));
    expect(back.blocks[0]!.fill).toBeInstanceOf(Float64Array);
    expect(Array.from(back.blocks[0]!.fill)).toEqual([0.1, -0, 1e-300]);
    expect(back.points).toEqual(state.points);
    expect(back.labels).toEqual(state.labels);
    expect(back.flags).toEqual(state.flags);
    expect(back.odd[0]).toBe(4_000_000_000);
    expect(back.name).toBe(state.name);
    expect(back.nothing).toBeNull();
    expect(back.missing).toBeNaN();
    expect(back.far).toBe(Number.POSITIVE_INFINITY);
  });

  it('reads a document from an unaligned buffer (as drivers hand bytea back)', () => {
    const bytes = encodeState({ x: Float64Array.of(1, 2, 3) });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(Array.from(decodeState<{ x: Float64Array }>(shifted.subarray(3)).x)).toEqual([1, 2, 3]);
  });

  it('rejects bytes that are not a fitted-state document', () => {
    expect(() => decodeState(new Uint8Array(16))).toThrow(/not a fitted-state document/);
    expect(() => decodeState(new Uint8Array(3))).toThrow(/too short/);
  });
});
