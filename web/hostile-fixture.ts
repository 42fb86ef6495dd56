/**
 * Hostile customer text for the explorer's tests: markup, event handlers and javascript: links placed
 * everywhere customer-derived strings reach a page (labels, persona cards, terms, evidence, column names).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { completeRun, createRun } from '../db/queries/runs.ts';
import { insertDataset } from '../db/queries/datasets.ts';
import { datasets, segments } from '../db/schema.ts';

export const hostile = [
  '<script>window.__pwned=1;alert(1)</script>',
  '<img src=x onerror="window.__pwned=2">',
  'javascript:window.__pwned=3',
  '"><svg onload="window.__pwned=4">',
  '</script><script>window.__pwned=5</script>',
  "' onmouseover='window.__pwned=6",
] as const;

export const hostileText = hostile.join(' ');

/** A persona card whose every string field carries hostile text. */
export function hostileCard(name: string): Record<string, unknown> {
  return {
    name: `${name} ${hostile[0]}`,
    archetype: hostile[1],
    ageBand: hostile[3],
    occupation: hostile[2],
    bio: hostileText,
    goals: [...hostile],
    frustrations: [hostile[4]],
    motivations: [hostile[5]],
    preferredChannels: [hostile[2]],
    quotes: [hostile[0]],
    keyStats: [{ label: hostile[1], display: hostile[3] }],
    writer: hostile[4],
  };
}

/** Overwrites the customer-derived strings of a stored run's segments (and a dataset) with hostile text. */
export async function poisonRun(db: Db, runId: number): Promise<void> {
  const rows = await db.select().from(segments).where(eq(segments.runId, runId));
  for (const s of rows) {
    const evidence = ((s.evidence as Record<string, unknown>[] | null) ?? []).map((e, i) => ({ ...e, text: `${hostile[i % hostile.length]} ${String(e.text ?? '')}`, textId: i === 0 ? hostile[4] : e.textId }));
    const terms = ((s.topTerms as Record<string, unknown>[] | null) ?? []).map((t, i) => (i === 0 ? { ...t, term: hostile[1] } : t));
    const features = ((s.topFeatures as Record<string, unknown>[] | null) ?? []).map((f, i) => (i === 0 ? { ...f, description: hostile[3] } : f));
    const description = s.description ? { ...(s.description as Record<string, unknown>), reasons: [hostile[0], hostile[2]] } : null;
    await db
      .update(segments)
      .set({ label: `${s.label} ${hostile[3]}`, persona: hostileCard(s.label), evidence, topTerms: terms, topFeatures: features, description })
      .where(eq(segments.id, s.id));
  }
}

/** A tiny stored run (two segments, hostile strings everywhere) for fast HTML tests. */
export async function seedHostileRun(db: Db, customers = 40): Promise<{ runId: number; datasetId: number }> {
  const ds = await insertDataset(db, {
    name: `people ${hostile[0]}`,
    kind: 'customers',
    sourcePath: '/tmp/people.csv',
    checksum: 'x',
    format: 'csv',
    mapping: [],
    counts: { rows: customers, customers },
    report: {
      rows: customers,
      columns: [
        { name: `age ${hostile[1]}`, role: 'numeric', parser: 'integer', reason: hostile[2], invalid: 0, missing: 1, present: customers - 1, distinct: 9, examples: [hostile[3]] },
        { name: 'plan', role: 'categorical', parser: 'string', reason: '2 distinct values', invalid: 0, missing: 0, present: customers, distinct: 2, examples: ['basic', 'pro'] },
      ],
      cleaning: [{ column: hostile[0], rule: 'imputed_median', count: 1, detail: hostile[5] }],
      quality: [],
      invalid: { total: 1, examples: [{ row: 3, column: 'age', value: hostile[4], reason: 'not a number' }] },
      counts: {},
      repairs: {},
      stages: [],
    },
  });
  const run = await createRun(db, { status: 'running', datasetIds: [ds.id], params: { datasetIds: [ds.id] }, seed: 3 });
  const seg = (i: number, size: number) => ({
    segmentIndex: i,
    size,
    share: size / customers,
    label: `Group ${i} ${hostile[i]}`,
    topFeatures: [{ feature: 'age', description: hostile[3], direction: 'higher', z: 1.2, lift: 1.5 + i, segmentMean: 45, populationMean: 30, block: 'demographic' }],
    topTerms: [{ term: hostile[1], score: 0.5, texts: 3 }],
    stability: 0.8,
    profile: { contrasts: [], drivers: [{ feature: 'age', description: hostile[4], importance: 1, direction: 'higher' }] },
    description: { summary: hostile[0], reasons: [hostile[2], 'older than average'], activity: { events: 4, hours: Array.from({ length: 24 }, (_, h) => (h === 9 ? 0.5 : h === 20 ? 0.5 : 0)), weekdays: [0.25, 0.25, 0, 0, 0.5, 0, 0], peakHour: 9, peakWeekday: 'Friday' }, sentiment: -0.2 },
    persona: hostileCard(`Persona ${i}`),
    evidence: [{ kind: 'text', textId: hostile[4], text: hostileText, customerId: 'cust-00000000', at: '2024-03-01T10:00:00.000Z', relevance: 0.9 }],
    value: { method: 'snapshot-proxy', note: hostile[5], horizonMonths: 12, customers: size, meanClv: 100 * (i + 1), totalClv: 100 * (i + 1) * size, expectedPurchases: null, probabilityAlive: null, churnRisk: 'low', currency: null },
    channels: { channels: [{ channel: hostile[2], score: 1, why: hostile[0] }], tone: { style: hostile[1], why: 'x' }, offer: { type: hostile[3], why: 'y' }, sendTime: { window: '18:00–21:00', why: hostile[4] } },
    campaign: { name: hostile[0], rank: 1, objective: hostile[1], message: hostile[2], offer: hostile[3], audience: { segment: 'x', customers: size, share: size / customers }, channelPlan: [{ channel: hostile[4], role: 'lead channel', timing: 'now' }], kpi: { metric: hostile[5], target: '+10%' }, segmentIndex: i, valueAtStake: 1 },
  });
  const half = Math.floor(customers / 2);
  await completeRun(
    db,
    run.id,
    { algorithm: 'kmeans', customers, metrics: { silhouette: 0.5, coverage: 1, noiseRate: 0, clusters: 2, stability: { mean: 0.8, perSegment: [0.8, 0.8] } }, stages: [], features: [] },
    [seg(0, half), seg(1, customers - half)],
    Array.from({ length: customers }, (_, i) => ({ customerExternalId: `c${String(i).padStart(4, '0')}`, segmentIndex: i < half ? 0 : 1, probability: 1, wasNoise: false, x: i, y: i % 7 })),
  );
  await db.update(datasets).set({ name: `people ${hostile[0]}` }).where(eq(datasets.id, ds.id));
  return { runId: run.id, datasetId: ds.id };
}
