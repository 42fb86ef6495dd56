/**
 * UMAP via umap-js, seeded through the injected Rng (umap-js takes all its randomness from `random`).
 * The neighbour graph is built in one blocking step; the layout epochs then run in slices of ~15 ms with
 * a yield to the event loop between slices, so a server stays responsive (heavy callers run the whole
 * pipeline in a worker anyway). Euclidean distance: on unit-length embeddings it ranks neighbours
 * exactly as cosine does.
 */
import { UMAP } from 'umap-js';
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import type { Reducer, Reduction } from '../types.ts';
import { checkComponents, createPca } from './pca.ts';

export type UmapSettings = {
  readonly components: number;
  readonly nNeighbors: number;
  /** 0 packs clusters tightly, which suits density clustering; ~0.1 reads better as a picture. */
  readonly minDist: number;
  readonly nEpochs: number;
};

export const umapDefaults: UmapSettings = Object.freeze({ components: 5, nNeighbors: 15, minDist: 0, nEpochs: 200 });

/** Below this many rows the neighbour graph means nothing; PCA is returned instead, with a note. */
export const UMAP_MIN_ROWS = 4;

const SLICE_MS = 15;

export function createUmap(options: Partial<UmapSettings> = {}): Reducer {
  const settings: UmapSettings = Object.freeze({
    components: options.components ?? umapDefaults.components,
    nNeighbors: options.nNeighbors ?? umapDefaults.nNeighbors,
    minDist: options.minDist ?? umapDefaults.minDist,
    nEpochs: options.nEpochs ?? umapDefaults.nEpochs,
  });
  return {
    name: 'umap',
    options: settings,
    fit: (x, rng) => fitUmap(x, rng, settings),
  };
}

function checkSettings(s: UmapSettings): void {
  checkComponents(s.components, 'umap');
  if (!Number.isInteger(s.nNeighbors) || s.nNeighbors < 2) {
    throw new PersonaError('bad_option', `umap: nNeighbors must be an integer ≥ 2, got ${s.nNeighbors}`);
  }
  if (!Number.isFinite(s.minDist) || s.minDist < 0 || s.minDist > 1) {
    throw new PersonaError('bad_option', `umap: minDist must be in [0, 1], got ${s.minDist}`);
  }
  if (!Number.isInteger(s.nEpochs) || s.nEpochs < 1 || s.nEpochs > 10_000) {
    throw new PersonaError('bad_option', `umap: nEpochs must be an integer in 1..10000, got ${s.nEpochs}`);
  }
}

async function fitUmap(x: Matrix, rng: Rng, s: UmapSettings): Promise<Reduction> {
  return (await fitUmapModel(x, rng, s)).reduction;
}

/** A UMAP fit that can also place rows it was not fitted on (umap-js transform; PCA fallback: none). */
export interface FittedUmap {
  readonly reduction: Reduction;
  /** Embeds new rows against the fitted graph, without moving the fitted rows. Null below UMAP_MIN_ROWS. */
  readonly transform: ((x: Matrix) => Matrix) | null;
}

export async function fitUmapModel(x: Matrix, rng: Rng, options: Partial<UmapSettings> = {}): Promise<FittedUmap> {
  const s: UmapSettings = { ...umapDefaults, ...options };
  const t0 = performance.now();
  checkSettings(s);
  assertShape(x, 'umap', { minRows: 1 });
  const notes: string[] = [];
  if (x.rows < UMAP_MIN_ROWS) {
    const pca = await createPca({ components: Math.min(s.components, x.cols) }).fit(x, rng);
    notes.push(`only ${x.rows} rows: PCA used instead of UMAP`, ...(pca.report.notes ?? []));
    return { reduction: { ...pca, report: { ...pca.report, stage: 'umap', ms: performance.now() - t0, params: { ...s, method: 'pca' }, notes } }, transform: null };
  }
  let nNeighbors = s.nNeighbors;
  if (x.rows <= nNeighbors) {
    nNeighbors = x.rows - 1;
    notes.push(`nNeighbors clamped from ${s.nNeighbors} to ${nNeighbors}: only ${x.rows} rows`);
  }
  // A fork keyed by the stage name: the result depends on the seed only, not on what else drew from rng.
  const stream = rng.fork('umap');
  const umap = new UMAP({
    nComponents: s.components,
    nNeighbors,
    minDist: s.minDist,
    nEpochs: s.nEpochs,
    random: () => stream.next(),
  });
  const rows: number[][] = [];
  for (let i = 0; i < x.rows; i++) rows.push(Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
  const epochs = umap.initializeFit(rows);
  let sliceStart = performance.now();
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  const out = umap.getEmbedding();
  const data = new Float64Array(x.rows * s.components);
  out.forEach((r, i) => data.set(r, i * s.components));
  assertShape({ rows: x.rows, cols: s.components, data }, 'umap output', { rows: x.rows, cols: s.components });
  const transform = (y: Matrix): Matrix => {
    assertShape(y, 'umap transform', { cols: x.cols });
    const input: number[][] = [];
    for (let i = 0; i < y.rows; i++) input.push(Array.from(y.data.subarray(i * y.cols, (i + 1) * y.cols)));
    const placed = y.rows ? umap.transform(input) : [];
    const outData = new Float64Array(y.rows * s.components);
    placed.forEach((r, i) => outData.set(r, i * s.components));
    return { rows: y.rows, cols: s.components, data: outData };
  };
  const embedding = { rows: x.rows, cols: s.components, data };
  const reduction: Reduction = {
    embedding,
    fitted: { kind: 'neighbours', cols: x.cols, k: nNeighbors, points: Float32Array.from(x.data), embedding },
    report: {
      stage: 'umap',
      ms: performance.now() - t0,
      rowsIn: x.rows,
      rowsOut: x.rows,
      params: { ...s, effectiveNNeighbors: nNeighbors, metric: 'euclidean' },
      notes,
    },
  };
  return { reduction, transform };
}

export interface Project2dOptions {
  readonly method?: 'umap' | 'pca';
  readonly nNeighbors?: number;
  readonly minDist?: number;
  readonly nEpochs?: number;
}

/** The 2-D map kept with every run (for plotting, never for clustering). Always rows × 2. */
export async function project2d(x: Matrix, rng: Rng, options: Project2dOptions = {}): Promise<Reduction> {
  const method = options.method ?? 'umap';
  if (method !== 'umap' && method !== 'pca') throw new PersonaError('bad_option', `project2d: method must be "umap" or "pca", got "${String(method)}"`);
  assertShape(x, 'project2d', { minRows: 1 });
  const map2d = rng.fork('map2d');
  const reducer =
    method === 'pca'
      ? createPca({ components: Math.min(2, x.cols) })
      : createUmap({ components: 2, nNeighbors: options.nNeighbors ?? 15, minDist: options.minDist ?? 0.1, nEpochs: options.nEpochs ?? 200 });
  const r = await reducer.fit(x, map2d);
  const report = { ...r.report, stage: 'project2d', params: { ...r.report.params, method } };
  if (r.embedding.cols === 2) return { embedding: r.embedding, report };
  // One input column (or PCA fallback on one column): pad a zero second axis so the map is always 2-D.
  const data = new Float64Array(x.rows * 2);
  for (let i = 0; i < x.rows; i++) data[i * 2] = r.embedding.data[i * r.embedding.cols] as number;
  return { embedding: { rows: x.rows, cols: 2, data }, report: { ...report, notes: [...(report.notes ?? []), 'second axis is zero: the input has one column'] } };
}
