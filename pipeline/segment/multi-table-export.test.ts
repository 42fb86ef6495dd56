/**
 * A generated multi-table export in Portuguese, shaped like a marketplace dump: customers repeated once
 * per order with a separate person id, orders keyed by hex ids (some beginning with "c" and a digit),
 * payments without dates, and reviews with a 1–5 score and date-only timestamps, linked to the person
 * through orders and customers (two hops). Segmented from the config file alone: the mapped person id
 * wins, repeated rows are merged, no hex id is read as a cancellation, Portuguese stopwords never reach
 * the top terms, sentiment is reported unavailable rather than 0, the review score separates unhappy
 * from happy customers, and no hour of day is claimed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import { createRng } from '../../lib/rng.ts';
import { isoStopwords } from '../describe/language.ts';
import { importDataset, type ImportOutcome } from '../../services/ingest/import-dataset.ts';
import { loadConfig, settingsFor } from '../ingest/import-config.ts';
import { computeSegmentation, type ComputeResult } from './compute.ts';
import { buildFeatures } from '../features/build-features.ts';
import { chooseDatasets, loadInputs } from '../../services/segment/load-inputs.ts';
import { resolveSegmentOptions } from './options.ts';

let handle: DbHandle;
let dir: string;
const outcomes: Record<string, ImportOutcome> = {};
let result: ComputeResult;
let ratingByPerson: Map<string, number>;
const unhappyPeople = new Set<string>();

const unhappy = [
  'o produto chegou quebrado', 'a entrega atrasou muito', 'não recomendo esta loja', 'veio com defeito', 'ninguém responde as mensagens',
  'quero devolver e receber o dinheiro', 'a embalagem estava rasgada', 'faltou uma peça na caixa',
];
const happy = [
  'chegou antes do prazo', 'recomendo a todos', 'ótima qualidade', 'entrega rápida e cuidadosa', 'vendedor muito atencioso',
  'adorei a cor e o acabamento', 'funciona perfeitamente', 'comprarei novamente com certeza',
];
const things = ['geladeira', 'ventilador', 'cadeira', 'luminária', 'panela', 'mochila', 'relógio', 'tapete', 'cafeteira', 'bicicleta', 'toalha', 'estante'];

const hex = (rng: ReturnType<typeof createRng>, first: string) => first + Array.from({ length: 15 }, () => '0123456789abcdef'[rng.int(16)]).join('');

function writeExport(): void {
  const rng = createRng(7);
  const clientes = ['customer_id,customer_unique_id,customer_city,customer_state'];
  const pedidos = ['order_id,customer_id,order_status'];
  const pagamentos = ['order_id,payment_type,payment_value'];
  const avaliacoes = ['review_id,order_id,review_score,review_comment_message,review_creation_date'];
  let order = 0;
  for (let p = 0; p < 120; p++) {
    const person = hex(rng, 'f');
    const sad = p % 2 === 0;
    if (sad) unhappyPeople.add(person);
    const city = ['sao paulo', 'rio de janeiro', 'curitiba'][p % 3]!;
    for (let k = 0; k < 1 + (p % 3); k++) {
      // Per-order customer ids; a third of the order ids begin with "c" and a digit.
      const customerId = hex(rng, 'a');
      const orderId = order % 3 === 0 ? `c${rng.int(10)}${hex(rng, '').slice(0, 14)}` : hex(rng, 'b');
      order++;
      clientes.push([customerId, person, city, city === 'curitiba' ? 'PR' : city === 'sao paulo' ? 'SP' : 'RJ'].join(','));
      pedidos.push([orderId, customerId, 'delivered'].join(','));
      pagamentos.push([orderId, sad ? 'boleto' : 'credit_card', (sad ? 40 : 180) + rng.int(30)].join(','));
      const pool = sad ? unhappy : happy;
      const picks = [pool[rng.int(8)]!, pool[rng.int(8)]!, pool[rng.int(8)]!];
      const text = `A ${things[rng.int(12)]} ${picks[0]}, ${picks[1]}; ${picks[2]}. Pedido de ${['janeiro', 'março', 'maio', 'julho', 'setembro'][rng.int(5)]} para ${['minha mãe', 'o escritório', 'a casa nova', 'meu irmão'][rng.int(4)]}.`;
      avaliacoes.push([hex(rng, 'd'), orderId, sad ? 1 + rng.int(2) : 4 + rng.int(2), `"${text}"`, `2024-0${1 + (k % 9)}-1${k}`].join(','));
    }
  }
  writeFileSync(join(dir, 'clientes.csv'), `${clientes.join('\n')}\n`);
  writeFileSync(join(dir, 'pedidos.csv'), `${pedidos.join('\n')}\n`);
  writeFileSync(join(dir, 'pagamentos.csv'), `${pagamentos.join('\n')}\n`);
  writeFileSync(join(dir, 'avaliacoes.csv'), `${avaliacoes.join('\n')}\n`);
  const toPerson = { file: 'pedidos.csv', orderColumn: 'order_id', customerColumn: 'customer_id', then: { file: 'clientes.csv', orderColumn: 'customer_id', customerColumn: 'customer_unique_id' } };
  writeFileSync(
    join(dir, 'persona.config.json'),
    JSON.stringify({
      sources: [
        { file: 'clientes.csv', kind: 'customers', columns: { customer_unique_id: 'id', customer_id: 'ignore' }, repeatedRows: 'aggregate' },
        { file: 'pagamentos.csv', kind: 'transactions', columns: { order_id: 'order_id', payment_value: 'amount' }, link: toPerson },
        { file: 'avaliacoes.csv', kind: 'texts', columns: { review_comment_message: 'text', order_id: 'order_id', review_score: 'numeric' }, link: toPerson },
      ],
    }),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-multi-'));
  writeExport();
  handle = await openEmptyDatabase();
  const config = loadConfig(join(dir, 'persona.config.json'));
  for (const name of ['clientes.csv', 'pagamentos.csv', 'avaliacoes.csv']) {
    const file = join(dir, name);
    outcomes[name] = await importDataset(handle.db, { file, settings: settingsFor(file, config, {}) });
  }
  const ids = Object.values(outcomes).map((o) => o.dataset.id);
  const options = resolveSegmentOptions({ datasetIds: ids, algorithm: 'kmeans', k: 2, seed: 3, reducer: 'pca' });
  const inputs = await loadInputs(handle.db, await chooseDatasets(handle.db, ids), undefined);
  const features = buildFeatures({ customerIds: inputs.customerIds, ...(inputs.customers ? { customers: inputs.customers } : {}), ...(inputs.texts ? { texts: inputs.texts } : {}) });
  const block = features.blocks.find((b) => b.columns.some((c) => c.name === 'rating_mean'))!;
  const j = block.columns.findIndex((c) => c.name === 'rating_mean');
  // People whose reviews all fell to the duplicate filter have no rating of their own (imputed): left out.
  const wrote = new Set((inputs.texts ?? []).map((t) => t.customerId));
  ratingByPerson = new Map(features.customerIds.flatMap((id, i) => (wrote.has(id) ? [[id, block.raw.data[i * block.raw.cols + j] as number] as const] : [])));
  result = await computeSegmentation({
    options,
    features: { customerIds: inputs.customerIds, ...(inputs.customers ? { customers: inputs.customers } : {}), ...(inputs.transactions ? { transactions: inputs.transactions } : {}), ...(inputs.texts ? { texts: inputs.texts } : {}) },
    texts: (inputs.texts ?? []).map((t) => ({ textId: t.externalId, customerId: t.customerId, body: t.body, at: t.at })),
    pseudonymSecret: 'test',
  });
});

afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a multi-table Portuguese export, from config alone', () => {
  it('keys customers on the mapped person id, merging rows repeated per order', () => {
    const customers = outcomes['clientes.csv']!;
    if (customers.status !== 'imported') throw new Error('not imported');
    expect(customers.report.counts).toMatchObject({ customers: 120 });
    expect(JSON.stringify(customers.report)).toMatch(/rows_aggregated/);
    expect(result.customerIds).toHaveLength(120);
  });

  it('links payments and reviews to the person in two hops, and reads no hex id as a cancellation', () => {
    for (const name of ['pagamentos.csv', 'avaliacoes.csv']) {
      const o = outcomes[name]!;
      if (o.status !== 'imported') throw new Error('not imported');
      expect(o.report.counts.linkedByOrder).toBe(o.report.counts.lines ?? o.report.counts.texts ?? o.report.counts.linkedByOrder);
      expect(o.report.counts.unmatchedOrderLinks ?? 0).toBe(0);
    }
    const payments = outcomes['pagamentos.csv']!;
    if (payments.status !== 'imported') throw new Error('not imported');
    expect(payments.report.counts.cancellations).toBe(0);
  });

  it('keeps Portuguese stopwords out of the top terms and reports sentiment as unavailable', () => {
    const pt = isoStopwords('pt');
    for (const s of result.segments) for (const t of s.topTerms) for (const w of t.term.split(' ')) expect(pt.has(w)).toBe(false);
    expect(result.features.some((f) => f.name === 'sentiment_mean')).toBe(false);
    const notes = result.stages.find((s) => s.stage === 'features')?.notes?.join('\n') ?? '';
    expect(notes).toMatch(/most texts are in pt: the bundled sentence encoder \(USE-lite\) is English-only/);
    expect(notes).toMatch(/sentiment unavailable/);
    for (const i of result.intelligence) expect(i.description.sentiment).toBeNull();
  });

  it('separates unhappy from happy customers by their review score, and claims no hour of day', () => {
    expect(result.features.some((f) => f.name === 'rating_mean')).toBe(true);
    expect(ratingByPerson.size).toBeGreaterThan(10);
    for (const [id, r] of ratingByPerson) {
      if (unhappyPeople.has(id)) expect(r).toBeLessThanOrEqual(2);
      else expect(r).toBeGreaterThanOrEqual(4);
    }
    expect(result.features.some((f) => /text_(night|morning|afternoon|evening)_share/.test(f.name))).toBe(false);
    for (const i of result.intelligence) expect(i.description.activity.peakHour).toBeNull();
  });
});
