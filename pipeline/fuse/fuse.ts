/**
 * Fuses per-customer feature blocks (e.g. text semantics and behaviour) into one matrix whose blocks
 * carry exactly the share of total variance their weights say. Each block is centred, divided by its
 * root-mean-square row norm (so its mean squared row norm is 1), multiplied by √weight, and the blocks
 * are concatenated column-wise. Total variance is then Σ weight = 1 and block b holds weight_b of it,
 * whatever its column count or scale.
 *
 * Weights: normalised to sum 1 over the blocks present; entries for absent blocks are ignored (noted).
 * With no weights given: `fuseDefaults` when the blocks are exactly "semantic" and "behavioural",
 * otherwise equal weights. Weights given for some present blocks but not others is an error.
 */
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';
import type { StageReport } from '../types.ts';

export interface FuseBlock {
  readonly name: string;
  readonly matrix: Matrix;
}

export const fuseDefaults: Readonly<Record<string, number>> = Object.freeze({ semantic: 0.75, behavioural: 0.25 });

/** What a fusion fitted: per block, its column means and the factor √weight / rms. */
export interface FittedFusion {
  readonly blocks: readonly { readonly name: string; readonly mean: Float64Array; readonly scale: number }[];
}

export interface FuseResult {
  readonly matrix: Matrix;
  readonly report: StageReport;
  readonly fitted: FittedFusion;
}

export function fuseBlocks(blocks: readonly FuseBlock[], weights: Readonly<Record<string, number>> = {}): FuseResult {
  const t0 = performance.now();
  if (!blocks.length) throw new PersonaError('bad_config', 'fuse: no blocks to fuse');
  const names = blocks.map((b) => b.name);
  const shapes = blocks.map((b) => `${b.name} ${b.matrix.rows}×${b.matrix.cols}`).join(', ');
  if (new Set(names).size !== names.length) throw new PersonaError('bad_config', `fuse: block names must be unique, got ${names.join(', ')}`);
  for (const b of blocks) assertShape(b.matrix, `fuse block "${b.name}"`, {});
  const rows = (blocks[0] as FuseBlock).matrix.rows;
  if (blocks.some((b) => b.matrix.rows !== rows)) throw new PersonaError('shape_mismatch', `fuse: blocks must have the same rows, got ${shapes}`);

  const notes: string[] = [];
  const w = resolveWeights(names, weights, notes);
  const totalCols = blocks.reduce((s, b) => s + b.matrix.cols, 0);
  const out = new Float64Array(rows * totalCols);
  const counts: Record<string, number> = {};
  const fitted: { name: string; mean: Float64Array; scale: number }[] = [];
  let offset = 0;
  blocks.forEach((b, bi) => {
    const { cols, data } = b.matrix;
    const mean = new Float64Array(cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) + (data[i * cols + j] as number) / rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) ss += ((data[i * cols + j] as number) - (mean[j] as number)) ** 2;
    const rms = Math.sqrt(ss / Math.max(rows, 1));
    if (rms === 0 && rows > 0) notes.push(`block "${b.name}" is constant: it contributes zeros, not its weight`);
    const scale = rms > 0 ? Math.sqrt(w[bi] as number) / rms : 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[i * totalCols + offset + j] = ((data[i * cols + j] as number) - (mean[j] as number)) * scale;
    }
    counts[`${b.name}_cols`] = cols;
    fitted.push({ name: b.name, mean, scale });
    offset += cols;
  });
  return {
    matrix: { rows, cols: totalCols, data: out },
    report: {
      stage: 'fuse',
      ms: performance.now() - t0,
      rowsIn: rows,
      rowsOut: rows,
      params: { weights: Object.fromEntries(names.map((n, i) => [n, w[i] as number])), blocks: names },
      counts,
      notes,
    },
    fitted: { blocks: fitted },
  };
}

/** New rows fused with a fitted fusion's centres and factors: the blocks it names, in its order. */
export function applyFusion(blocks: readonly FuseBlock[], fitted: FittedFusion): Matrix {
  if (!fitted.blocks.length) throw new PersonaError('bad_config', 'fuse: the fitted fusion has no blocks');
  const chosen = fitted.blocks.map((f) => {
    const b = blocks.find((x) => x.name === f.name);
    if (!b) throw new PersonaError('shape_mismatch', `fuse: the fit had a "${f.name}" block, these customers have ${blocks.map((x) => x.name).join(', ') || 'none'}`);
    if (b.matrix.cols !== f.mean.length) throw new PersonaError('shape_mismatch', `fuse: block "${f.name}" has ${b.matrix.cols} columns, the fit had ${f.mean.length}`);
    return { b, f };
  });
  const rows = (chosen[0] as (typeof chosen)[number]).b.matrix.rows;
  if (chosen.some((c) => c.b.matrix.rows !== rows)) throw new PersonaError('shape_mismatch', 'fuse: blocks must have the same rows');
  const totalCols = chosen.reduce((s, c) => s + c.f.mean.length, 0);
  const out = new Float64Array(rows * totalCols);
  let offset = 0;
  for (const { b, f } of chosen) {
    const cols = f.mean.length;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[i * totalCols + offset + j] = ((b.matrix.data[i * cols + j] as number) - (f.mean[j] as number)) * f.scale;
    }
    offset += cols;
  }
  return { rows, cols: totalCols, data: out };
}

function resolveWeights(names: readonly string[], given: Readonly<Record<string, number>>, notes: string[]): number[] {
  const keys = Object.keys(given);
  let raw: number[];
  if (!keys.length) {
    const isDefaultPair = names.length === 2 && names.every((n) => n in fuseDefaults);
    raw = names.map((n) => (isDefaultPair ? (fuseDefaults[n] as number) : 1));
    notes.push(isDefaultPair ? 'default weights semantic 0.75, behavioural 0.25' : 'no weights given: equal weights');
  } else {
    const missing = names.filter((n) => !(n in given));
    if (missing.length) {
      throw new PersonaError('bad_config', `fuse: no weight for block(s) ${missing.join(', ')}; blocks present: ${names.join(', ')}; weights given: ${keys.join(', ')}`);
    }
    const unused = keys.filter((k) => !names.includes(k));
    if (unused.length) notes.push(`weights for absent blocks ignored: ${unused.join(', ')}`);
    raw = names.map((n) => given[n] as number);
  }
  raw.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0) throw new PersonaError('bad_config', `fuse: weight of block "${names[i]}" must be a finite number ≥ 0, got ${v}`);
  });
  const sum = raw.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new PersonaError('bad_config', `fuse: weights of blocks ${names.join(', ')} sum to 0`);
  return raw.map((v) => v / sum);
}
