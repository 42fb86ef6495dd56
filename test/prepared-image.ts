/**
 * Heavy test fixtures built once per test run and copied per test file. A fixture is a folder (a closed
 * PGlite data directory plus whatever files it needs) built by one test process under a lock in the run's
 * fixture root; every other process waits for it, then works on its own copy, so no two processes ever
 * open the same PGlite folder.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { embeddedDataDir, openDatabase, type DbHandle } from '../db/client.ts';
import { assertStoredLabelsConsistent } from './check-labels.ts';
// Types only: the ProvidedContext key declared by the global setup.
import type {} from './global-setup.ts';

/** Only a guard against a builder that hangs; a slow machine just waits. */
const waitLimitMs = 60 * 60_000;

let ownRoot: string | null = null;
const building = new Map<string, Promise<string>>();

/** The run's fixture folder from test/global-setup.ts; a process started without it keeps its own. */
export function fixtureRoot(): string {
  const shared = inject('personaFixtureRoot');
  if (shared) {
    mkdirSync(shared, { recursive: true });
    return shared;
  }
  if (ownRoot === null) {
    const root = mkdtempSync(join(tmpdir(), 'persona-fixtures-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    ownRoot = root;
  }
  return ownRoot;
}

/**
 * The folder of fixture `name`, built by `build(dir)` the first time any process of this run asks for it.
 * `build` fills an empty folder and must leave nothing open. The returned folder is read-only by
 * convention: open a copy (cloneImage), never the image itself.
 */
export function preparedImage(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`fixture name must be kebab-case, got "${name}"`);
  let pending = building.get(name);
  if (!pending) {
    pending = prepare(fixtureRoot(), name, build);
    building.set(name, pending);
  }
  return pending;
}

async function prepare(root: string, name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const image = join(root, name);
  const lock = join(root, `${name}.lock`);
  const failed = join(root, `${name}.failed`);
  if (existsSync(image)) return image;
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    // Another process of this run builds it.
  }
  if (owner) {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    const work = join(root, `${name}.building`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work);
    try {
      await build(work);
      renameSync(work, image);
      return image;
    } catch (error) {
      writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
      throw error;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  const started = Date.now();
  for (;;) {
    if (existsSync(image)) return image;
    if (existsSync(failed)) throw new Error(`fixture "${name}" failed to build in another test process:\n${readFileSync(failed, 'utf8')}`);
    const builder = readBuilderPid(lock);
    if (builder !== null && !isAlive(builder)) throw new Error(`fixture "${name}": the process building it (${builder}) exited without finishing`);
    if (Date.now() - started > waitLimitMs) throw new Error(`fixture "${name}" still not built after ${waitLimitMs / 60_000} minutes`);
    await sleep(200);
  }
}

function readBuilderPid(lock: string): number | null {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // not written yet, or the lock is gone because the image just landed
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A private, writable copy of an image in a fresh temporary folder; the caller removes it. */
export function cloneImage(image: string, prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), `${prefix}-`));
  cpSync(image, copy, { recursive: true });
  return copy;
}

/** An opened private copy of an image: `home` is the copy's folder; closing the handle also removes it. */
export interface ImageCopy extends DbHandle {
  readonly home: string;
}

/** Opens the database of a private copy of `image` (a PERSONA_HOME); the copy goes when the handle closes. */
export async function openImageCopy(image: string, prefix: string): Promise<ImageCopy> {
  const home = cloneImage(image, prefix);
  const remove = () => rmSync(home, { recursive: true, force: true });
  try {
    const handle = await openDatabase({ dataDir: embeddedDataDir(home) });
    return {
      ...handle,
      home,
      // Every run a test stored passes the label-consistency check before its database goes away.
      close: async () => {
        try {
          await assertStoredLabelsConsistent(handle.db);
        } finally {
          try {
            await handle.close();
          } finally {
            remove();
          }
        }
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Small JSON facts stored beside a fixture's data (run ids, dataset ids). */
export function writeFacts(dir: string, facts: unknown): void {
  writeFileSync(join(dir, 'fixture.json'), JSON.stringify(facts));
}

export function readFacts<T>(dir: string): T {
  return JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as T;
}
