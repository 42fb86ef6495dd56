#!/usr/bin/env node
/**
 * The slowest test files of a vitest JSON report, to see where a tier's time goes.
 *
 *   npx vitest run --project fast --reporter=default --reporter=json --outputFile.json=/tmp/fast.json
 *   node scripts/test-times.mjs /tmp/fast.json [--top 10]
 *
 * Prints each file's wall time (import, hooks and tests), its test count, and the sum over all files.
 * Wall times depend on the machine's load: note the load average (`uptime`) beside them.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const topAt = args.indexOf('--top');
const top = topAt === -1 ? 10 : Number(args[topAt + 1]);
if (!file || !(top > 0)) {
  console.error('usage: node scripts/test-times.mjs <vitest-report.json> [--top N]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const rows = report.testResults
  .map((r) => ({ seconds: (r.endTime - r.startTime) / 1000, tests: r.assertionResults.length, name: relative(process.cwd(), r.name), status: r.status }))
  .sort((a, b) => b.seconds - a.seconds);
for (const r of rows.slice(0, top)) console.log(`${r.seconds.toFixed(1).padStart(8)} s  ${String(r.tests).padStart(3)} tests  ${r.name}${r.status === 'passed' ? '' : `  (${r.status})`}`);
const total = rows.reduce((s, r) => s + r.seconds, 0);
console.log(`${total.toFixed(0).padStart(8)} s  summed over ${rows.length} files (${report.numPassedTests} passed, ${report.numFailedTests} failed)`);
