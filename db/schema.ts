/**
 * The one source of truth for the database. Row types are inferred from here and migrations are
 * generated from it by drizzle-kit (`npm run db:generate`).
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const datasets = pgTable(
  'datasets',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['customers', 'transactions', 'texts'] }).notNull(),
    sourcePath: text('source_path').notNull(),
    checksum: text('checksum').notNull(),
    format: text('format').notNull(),
    compressed: boolean('compressed').notNull().default(false),
    delimiter: text('delimiter'),
    /** Column name → role, parser and the reason it was chosen. */
    mapping: jsonb('mapping').notNull(),
    /** Headline numbers: rows, customers, missing, invalid, kept texts… */
    counts: jsonb('counts').notNull(),
    /** The full data report: columns, cleaning and filtering tables. */
    report: jsonb('report').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('datasets_checksum_idx').on(t.checksum, t.kind)],
);

export const customers = pgTable(
  'customers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    /** Validation findings for this row, e.g. ["impossible_birth_year"]. */
    flags: jsonb('flags').$type<string[]>(),
    sourceRow: integer('source_row'),
  },
  (t) => [uniqueIndex('customers_dataset_external_idx').on(t.datasetId, t.externalId)],
);

export const transactions = pgTable(
  'transactions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    customerExternalId: text('customer_external_id'),
    orderId: text('order_id'),
    at: timestamp('at', { withTimezone: true }),
    quantity: doublePrecision('quantity'),
    price: doublePrecision('price'),
    amount: doublePrecision('amount'),
    isCancellation: boolean('is_cancellation').notNull().default(false),
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    flags: jsonb('flags').$type<string[]>(),
    sourceRow: integer('source_row').notNull(),
  },
  (t) => [index('transactions_dataset_customer_idx').on(t.datasetId, t.customerExternalId)],
);

export const texts = pgTable(
  'texts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    customerExternalId: text('customer_external_id'),
    orderId: text('order_id'),
    at: timestamp('at', { withTimezone: true }),
    body: text('body').notNull(),
    /** true = written by a customer, false = by the company, null = unknown. */
    isCustomer: boolean('is_customer'),
    replyToId: text('reply_to_id'),
    replyIds: jsonb('reply_ids').$type<string[]>(),
    threadId: text('thread_id'),
    kept: boolean('kept').notNull(),
    /** 'kept' or the filter step that dropped the text. */
    quality: text('quality').notNull(),
    duplicateOf: text('duplicate_of'),
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    sourceRow: integer('source_row').notNull(),
  },
  (t) => [
    uniqueIndex('texts_dataset_external_idx').on(t.datasetId, t.externalId),
    index('texts_dataset_customer_idx').on(t.datasetId, t.customerExternalId),
  ],
);

export const importLog = pgTable('import_log', {
  id: serial('id').primaryKey(),
  datasetId: integer('dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
  sourcePath: text('source_path').notNull(),
  kind: text('kind'),
  checksum: text('checksum'),
  status: text('status', { enum: ['ok', 'failed', 'skipped'] }).notNull(),
  errorCode: text('error_code'),
  message: text('message'),
  rows: integer('rows'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  durationMs: integer('duration_ms').notNull(),
});

/** Raw bytes (embedding vectors as little-endian float32). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

/** One segmentation: its settings, what each stage did, the metrics, and whether it worked. */
export const runs = pgTable('runs', {
  id: serial('id').primaryKey(),
  status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
  datasetIds: jsonb('dataset_ids').$type<number[]>().notNull(),
  parentRunId: integer('parent_run_id'),
  /** Everything needed to run it again: algorithm, k, weights, subset, labels column… */
  params: jsonb('params').notNull(),
  seed: integer('seed').notNull(),
  algorithm: text('algorithm'),
  customers: integer('customers'),
  metrics: jsonb('metrics'),
  stages: jsonb('stages'),
  /** Feature names and one-line descriptions per block, quoted by explanations. */
  features: jsonb('features'),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** Who is computing a running run and when it last said so: a run whose process is gone is interrupted. */
  ownerPid: integer('owner_pid'),
  ownerHost: text('owner_host'),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
});

export const segments = pgTable(
  'segments',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    segmentIndex: integer('segment_index').notNull(),
    size: integer('size').notNull(),
    share: doublePrecision('share').notNull(),
    label: text('label').notNull(),
    topFeatures: jsonb('top_features').notNull(),
    topTerms: jsonb('top_terms').notNull(),
    stability: doublePrecision('stability'),
    /** Centroid in the clustering space and per-feature means: what assignment and descriptions need. */
    profile: jsonb('profile').notNull(),
    /** Plain-English description: reasons, activity profiles, sentiment. */
    description: jsonb('description'),
    /** The persona card; only stored once it passed the grounding check. */
    persona: jsonb('persona'),
    /** Masked verbatim quotes (or exemplar customers for data without text). */
    evidence: jsonb('evidence'),
    value: jsonb('value'),
    channels: jsonb('channels'),
    campaign: jsonb('campaign'),
  },
  (t) => [uniqueIndex('segments_run_index_idx').on(t.runId, t.segmentIndex)],
);

export const assignments = pgTable(
  'assignments',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    customerExternalId: text('customer_external_id').notNull(),
    segmentIndex: integer('segment_index').notNull(),
    probability: doublePrecision('probability').notNull(),
    /** The clusterer called this customer noise; it was reassigned to the nearest segment. */
    wasNoise: boolean('was_noise').notNull(),
    x: doublePrecision('x').notNull(),
    y: doublePrecision('y').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.customerExternalId] })],
);

/**
 * What a run fitted, so new customers are placed without a refit: feature fills and scalers, fusion
 * centres and scales, the reducer and the cluster model, as one binary document (see
 * pipeline/fitted/codec.ts). One row per successful run; never rewritten after the run completes.
 */
export const runModels = pgTable('run_models', {
  runId: integer('run_id')
    .primaryKey()
    .references(() => runs.id, { onDelete: 'cascade' }),
  formatVersion: integer('format_version').notNull(),
  state: bytea('state').notNull(),
});

/** Sentence embeddings cached by (model, sha256 of the text): re-segmentation never re-embeds. */
export const embeddings = pgTable(
  'embeddings',
  {
    model: text('model').notNull(),
    textHash: text('text_hash').notNull(),
    dim: integer('dim').notNull(),
    vector: bytea('vector').notNull(),
  },
  (t) => [primaryKey({ columns: [t.model, t.textHash] })],
);

/** Per-database settings and secrets (e.g. the salt that makes evidence pseudonyms unguessable). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Conversation memory: LangGraph checkpoints per thread (messages, focus), serialised by its serde. */
export const agentCheckpoints = pgTable(
  'agent_checkpoints',
  {
    threadId: text('thread_id').notNull(),
    checkpointNs: text('checkpoint_ns').notNull().default(''),
    checkpointId: text('checkpoint_id').notNull(),
    parentCheckpointId: text('parent_checkpoint_id'),
    checkpointType: text('checkpoint_type').notNull(),
    checkpoint: bytea('checkpoint').notNull(),
    metadataType: text('metadata_type').notNull(),
    metadata: bytea('metadata').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.checkpointNs, t.checkpointId] })],
);

/** Pending writes of a checkpoint's tasks (what a resumed step replays). */
export const agentCheckpointWrites = pgTable(
  'agent_checkpoint_writes',
  {
    threadId: text('thread_id').notNull(),
    checkpointNs: text('checkpoint_ns').notNull().default(''),
    checkpointId: text('checkpoint_id').notNull(),
    taskId: text('task_id').notNull(),
    idx: integer('idx').notNull(),
    channel: text('channel').notNull(),
    valueType: text('value_type').notNull(),
    value: bytea('value').notNull(),
    taskPath: text('task_path').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.checkpointNs, t.checkpointId, t.taskId, t.idx] })],
);

/** Scores of one evaluation suite over one run (`persona eval --run`), with its gate verdict. */
export const evalResults = pgTable(
  'eval_results',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    suite: text('suite').notNull(),
    /** EvalScore[]: metric, value, scope. */
    scores: jsonb('scores').notNull(),
    failures: jsonb('failures').notNull(),
    skipped: jsonb('skipped').notNull(),
    /** Threshold checks of this suite's scores; passed = every gated score met its threshold. */
    checks: jsonb('checks').notNull(),
    passed: boolean('passed').notNull(),
    ms: integer('ms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('eval_results_run_idx').on(t.runId, t.suite)],
);

export type Dataset = typeof datasets.$inferSelect;
export type NewDataset = typeof datasets.$inferInsert;
export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
export type Transaction = typeof transactions.$inferSelect;
export type NewTransaction = typeof transactions.$inferInsert;
export type Text = typeof texts.$inferSelect;
export type NewText = typeof texts.$inferInsert;
export type ImportLogEntry = typeof importLog.$inferSelect;
export type NewImportLogEntry = typeof importLog.$inferInsert;
export type Run = typeof runs.$inferSelect;
export type NewRun = typeof runs.$inferInsert;
export type Segment = typeof segments.$inferSelect;
export type NewSegment = typeof segments.$inferInsert;
export type Assignment = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;
export type EvalResultRow = typeof evalResults.$inferSelect;
export type NewEvalResultRow = typeof evalResults.$inferInsert;
export type RunModel = typeof runModels.$inferSelect;
export type NewRunModel = typeof runModels.$inferInsert;
