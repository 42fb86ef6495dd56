/**
 * Places new customers into a stored run's segments with the state the run fitted (see
 * pipeline/fitted/): nothing is refitted and nothing stored for the run's own customers changes.
 * Their values are extracted with the run's customers as context (so a one-row table still has its
 * categorical levels and a reference year), then placed in exactly the run's feature columns with the
 * run's fills and scalers, fused, reduced and assigned by the run's models. Recency is measured from
 * the run's own "now".
 */
import type { Db } from '../../db/client.ts';
import { createDbEmbeddingCache } from '../../db/queries/embedding-cache.ts';
import { datasetsByIds } from '../../db/queries/customer-data.ts';
import { getRun, getRunModel, runSegments } from '../../db/queries/runs.ts';
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { embedWithCache } from '../../pipeline/embed/embedding-cache.ts';
import { poolByCustomer } from '../../pipeline/embed/pool.ts';
import { buildFeatures } from '../../pipeline/features/build-features.ts';
import type { CustomerInput, TextInput, TransactionInput } from '../../pipeline/features/inputs.ts';
import type { FuseBlock } from '../../pipeline/fuse/fuse.ts';
import { decodeState } from '../../pipeline/fitted/codec.ts';
import { placeCustomers, placeDefaults } from '../../pipeline/fitted/place.ts';
import { fittedStateVersion, type FittedState } from '../../pipeline/fitted/state.ts';
import { createEmbedder } from '../segment/embed-stage.ts';
import { loadInputs } from '../segment/load-inputs.ts';
import type { ResolvedSegmentOptions } from '../../pipeline/segment/options.ts';

export interface NewCustomer {
  readonly id: string;
  readonly attributes?: CustomerInput['attributes'];
  readonly transactions?: readonly Omit<TransactionInput, 'customerId'>[];
  readonly texts?: readonly { readonly body: string; readonly at?: number | null }[];
}

export interface Assignment {
  readonly customerId: string;
  readonly segmentId: number;
  readonly label: string;
  /** How clearly the customer belongs to the segment, in [0, 1] (see pipeline/fitted/place.ts). */
  readonly confidence: number;
}

export const assignDefaults = placeDefaults;

const prefix = 'new\u0000';

export async function assignCustomers(db: Db, runId: number, incoming: readonly NewCustomer[], options: { neighbours?: number } = {}): Promise<Assignment[]> {
  const run = await getRun(db, runId);
  if (!run || run.status !== 'succeeded') throw new PersonaError('not_found', `no successful run ${runId}`);
  const stored = await getRunModel(db, runId);
  if (!stored) throw new PersonaError('not_found', `run ${runId} has no stored model (it was made before runs kept their fitted state): segment again, then assign`);
  if (stored.formatVersion !== fittedStateVersion) throw new PersonaError('bad_value', `run ${runId} stored model format ${stored.formatVersion}; this version reads ${fittedStateVersion}`);
  if (!incoming.length) return [];
  const state = decodeState<FittedState>(stored.state);
  const params = run.params as ResolvedSegmentOptions;
  const inputs = await loadInputs(db, await datasetsByIds(db, run.datasetIds), params.subset);
  const labels = new Map((await runSegments(db, runId)).map((s) => [s.segmentIndex, s.label]));

  const newIds = incoming.map((c) => `${prefix}${c.id}`);
  const newTexts: TextInput[] = incoming.flatMap((c, i) => (c.texts ?? []).map((t) => ({ customerId: newIds[i] as string, body: t.body, at: t.at ?? null, replyToId: null })));
  const features = buildFeatures(
    {
      customerIds: [...inputs.customerIds, ...newIds],
      ...(inputs.customers ? { customers: [...inputs.customers, ...incoming.map((c, i) => ({ id: newIds[i] as string, attributes: c.attributes ?? {} }))] } : {}),
      ...(inputs.customerRoles ? { customerRoles: inputs.customerRoles } : {}),
      ...(inputs.transactions
        ? { transactions: [...inputs.transactions, ...incoming.flatMap((c, i) => (c.transactions ?? []).map((t) => ({ ...t, customerId: newIds[i] as string })))] }
        : {}),
      ...(inputs.texts ? { texts: [...inputs.texts, ...newTexts] } : {}),
      ...(state.features.referenceTime !== null ? { referenceTime: state.features.referenceTime } : {}),
      ...(params.labelsColumn ? { labelColumns: [params.labelsColumn] } : {}),
      ...(params.includeColumns ? { includeColumns: params.includeColumns } : {}),
    },
    {},
    state.features.blocks,
  );
  const first = inputs.customerIds.length;
  const blocks: FuseBlock[] = features.blocks.map((b) => ({ name: b.name, matrix: lastRows(b.scaled, first) }));
  if (state.semantic) blocks.push({ name: 'semantic', matrix: await semanticBlock(db, params, state.semantic.model, newTexts, newIds) });
  const placed = placeCustomers(state, blocks, options);
  return incoming.map((c, j) => {
    const segment = placed.segments[j] as number;
    return { customerId: c.id, segmentId: segment, label: labels.get(segment) ?? '', confidence: Math.round((placed.confidence[j] as number) * 1000) / 1000 };
  });
}

/** The new customers' pooled embeddings, from the embedder the run used (a zero row without texts). */
async function semanticBlock(db: Db, params: ResolvedSegmentOptions, model: string, texts: readonly TextInput[], ids: readonly string[]): Promise<Matrix> {
  const embedder = createEmbedder(params);
  if (embedder.model !== model) throw new PersonaError('bad_option', `run embedded texts with ${model}; the configured embedder is ${embedder.model}`);
  const { matrix } = await embedWithCache(embedder, createDbEmbeddingCache(db), texts.map((t) => t.body));
  return poolByCustomer(matrix, texts.map((t) => t.customerId), ids).matrix;
}

function lastRows(m: Matrix, from: number): Matrix {
  return { rows: m.rows - from, cols: m.cols, data: m.data.slice(from * m.cols) };
}
