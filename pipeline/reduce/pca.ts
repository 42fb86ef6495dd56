/**
 * Principal component analysis. Up to 1000 columns: exact eigen-decomposition of the covariance matrix,
 * or of the rows × rows Gram matrix when there are fewer rows than columns (same components, far less
 * work). Wider data: block power (subspace) iteration with Rayleigh-Ritz, started from the injected Rng,
 * so the cost grows with rows × cols × components instead of cols³. Signs are fixed so the largest-magnitude
 * loading of every component is positive: the same data always gives the same axes.
 */
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import type { Reducer, Reduction, StageReport } from '../types.ts';
import { symmetricEigen } from './eigen.ts';

export type PcaSettings = {
  /** Output columns; clamped (with a note) to the input's column count. */
  readonly components: number;
};

export const pcaDefaults: PcaSettings = Object.freeze({ components: 50 });

/** Above this many columns the covariance is not formed; subspace iteration is used instead. */
export const PCA_EXACT_MAX_COLS = 1000;

export type PcaReport = StageReport & { readonly explainedVarianceRatio: readonly number[] };

export interface PcaFit {
  /** rows × k scores (centred data projected on the components). */
  readonly embedding: Matrix;
  readonly mean: Float64Array;
  /** k × cols, row i = unit loading vector of component i. */
  readonly components: Float64Array;
  /** Variance along each component (divisor rows − 1). */
  readonly variances: Float64Array;
  readonly explainedVarianceRatio: Float64Array;
  readonly method: 'covariance-eigen' | 'gram-eigen' | 'subspace-iteration';
  readonly iterations: number;
}

export function createPca(options: Partial<PcaSettings> = {}): Reducer {
  const settings: PcaSettings = Object.freeze({ components: options.components ?? pcaDefaults.components });
  return {
    name: 'pca',
    options: settings,
    async fit(x: Matrix, rng: Rng): Promise<Reduction> {
      const t0 = performance.now();
      checkComponents(settings.components, 'pca');
      assertShape(x, 'pca', { minRows: 1 });
      const notes: string[] = [];
      const k = Math.min(settings.components, x.cols);
      if (k < settings.components) notes.push(`components clamped from ${settings.components} to ${k}: the input has only ${x.cols} columns`);
      const fit = fitPca(x, k, rng);
      notes.push(fit.method === 'subspace-iteration' ? `subspace iteration, ${fit.iterations} iterations` : `${fit.method} decomposition`);
      const report: PcaReport = {
        stage: 'pca',
        ms: performance.now() - t0,
        rowsIn: x.rows,
        rowsOut: x.rows,
        params: { ...settings, effectiveComponents: k },
        notes,
        explainedVarianceRatio: Array.from(fit.explainedVarianceRatio),
      };
      return { embedding: fit.embedding, report, fitted: { kind: 'pca', mean: fit.mean, components: fit.components } };
    },
  };
}

export function checkComponents(components: number, stage: string): void {
  if (!Number.isInteger(components) || components < 1) {
    throw new PersonaError('bad_option', `${stage}: components must be a positive integer, got ${components}`);
  }
}

/** Fits k ≤ cols components. The Rng is used only on the subspace-iteration path. */
export function fitPca(x: Matrix, k: number, rng: Rng): PcaFit {
  assertShape(x, 'pca', { minRows: 1 });
  if (!Number.isInteger(k) || k < 1 || k > x.cols) {
    throw new PersonaError('bad_option', `pca: components must be an integer in 1..${x.cols}, got ${k} for a ${x.rows}×${x.cols} matrix`);
  }
  const { rows: n, cols: d } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x.data[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  const xc = new Float64Array(n * d);
  let total = 0;
  for (let idx = 0; idx < n * d; idx++) {
    const v = (x.data[idx] as number) - (mean[idx % d] as number);
    xc[idx] = v;
    total += v * v;
  }
  const denom = Math.max(n - 1, 1);
  total /= denom;

  const found =
    d > PCA_EXACT_MAX_COLS ? subspaceComponents(xc, n, d, k, denom, rng) : n < d ? gramComponents(xc, n, d, k, denom) : exactComponents(xc, n, d, k, denom);
  const { components, variances } = found;
  for (let c = 0; c < k; c++) fixSign(components, c * d, d);

  const scores = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (xc[i * d + j] as number) * (components[c * d + j] as number);
      scores[i * k + c] = s;
    }
  }
  const ratio = Float64Array.from(variances, (v) => (total > 0 ? Math.max(v, 0) / total : 0));
  return {
    embedding: { rows: n, cols: k, data: scores },
    mean,
    components,
    variances,
    explainedVarianceRatio: ratio,
    method: found.method,
    iterations: found.iterations,
  };
}

interface Found {
  readonly method: PcaFit['method'];
  readonly components: Float64Array;
  readonly variances: Float64Array;
  readonly iterations: number;
}

function exactComponents(xc: Float64Array, n: number, d: number, k: number, denom: number): Found {
  // Lower triangle of XᵀX only; symmetricEigen reads no more.
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let a = 0; a < d; a++) {
      const va = xc[off + a] as number;
      if (va === 0) continue;
      const row = a * d;
      for (let b = 0; b <= a; b++) cov[row + b] = (cov[row + b] as number) + va * (xc[off + b] as number);
    }
  }
  for (let idx = 0; idx < d * d; idx++) cov[idx] = (cov[idx] as number) / denom;
  const { values, vectors } = symmetricEigen(cov, d);
  return { method: 'covariance-eigen', components: vectors.slice(0, k * d), variances: values.slice(0, k), iterations: 0 };
}

/** Fewer rows than columns: eigenvectors u of XXᵀ give components Xᵀu / |Xᵀu|. */
function gramComponents(xc: Float64Array, n: number, d: number, k: number, denom: number): Found {
  const gram = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) gram[a * n + b] = dot(xc, a * d, xc, b * d, d) / denom;
  const { values, vectors } = symmetricEigen(gram, n);
  const components = new Float64Array(k * d);
  const variances = new Float64Array(k);
  const floor = Math.max(values[0] ?? 0, 0) * 1e-12;
  for (let c = 0; c < Math.min(k, n); c++) {
    if ((values[c] as number) <= floor) break; // beyond the rank: directions are arbitrary, filled below
    variances[c] = values[c] as number;
    for (let i = 0; i < n; i++) {
      const u = vectors[c * n + i] as number;
      for (let j = 0; j < d; j++) components[c * d + j] = (components[c * d + j] as number) + u * (xc[i * d + j] as number);
    }
  }
  orthonormalise(components, k, d); // normalises the found rows, completes zero rows with unit axes
  return { method: 'gram-eigen', components, variances, iterations: 0 };
}

/** Block power iteration on XᵀX with a few extra vectors for faster convergence, then Rayleigh-Ritz. */
function subspaceComponents(xc: Float64Array, n: number, d: number, k: number, denom: number, rng: Rng): Found {
  const b = Math.min(d, k + 8);
  let q: Float64Array = Float64Array.from({ length: b * d }, () => rng.normal());
  orthonormalise(q, b, d);
  let prev: Float64Array | undefined;
  let ritz: { vectors: Float64Array; values: Float64Array } = { vectors: q, values: new Float64Array(b) };
  let iterations = 0;
  while (iterations < 100) {
    iterations++;
    const y = applyCovariance(xc, n, d, q, b, denom); // b × d
    orthonormalise(y, b, d);
    q = y;
    ritz = rayleighRitz(xc, n, d, q, b, denom);
    q = ritz.vectors;
    if (prev && converged(prev, q, k, d)) break;
    prev = q;
  }
  return { method: 'subspace-iteration', components: ritz.vectors.slice(0, k * d), variances: ritz.values.slice(0, k), iterations };
}

/** Rows of q (b × d) mapped through C = XᵀX / denom. */
function applyCovariance(xc: Float64Array, n: number, d: number, q: Float64Array, b: number, denom: number): Float64Array {
  const out = new Float64Array(b * d);
  const proj = new Float64Array(b);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let c = 0; c < b; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (xc[off + j] as number) * (q[c * d + j] as number);
      proj[c] = s / denom;
    }
    for (let c = 0; c < b; c++) {
      const p = proj[c] as number;
      for (let j = 0; j < d; j++) out[c * d + j] = (out[c * d + j] as number) + p * (xc[off + j] as number);
    }
  }
  return out;
}

function rayleighRitz(xc: Float64Array, n: number, d: number, q: Float64Array, b: number, denom: number): { vectors: Float64Array; values: Float64Array } {
  const cq = applyCovariance(xc, n, d, q, b, denom);
  const small = new Float64Array(b * b);
  for (let r = 0; r < b; r++) for (let c = 0; c <= r; c++) small[r * b + c] = dot(q, r * d, cq, c * d, d);
  const { values, vectors } = symmetricEigen(small, b);
  const rotated = new Float64Array(b * d);
  for (let r = 0; r < b; r++) {
    for (let c = 0; c < b; c++) {
      const w = vectors[r * b + c] as number;
      for (let j = 0; j < d; j++) rotated[r * d + j] = (rotated[r * d + j] as number) + w * (q[c * d + j] as number);
    }
  }
  return { vectors: rotated, values };
}

function converged(prev: Float64Array, next: Float64Array, k: number, d: number): boolean {
  for (let c = 0; c < k; c++) if (1 - Math.abs(dot(prev, c * d, next, c * d, d)) > 1e-12) return false;
  return true;
}

/** Modified Gram-Schmidt on the rows of m (rows × d); a dependent row is replaced by a unit axis. */
function orthonormalise(m: Float64Array, rows: number, d: number): void {
  for (let r = 0; r < rows; r++) {
    for (let attempt = 0; attempt <= d; attempt++) {
      for (let p = 0; p < r; p++) {
        const s = dot(m, r * d, m, p * d, d);
        for (let j = 0; j < d; j++) m[r * d + j] = (m[r * d + j] as number) - s * (m[p * d + j] as number);
      }
      const norm = Math.sqrt(dot(m, r * d, m, r * d, d));
      if (norm > 1e-10) {
        for (let j = 0; j < d; j++) m[r * d + j] = (m[r * d + j] as number) / norm;
        break;
      }
      m.fill(0, r * d, (r + 1) * d);
      m[r * d + ((r + attempt) % d)] = 1;
    }
  }
}

function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, len: number): number {
  let s = 0;
  for (let j = 0; j < len; j++) s += (a[ai + j] as number) * (b[bi + j] as number);
  return s;
}

/** Makes the largest-|value| entry positive; near-ties go to the first index so tiny noise cannot flip it. */
function fixSign(v: Float64Array, off: number, d: number): void {
  let max = 0;
  for (let j = 0; j < d; j++) max = Math.max(max, Math.abs(v[off + j] as number));
  for (let j = 0; j < d; j++) {
    const x = v[off + j] as number;
    if (Math.abs(x) >= max * (1 - 1e-9)) {
      if (x < 0) for (let t = 0; t < d; t++) v[off + t] = -(v[off + t] as number);
      return;
    }
  }
}

/** Projects rows onto fitted components: (x − mean) · componentsᵀ, rows × k. */
export function pcaTransform(x: Matrix, mean: Float64Array, components: Float64Array): Matrix {
  assertShape(x, 'pca transform', { cols: mean.length });
  const d = mean.length;
  const k = components.length / d;
  const out = new Float64Array(x.rows * k);
  const centred = new Float64Array(d);
  for (let i = 0; i < x.rows; i++) {
    for (let t = 0; t < d; t++) centred[t] = (x.data[i * d + t] as number) - (mean[t] as number);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (centred[t] as number) * (components[c * d + t] as number);
      out[i * k + c] = s === 0 ? 0 : s;
    }
  }
  return { rows: x.rows, cols: k, data: out };
}
