/**
 * The clean stage for customer tables: validation, imputation, outlier capping and rare-level folding
 * over a Frame. Pure: the input frame is not mutated, no row is dropped, and every change is counted
 * per column and rule so the data report can say exactly what was repaired.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { CellValue, Frame, StageReport } from '../types.ts';
import { cleanRules, type CleanChange, type CleanRule } from './changes.ts';
import { isCodeLike, isYearColumn, neverImputed, numericRoles } from './column-kinds.ts';
import { fillMissing, modeOf } from './impute.ts';
import { capEligible, capValues, fencesFor, type CapMethod } from './outliers.ts';
import { formatNumber, median, sortedNumbers } from './quantile.ts';
import { foldRareLevels } from './rare-levels.ts';
import { distinctCount, validateColumn } from './validate.ts';
import type { CleanFit, FittedCleanColumn } from './clean-fit.ts';

export type { CleanChange, CleanRule } from './changes.ts';
export type { CapMethod } from './outliers.ts';
export type ImputeMethod = 'median_mode' | 'none';

export interface CleanSettings {
  readonly impute: ImputeMethod;
  readonly capOutliers: CapMethod;
  readonly iqrFactor: number;
  /** Percentile fences in percent (used when capOutliers is 'percentile'). */
  readonly lowerPercentile: number;
  readonly upperPercentile: number;
  /** Levels with a smaller share of the present values fold into rareLevelLabel. */
  readonly rareLevelShare: number;
  readonly rareLevelLabel: string;
  readonly minBirthYear: number;
  readonly maxAge: number;
  /** Latest plausible birth year. undefined = the latest datetime in the data, else the current UTC year. */
  readonly referenceYear: number | undefined;
}

export type CleanOptions = Partial<CleanSettings>;

export const cleanDefaults: CleanSettings = Object.freeze({
  impute: 'median_mode',
  capOutliers: 'iqr',
  iqrFactor: 3,
  lowerPercentile: 1,
  upperPercentile: 99,
  rareLevelShare: 0.01,
  rareLevelLabel: 'Other',
  minBirthYear: 1901,
  maxAge: 110,
  referenceYear: undefined,
});

export type CleanReport = StageReport & {
  readonly changes: CleanChange[];
  /** Columns with a single distinct value: kept in the frame, skipped by feature building. */
  readonly constantColumns: string[];
  /** What was estimated from these rows, to clean rows it never saw alike (see apply-fit.ts). */
  readonly fitted: CleanFit;
};

export function cleanFrame(frame: Frame, options: CleanOptions = {}): { frame: Frame; report: CleanReport } {
  const started = performance.now();
  const s = resolveSettings(options);
  checkShape(frame);
  const derived = s.referenceYear === undefined ? latestYear(frame) : null;
  const referenceYear = s.referenceYear ?? derived ?? new Date().getUTCFullYear();
  const referenceYearFrom = s.referenceYear !== undefined ? 'option' : derived !== null ? 'data' : 'clock';

  const changes: CleanChange[] = [];
  const constantColumns: string[] = [];
  const notes: string[] = [];
  const values: Record<string, CellValue[]> = {};
  const fitted: Record<string, FittedCleanColumn> = {};
  const add = (column: string, rule: CleanRule, count: number, detail: string, levels?: string[]) => {
    if (count > 0) changes.push(levels ? { column, rule, count, detail, levels } : { column, rule, count, detail });
  };

  for (const name of frame.columns) {
    const role = frame.roles[name] ?? 'ignore';
    const col = (frame.values[name] as CellValue[]).slice();
    values[name] = col;
    if (role === 'ignore' || role === 'index') continue;

    const invalid = validateColumn(name, role, col, { minBirthYear: s.minBirthYear, referenceYear, maxAge: s.maxAge });
    const distinct = distinctCount(col, 2);
    if (distinct === 0 && col.length > 0) notes.push(`${name}: no values present`);
    if (distinct === 1) {
      constantColumns.push(name);
      add(name, 'constant_column', col.filter((v) => v !== null).length, `one distinct value (${JSON.stringify(modeOf(col))}); kept, skipped by features`);
    }

    let imputed = 0;
    let fill: CellValue = null;
    let fenceFit: FittedCleanColumn['fences'] = null;
    let levels: CellValue[] | null = null;
    if (numericRoles.has(role)) {
      const observed = col.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const eligible = capEligible(role);
      // Years are not magnitudes, and two-valued columns are flags coded as numbers: neither is capped.
      // Nor are category codes stored as numbers: a fence between codes would invent a level.
      const cappable = !isYearColumn(name) && distinct > 2 && !isCodeLike(name, col);
      const fences = cappable ? fencesFor(sortedNumbers(observed.filter(eligible)), capSettings(s)) : null;
      if (s.impute === 'median_mode' && !neverImputed.has(role)) {
        if (observed.length) {
          const m = median(observed);
          fill = m;
          imputed = fillMissing(col, m);
          add(name, 'imputed_median', imputed, `missing → median ${formatNumber(m)}`);
        } else if (col.length) notes.push(`${name}: nothing to impute from`);
      }
      if (fences?.ok) {
        fenceFit = { lower: fences.lower, upper: fences.upper };
        const capped = capValues(col, fences.lower, fences.upper, eligible);
        add(name, 'capped_outlier', capped, `outside [${formatNumber(fences.lower)}, ${formatNumber(fences.upper)}] (${fences.how}) → set to the fence`);
      } else if (fences && fences.why) notes.push(`${name}: ${fences.why}`);
    } else if (role === 'categorical' || role === 'boolean') {
      const mode = modeOf(col);
      if (s.impute === 'median_mode' && mode !== null) {
        fill = mode;
        imputed = fillMissing(col, mode);
        add(name, 'imputed_mode', imputed, `missing → mode ${JSON.stringify(mode)}`);
      }
      if (role === 'categorical') {
        levels = keptLevels(col, s.rareLevelShare, s.rareLevelLabel);
        const folded = foldRareLevels(col, s.rareLevelShare, s.rareLevelLabel);
        if (folded) {
          const list = folded.levels.map((l) => `${JSON.stringify(l.level)} (${l.count})`).join(', ');
          const detail = `levels under ${formatNumber(s.rareLevelShare * 100)}% of rows: ${list} → ${JSON.stringify(s.rareLevelLabel)}`;
          add(name, 'rare_level_folded', folded.count, detail, folded.levels.map((l) => l.level));
        }
      }
    }

    fitted[name] = { fill, fences: fenceFit, levels, constant: distinct === 1 };
    if (invalid) {
      const after = !invalid.setMissing ? 'kept and flagged' : imputed > 0 ? 'set missing, then imputed' : 'set missing';
      add(name, invalid.rule, invalid.count, `${invalid.found} → ${after}`);
    }
  }

  const order = new Map(cleanRules.map((r, i) => [r, i]));
  changes.sort((a, b) => (order.get(a.rule) as number) - (order.get(b.rule) as number));
  const counts: Record<string, number> = {};
  for (const c of changes) counts[c.rule] = (counts[c.rule] ?? 0) + c.count;

  const out: Frame = { columns: frame.columns.slice(), roles: { ...frame.roles }, values, rowCount: frame.rowCount };
  const report: CleanReport = {
    stage: 'clean',
    ms: performance.now() - started,
    rowsIn: frame.rowCount,
    rowsOut: frame.rowCount,
    params: { ...s, referenceYear, referenceYearFrom, constantColumns },
    counts,
    notes,
    changes,
    constantColumns,
    fitted: { referenceYear, columns: fitted },
  };
  return { frame: out, report };
}

/** The levels rare-level folding keeps (before folding), or null when it leaves the column alone. */
function keptLevels(col: readonly CellValue[], minShare: number, label: string): CellValue[] | null {
  const counts = new Map<CellValue, number>();
  let present = 0;
  for (const v of col) {
    if (v === null) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    present++;
  }
  const kept = [...counts].filter(([level, c]) => level === label || c / present >= minShare).map(([level]) => level);
  return kept.length ? kept : null;
}

function capSettings(s: CleanSettings) {
  return { method: s.capOutliers, iqrFactor: s.iqrFactor, lowerPercentile: s.lowerPercentile, upperPercentile: s.upperPercentile };
}

/** Defaults overlaid with the options given; undefined in options means "use the default". */
function resolveSettings(options: CleanOptions): CleanSettings {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const s: CleanSettings = { ...cleanDefaults, ...given };
  const bad = (message: string): never => {
    throw new PersonaError('bad_option', `clean: ${message}`);
  };
  if (s.impute !== 'median_mode' && s.impute !== 'none') bad(`impute must be 'median_mode' or 'none', got ${JSON.stringify(s.impute)}`);
  if (!['iqr', 'percentile', 'none'].includes(s.capOutliers)) bad(`capOutliers must be 'iqr', 'percentile' or 'none', got ${JSON.stringify(s.capOutliers)}`);
  if (!(Number.isFinite(s.iqrFactor) && s.iqrFactor > 0)) bad(`iqrFactor must be a positive number, got ${s.iqrFactor}`);
  if (!(s.lowerPercentile >= 0 && s.lowerPercentile < s.upperPercentile && s.upperPercentile <= 100)) {
    bad(`percentiles must satisfy 0 ≤ lower < upper ≤ 100, got ${s.lowerPercentile} and ${s.upperPercentile}`);
  }
  if (!(s.rareLevelShare >= 0 && s.rareLevelShare < 1)) bad(`rareLevelShare must be in [0, 1), got ${s.rareLevelShare}`);
  if (typeof s.rareLevelLabel !== 'string' || s.rareLevelLabel === '') bad('rareLevelLabel must be a non-empty string');
  if (!Number.isInteger(s.minBirthYear)) bad(`minBirthYear must be an integer, got ${s.minBirthYear}`);
  if (!(Number.isFinite(s.maxAge) && s.maxAge > 0)) bad(`maxAge must be a positive number, got ${s.maxAge}`);
  if (s.referenceYear !== undefined && !(Number.isInteger(s.referenceYear) && s.referenceYear >= s.minBirthYear)) {
    bad(`referenceYear must be an integer ≥ minBirthYear (${s.minBirthYear}), got ${s.referenceYear}`);
  }
  return s;
}

function checkShape(frame: Frame): void {
  for (const name of frame.columns) {
    const col = frame.values[name];
    if (!col) throw new PersonaError('shape_mismatch', 'frame has no values for the column', { column: name });
    if (col.length !== frame.rowCount) {
      throw new PersonaError('shape_mismatch', `column has ${col.length} values, frame has ${frame.rowCount} rows`, { column: name });
    }
  }
}

/** UTC year of the latest datetime cell (epoch ms, or a parseable date string), or null. */
function latestYear(frame: Frame): number | null {
  let latest = Number.NEGATIVE_INFINITY;
  for (const name of frame.columns) {
    if (frame.roles[name] !== 'datetime') continue;
    for (const v of frame.values[name] ?? []) {
      const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN;
      if (Number.isFinite(t) && t > latest) latest = t;
    }
  }
  return Number.isFinite(latest) ? new Date(latest).getUTCFullYear() : null;
}
