/** Pools text vectors into one vector per customer: the mean of the customer's texts, re-normalised. */
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';

export interface PooledEmbedding {
  /** customerIds.length × matrix.cols; a customer without texts has a zero row. */
  readonly matrix: Matrix;
  /** Texts per customer, in customerIds order; 0 marks the zero rows (the caller decides what they mean). */
  readonly counts: Int32Array;
}

/** owners[i] is the customer id of text row i; every owner must be one of customerIds. */
export function poolByCustomer(matrix: Matrix, owners: readonly string[], customerIds: readonly string[]): PooledEmbedding {
  assertShape(matrix, 'pool by customer', { rows: owners.length });
  const index = new Map<string, number>();
  customerIds.forEach((id, i) => {
    if (index.has(id)) throw new PersonaError('duplicate_id', `pool by customer: customer id "${id}" appears twice in customerIds`);
    index.set(id, i);
  });
  const cols = matrix.cols;
  const sums = new Float64Array(customerIds.length * cols);
  const counts = new Int32Array(customerIds.length);
  let unknown = 0;
  let example = '';
  owners.forEach((owner, t) => {
    const c = index.get(owner);
    if (c === undefined) {
      if (!unknown) example = owner;
      unknown++;
      return;
    }
    counts[c] = (counts[c] as number) + 1;
    const src = t * cols;
    const dst = c * cols;
    for (let j = 0; j < cols; j++) sums[dst + j] = (sums[dst + j] as number) + (matrix.data[src + j] as number);
  });
  if (unknown) {
    // Silently dropping texts would hide a join problem upstream.
    throw new PersonaError('not_found', `pool by customer: ${unknown} of ${owners.length} texts belong to customers not in customerIds (e.g. "${example}")`);
  }
  for (let c = 0; c < customerIds.length; c++) {
    const off = c * cols;
    let ss = 0;
    for (let j = 0; j < cols; j++) ss += (sums[off + j] as number) ** 2;
    // The mean and the sum point the same way, so normalising the sum gives the normalised mean.
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let j = 0; j < cols; j++) sums[off + j] = (sums[off + j] as number) * inv;
  }
  return { matrix: { rows: customerIds.length, cols, data: sums }, counts };
}
