/** Reads what the explorer pages show from the database, in the shapes the pages render. */
import type { Db } from '../db/client.ts';
import { datasetsByIdList, latestEvalResultsByRun, runMembership, segmentCounts } from '../db/queries/explorer.ts';
import { listDatasets } from '../db/queries/datasets.ts';
import { defaultRun, getRun, listRuns, runSegments } from '../db/queries/runs.ts';
import { databaseSecret } from '../db/queries/settings.ts';
import type { Dataset, Run } from '../db/schema.ts';
import { pseudonymise, runPseudonymSalt } from '../pipeline/evidence/pseudonym.ts';
import { segmentView, type SegmentView } from '../pipeline/segment/segment-view.ts';
import type { DataReport } from '../pipeline/ingest/report.ts';
import { compareRuns, type RunComparison, type RunMembers } from './compare.ts';

export interface RunMetrics {
  readonly silhouette?: number | null;
  readonly dbcv?: number | null;
  readonly daviesBouldin?: number | null;
  readonly calinskiHarabasz?: number | null;
  readonly coverage?: number | null;
  readonly noiseRate?: number | null;
  readonly clusters?: number | null;
  readonly ari?: number | null;
  readonly nmi?: number | null;
  readonly stability?: { mean?: number | null; perSegment?: readonly number[] } | null;
}

export interface RunRow {
  readonly run: Run;
  readonly segments: number;
  readonly datasets: readonly string[];
  readonly metrics: RunMetrics;
  readonly isDefault: boolean;
  /** Newest score summary per evaluation suite run over this run. */
  readonly evals: readonly EvalSummary[];
}

export interface EvalSummary {
  readonly suite: string;
  readonly passed: boolean;
  /** Suite-wide scores (no scope), at most a few. */
  readonly scores: readonly { metric: string; value: number }[];
}

export async function loadRunRows(db: Db): Promise<RunRow[]> {
  const [runs, counts, datasets, def, evals] = await Promise.all([listRuns(db, 200), segmentCounts(db), listDatasets(db), defaultRun(db), latestEvalResultsByRun(db)]);
  const names = new Map(datasets.map((d) => [d.id, d.name]));
  return runs.map((run) => ({
    run,
    segments: counts.get(run.id) ?? 0,
    datasets: run.datasetIds.map((id) => names.get(id) ?? `dataset ${id}`),
    metrics: (run.metrics as RunMetrics | null) ?? {},
    isDefault: def?.id === run.id,
    evals: (evals.get(run.id) ?? []).map((e) => ({
      suite: e.suite,
      passed: e.passed,
      scores: ((e.scores as { metric: string; value: number; scope?: string }[] | null) ?? []).filter((x) => !x.scope).slice(0, 3).map((x) => ({ metric: x.metric, value: x.value })),
    })),
  }));
}

export interface RunDetail {
  readonly run: Run;
  readonly metrics: RunMetrics;
  readonly segments: readonly SegmentView[];
  readonly datasets: readonly Dataset[];
  readonly isDefault: boolean;
}

export async function loadRun(db: Db, runId: number): Promise<RunDetail | null> {
  const run = Number.isInteger(runId) ? await getRun(db, runId) : null;
  if (!run) return null;
  const [segs, datasets, def] = await Promise.all([runSegments(db, run.id), datasetsByIdList(db, run.datasetIds), defaultRun(db)]);
  return { run, metrics: (run.metrics as RunMetrics | null) ?? {}, segments: segs.map(segmentView), datasets, isDefault: def?.id === run.id };
}

export async function loadDatasets(db: Db): Promise<Dataset[]> {
  return listDatasets(db);
}

export function reportOf(d: Dataset): Partial<DataReport> {
  return (d.report as Partial<DataReport> | null) ?? {};
}

/** One row of the data funnel: what a stage received, kept and dropped. */
export interface FunnelRow {
  readonly stage: string;
  readonly dataset: string;
  readonly before: number;
  readonly after: number;
  readonly note: string;
}

/** Rows imported, cleaned, texts kept or dropped per quality-filter step, and customers segmented. */
export function dataFunnel(detail: RunDetail): FunnelRow[] {
  const rows: FunnelRow[] = [];
  for (const d of detail.datasets) {
    const r = reportOf(d);
    const imported = r.rows ?? Number((d.counts as Record<string, number>).rows ?? 0);
    rows.push({ stage: 'imported', dataset: d.name, before: imported, after: imported, note: `${d.kind}, ${d.format}` });
    const cleaning = r.cleaning ?? [];
    if (d.kind !== 'texts') {
      const cells = cleaning.reduce((n, c) => n + c.count, 0);
      rows.push({ stage: 'cleaned', dataset: d.name, before: imported, after: imported, note: cleaning.length ? `${cells.toLocaleString('en-US')} cells changed by ${cleaning.length} rule(s); no rows dropped` : 'nothing to change' });
    }
    for (const q of r.quality ?? []) {
      if (q.step === 'input' || q.step === 'kept') continue;
      rows.push({ stage: `texts: ${q.step.replace(/_/g, ' ')}`, dataset: d.name, before: q.before, after: q.after, note: `${q.dropped.toLocaleString('en-US')} dropped` });
    }
    const kept = (r.quality ?? []).find((q) => q.step === 'kept');
    if (kept) {
      const input = (r.quality ?? [])[0]?.before ?? kept.before;
      rows.push({ stage: 'texts kept', dataset: d.name, before: input, after: kept.after, note: `${input ? ((kept.after / input) * 100).toFixed(1) : '0'}% of texts kept` });
    }
  }
  if (detail.run.customers !== null) {
    rows.push({ stage: 'customers segmented', dataset: 'this run', before: detail.run.customers, after: detail.run.customers, note: `${detail.segments.length} segments` });
  }
  return rows;
}

export interface MapPoints {
  readonly total: number;
  readonly shown: number;
  /** Every `step`-th customer (in id order) is drawn when the run is larger than the limit. */
  readonly step: number;
  readonly segments: readonly { id: number; label: string }[];
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly segment: readonly number[];
  readonly ids: readonly string[];
}

export const mapDefaults = { maxPoints: 100_000 } as const;

/** The stored 2-D map with pseudonymised ids (the same pseudonyms the run's evidence uses). */
export async function loadMapPoints(db: Db, detail: RunDetail, maxPoints: number = mapDefaults.maxPoints): Promise<MapPoints> {
  const members = await runMembership(db, detail.run.id);
  const salt = runPseudonymSalt(await databaseSecret(db, 'pseudonym_salt'), detail.run.seed, (detail.run.params as { datasetIds?: number[] } | null)?.datasetIds);
  const step = Math.max(1, Math.ceil(members.length / maxPoints));
  const x: number[] = [];
  const y: number[] = [];
  const segment: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < members.length; i += step) {
    const m = members[i] as (typeof members)[number];
    x.push(Math.round(m.x * 1e4) / 1e4);
    y.push(Math.round(m.y * 1e4) / 1e4);
    segment.push(m.segment);
    ids.push(pseudonymise(m.id, salt));
  }
  return { total: members.length, shown: x.length, step, segments: detail.segments.map((s) => ({ id: s.id, label: s.label })), x, y, segment, ids };
}

async function membersOf(db: Db, detail: RunDetail): Promise<RunMembers> {
  const rows = await runMembership(db, detail.run.id);
  return {
    members: new Map(rows.map((r) => [r.id, r.segment])),
    labels: new Map(detail.segments.map((s) => [s.id, s.label])),
    sizes: new Map(detail.segments.map((s) => [s.id, s.size])),
  };
}

export async function loadComparison(db: Db, a: RunDetail, b: RunDetail): Promise<RunComparison> {
  return compareRuns(await membersOf(db, a), await membersOf(db, b));
}
