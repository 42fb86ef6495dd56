/**
 * The feature stage: customer base → named numeric blocks for clustering and explanations.
 * Composes the extractors (transactions → rfm; customer table → table-rfm and demographics; texts →
 * text-behaviour), then assembles, imputes and scales the blocks. Pure and deterministic: "now" comes
 * from the data or the caller, never the clock.
 */
import { PersonaError } from '../../lib/errors.ts';
import { cleanDefaults, cleanFrame } from '../clean/clean.ts';
import type { StageReport } from '../types.ts';
import { assembleBlocks, assembleWithFit } from './assemble.ts';
import { buildCustomerTable, latestTableTime } from './customer-table.ts';
import { extractDemographics } from './demographics.ts';
import type { FeatureInputs } from './inputs.ts';
import { resolveFeatureOptions, type FeatureOptions } from './options.ts';
import { extractRfm, extractRfmFromAggregates } from './rfm.ts';
import { readTableMeaning } from './column-meaning.ts';
import { extractTableRfm } from './table-rfm.ts';
import { extractTextBehaviour } from './text-behaviour.ts';
import type { ExtractedFeature, Extraction, FeatureBlock } from './types.ts';
import type { ColumnRole, Frame } from '../types.ts';
import { applyCleanFit, type CleanFit } from '../clean/apply-fit.ts';
import type { FittedFeatureSet, FittedFeatures, TableContext } from './context.ts';
import type { RfmFit } from './rfm.ts';
import type { TextFit } from './text-behaviour.ts';
import { snakeName } from '../clean/column-kinds.ts';
import type { Matrix } from '../../lib/matrix.ts';

/** Column names that usually hold a known class or an outcome: kept out of features unless included. */
export const labelLikeNames = /(^|_)(segment|segments|class|cluster|label|labels|target|churn|churned|response|outcome)(_|$)/;

export type { FeatureOptions, FeatureSettings } from './options.ts';
export { featureDefaults } from './options.ts';

/**
 * `fitted`: an earlier fit. Given, the extracted values are placed in exactly its columns with their
 * fills and scalers (a transform, nothing re-estimated); pass that fit's referenceTime in the inputs
 * too, so recency is measured from the same "now". With its context, every choice the extraction
 * makes from the data (roles, fills, caps, levels, channels) is the fit's, so the inputs need hold
 * only the customers to transform; without it, they must include the fit's customers as context.
 */
export function buildFeatures(inputs: FeatureInputs, options: FeatureOptions = {}, fitted?: FittedFeatures): FittedFeatureSet {
  const started = performance.now();
  const s = resolveFeatureOptions(options);
  const index = checkInputs(inputs);
  const rows = index.size;
  const counts: Record<string, number> = { customers: rows };
  const notes: string[] = [];
  const extractions: Extraction[] = [];

  const given = fitted?.context;
  const { roles: tableRoles, excluded } = given?.table ? { roles: given.table.roles, excluded: [] } : labelRoles(inputs);
  const table = inputs.customers && (!given || given.table) ? buildCustomerTable(inputs.customers, tableRoles, index, given?.table?.columns) : null;
  const labelsExcluded = table ? excluded.filter((c) => table.frame.columns.includes(c)) : [];
  if (labelsExcluded.length) notes.push(`label-like columns kept out of the features: ${labelsExcluded.join(', ')} (include one with includeColumns)`);
  // Table extractions computed from uncapped values, replacing the capped ones for descriptions.
  const uncappedFor = new Map<Extraction, Extraction>();
  const { time: referenceTime, from: referenceTimeFrom } = referenceTimeOf(inputs, index, table ? latestTableTime(table.frame) : null);
  const referenceYear = referenceTime === null ? null : new Date(referenceTime).getUTCFullYear();
  const context: { table: TableContext | null; transactions: RfmFit | null; texts: TextFit | null } = { table: null, transactions: null, texts: null };

  if (!given || given.transactions) {
    const rfm = inputs.purchaseAggregates
      ? extractRfmFromAggregates(inputs.purchaseAggregates, index, referenceTime, given?.transactions ?? undefined)
      : inputs.transactions
        ? extractRfm(inputs.transactions, index, referenceTime, given?.transactions ?? undefined)
        : null;
    if (rfm) {
      extractions.push(rfm);
      context.transactions = rfm.fit;
    }
  }
  if (table) {
    counts.customers_unknown = table.unknownCustomers;
    counts.customer_rows_duplicate = table.duplicateRows;
    counts.customers_without_table_row = rows - table.frame.rowCount;
    const inferred = Object.entries(table.inferred);
    if (inferred.length) notes.push(`customer table roles inferred from values: ${inferred.map(([c, r]) => `${c}=${r}`).join(', ')}`);
    if (table.frame.rowCount > 0) {
      const t = given?.table;
      // cleanFrame checks birth years against our reference year, so age validation and age agree.
      const cleanYear = referenceYear !== null && referenceYear >= cleanDefaults.minBirthYear ? referenceYear : undefined;
      const cleanOptions = { rareLevelShare: s.rareShare, referenceYear: cleanYear };
      let frame: Frame;
      let clean: CleanFit;
      if (t) {
        frame = applyCleanFit(table.frame, t.clean);
        clean = t.clean;
      } else {
        const cleaned = cleanFrame(table.frame, cleanOptions);
        for (const [rule, n] of Object.entries(cleaned.report.counts ?? {})) counts[`table_${rule}`] = n;
        frame = cleaned.frame;
        clean = cleaned.report.fitted;
      }
      const capped = t ? Object.values(clean.columns).some((c) => c.fences !== null) : (counts.table_capped_outlier ?? 0) > 0;
      const constant = table.frame.columns.filter((c) => clean.columns[c]?.constant);
      counts.constant_table_columns_skipped = constant.length;
      if (constant.length) notes.push(`customer table: constant columns skipped: ${constant.join(', ')}`);
      // Transaction features come first, so where both exist the transaction version of a name wins.
      const meaning = t ? t.meaning : readTableMeaning(table.frame);
      const rfm = extractTableRfm(frame, table.rowOf, rows, referenceTime, {}, meaning);
      extractions.push(rfm);
      const skip = new Set([...rfm.used, ...constant]);
      const settings = { referenceYear, maxLevels: s.maxLevels, rareShare: s.rareShare, otherLabel: cleanDefaults.rareLevelLabel };
      const demographics = extractDemographics(frame, table.rowOf, rows, skip, settings, t?.demographics);
      extractions.push(demographics);
      context.table = { columns: table.frame.columns, roles: table.frame.roles, clean, meaning, demographics: demographics.fit };
      if (capped) {
        // Descriptions quote the data as it is: the same columns again, imputed but not capped.
        const plain = t ? applyCleanFit(table.frame, t.clean, { capOutliers: false }) : cleanFrame(table.frame, { ...cleanOptions, capOutliers: 'none' }).frame;
        uncappedFor.set(rfm, extractTableRfm(plain, table.rowOf, rows, referenceTime, {}, meaning));
        uncappedFor.set(demographics, extractDemographics(plain, table.rowOf, rows, skip, settings, t?.demographics));
      }
    }
  }
  if (inputs.texts && (!given || given.texts)) {
    const texts = extractTextBehaviour(inputs.texts, index, given?.texts ?? undefined);
    extractions.push(texts);
    context.texts = texts.fit;
  }

  for (const e of extractions) {
    for (const [k, n] of Object.entries(e.counts)) counts[k] = (counts[k] ?? 0) + n;
    notes.push(...e.notes);
  }
  const assemble = (features: ExtractedFeature[]) => (fitted ? assembleWithFit(features, rows, s, fitted.blocks) : assembleBlocks(features, rows, s));
  const assembly = assemble(extractions.flatMap((e) => e.features));
  const blocks = uncappedFor.size
    ? withUncapped(assembly.blocks, assemble(extractions.flatMap((e) => (uncappedFor.get(e) ?? e).features)).blocks)
    : assembly.blocks;
  Object.assign(counts, assembly.counts);
  notes.push(...assembly.notes);
  if (assembly.blocks.length === 0) notes.push('no features: the inputs hold no transactions, texts or usable customer columns');

  const report: StageReport = {
    stage: 'features',
    ms: performance.now() - started,
    rowsIn: rows,
    rowsOut: rows,
    params: {
      ...s,
      referenceTime: referenceTime === null ? null : new Date(referenceTime).toISOString(),
      referenceTimeFrom,
      sources: [(inputs.purchaseAggregates ?? inputs.transactions) && 'transactions', inputs.customers && 'customers', inputs.texts && 'texts'].filter(Boolean),
      labelColumnsExcluded: labelsExcluded,
      includeColumns: inputs.includeColumns ?? [],
    },
    counts,
    notes,
  };
  return { customerIds: inputs.customerIds.slice(), referenceTime, blocks, context, report };
}

/** Table roles with label-like and named label columns set to 'label' (never features), and which. */
function labelRoles(inputs: FeatureInputs): { roles: Record<string, ColumnRole>; excluded: string[] } {
  const roles: Record<string, ColumnRole> = { ...(inputs.customerRoles ?? {}) };
  const include = new Set(inputs.includeColumns ?? []);
  const named = new Set(inputs.labelColumns ?? []);
  const columns = new Set<string>();
  for (const c of inputs.customers ?? []) for (const k of Object.keys(c.attributes)) columns.add(k);
  const excluded: string[] = [];
  for (const c of [...columns].sort()) {
    const likeLabel = roles[c] === 'label' || named.has(c) || (labelLikeNames.test(snakeName(c)) && roles[c] !== 'id' && roles[c] !== 'customer_id');
    if (likeLabel && !(include.has(c) && !named.has(c))) {
      roles[c] = 'label';
      excluded.push(c);
    }
  }
  return { roles, excluded };
}

/** Each block gets the uncapped values of its own columns (by name). */
function withUncapped(capped: readonly FeatureBlock[], plain: readonly FeatureBlock[]): FeatureBlock[] {
  const byName = new Map<string, { m: Matrix; j: number }>();
  for (const b of plain) b.columns.forEach((c, j) => byName.set(c.name, { m: b.raw, j }));
  return capped.map((b) => {
    const { rows, cols } = b.raw;
    const data = new Float64Array(rows * cols);
    b.columns.forEach((c, j) => {
      const src = byName.get(c.name);
      for (let i = 0; i < rows; i++) data[i * cols + j] = src ? (src.m.data[i * src.m.cols + src.j] as number) : (b.raw.data[i * cols + j] as number);
    });
    return { ...b, uncapped: { rows, cols, data } };
  });
}

/** customerIds → row index, after checking the inputs can be trusted. */
function checkInputs(inputs: FeatureInputs): Map<string, number> {
  if (!inputs || !Array.isArray(inputs.customerIds)) throw new PersonaError('bad_value', 'features: customerIds must be an array of customer ids');
  if (inputs.customerIds.length === 0) throw new PersonaError('bad_value', 'features: customerIds is empty, there is nobody to describe');
  const index = new Map<string, number>();
  inputs.customerIds.forEach((id, i) => {
    if (typeof id !== 'string' || id === '') throw new PersonaError('bad_value', `features: customerIds[${i}] is not a non-empty string`);
    if (index.has(id)) throw new PersonaError('duplicate_id', `features: customer id ${JSON.stringify(id)} appears twice in customerIds`);
    index.set(id, i);
  });
  for (const key of ['customers', 'transactions', 'purchaseAggregates', 'texts'] as const) {
    if (inputs[key] !== undefined && !Array.isArray(inputs[key])) throw new PersonaError('bad_value', `features: ${key} must be an array`);
  }
  if (inputs.referenceTime !== undefined && !Number.isFinite(inputs.referenceTime)) {
    throw new PersonaError('bad_value', `features: referenceTime must be epoch milliseconds, got ${inputs.referenceTime}`);
  }
  return index;
}

/** The caller's "now", else the latest timestamp of a known customer in any source, else none. */
function referenceTimeOf(inputs: FeatureInputs, index: ReadonlyMap<string, number>, tableLatest: number | null) {
  if (inputs.referenceTime !== undefined) return { time: inputs.referenceTime, from: 'option' as const };
  let latest = tableLatest;
  for (const a of inputs.purchaseAggregates ?? []) {
    const at = a.latestLineAt;
    if (at !== null && Number.isFinite(at) && index.has(a.customerId) && (latest === null || at > latest)) latest = at;
  }
  for (const records of [inputs.purchaseAggregates ? [] : (inputs.transactions ?? []), inputs.texts ?? []]) {
    for (const r of records) {
      if (r.at !== null && Number.isFinite(r.at) && index.has(r.customerId) && (latest === null || r.at > latest)) latest = r.at;
    }
  }
  return latest === null ? { time: null, from: 'none' as const } : { time: latest, from: 'data' as const };
}
