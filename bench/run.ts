/**
 * `npm run bench`: runs every benchmark section on this machine and writes bench/results/latest.json.
 * Figures are measured, never asserted: timed assertions belong nowhere in the test suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { runAgentBench } from './agent-bench.ts';
import { runAgentSuiteBench } from './agent-suite-bench.ts';
import { runClusterBench } from './cluster-bench.ts';
import { runEmbedBench } from './embed-bench.ts';
import { runExplorerBench } from './explorer-bench.ts';
import { runImportBench } from './import-bench.ts';
import { runSampleFitBench } from './sample-fit-bench.ts';
import { runScaleBench } from './scale-bench.ts';
import { runSegmentBench } from './segment-bench.ts';
import { runValueBench } from './value-bench.ts';
import { runReliabilityBench } from './reliability-bench.ts';

const only = process.argv[2];
const sections: Record<string, () => Promise<Record<string, unknown>> | Record<string, unknown>> = {
  import: runImportBench,
  cluster: runClusterBench,
  embed: runEmbedBench,
  segment: runSegmentBench,
  samplefit: runSampleFitBench,
  // Generated customers, ~20 transaction lines each, imported and segmented on PGlite and PostgreSQL.
  scale: () => runScaleBench(100_000),
  'scale-1m': () => runScaleBench(1_000_000),
  agent: runAgentBench,
  'agent-suite': () => runAgentSuiteBench(),
  value: runValueBench,
  reliability: runReliabilityBench,
  explorer: runExplorerBench,
};

const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
  startedAt: new Date().toISOString(),
  // Other work on the machine changes every figure: the 1/5/15-minute load averages say how busy it was.
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
};
for (const [name, run] of Object.entries(sections)) {
  if (only && only !== name) continue;
  process.stderr.write(`bench: ${name}…\n`);
  results[name] = await run();
  process.stderr.write(`${JSON.stringify(results[name], null, 2)}\n`);
}
results.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
process.stderr.write('bench: wrote bench/results/latest.json\n');
