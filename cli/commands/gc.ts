import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Command } from 'commander';
import { collectGarbage } from '../../agent/retention.ts';
import { retentionFromEnvironment } from '../../agent/runtime.ts';
import { readEnvironment } from '../../lib/config.ts';
import { parseInteger } from '../args.ts';
import { withDatabase } from '../context.ts';
import { createOutput } from '../output.ts';

export function registerGc(program: Command): void {
  program
    .command('gc')
    .description('apply the retention policy to conversation memory (old checkpoints, idle threads) and reclaim space')
    .option('--keep <n>', 'checkpoints kept per conversation (default PERSONA_CHECKPOINTS_PER_THREAD or 10)')
    .option('--idle-days <n>', 'delete conversations idle this many days, 0 = never (default PERSONA_THREAD_IDLE_DAYS or 30)')
    .option('--json', 'print one JSON document')
    .action(async (opts: { keep?: string; idleDays?: string; json?: boolean }) => {
      const out = createOutput(Boolean(opts.json));
      const settings = readEnvironment();
      const options = {
        ...retentionFromEnvironment(settings),
        ...(opts.keep !== undefined ? { keepPerThread: parseInteger('--keep', opts.keep) } : {}),
        ...(opts.idleDays !== undefined ? { idleDays: parseInteger('--idle-days', opts.idleDays) } : {}),
      };
      await withDatabase(async (handle) => {
        const sizeBefore = handle.lock ? folderBytes(handle.location) : null;
        const report = await collectGarbage(handle.db, options);
        // Deleted rows leave dead tuples behind; VACUUM makes the space reusable (and lets PGlite shrink).
        await handle.db.execute(sql`vacuum`);
        const sizeAfter = handle.lock ? folderBytes(handle.location) : null;
        const result = { ...report, ...(sizeBefore !== null ? { bytesBefore: sizeBefore, bytesAfter: sizeAfter } : {}) };
        out.result(result, () =>
          [
            `Conversations: ${report.before.threads} → ${report.after.threads} (${report.expiredThreads} idle for over ${report.policy.idleDays} days deleted)`,
            `Checkpoints: ${report.before.checkpoints} → ${report.after.checkpoints} (keeping the newest ${report.policy.keepPerThread} per conversation)`,
            ...(sizeBefore !== null && sizeAfter !== null ? [`Database folder: ${mb(sizeBefore)} → ${mb(sizeAfter)}`] : []),
          ].join('\n'),
        );
      });
    });
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : entry.isFile() ? statSync(path).size : 0;
  }
  return total;
}
