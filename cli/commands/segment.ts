import type { Command } from 'commander';
import { llmWriterFromEnv } from '../../pipeline/persona/llm-pass.ts';
import type { Db } from '../../db/client.ts';
import { readCliSettings, readEnvironment } from '../../lib/config.ts';
import { errorMessage, PersonaError } from '../../lib/errors.ts';
import { readFileSync } from 'node:fs';
import type { CxTheme, TaxonomyChoice } from '../../pipeline/describe/cx-taxonomy.ts';
import { unstableBelow } from '../../pipeline/segment/segment-view.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { loadConfig, settingsFor } from '../../pipeline/ingest/import-config.ts';
import type { BlockName } from '../../pipeline/features/types.ts';
import type { AlgorithmChoice, ReducerChoice, SegmentOptions } from '../../pipeline/segment/options.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { runAblation, type AblationResult } from '../../services/segment/ablation.ts';
import type { RunResult } from '../../services/segment/run-result.ts';
import { withDatabase } from '../context.ts';
import { markCommandFailed } from '../exit-status.ts';
import { parseInteger } from '../args.ts';
import { createOutput, fmt, table } from '../output.ts';
import { createProgress } from '../progress.ts';

interface SegmentFlags {
  dataset: string[];
  customers?: string;
  transactions?: string;
  texts?: string;
  config?: string;
  algorithm?: string;
  k?: string;
  minClusterSize?: string;
  seed?: string;
  weights?: string;
  labels?: string;
  reducer?: string;
  embedder?: string;
  onnxModel?: string;
  embeddingModel?: string;
  ablation?: boolean;
  includeColumn: string[];
  taxonomy?: string;
  json?: boolean;
}

export function registerSegment(program: Command): void {
  program
    .command('segment')
    .description('segment customers into personas and store the run')
    .option('--dataset <id>', 'dataset id to include (repeatable; default: the newest dataset and its matching companions)', collect, [] as string[])
    .option('--customers <file>', 'import this customers file first and include it')
    .option('--transactions <file>', 'import this transactions file first and include it')
    .option('--texts <file>', 'import this texts file first and include it')
    .option('--config <file>', 'persona.config.json for the imports')
    .option('--algorithm <name>', 'auto | hdbscan | kmeans | agglomerative', 'auto')
    .option('--k <n>', 'number of segments (k-means / agglomerative)')
    .option('--min-cluster-size <n>', 'smallest segment HDBSCAN may form')
    .option('--seed <n>', 'random seed', '42')
    .option('--weights <list>', 'block weights, e.g. semantic=0.75,behavioural=0.25')
    .option('--labels <column>', 'score the run against a known label column (ARI/NMI); the column is never a feature')
    .option('--include-column <name>', 'use a column that looks like a label or target (segment, class, churn, …) as a feature after all (repeatable)', collect, [] as string[])
    .option('--taxonomy <choice>', 'CX themes that may name text segments: general (default) | none | a JSON file with {"themes": [...]}')
    .option('--reducer <name>', 'auto | umap | pca | none')
    .option('--embedder <name>', 'use (default, bundled) | onnx | openai (an OpenAI-compatible /v1/embeddings endpoint: PERSONA_EMBEDDINGS_URL, PERSONA_EMBEDDINGS_API_KEY, PERSONA_EMBEDDINGS_MODEL)')
    .option('--embedding-model <name>', 'model name for --embedder openai (default PERSONA_EMBEDDINGS_MODEL)')
    .option('--onnx-model <dir>', 'folder with model.onnx and tokenizer.json for --embedder onnx')
    .option('--ablation', 'compare block-weight settings (metrics per setting) instead of storing a run')
    .option('--json', 'print one JSON document')
    .action(async (opts: SegmentFlags) => {
      const out = createOutput(Boolean(opts.json));
      const progress = createProgress();
      await withDatabase(async ({ db }) => {
        const imported = await importFiles(db, opts);
        const options = segmentOptions(opts, imported);
        if (opts.ablation) {
          const ablation = await runAblation(db, options, { onProgress: (stage, f) => progress.update(stage, Math.round(f * 100), 100) }).finally(() =>
            progress.done(),
          );
          out.result(ablation, () => renderAblation(ablation));
          return;
        }
        const result = await runSegmentation(db, options, {
          onProgress: (stage, f) => progress.update(stage, Math.round(f * 100), 100),
          personaWriter: llmWriterFromEnv(),
        }).finally(() => progress.done());
        out.result(result, () => renderRun(result));
        if (result.status === 'failed') markCommandFailed();
      });
    });
}

async function importFiles(db: Db, opts: SegmentFlags): Promise<number[]> {
  const ids: number[] = [];
  const config = loadConfig(opts.config);
  for (const kind of ['customers', 'transactions', 'texts'] as const) {
    const file = opts[kind];
    if (!file) continue;
    const outcome = await importDataset(db, { file, settings: settingsFor(file, config, { kind }) });
    ids.push(outcome.dataset.id);
  }
  return ids;
}

export function segmentOptions(opts: SegmentFlags, importedIds: readonly number[]): SegmentOptions {
  const datasetIds = [...opts.dataset.map((d) => int('--dataset', d)), ...importedIds];
  return {
    ...(datasetIds.length ? { datasetIds } : {}),
    algorithm: oneOf('--algorithm', opts.algorithm ?? 'auto', ['auto', 'hdbscan', 'kmeans', 'agglomerative'] as const) as AlgorithmChoice,
    ...(opts.k ? { k: int('--k', opts.k) } : {}),
    ...(opts.minClusterSize ? { minClusterSize: int('--min-cluster-size', opts.minClusterSize) } : {}),
    seed: int('--seed', opts.seed ?? '42'),
    ...(opts.weights ? { weights: parseWeights(opts.weights) } : {}),
    ...(opts.labels ? { labelsColumn: opts.labels } : {}),
    ...(opts.includeColumn?.length ? { includeColumns: opts.includeColumn } : {}),
    ...(opts.taxonomy ? { taxonomy: taxonomyOption(opts.taxonomy) } : {}),
    ...(opts.reducer ? { reducer: oneOf('--reducer', opts.reducer, ['auto', 'umap', 'pca', 'none'] as const) as ReducerChoice } : {}),
    ...(opts.embedder ? { embedder: oneOf('--embedder', opts.embedder, ['use', 'onnx', 'openai'] as const) } : {}),
    ...(opts.embedder === 'openai' ? { embeddingModel: opts.embeddingModel ?? readEnvironment().embeddings.model } : {}),
    ...(opts.onnxModel ? { onnxModelDir: opts.onnxModel } : onnxFromEnvironment()),
  };
}

function taxonomyOption(value: string): TaxonomyChoice {
  if (value === 'general' || value === 'none') return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(value, 'utf8'));
  } catch (err) {
    throw new PersonaError('bad_option', `--taxonomy: "${value}" is neither general, none nor a readable JSON file (${errorMessage(err)})`);
  }
  const themes = (parsed as { themes?: unknown }).themes;
  if (!Array.isArray(themes) || themes.some((t) => !t || typeof t.id !== 'string' || typeof t.label !== 'string' || !Array.isArray(t.words))) {
    throw new PersonaError('bad_option', `--taxonomy ${value}: expected {"themes": [{"id", "label", "archetype", "epithet", "words": [...], "items": {"goal": [...], "frustration": [...], "motivation": [...]}}]}`);
  }
  return { themes: themes as CxTheme[] };
}

const blockNames: readonly BlockName[] = ['semantic', 'behavioural', 'value', 'demographic'];

export function parseWeights(text: string): Partial<Record<BlockName, number>> {
  const out: Partial<Record<BlockName, number>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=');
    const weight = Number(value);
    if (!blockNames.includes(name as BlockName) || !Number.isFinite(weight) || weight < 0) {
      throw new PersonaError('bad_option', `--weights expects block=weight with blocks ${blockNames.join(', ')}; got "${part}"`);
    }
    out[name as BlockName] = weight;
  }
  return out;
}

function int(flag: string, value: string): number {
  return parseInteger(flag, value);
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new PersonaError('bad_option', `${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function renderRun(r: RunResult): string {
  if (r.status === 'failed') return `Run ${r.runId} failed: ${r.error}`;
  const m = r.metrics;
  const lines = [
    ...(m.verdict && !m.verdict.reliable ? [`No reliable segments: ${m.verdict.reasons.join('; ')}. Treat these personas as unconfirmed.`, ''] : []),
    `Run ${r.runId} · ${fmt(r.customers)} customers · ${r.algorithm} · seed ${r.seed} · datasets ${r.datasetIds.join(', ')}`,
    '',
    table(
      ['id', 'size', 'share', 'label', 'stability', 'distinguishing features', 'top terms'],
      r.segments.map((s) => [
        s.id,
        s.size,
        `${(s.share * 100).toFixed(1)}%`,
        s.label,
        s.stability === null ? '–' : `${s.stability.toFixed(2)}${s.stability < unstableBelow ? ' unstable' : ''}`,
        s.topFeatures.slice(0, 3).map((f) => `${f.segmentMean >= f.populationMean ? '↑' : '↓'}${f.feature}`).join(' '),
        s.topTerms.slice(0, 4).map((t) => t.term).join(', '),
      ]),
    ),
    '',
    ...(m.partitions ?? []).map(
      (p) =>
        `${p.name} (${(p.coverage * 100).toFixed(1)}% of customers, ${p.clusters} clusters): silhouette ${num(p.silhouette)} · Calinski-Harabasz ${num(p.calinskiHarabasz)} · Davies-Bouldin ${num(p.daviesBouldin)}` +
        `${p.ari !== null ? ` · ARI ${num(p.ari)} · NMI ${num(p.nmi)}` : ''}`,
    ),
    `${m.dbcv !== undefined && m.dbcv !== null ? `DBCV ${num(m.dbcv)} · ` : ''}noise ${(m.noiseRate * 100).toFixed(1)}% (reassigned) · coverage ${(m.coverage * 100).toFixed(0)}% · stability ${num(m.stability.mean)}` +
      (r.segments.some((s) => s.stability !== null && s.stability < unstableBelow) ? ` · segments with stability below ${unstableBelow} are marked unstable` : ''),
    ...r.stages.filter((s) => s.stage === 'value').flatMap((s) => (s.notes ?? []).map((n) => `value: ${n}`)),
    `stages: ${r.stages.map((s) => `${s.stage} ${s.ms}ms`).join(' · ')}`,
  ];
  return lines.join('\n');
}

function num(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3);
}

export function renderAblation(a: AblationResult): string {
  return [
    `Ablation over ${fmt(a.customers)} customers · blocks ${a.blocks.join(', ')}`,
    '',
    table(
      ['setting', 'weights', 'segments', 'algorithm', 'silhouette', 'stability', 'noise', 'ARI'],
      a.rows.map((r) => [
        r.setting,
        Object.entries(r.weights).map(([b, w]) => `${b} ${w.toFixed(2)}`).join(', '),
        r.segments,
        r.algorithm,
        num(r.metrics.silhouette),
        num(r.metrics.stability.mean),
        `${(r.metrics.noiseRate * 100).toFixed(1)}%`,
        num(r.metrics.ari),
      ]),
    ),
  ].join('\n');
}

/** The ONNX model folder from PERSONA_ONNX_MODEL, when `--onnx-model` is not given. */
function onnxFromEnvironment(): { onnxModelDir?: string } {
  const dir = readCliSettings().onnxModelDir;
  return dir ? { onnxModelDir: dir } : {};
}
