/**
 * A one-line progress bar on stderr. Silent when stderr is not a terminal (CI logs, pipes), so --json
 * output and logs stay clean.
 */
import { readCliSettings, type CliSettings } from '../lib/config.ts';

export interface Progress {
  update(label: string, done: number, total: number | null): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, mode: CliSettings['progress'] = readCliSettings().progress): Progress {
  if (mode === 'lines') return lineProgress(stream);
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (now - last < 100 && (total === null || done < total)) return;
      last = now;
      shown = true;
      const width = 30;
      const text =
        total && total > 0
          ? `${'█'.repeat(Math.round((done / total) * width)).padEnd(width, '░')} ${Math.floor((done / total) * 100)}% ${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`
          : `${label} ${done.toLocaleString('en-US')} rows…`;
      stream.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** PERSONA_PROGRESS=lines: one "progress: stage done/total" line per stage change and at most every 500 ms, for logs and supervisors. */
function lineProgress(stream: NodeJS.WritableStream): Progress {
  let lastLabel = '';
  let last = 0;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (label === lastLabel && now - last < 500) return;
      lastLabel = label;
      last = now;
      stream.write(`progress: ${label} ${done}${total !== null ? `/${total}` : ''}\n`);
    },
    done: () => undefined,
  };
}
