/**
 * An exclusive lock on a folder (PERSONA_HOME): the embedded PGlite database is one process only, and a
 * second process on the same folder corrupts it. The lock is a small JSON file created with O_EXCL,
 * naming its holder (pid, host, start time, command, and the URL when `persona serve` holds it). A lock
 * left by a process that died (same host, pid gone) is taken over; anything else is refused with a
 * message that names the holder and what to do.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { PersonaError } from './errors.ts';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  /** The command that took the lock, e.g. "persona import data.csv". */
  readonly command: string;
  /** Set by `persona serve` once it listens: other commands can use its API instead. */
  readonly url?: string;
}

export interface HomeLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Rewrites the lock with more about the holder (the server's URL). */
  update(extra: Pick<LockHolder, 'url'>): void;
  release(): void;
}

export interface LockOptions {
  /** The folder the lock protects, for messages. */
  readonly home: string;
  readonly command?: string;
  /** Override for tests: is this pid alive on this host? */
  readonly isAlive?: (pid: number) => boolean;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLockHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? ''), command: String(parsed.command ?? 'persona'), ...(parsed.url ? { url: parsed.url } : {}) };
  } catch {
    return null;
  }
}

/** Takes the lock or throws a `home_locked` error naming the live holder. */
export function acquireHomeLock(file: string, options: LockOptions): HomeLock {
  const isAlive = options.isAlive ?? processAlive;
  let holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: options.command ?? 'persona' };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, holder)) return handle(file, () => holder, (h) => (holder = h));
    const current = readLockHolder(file);
    if (current === null) {
      // Half-written by a process that died between open and write; old enough to be sure.
      if (ageMs(file) > 2000) takeOver(file, null);
      continue;
    }
    if (current.host === holder.host && current.pid === process.pid) {
      throw new PersonaError('home_locked', `${options.home} is already open in this process (${current.command}); close it first`);
    }
    if (current.host === holder.host && !isAlive(current.pid)) {
      takeOver(file, current);
      continue;
    }
    throw new PersonaError('home_locked', lockedMessage(options.home, file, current));
  }
  throw new PersonaError('home_locked', `could not take the lock ${file}: other processes keep taking it`);
}

function lockedMessage(home: string, file: string, h: LockHolder): string {
  const who = `pid ${h.pid} on ${h.host}, since ${h.startedAt}, running \`${h.command}\``;
  if (h.url) {
    return (
      `${home} is held by persona serve at ${h.url} (${who}). Use the server instead: ` +
      `\`curl ${h.url}/api/runs\` or POST ${h.url}/v1/chat/completions (with PERSONA_API_KEY as bearer token), ` +
      `or stop it (kill -TERM ${h.pid}) and run the command again.`
    );
  }
  const sameHost = h.host === hostname();
  return (
    `${home} is in use by another persona process (${who}); the embedded database allows one process at a time. ` +
    `Wait for it to finish${sameHost ? ` or stop it (kill -TERM ${h.pid})` : ''}, use another PERSONA_HOME, ` +
    `or set DATABASE_URL to a PostgreSQL server to share data between processes.` +
    (sameHost ? '' : ` If that process is gone, delete ${file}.`)
  );
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new PersonaError('home_locked', `cannot create the lock file ${file}: ${(err as Error).message}`);
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a dead holder's lock aside. Renaming to a name unique to us is atomic, so when two processes
 * find the same stale lock only one moves it; the other then finds the new holder's lock.
 */
function takeOver(file: string, expected: LockHolder | null): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readLockHolder(aside);
  if (expected && moved && (moved.pid !== expected.pid || moved.startedAt !== expected.startedAt)) {
    // We moved a live lock that replaced the stale one in between: put it back.
    try {
      renameSync(aside, file);
    } catch {
      /* the holder re-checks its lock on release */
    }
    return;
  }
  rmSync(aside, { force: true });
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

function handle(file: string, get: () => LockHolder, set: (h: LockHolder) => void): HomeLock {
  let released = false;
  const onExit = () => releaseIfOurs();
  const releaseIfOurs = () => {
    if (released) return;
    released = true;
    process.off('exit', onExit);
    const current = readLockHolder(file);
    if (current && current.pid === get().pid && current.startedAt === get().startedAt) rmSync(file, { force: true });
  };
  process.on('exit', onExit);
  return {
    file,
    get holder() {
      return get();
    },
    update(extra) {
      const next = { ...get(), ...extra };
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(next)}\n`);
      renameSync(tmp, file);
      set(next);
    },
    release: releaseIfOurs,
  };
}
