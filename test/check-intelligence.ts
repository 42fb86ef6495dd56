/**
 * What every stored run must satisfy, checked the way a user would: each segment has a description, a
 * persona card, at least 3 evidence items, channels and a campaign; every quote is verbatim in that
 * segment's own evidence texts; every key number equals the statistic it names; cards are distinct.
 */
import { afterEach, expect } from 'vitest';
import { isAbsolute, relative } from 'node:path';
import type { Db } from '../db/client.ts';
import { getRun, runSegments } from '../db/queries/runs.ts';
import { openDatabase, type DbHandle } from '../db/client.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import { runSegmentation } from '../services/segment/run-segmentation.ts';
import { segmentStatistics } from '../pipeline/persona/statistics.ts';
import type { StoredPersona } from '../pipeline/persona/persona-stage.ts';
import { segmentView } from '../pipeline/segment/segment-view.ts';
import { openSegmentedDataset, sharedDataDir } from './real-data.ts';

export async function expectCompleteIntelligence(db: Db, runId: number, kind: 'text' | 'tabular', options: { value?: boolean } = {}): Promise<void> {
  const run = await getRun(db, runId);
  expect(run?.status, run?.error ?? '').toBe('succeeded');
  const segments = (await runSegments(db, runId)).map(segmentView);
  expect(segments.length).toBeGreaterThanOrEqual(2);
  const cards: StoredPersona[] = [];
  for (const s of segments) {
    const where = `segment ${s.id} "${s.label}"`;
    expect(s.description?.summary, where).toBeTruthy();
    expect(s.channelPlan?.channels.length, where).toBeGreaterThan(0);
    expect(s.campaign?.objective, where).toBeTruthy();
    // Texts alone carry no spend: such runs honestly have no value estimate.
    if (options.value ?? true) expect(s.value, where).not.toBeNull();
    expect(s.evidence.length, where).toBeGreaterThanOrEqual(3);
    if (kind === 'text') expect(s.evidence.filter((e) => e.kind === 'text').length, where).toBeGreaterThanOrEqual(3);
    else expect(s.evidence.every((e) => e.kind === 'exemplar' && e.stats.length > 0), where).toBe(true);

    const card = s.persona as StoredPersona | null;
    expect(card, where).not.toBeNull();
    cards.push(card as StoredPersona);
    const texts = s.evidence.flatMap((e) => (e.kind === 'text' ? [e.text] : []));
    for (const q of card!.quotes) expect(texts.some((t) => t.includes(q)), `${where}: quote "${q}"`).toBe(true);
    if (kind === 'text') expect(card!.quotes.length, where).toBeGreaterThanOrEqual(1);
    // Recompute the statistics from the stored segment: each key number must equal its statistic.
    const stats = new Map(
      segmentStatistics({ size: s.size, share: s.share, topFeatures: s.topFeatures, description: s.description!, value: s.value, stability: s.stability }).map((x) => [x.key, x.value]),
    );
    for (const k of card!.keyStats) expect(stats.get(k.key), `${where}: ${k.key}`).toBe(k.value);
  }
  const names = cards.map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      for (const field of ['goals', 'frustrations'] as const) {
        const a = cards[i]![field];
        const b = new Set(cards[j]![field]);
        const shared = a.filter((x) => b.has(x)).length;
        expect(shared, `${names[i]} / ${names[j]} ${field}`).toBeLessThanOrEqual(Math.min(a.length, b.size) / 2);
      }
    }
  }
}

/** Imports one file into a fresh embedded database and segments it with the defaults. */
export async function segmentFile(file: string): Promise<{ handle: DbHandle; runId: number }> {
  const handle = await openDatabase();
  const outcome = await importDataset(handle.db, { file });
  const result = await runSegmentation(handle.db, { datasetIds: [outcome.dataset.id] });
  return { handle, runId: result.runId };
}

/**
 * For a test file: segmented databases, each closed after its test. A file of ../shared/data is imported
 * and segmented once per test run and opened as a private copy; any other file is segmented afresh.
 */
export function segmentedFiles(): (file: string) => Promise<{ db: Db; runId: number }> {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });
  return async (file) => {
    const inShared = relative(sharedDataDir, file);
    if (!inShared.startsWith('..') && !isAbsolute(inShared)) {
      const opened = await openSegmentedDataset(inShared);
      close = opened.close;
      return { db: opened.db, runId: opened.runId };
    }
    const result = await segmentFile(file);
    close = () => result.handle.close();
    return { db: result.handle.db, runId: result.runId };
  };
}
