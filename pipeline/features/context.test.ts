/**
 * Extracting new customers with a fit's stored context gives, byte for byte, the features (and so the
 * placements) that extracting them with the fit's customers beside them gives, without those customers. Generated data: a ferry
 * operator's passengers with a cabin class that has a rare level, a fare column with an outlier, a birth
 * year, a column whose role is inferred from its values, bookings through a few channels, and texts.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { encodeState, decodeState } from '../fitted/codec.ts';
import { buildFeatures } from './build-features.ts';
import type { FeatureContext } from './context.ts';
import type { CustomerInput, FeatureInputs, TextInput, TransactionInput } from './inputs.ts';
import type { FeatureBlock, FittedBlock } from './types.ts';
import { fuseBlocks } from '../fuse/fuse.ts';
import { placeCustomers } from '../fitted/place.ts';
import { fittedStateVersion, type FittedState } from '../fitted/state.ts';

const day = 86_400_000;
const start = Date.UTC(2025, 2, 1);
const cabins = ['kansi', 'hytti', 'sviitti'];
const channels = ['lipputoimisto', 'sovellus', 'puhelin'];

function passengers(n: number, seed: number, tag: string): FeatureInputs & { customers: CustomerInput[]; transactions: TransactionInput[]; texts: TextInput[] } {
  const rng = createRng(seed);
  const ids: string[] = [];
  const customers: CustomerInput[] = [];
  const transactions: TransactionInput[] = [];
  const texts: TextInput[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${tag}${i}`;
    ids.push(id);
    const g = i % 3;
    // Values with many ties and a clear mode: the old way lets the new rows move medians, quartiles and
    // modes (they sit in its context); here they cannot, so only the context itself is compared.
    const fare = [20, 60, 140][g]! + Math.floor(rng.next() * 4) * 5;
    customers.push({
      id,
      attributes: {
        matkustajaluokka: cabins[i % 5 < 3 ? 0 : (i % 5) - 2]!,
        hinta_eur: i % 11 === 4 ? null : fare,
        YOB: 1950 + 10 * (i % 5),
        lemmikki: rng.next() < 0.3 ? 'kyllä' : 'ei',
        lisatiedot: i % 13 === 0 ? null : `rivi ${i % 4}`,
      },
    });
    for (let k = 0; k < 1 + g; k++) {
      transactions.push({
        customerId: id,
        orderId: `${id}-${k}`,
        at: start + (i % 40) * day + k * 3 * day + 13 * 3_600_000,
        quantity: 1 + (k % 2),
        price: fare,
        amount: null,
        isCancellation: false,
        attributes: { channel: channels[(g + k) % 3]! },
      });
    }
    if (i % 2 === 0) texts.push({ customerId: id, at: start + i * day + 9 * 3_600_000, body: g === 2 ? 'Great cabin, lovely crossing!' : 'Was the ferry late again?', replyToId: null });
  }
  return { customerIds: ids, customers, transactions, texts };
}

/** The rows of `from` onwards of each block's scaled matrix, as bytes. */
function scaledBytes(blocks: readonly FeatureBlock[], from = 0): Buffer[] {
  return blocks.map((b) => Buffer.from(b.scaled.data.slice(from * b.scaled.cols).buffer));
}

describe('extracting new customers with the stored feature context', () => {
  const training = passengers(300, 8, 'm');
  // Planted: the rare cabin level (2 of 300, under the 1% share), a fare far beyond the fences.
  training.customers[7] = { id: 'm7', attributes: { ...training.customers[7]!.attributes, matkustajaluokka: 'komentosilta' } };
  training.customers[8] = { id: 'm8', attributes: { ...training.customers[8]!.attributes, matkustajaluokka: 'komentosilta' } };
  training.customers[9] = { id: 'm9', attributes: { ...training.customers[9]!.attributes, hinta_eur: 9_000 } };
  const fit = buildFeatures(training);
  const fitted: { blocks: FittedBlock[]; context: FeatureContext } = decodeState(
    encodeState({
      blocks: fit.blocks.map((b) => ({ name: b.name, columns: b.columns.map((c) => c.name), ...b.fitted! })),
      context: fit.context,
    }),
  );
  const referenceTime = fit.referenceTime as number;

  const fresh = passengers(6, 99, 'u');
  // A new passenger with the rare level, one with an outlier fare, one with a level never seen, one with
  // nothing but an id, one with a birth year after the reference year (invalid: set missing, then filled).
  fresh.customers[0] = { id: 'u0', attributes: { ...fresh.customers[0]!.attributes, matkustajaluokka: 'komentosilta' } };
  fresh.customers[1] = { id: 'u1', attributes: { ...fresh.customers[1]!.attributes, hinta_eur: 12_500 } };
  fresh.customers[2] = { id: 'u2', attributes: { ...fresh.customers[2]!.attributes, matkustajaluokka: 'lastiruuma' } };
  fresh.customers[3] = { id: 'u3', attributes: {} };
  fresh.customers[4] = { id: 'u4', attributes: { ...fresh.customers[4]!.attributes, YOB: 2090 } };

  it('the fit records what it chose from the data', () => {
    const table = fit.context.table!;
    expect(table.roles.lisatiedot).toBe('categorical'); // inferred from the values
    expect(table.clean.columns.matkustajaluokka!.levels).not.toContain('komentosilta');
    expect(table.clean.columns.hinta_eur!.fences).not.toBeNull();
    expect(table.clean.referenceYear).toBe(new Date(referenceTime).getUTCFullYear());
    expect(fit.context.transactions!.channels).toEqual(expect.arrayContaining(['lipputoimisto', 'sovellus', 'puhelin']));
    expect(fit.blocks.flatMap((b) => b.columns.map((c) => c.name))).toEqual(expect.arrayContaining(['age', 'matkustajaluokka_other', 'share_puhelin']));
  });

  it('gives byte-identical features with the context alone as with the training customers beside them', () => {
    const together = buildFeatures(
      {
        customerIds: [...training.customerIds, ...fresh.customerIds],
        customers: [...training.customers, ...fresh.customers],
        transactions: [...training.transactions, ...fresh.transactions],
        texts: [...training.texts, ...fresh.texts],
        referenceTime,
      },
      {},
      { blocks: fitted.blocks },
    );
    const alone = buildFeatures({ ...fresh, referenceTime }, {}, fitted);
    expect(alone.blocks.map((b) => b.columns.map((c) => c.name))).toEqual(together.blocks.map((b) => b.columns.map((c) => c.name)));
    expect(scaledBytes(alone.blocks)).toEqual(scaledBytes(together.blocks, training.customerIds.length));

    // The planted cases took the fit's choices: the rare and the unseen level are "Other", the fare is capped.
    const demo = alone.blocks.find((b) => b.name === 'demographic')!;
    const other = demo.columns.findIndex((c) => c.name === 'matkustajaluokka_other');
    expect([0, 2].map((i) => demo.raw.data[i * demo.raw.cols + other])).toEqual([1, 1]);
    const upper = fitted.context.table!.clean.columns.hinta_eur!.fences!.upper;
    const fareBlock = alone.blocks.find((b) => b.columns.some((c) => c.name === 'hinta_eur'))!;
    const fare = fareBlock.columns.findIndex((c) => c.name === 'hinta_eur');
    expect(upper).toBeLessThan(12_500);
    expect(fareBlock.raw.data[1 * fareBlock.raw.cols + fare]).toBe(upper);
  });

  it('places the new customers byte-identically both ways', () => {
    const fused = fuseBlocks(fit.blocks.map((b) => ({ name: b.name, matrix: b.scaled })));
    const { rows, cols, data } = fused.matrix;
    // Centroids of the three generated groups in the fused space stand in for a clustering.
    const centres = new Float64Array(3 * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) centres[(i % 3) * cols + j]! += (data[i * cols + j] as number) / (rows / 3);
    const state: FittedState = {
      version: fittedStateVersion,
      features: { referenceTime, blocks: fitted.blocks, context: fitted.context },
      semantic: null,
      fusion: fused.fitted,
      reducer: { kind: 'none', cols },
      cluster: { kind: 'centroids', cols, centres },
    };
    const old = buildFeatures(
      {
        customerIds: [...training.customerIds, ...fresh.customerIds],
        customers: [...training.customers, ...fresh.customers],
        transactions: [...training.transactions, ...fresh.transactions],
        texts: [...training.texts, ...fresh.texts],
        referenceTime,
      },
      {},
      { blocks: fitted.blocks },
    );
    const n = training.customerIds.length;
    const lastRows = (b: FeatureBlock) => ({ name: b.name, matrix: { rows: b.scaled.rows - n, cols: b.scaled.cols, data: b.scaled.data.slice(n * b.scaled.cols) } });
    const before = placeCustomers(state, old.blocks.map(lastRows));
    const after = placeCustomers(state, buildFeatures({ ...fresh, referenceTime }, {}, fitted).blocks.map((b) => ({ name: b.name, matrix: b.scaled })));
    expect(Buffer.from(after.segments.buffer)).toEqual(Buffer.from(before.segments.buffer));
    expect(Buffer.from(after.confidence.buffer)).toEqual(Buffer.from(before.confidence.buffer));
    expect(new Set(after.segments).size).toBeGreaterThan(1);
  });

  it('differs from extracting the new customers alone without the context (the test can fail)', () => {
    const naive = buildFeatures({ ...fresh, referenceTime }, {}, { blocks: fitted.blocks });
    const alone = buildFeatures({ ...fresh, referenceTime }, {}, fitted);
    expect(scaledBytes(naive.blocks)).not.toEqual(scaledBytes(alone.blocks));
  });

  it('re-extracts the training customers exactly as the fit did, from the context alone', () => {
    const again = buildFeatures({ ...training, referenceTime }, {}, fitted);
    expect(scaledBytes(again.blocks)).toEqual(scaledBytes(fit.blocks));
  });
});
