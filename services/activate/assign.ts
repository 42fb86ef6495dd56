/**
 * Places new customers into a stored run's segments with the state the run fitted (see
 * pipeline/fitted/): nothing is refitted, nothing stored for the run's own customers changes, and
 * nothing of theirs is read. The new customers' values are extracted with the choices the run made
 * from its data (column roles, fills, outlier caps, kept categorical levels, channels: the stored
 * feature context), so one new customer alone is read as the run would have read it; then placed in
 * exactly the run's feature columns with the run's fills and scalers, fused, reduced and assigned by
 * the run's models. Recency is measured from the run's own "now".
 */
import type { Db } from '../../db/client.ts';
import { createDbEmbeddingCache } from '../../db/queries/embedding-cache.ts';
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
  if (stored.formatVersion !== fittedStateVersion) {
    // Format 1 kept no extraction context: placing with it would mean loading every customer of the run again.
    const why = stored.formatVersion < fittedStateVersion ? ' (from before runs kept what the feature extraction chose from their data): segment again, then assign' : '';
    throw new PersonaError('bad_value', `run ${runId} stored model format ${stored.formatVersion}; this version reads ${fittedStateVersion}${why}`);
  }
  if (!incoming.length) return [];
  const state = decodeState<FittedState>(stored.state);
  const params = run.params as ResolvedSegmentOptions;
  const labels = new Map((await runSegments(db, runId)).map((s) => [s.segmentIndex, s.label]));

  const newIds = incoming.map((c) => `${prefix}${c.id}`);
  const newTexts: TextInput[] = incoming.flatMap((c, i) => (c.texts ?? []).map((t) => ({ customerId: newIds[i] as string, body: t.body, at: t.at ?? null, replyToId: null })));
  const { context, blocks: fittedBlocks, referenceTime } = state.features;
  // Only the new customers: every choice made from the run's data comes from the stored context.
  const features = buildFeatures(
    {
      customerIds: newIds,
      ...(context.table ? { customers: incoming.map((c, i) => ({ id: newIds[i] as string, attributes: c.attributes ?? {} })) } : {}),
      ...(context.transactions ? { transactions: incoming.flatMap((c, i) => (c.transactions ?? []).map((t) => ({ ...t, customerId: newIds[i] as string }))) } : {}),
      ...(context.texts ? { texts: newTexts } : {}),
      ...(referenceTime !== null ? { referenceTime } : {}),
    },
    {},
    { blocks: fittedBlocks, context },
  );
  const blocks: FuseBlock[] = features.blocks.map((b) => ({ name: b.name, matrix: b.scaled }));
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

