/** Helpers shared by the embedders: input checks and row L2 normalisation (float64 maths, float32 storage). */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';

/** Returns a Float32 matrix with unit rows; an all-zero row stays zero (there is no direction to keep). */
export function normaliseRows(data: ArrayLike<number>, rows: number, cols: number): Matrix {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    let ss = 0;
    for (let j = 0; j < cols; j++) {
      const v = data[off + j] as number;
      ss += v * v;
    }
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let j = 0; j < cols; j++) out[off + j] = (data[off + j] as number) * inv;
  }
  return { rows, cols, data: out };
}

export function checkTexts(texts: readonly string[], stage: string): void {
  if (!Array.isArray(texts)) throw new PersonaError('bad_value', `${stage}: texts must be an array of strings`);
  texts.forEach((t, i) => {
    if (typeof t !== 'string') throw new PersonaError('bad_value', `${stage}: text ${i} is ${typeof t}, expected a string`);
  });
}
