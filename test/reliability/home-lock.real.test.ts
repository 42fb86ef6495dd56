/**
 * Two processes on one embedded database: `persona serve` holds PERSONA_HOME, and another command on the
 * same home is refused with the server's URL instead of corrupting it. A killed holder's lock is taken
 * over and the database still opens with its data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persona, startPersona, waitForExit } from './cli-harness.ts';

let home: string;
let file: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'persona-twoproc-'));
  file = join(home, 'members.csv');
  writeFileSync(file, `member,visits,tier\n${Array.from({ length: 30 }, (_, i) => `m${i},${i % 7},${['x', 'y', 'z'][i % 3]}`).join('\n')}\n`);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('two processes on one PERSONA_HOME', () => {
  it('refuses commands while persona serve holds the home, naming its URL; works again after it stops', async () => {
    expect(persona(home, ['import', file, '--json']).code).toBe(0);
    const server = await startPersona(home, ['serve', '--port', '0'], /serving (http:\/\/\S+)/);
    try {
      const url = server.match[1] as string;
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);

      const other = persona(home, ['import', file, '--force', '--json']);
      expect(other.code).not.toBe(0);
      expect(other.stderr).toContain(`held by persona serve at ${url}`);
      expect(other.stderr).toContain(`${url}/api/runs`);
      expect(JSON.parse(other.stdout).error.code).toBe('home_locked');

      // The server still sees one intact dataset.
      const runs = await fetch(`${url}/api/runs`);
      expect(runs.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await waitForExit(server.child);
    }
    const after = persona(home, ['datasets', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toHaveLength(1);
  });

  it('takes over the lock of a holder killed with SIGKILL, and the data is intact', async () => {
    const server = await startPersona(home, ['serve', '--port', '0'], /serving (http:\/\/\S+)/);
    server.child.kill('SIGKILL');
    await waitForExit(server.child);
    const after = persona(home, ['datasets', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toHaveLength(1);
  });
});
