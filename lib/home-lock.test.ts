import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireHomeLock, readLockHolder } from './home-lock.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-lock-'));
  file = join(dir, 'db.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that certainly belonged to a process which has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

function writeHolder(h: Record<string, unknown>) {
  writeFileSync(file, JSON.stringify({ host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'persona import x.csv', ...h }));
}

describe('home lock', () => {
  it('writes pid, host and start time, and removes the file on release', () => {
    const lock = acquireHomeLock(file, { home: dir, command: 'persona runs' });
    const holder = readLockHolder(file);
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'persona runs' });
    expect(Number.isNaN(Date.parse(holder?.startedAt ?? ''))).toBe(false);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses while a live process holds it, naming the holder and what to do', () => {
    writeHolder({ pid: 4242 });
    expect(() => acquireHomeLock(file, { home: dir, isAlive: () => true })).toThrow(
      /in use by another persona process \(pid 4242 on .*since 2026-01-01.*persona import x\.csv.*kill -TERM 4242.*DATABASE_URL/,
    );
    expect(readLockHolder(file)?.pid).toBe(4242);
  });

  it('names the server URL when persona serve holds it', () => {
    writeHolder({ pid: 4243, url: 'http://127.0.0.1:9999', command: 'persona serve' });
    expect(() => acquireHomeLock(file, { home: dir, isAlive: () => true })).toThrow(/held by persona serve at http:\/\/127\.0\.0\.1:9999.*\/api\/runs/);
  });

  it('takes over the stale lock of a dead process on this host', () => {
    const pid = deadPid();
    writeHolder({ pid });
    const lock = acquireHomeLock(file, { home: dir });
    expect(readLockHolder(file)?.pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock from another host (its process cannot be checked) and says which file to delete', () => {
    writeHolder({ pid: 1, host: 'elsewhere.example' });
    expect(() => acquireHomeLock(file, { home: dir, isAlive: () => false })).toThrow(/elsewhere\.example.*delete .*db\.lock/);
  });

  it('refuses a second opening in the same process', () => {
    const lock = acquireHomeLock(file, { home: dir });
    expect(() => acquireHomeLock(file, { home: dir })).toThrow(/already open in this process/);
    lock.release();
  });

  it('release leaves a lock another process has taken alone; update records the URL', () => {
    const lock = acquireHomeLock(file, { home: dir });
    lock.update({ url: 'http://127.0.0.1:1' });
    expect(readLockHolder(file)?.url).toBe('http://127.0.0.1:1');
    writeHolder({ pid: 777 });
    lock.release();
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(777);
  });
});
