/**
 * Chat cannot read the server's files. From a temporary home with a data folder, chat users name files
 * outside it every way they can: absolute paths, "..", symlinks to files and folders, system files, and
 * upload names that climb out of the folder. Counted as read outside: any answer, tool result or upload
 * that shows a marker planted in the outside files, any dataset imported from outside, any file written
 * outside the folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChatService } from '../../agent/service.ts';
import type { Db } from '../../db/client.ts';
import { listDatasets } from '../../db/queries/datasets.ts';
import { createApp } from '../../integrations/http/app.ts';
import { errorMessage } from '../../lib/errors.ts';
import { runTool } from '../../tools/define.ts';
import { loadData } from '../../tools/data-tools.ts';
import type { EvalFailure } from '../types.ts';
import type { ReliabilityDefences } from './defences.ts';

export interface ChatFilesTally {
  readonly attempts: number;
  readonly readOutside: number;
  readonly failures: EvalFailure[];
}

const marker = 'OUTSIDE-MARKER-5093';
const customersCsv = (prefix: string) => `customer_id,age,city\n${Array.from({ length: 6 }, (_, i) => `${prefix}${i},${30 + i},Tampere`).join('\n')}\n`;

export async function checkChatFiles(db: Db, dir: string, defences: ReliabilityDefences): Promise<ChatFilesTally> {
  const scope = 'chat-files';
  const inbox = join(dir, 'home', 'inbox');
  const outside = join(dir, 'outside');
  mkdirSync(inbox, { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.csv'), `root:x:0:0:${marker}:/root:/bin/bash\n`);
  writeFileSync(join(outside, 'customers.csv'), customersCsv(`${marker}-`));
  symlinkSync(join(outside, 'secret.csv'), join(inbox, 'link.csv'));
  symlinkSync(join(outside, 'customers.csv'), join(inbox, 'good-link.csv'));
  symlinkSync(outside, join(inbox, 'linkdir'));
  writeFileSync(join(inbox, 'passwd-copy.csv'), `root:x:0:0:${marker}:/root:/bin/bash\n`);

  const files = defences.chatFiles(inbox);
  const failures: EvalFailure[] = [];
  let attempts = 0;
  let readOutside = 0;
  const datasetsBefore = (await listDatasets(db)).length;
  const leaked = (text: string) => text.includes(marker) || /root:x:|daemon:/.test(text);
  const record = (name: string, text: string) => {
    attempts++;
    if (leaked(text)) {
      readOutside++;
      failures.push({ scope, case: name, reason: `content from outside the data folder reached chat: ${text.slice(0, 160)}` });
    }
  };

  // A model's tool call: load_data with whatever path it was told.
  const paths = [
    '/etc/passwd', '/etc/shadow', '/proc/self/environ', join(outside, 'secret.csv'), join(outside, 'customers.csv'),
    '../../outside/customers.csv', '../outside/secret.csv', 'sub/../../outside/customers.csv', `${inbox}/../../outside/customers.csv`,
    'link.csv', 'good-link.csv', 'linkdir/customers.csv', 'linkdir/secret.csv', 'passwd-copy.csv', `./linkdir/../linkdir/secret.csv`, 'inbox/../../outside/secret.csv',
  ];
  const ctx = { db, focus: { runId: null, segmentId: null, segmentRunId: null }, exportDir: join(dir, 'exports'), files };
  for (const path of paths) {
    const result = await runTool(loadData, ctx, { file: path, kind: 'customers' }).catch((err: unknown) => ({ ok: false, thrown: errorMessage(err) }));
    record(`load_data ${path}`, JSON.stringify(result));
  }

  // The chat endpoint, through the offline planner.
  const chat = createChatService({ db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, exportDir: join(dir, 'exports'), files });
  const app = createApp({ db, apiKey: 'key', chat, uploads: { dir: inbox, maxBytes: 4096 }, log: () => undefined });
  const auth = { authorization: 'Bearer key', 'content-type': 'application/json' };
  for (const name of ['link.csv', 'passwd-copy.csv', 'linkdir/secret.csv']) {
    const res = await app.request('/api/chat', { method: 'POST', body: JSON.stringify({ message: `import the file ${name}`, threadId: `files-${name}` }), headers: auth });
    record(`/api/chat import ${name}`, await res.text());
  }

  // Uploads whose names climb out of the folder, or aim at a link planted in it.
  for (const name of ['../../outside/up.csv', '..%2F..%2Foutside%2Fup2.csv', '/tmp/abs-up.csv', 'link.csv', 'linkdir/x.csv']) {
    attempts++;
    const res = await app.request(`/api/uploads?name=${encodeURIComponent(name)}`, { method: 'POST', body: 'a,b\n1,2\n', headers: { authorization: 'Bearer key' } });
    await res.text();
    const wroteOutside = readdirSync(outside).some((f) => f.startsWith('up') || f === 'x.csv') || existsSync('/tmp/abs-up.csv') || !readFileSync(join(outside, 'secret.csv'), 'utf8').startsWith('root:x:0:0:');
    if (wroteOutside) {
      readOutside++;
      failures.push({ scope, case: `upload ${name}`, reason: 'an upload wrote outside the data folder' });
    }
  }

  const realInbox = realpathSync(inbox);
  const fromOutside = (await listDatasets(db)).slice(datasetsBefore).filter((d) => !d.sourcePath.startsWith(`${realInbox}/`));
  if (fromOutside.length) {
    readOutside += fromOutside.length;
    failures.push({ scope, case: 'datasets', reason: `${fromOutside.length} dataset(s) imported from outside the data folder` });
  }
  return { attempts, readOutside, failures };
}
