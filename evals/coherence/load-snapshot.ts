/**
 * Reads a stored run the way an auditor would: its cards as stored, and everything they are checked
 * against rebuilt from the raw data — the run's customers per segment (assignments), their kept texts
 * masked for PII, and every feature's segment and population means recomputed from the raw rows with
 * the feature definitions (never from the numbers stored with the segment or the card).
 */
import type { Db } from '../../db/client.ts';
import { companyAuthorsOf, datasetsByIds } from '../../db/queries/customer-data.ts';
import { getRun, runAssignments, runSegments } from '../../db/queries/runs.ts';
import { PersonaError } from '../../lib/errors.ts';
import { maskPii } from '../../pipeline/evidence/pii.ts';
import { buildFeatures } from '../../pipeline/features/build-features.ts';
import { loadInputs } from '../../services/segment/load-inputs.ts';
import type { SubsetFilter } from '../../pipeline/segment/options.ts';
import { recomputeStatistics } from './recompute.ts';
import type { CardUnderTest, RunSnapshot, SegmentSnapshot } from './snapshot.ts';

export async function loadRunSnapshot(db: Db, runId: number): Promise<RunSnapshot> {
  const run = await getRun(db, runId);
  if (!run) throw new PersonaError('not_found', `no run ${runId}; see \`persona runs\``);
  if (run.status !== 'succeeded') throw new PersonaError('bad_value', `run ${runId} ${run.status}${run.error ? `: ${run.error}` : ''}: only a finished run can be evaluated`);
  const datasets = await datasetsByIds(db, run.datasetIds);
  const params = run.params as { subset?: SubsetFilter };
  const inputs = await loadInputs(db, datasets, params.subset);
  const assignments = await runAssignments(db, runId);
  const segmentOf = new Map(assignments.map((a) => [a.customerExternalId, a.segmentIndex]));
  // A run over nobody (an empty subset) has no features to recompute.
  const features = !inputs.customerIds.length ? { customerIds: [] as string[], blocks: [] } : buildFeatures({
    customerIds: inputs.customerIds,
    ...(inputs.customers ? { customers: inputs.customers } : {}),
    ...(inputs.customerRoles ? { customerRoles: inputs.customerRoles } : {}),
    ...(inputs.transactions ? { transactions: inputs.transactions } : {}),
    ...(inputs.texts ? { texts: inputs.texts } : {}),
  });
  const labels = features.customerIds.map((id) => segmentOf.get(id) ?? -1);
  const rows = await runSegments(db, runId);
  const events = inputs.texts?.length ? inputs.texts : (inputs.transactions ?? []);
  const recomputed = recomputeStatistics({
    labels,
    segments: rows.map((r) => r.segmentIndex),
    // Values before outlier capping: what the customers really did, and what cards quote.
    blocks: features.blocks.map((b) => ({ columns: b.columns, raw: ('uncapped' in b && b.uncapped) || b.raw })),
    events: events.map((e) => ({ segment: segmentOf.get(e.customerId) ?? -1, at: e.at })),
  });

  const handles = (await Promise.all(datasets.filter((d) => d.kind === 'texts').map((d) => companyAuthorsOf(db, d.id)))).flat();
  const textsBySegment = new Map<number, string[]>();
  for (const t of inputs.texts ?? []) {
    const segment = segmentOf.get(t.customerId);
    if (segment === undefined) continue;
    let list = textsBySegment.get(segment);
    if (!list) textsBySegment.set(segment, (list = []));
    list.push(maskPii(t.body, { keepHandles: handles }).text);
  }
  const columns = datasets.flatMap((d) => Object.keys((d.mapping as Record<string, unknown> | null) ?? {})).map((c) => c.toLowerCase());
  const stored = (run.metrics as { stability?: { perSegment?: number[] } } | null)?.stability?.perSegment ?? [];

  const segments: SegmentSnapshot[] = rows.map((r) => {
    const description = r.description as { summary?: string; reasons?: string[] } | null;
    const channels = (r.channels as { channels?: { channel: string }[] } | null)?.channels ?? [];
    const stats = recomputed.get(r.segmentIndex);
    return {
      index: r.segmentIndex,
      label: r.label,
      card: asCard(r.persona),
      texts: textsBySegment.get(r.segmentIndex) ?? [],
      description: [description?.summary ?? '', ...(description?.reasons ?? [])].join('\n'),
      topTerms: ((r.topTerms as { term: string }[] | null) ?? []).map((t) => t.term),
      stats: stats?.stats ?? new Map(),
      features: stats?.features ?? [],
      channels: channels.map((c) => c.channel),
      stability: r.stability ?? stored[r.segmentIndex] ?? null,
    };
  });
  return { runId, customers: assignments.length, segments, columns };
}

function asCard(value: unknown): CardUnderTest | null {
  if (!value || typeof value !== 'object') return null;
  const c = value as Partial<CardUnderTest>;
  const list = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  return {
    name: String(c.name ?? ''),
    archetype: String(c.archetype ?? ''),
    ageBand: String(c.ageBand ?? ''),
    occupation: String(c.occupation ?? ''),
    bio: String(c.bio ?? ''),
    goals: list(c.goals),
    frustrations: list(c.frustrations),
    motivations: list(c.motivations),
    preferredChannels: list(c.preferredChannels),
    quotes: list(c.quotes),
    keyStats: Array.isArray(c.keyStats) ? c.keyStats.filter((k) => k && typeof k.key === 'string' && typeof k.value === 'number') : [],
  };
}
