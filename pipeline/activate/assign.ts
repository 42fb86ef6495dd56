/**
 * Places new customers into a stored run's segments. Their features are built together with the run's
 * own customers (so scaling, imputation and one-hot levels match), fused with the run's weights, and
 * each new customer takes the distance-weighted vote of its nearest training customers, whose segments
 * are stored. The vote share is the confidence.
 */
import type { Db } from '../../db/client.ts';
import { createDbEmbeddingCache } from '../../db/queries/embedding-cache.ts';
import { datasetsByIds } from '../../db/queries/customer-data.ts';
import { getRun, runAssignments, runSegments } from '../../db/queries/runs.ts';
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { embedWithCache } from '../embed/embedding-cache.ts';
import { poolByCustomer } from '../embed/pool.ts';
import { buildFeatures } from '../features/build-features.ts';
import type { CustomerInput, TextInput, TransactionInput } from '../features/inputs.ts';
import type { BlockName } from '../features/types.ts';
import { fuseBlocks } from '../fuse/fuse.ts';
import { defaultWeights } from '../segment/compute.ts';
import { createEmbedder } from '../segment/embed-stage.ts';
import { loadInputs } from '../segment/load-inputs.ts';
import type { ResolvedSegmentOptions } from '../segment/options.ts';

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
  /** Share of the neighbour vote won by the segment, in [0, 1]. */
  readonly confidence: number;
}

export const assignDefaults = { neighbours: 15 } as const;

const prefix = 'new\u0000';

export async function assignCustomers(db: Db, runId: number, incoming: readonly NewCustomer[], options: { neighbours?: number } = {}): Promise<Assignment[]> {
  const run = await getRun(db, runId);
  if (!run || run.status !== 'succeeded') throw new PersonaError('not_found', `no successful run ${runId}`);
  if (!incoming.length) return [];
  const params = run.params as ResolvedSegmentOptions;
  const inputs = await loadInputs(db, await datasetsByIds(db, run.datasetIds), params.subset);
  const members = new Map((await runAssignments(db, runId)).map((a) => [a.customerExternalId, a.segmentIndex]));
  const labels = new Map((await runSegments(db, runId)).map((s) => [s.segmentIndex, s.label]));

  const newIds = incoming.map((c) => `${prefix}${c.id}`);
  const customerIds = [...inputs.customerIds, ...newIds];
  const texts: TextInput[] = [
    ...(inputs.texts ?? []),
    ...incoming.flatMap((c, i) => (c.texts ?? []).map((t) => ({ customerId: newIds[i] as string, body: t.body, at: t.at ?? null, replyToId: null }))),
  ];
  const features = buildFeatures({
    customerIds,
    ...(inputs.customers ? { customers: [...inputs.customers, ...incoming.map((c, i) => ({ id: newIds[i] as string, attributes: c.attributes ?? {} }))] } : {}),
    ...(inputs.customerRoles ? { customerRoles: inputs.customerRoles } : {}),
    ...(inputs.transactions
      ? { transactions: [...inputs.transactions, ...incoming.flatMap((c, i) => (c.transactions ?? []).map((t) => ({ ...t, customerId: newIds[i] as string })))] }
      : {}),
    ...(inputs.texts ? { texts } : {}),
  });
  const blocks: { name: BlockName; matrix: Matrix }[] = features.blocks.filter((b) => b.scaled.cols > 0).map((b) => ({ name: b.name, matrix: b.scaled }));
  if (inputs.texts?.length) {
    const embedder = createEmbedder(params);
    const { matrix } = await embedWithCache(embedder, createDbEmbeddingCache(db), texts.map((t) => t.body));
    blocks.unshift({ name: 'semantic', matrix: poolByCustomer(matrix, texts.map((t) => t.customerId), customerIds).matrix });
  }
  const used = blocks.filter((b) => !params.blocks || params.blocks.includes(b.name));
  const weights = (params.weights as Record<string, number> | undefined) ?? defaultWeights(used.map((b) => b.name));
  const fused = fuseBlocks(used, weights).matrix;
  const k = options.neighbours ?? assignDefaults.neighbours;
  const trainingRows = inputs.customerIds.map((id, i) => ({ row: i, segment: members.get(id) })).filter((r) => r.segment !== undefined);
  return incoming.map((c, j) => {
    const vote = nearestVote(fused, inputs.customerIds.length + j, trainingRows as { row: number; segment: number }[], k);
    return { customerId: c.id, segmentId: vote.segment, label: labels.get(vote.segment) ?? '', confidence: vote.confidence };
  });
}

function nearestVote(x: Matrix, target: number, training: readonly { row: number; segment: number }[], k: number): { segment: number; confidence: number } {
  const d = x.cols;
  const dist = training.map(({ row, segment }) => {
    let s = 0;
    for (let c = 0; c < d; c++) {
      const diff = (x.data[row * d + c] as number) - (x.data[target * d + c] as number);
      s += diff * diff;
    }
    return { segment, distance: Math.sqrt(s), row };
  });
  dist.sort((a, b) => a.distance - b.distance || a.row - b.row);
  const votes = new Map<number, number>();
  let total = 0;
  for (const n of dist.slice(0, k)) {
    const w = 1 / (n.distance + 1e-6);
    votes.set(n.segment, (votes.get(n.segment) ?? 0) + w);
    total += w;
  }
  const [segment, weight] = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [-1, 0];
  return { segment, confidence: total ? Math.round((weight / total) * 1000) / 1000 : 0 };
}
