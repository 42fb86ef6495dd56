/**
 * A queue for expensive work (segmentation): at most `maxConcurrent` jobs run at once (one by default),
 * the rest wait in order; each user and each conversation may have a bounded number of jobs queued or
 * running; a job reports its stage and fraction, its queue position, and can be cancelled (a queued job
 * is dropped, a running one is told through its AbortSignal).
 */
import { PersonaError } from './errors.ts';

export interface JobQueueOptions {
  readonly maxConcurrent?: number;
  /** Jobs one user may have queued or running. */
  readonly maxPerUser?: number;
  /** Jobs one conversation may have queued or running. */
  readonly maxPerThread?: number;
  /** Jobs waiting in total before new ones are refused. */
  readonly maxQueued?: number;
  /** Finished jobs remembered for status queries. */
  readonly keepFinished?: number;
}

export const jobQueueDefaults = { maxConcurrent: 1, maxPerUser: 1, maxPerThread: 1, maxQueued: 20, keepFinished: 50 } as const;

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobInfo {
  readonly id: number;
  readonly kind: string;
  readonly userId: string;
  readonly threadId: string;
  readonly state: JobState;
  /** 1-based place among waiting jobs; 0 while running or finished. */
  readonly position: number;
  readonly stage: string | null;
  readonly fraction: number;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

export interface JobControl {
  readonly signal: AbortSignal;
  progress(stage: string, fraction: number): void;
}

export interface JobRequest {
  readonly kind: string;
  readonly userId: string;
  readonly threadId: string;
}

interface Entry {
  info: Omit<JobInfo, 'position'>;
  readonly controller: AbortController;
  start(): void;
  cancelQueued(): void;
}

export class JobQueue {
  private readonly o: Required<JobQueueOptions>;
  private readonly entries = new Map<number, Entry>();
  private readonly waiting: number[] = [];
  private running = 0;
  private nextId = 1;

  constructor(options: JobQueueOptions = {}) {
    this.o = { ...jobQueueDefaults, ...options };
  }

  /**
   * Queues `work`; returns the job (with its queue position) at once and the result as a promise.
   * Throws a `job_limit` error when the user, the conversation or the queue is at its limit.
   */
  submit<T>(request: JobRequest, work: (control: JobControl) => Promise<T>): { job: JobInfo; result: Promise<T> } {
    const active = [...this.entries.values()].filter((e) => e.info.state === 'queued' || e.info.state === 'running');
    const mine = active.filter((e) => e.info.userId === request.userId);
    if (mine.length >= this.o.maxPerUser) throw limit(`you already have ${mine.length} ${request.kind} job${mine.length === 1 ? '' : 's'} (${describe(mine)}); wait for it or cancel it`);
    const thread = active.filter((e) => e.info.threadId === request.threadId);
    if (thread.length >= this.o.maxPerThread) throw limit(`this conversation already has a ${request.kind} job (${describe(thread)}); wait for it or cancel it`);
    if (this.waiting.length >= this.o.maxQueued) throw limit(`the queue is full (${this.waiting.length} jobs waiting); try again later`);

    const id = this.nextId++;
    const controller = new AbortController();
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const result = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const entry: Entry = {
      info: { id, ...request, state: 'queued', stage: null, fraction: 0, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null },
      controller,
      start: () => {
        entry.info = { ...entry.info, state: 'running', startedAt: new Date().toISOString() };
        this.running++;
        const control: JobControl = {
          signal: controller.signal,
          progress: (stage, fraction) => {
            entry.info = { ...entry.info, stage, fraction };
          },
        };
        Promise.resolve()
          .then(() => work(control))
          .then(
            (value) => {
              this.finish(entry, controller.signal.aborted ? 'cancelled' : 'succeeded', null);
              resolve(value);
            },
            (err: unknown) => {
              this.finish(entry, controller.signal.aborted ? 'cancelled' : 'failed', err instanceof Error ? err.message : String(err));
              reject(err);
            },
          );
      },
      cancelQueued: () => {
        this.finish(entry, 'cancelled', 'cancelled before it started', false);
        reject(new PersonaError('cancelled', `${request.kind} job ${id} was cancelled before it started`));
      },
    };
    this.entries.set(id, entry);
    this.waiting.push(id);
    const job = this.info(id) as JobInfo;
    this.pump();
    return { job, result };
  }

  info(id: number): JobInfo | null {
    const e = this.entries.get(id);
    if (!e) return null;
    const at = this.waiting.indexOf(id);
    return { ...e.info, position: at >= 0 ? at + 1 : 0 };
  }

  list(): JobInfo[] {
    return [...this.entries.keys()].map((id) => this.info(id) as JobInfo);
  }

  /** Cancels a queued or running job; `byUser` limits it to that user's jobs. Returns the job, or null. */
  cancel(id: number, byUser?: string): JobInfo | null {
    const e = this.entries.get(id);
    if (!e || (byUser !== undefined && e.info.userId !== byUser)) return null;
    if (e.info.state === 'queued') {
      this.waiting.splice(this.waiting.indexOf(id), 1);
      e.cancelQueued();
    } else if (e.info.state === 'running') {
      e.controller.abort(new PersonaError('cancelled', `${e.info.kind} job ${id} was cancelled`));
    }
    return this.info(id);
  }

  /** Running and queued jobs. */
  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting.length };
  }

  private pump(): void {
    while (this.running < this.o.maxConcurrent && this.waiting.length) {
      const id = this.waiting.shift() as number;
      this.entries.get(id)?.start();
    }
  }

  private finish(entry: Entry, state: JobState, error: string | null, wasRunning = true): void {
    entry.info = { ...entry.info, state, error, finishedAt: new Date().toISOString(), ...(state === 'succeeded' ? { fraction: 1 } : {}) };
    if (wasRunning) this.running--;
    const finished = [...this.entries.values()].filter((e) => e.info.finishedAt !== null);
    for (const old of finished.slice(0, Math.max(0, finished.length - this.o.keepFinished))) this.entries.delete(old.info.id);
    this.pump();
  }
}

function limit(message: string): PersonaError {
  return new PersonaError('job_limit', message);
}

function describe(entries: readonly Entry[]): string {
  return entries.map((e) => `job ${e.info.id}, ${e.info.state}`).join('; ');
}
