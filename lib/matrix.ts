import { PersonaError } from './errors.ts';

/** A dense row-major matrix. Every stage that takes a matrix checks its shape on entry. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array | Float32Array;
}

export function createMatrix(rows: number, cols: number, data?: Float64Array | Float32Array): Matrix {
  const buf = data ?? new Float64Array(rows * cols);
  if (buf.length !== rows * cols) {
    throw new PersonaError('shape_mismatch', `matrix data has ${buf.length} values, expected ${rows}×${cols}=${rows * cols}`);
  }
  return { rows, cols, data: buf };
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r ? (rows[0] as readonly number[]).length : 0;
  const data = new Float64Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new PersonaError('shape_mismatch', `row ${i} has ${row.length} values, expected ${c}`);
    data.set(row, i * c);
  });
  return { rows: r, cols: c, data };
}

export function row(m: Matrix, i: number): Float64Array | Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

export function assertShape(m: Matrix, stage: string, expect: { rows?: number; cols?: number; minRows?: number }): void {
  if (m.data.length !== m.rows * m.cols) {
    throw new PersonaError('shape_mismatch', `${stage}: matrix claims ${m.rows}×${m.cols} but holds ${m.data.length} values`);
  }
  if (expect.rows !== undefined && m.rows !== expect.rows) {
    throw new PersonaError('shape_mismatch', `${stage}: expected ${expect.rows} rows, got ${m.rows}×${m.cols}`);
  }
  if (expect.cols !== undefined && m.cols !== expect.cols) {
    throw new PersonaError('shape_mismatch', `${stage}: expected ${expect.cols} columns, got ${m.rows}×${m.cols}`);
  }
  if (expect.minRows !== undefined && m.rows < expect.minRows) {
    throw new PersonaError('shape_mismatch', `${stage}: needs at least ${expect.minRows} rows, got ${m.rows}×${m.cols}`);
  }
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i] as number)) {
      throw new PersonaError('bad_value', `${stage}: non-finite value at row ${Math.floor(i / m.cols)}, col ${i % m.cols} of ${m.rows}×${m.cols} matrix`);
    }
  }
}

export function squaredEuclidean(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, dim: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) {
    const d = (a[ai + k] as number) - (b[bi + k] as number);
    s += d * d;
  }
  return s;
}
