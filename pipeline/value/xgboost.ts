/**
 * Gradient-boosted regression trees through ml-xgboost (XGBoost in WASM), used as a feature-based
 * baseline next to BG/NBD. Row and column subsampling are off and XGBoost's own seed is fixed, so the
 * same data give the same trees.
 */
import { createRequire } from 'node:module';
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';

export interface XgbRegressorOptions {
  readonly maxDepth?: number;
  readonly eta?: number;
  readonly rounds?: number;
  readonly minChildWeight?: number;
}

export const defaults = Object.freeze({ maxDepth: 4, eta: 0.05, rounds: 300, minChildWeight: 5 });

type XgbConstructor = Awaited<typeof import('ml-xgboost').default>;
let loading: Promise<XgbConstructor> | null = null;

/**
 * Instantiates the WASM module once per process. The package's CommonJS export is itself a promise;
 * require() hands it over as is, where import() interop may wrap it differently per loader.
 */
function loadXgboost(): Promise<XgbConstructor> {
  loading ??= Promise.resolve(requireWithoutStreamingCompile('ml-xgboost') as Promise<XgbConstructor>);
  return loading;
}

/**
 * The package's Emscripten loader prefers WebAssembly.instantiateStreaming(fetch(<file path>)), which
 * Node's fetch cannot do: it prints "wasm streaming compile failed" and falls back to reading the file.
 * Hiding instantiateStreaming while the module initialises (synchronously, inside require) sends it
 * straight to that file read, so nothing is attempted that is known to fail.
 */
function requireWithoutStreamingCompile(id: string): unknown {
  const wasm = (globalThis as unknown as { WebAssembly: { instantiateStreaming?: unknown } }).WebAssembly;
  const streaming = Object.getOwnPropertyDescriptor(wasm, 'instantiateStreaming');
  if (!streaming?.configurable) return createRequire(import.meta.url)(id);
  delete wasm.instantiateStreaming;
  try {
    return createRequire(import.meta.url)(id);
  } finally {
    Object.defineProperty(wasm, 'instantiateStreaming', streaming);
  }
}

export interface TrainedRegressor {
  predict(x: Matrix): Float64Array;
  /** Releases the WASM memory; predict must not be called afterwards. */
  free(): void;
}

export async function trainXgbRegressor(x: Matrix, y: ArrayLike<number>, options: XgbRegressorOptions = {}): Promise<TrainedRegressor> {
  const o = { ...defaults, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof defaults;
  if (!Number.isInteger(o.maxDepth) || o.maxDepth < 1) throw new PersonaError('bad_option', `xgboost: maxDepth must be a positive integer, got ${o.maxDepth}`);
  if (!Number.isInteger(o.rounds) || o.rounds < 1) throw new PersonaError('bad_option', `xgboost: rounds must be a positive integer, got ${o.rounds}`);
  if (!(o.eta > 0 && o.eta <= 1)) throw new PersonaError('bad_option', `xgboost: eta must be in (0, 1], got ${o.eta}`);
  if (!(o.minChildWeight >= 0)) throw new PersonaError('bad_option', `xgboost: minChildWeight must be ≥ 0, got ${o.minChildWeight}`);
  assertShape(x, 'xgboost', { minRows: 2 });
  if (y.length !== x.rows) throw new PersonaError('shape_mismatch', `xgboost: ${y.length} targets for a ${x.rows}×${x.cols} matrix`);
  const XGBoost = await loadXgboost();
  const model = new XGBoost({
    booster: 'gbtree',
    objective: 'reg:linear',
    max_depth: o.maxDepth,
    eta: o.eta,
    min_child_weight: o.minChildWeight,
    subsample: 1,
    colsample_bytree: 1,
    seed: 0,
    silent: 1,
    iterations: o.rounds,
  });
  model.train(toRows(x), Array.from(y));
  const cols = x.cols;
  return {
    predict(m: Matrix): Float64Array {
      assertShape(m, 'xgboost', { cols });
      if (m.rows === 0) return new Float64Array(0);
      return Float64Array.from(model.predict(toRows(m)));
    },
    free: () => model.free(),
  };
}

function toRows(m: Matrix): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < m.rows; i++) rows.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return rows;
}
