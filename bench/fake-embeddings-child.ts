/**
 * The test suite's fake OpenAI-compatible server in a process of its own, so that the embedding bench
 * measures our client alone: prints its base URL on stdout, then serves until stdin closes.
 *
 *   node bin/run-ts.mjs bench/fake-embeddings-child.ts DIMENSIONS DELAY_MS
 */
import { startFakeOpenAI } from '../test/fake-openai/server.ts';

const [dims, delay] = process.argv.slice(2).filter((a) => !a.endsWith('.ts'));
const fake = await startFakeOpenAI([], { dimensions: Number(dims || 384), delayMs: Number(delay || 0) });
process.stdout.write(`${fake.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
