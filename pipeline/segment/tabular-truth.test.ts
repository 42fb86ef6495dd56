/**
 * A generated customer table in Spanish with the shapes that misled earlier labels: a three-level
 * spending column, a profession column, integer code columns (Canal, Region), a target column
 * (Segmento), a visits column that barely differs between groups, and a few extreme incomes. Through
 * the real database and worker: labels are level-aware and pass the consistency check, the label column
 * stays out of the features, codes are categories, metrics name their partition, cards quote raw
 * numbers, carry occupation and age from the data and hold no template residue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import { runSegments } from '../../db/queries/runs.ts';
import { createRng } from '../../lib/rng.ts';
import { expectConsistentLabels } from '../../test/check-labels.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { segmentView } from './segment-view.ts';
import type { RunResult } from '../../services/segment/run-result.ts';

let handle: DbHandle;
let dir: string;
let datasetId: number;
let run: Extract<RunResult, { status: 'succeeded' }>;
const incomes: number[] = [];

const groups = [
  { segmento: 'A', profesion: ['Médica', 'Amo de casa'], gasto: 'Bajo', canal: 1, region: 1, ingreso: 21_000, edad: 62 },
  { segmento: 'B', profesion: ['Ingeniero'], gasto: 'Alto', canal: 2, region: 2, ingreso: 48_000, edad: 29 },
  { segmento: 'C', profesion: ['Artista'], gasto: 'Medio', canal: 1, region: 3, ingreso: 30_000, edad: 41 },
  { segmento: 'D', profesion: ['Ingeniero', 'Artista'], gasto: 'Alto', canal: 2, region: 1, ingreso: 75_000, edad: 50 },
];

function writeTable(file: string): void {
  const rng = createRng(99);
  const lines = ['cliente;Profesion;Nivel_Gasto;Canal;Region;Ingreso;Edad;Visitas;Segmento'];
  for (let i = 0; i < 320; i++) {
    const g = groups[i % 4]!;
    const outlier = i % 4 === 1 && i % 40 === 1;
    const ingreso = outlier ? 2_000_000 : Math.round(g.ingreso * (0.85 + 0.3 * rng.next()));
    incomes.push(ingreso);
    const profesion = g.profesion[Math.floor(rng.next() * g.profesion.length)]!;
    const visitas = (2 + (i % 3) * 0.1 + rng.next() * 0.05).toFixed(2);
    lines.push([`c${String(i).padStart(4, '0')}`, profesion, g.gasto, g.canal, g.region, ingreso, Math.round(g.edad + 6 * (rng.next() - 0.5)), visitas, g.segmento].join(';'));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-tabular-'));
  const file = join(dir, 'clientes.csv');
  writeTable(file);
  handle = await openEmptyDatabase();
  datasetId = (await importDataset(handle.db, { file, settings: { kind: 'customers', overrides: {} } })).dataset.id;
  const result = await runSegmentation(handle.db, { datasetIds: [datasetId], labelsColumn: 'Segmento', algorithm: 'kmeans', k: 4, seed: 5 });
  if (result.status !== 'succeeded') throw new Error(result.error);
  run = result;
});

afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('labels, cards and metrics that stay true on a generated table', () => {
  it('keeps the label column out of the features and treats integer codes as categories', async () => {
    const segments = (await runSegments(handle.db, run.runId)).map(segmentView);
    const features = segments[0]!.contrasts.map((c) => c.feature);
    expect(features.some((f) => /segmento/.test(f))).toBe(false);
    expect(features).toEqual(expect.arrayContaining(['canal_1', 'canal_2', 'region_1', 'region_2', 'region_3']));
    expect(features).not.toContain('canal');
    for (const s of segments) expect(s.label).not.toMatch(/segmento|High canal|Big|spender/i);
  });

  it('labels by level and direction, and every stored label passes the consistency check', async () => {
    const segments = (await runSegments(handle.db, run.runId)).map(segmentView);
    const labels = segments.map((s) => s.label);
    expect(labels.some((l) => /Nivel gasto: (Bajo|Medio|Alto)|Profesion: /.test(l))).toBe(true);
    // Visitas differ by a few percent at most: never a claim.
    for (const s of segments) expect(s.claims.some((c) => c.feature === 'visitas')).toBe(false);
    await expectConsistentLabels(handle.db);
  });

  it('scores the delivered segments against the known classes, naming the partition and its coverage', () => {
    expect(run.metrics.ari).toBeGreaterThan(0.1);
    expect(run.metrics.partitions[0]).toMatchObject({ name: 'delivered segments', coverage: 1 });
    expect(run.metrics.partitions[0]!.ari).toBe(run.metrics.ari);
  });

  it('puts raw numbers, occupation and age from the data on cards, and no template residue', async () => {
    const segments = (await runSegments(handle.db, run.runId)).map(segmentView);
    const rawMean = incomes.reduce((a, b) => a + b, 0) / incomes.length;
    const income = segments[0]!.contrasts.find((c) => c.feature === 'ingreso')!;
    expect(income.populationMean).toBeCloseTo(rawMean, 6);
    for (const s of segments) {
      const card = s.persona as { occupation?: string; ageBand?: string; goals: string[] };
      expect(card.occupation).toMatch(/^(Médica|Amo de casa|Ingeniero|Artista) \(\d+% of the segment\)$/);
      expect(card.ageBand).toMatch(/^\d\d–\d\d$|^65\+$/);
      expect(JSON.stringify(card)).not.toMatch(/specific to the|A second (goal|frustration|motivation)|not in the data|\{terms\}|undefined|NaN/);
    }
  });
});
