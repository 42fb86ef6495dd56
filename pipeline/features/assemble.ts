/**
 * Extracted columns → FeatureBlocks: unique names, missing values filled (median, or zero for event
 * counts), constant columns dropped, then each block scaled on its own so no block's units leak into
 * another's.
 */
import { createMatrix } from '../../lib/matrix.ts';
import { median } from '../clean/quantile.ts';
import type { FeatureSettings } from './options.ts';
import { applyScaler, fitScaler, type FittedScaler } from './scale.ts';
import { blockOrder, type BlockName, type ExtractedFeature, type FeatureBlock, type FittedBlock } from './types.ts';

export interface Assembly {
  readonly blocks: FeatureBlock[];
  readonly counts: Record<string, number>;
  readonly notes: string[];
}

export function assembleBlocks(features: readonly ExtractedFeature[], rows: number, s: FeatureSettings): Assembly {
  const counts: Record<string, number> = { duplicate_features_dropped: 0, features_without_data: 0, constant_columns_dropped: 0 };
  const notes: string[] = [];
  const byBlock = new Map<BlockName, ExtractedFeature[]>();
  const names = new Set<string>();
  for (const f of features) {
    // Names are what explanations quote, so they are unique across blocks: the first source wins.
    if (names.has(f.column.name)) {
      counts.duplicate_features_dropped = (counts.duplicate_features_dropped ?? 0) + 1;
      notes.push(`${f.column.name}: a second source ("${f.column.description}") was ignored, the name was taken`);
      continue;
    }
    names.add(f.column.name);
    const list = byBlock.get(f.block) ?? [];
    list.push(f);
    byBlock.set(f.block, list);
  }

  const blocks: FeatureBlock[] = [];
  for (const name of blockOrder) {
    const filled: { f: ExtractedFeature; values: Float64Array; fill: number }[] = [];
    const imputedRows = new Uint8Array(rows);
    let imputed = 0;
    let zeroFilled = 0;
    for (const f of byBlock.get(name) ?? []) {
      const present = Array.from(f.values).filter((v) => Number.isFinite(v));
      if (present.length === 0) {
        counts.features_without_data = (counts.features_without_data ?? 0) + 1;
        notes.push(`${f.column.name}: no customer has a value, column dropped`);
        continue;
      }
      const fill = f.absent === 'zero' ? 0 : median(present);
      const values = Float64Array.from(f.values);
      for (let i = 0; i < rows; i++) {
        if (Number.isFinite(values[i] as number)) continue;
        values[i] = fill;
        if (f.absent === 'zero') zeroFilled++;
        else {
          imputed++;
          imputedRows[i] = 1;
        }
      }
      filled.push({ f, values, fill });
    }
    if (filled.length === 0) continue;
    counts[`imputed_cells_${name}`] = imputed;
    counts[`zero_filled_cells_${name}`] = zeroFilled;
    counts[`customers_imputed_${name}`] = imputedRows.reduce((a, b) => a + b, 0);

    const all = toMatrix(filled.map((c) => c.values), rows);
    const scaler = fitScaler(all, s.scaling);
    const keep = filled.map((_, j) => j).filter((j) => scaler.constant[j] === 0);
    for (let j = 0; j < filled.length; j++) {
      if (scaler.constant[j] === 0) continue;
      const c = filled[j] as (typeof filled)[number];
      counts.constant_columns_dropped = (counts.constant_columns_dropped ?? 0) + 1;
      notes.push(`${c.f.column.name}: every customer has the value ${c.values[0]}, column dropped`);
    }
    counts[`columns_${name}`] = keep.length;
    if (keep.length === 0) {
      notes.push(`${name} block: every column was constant, block dropped`);
      continue;
    }
    const raw = toMatrix(keep.map((j) => (filled[j] as (typeof filled)[number]).values), rows);
    const kept: FittedScaler = {
      kind: scaler.kind,
      center: Float64Array.from(keep, (j) => scaler.center[j] as number),
      scale: Float64Array.from(keep, (j) => scaler.scale[j] as number),
      constant: new Uint8Array(keep.length),
    };
    const fitted = { fill: Float64Array.from(keep, (j) => (filled[j] as (typeof filled)[number]).fill), center: kept.center, scale: kept.scale };
    blocks.push({ name, columns: keep.map((j) => (filled[j] as (typeof filled)[number]).f.column), raw, scaled: applyScaler(raw, kept, s.clip), fitted });
  }
  return { blocks, counts, notes };
}

/**
 * The same blocks as a fit produced, for customers the fit never saw: exactly the fitted columns (by
 * name, in the fitted order), missing values given the fitted fill, scaled with the fitted scaler.
 * Nothing is re-estimated from these rows; a column the extractors did not produce is all fill.
 */
export function assembleWithFit(features: readonly ExtractedFeature[], rows: number, s: FeatureSettings, fitted: readonly FittedBlock[]): Assembly {
  const byName = new Map<string, ExtractedFeature>();
  for (const f of features) if (!byName.has(f.column.name)) byName.set(f.column.name, f);
  const notes: string[] = [];
  let absentColumns = 0;
  const blocks: FeatureBlock[] = fitted.map((b) => {
    const cols = b.columns.length;
    const raw = new Float64Array(rows * cols);
    const columns = b.columns.map((name, j) => {
      const f = byName.get(name);
      if (!f) absentColumns++;
      const fill = b.fill[j] as number;
      for (let i = 0; i < rows; i++) {
        const v = f ? (f.values[i] as number) : Number.NaN;
        raw[i * cols + j] = Number.isFinite(v) ? v : fill;
      }
      return f?.column ?? { name, description: name };
    });
    const rawMatrix = createMatrix(rows, cols, raw);
    const scaler: FittedScaler = { kind: s.scaling, center: b.center, scale: b.scale, constant: new Uint8Array(cols) };
    return { name: b.name, columns, raw: rawMatrix, scaled: applyScaler(rawMatrix, scaler, s.clip), fitted: { fill: b.fill, center: b.center, scale: b.scale } };
  });
  if (absentColumns) notes.push(`${absentColumns} fitted columns had no values for these customers: filled with the fitted fill`);
  return { blocks, counts: { fitted_columns_absent: absentColumns }, notes };
}

function toMatrix(columns: readonly Float64Array[], rows: number) {
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  columns.forEach((c, j) => {
    for (let i = 0; i < rows; i++) data[i * cols + j] = c[i] as number;
  });
  return createMatrix(rows, cols, data);
}
