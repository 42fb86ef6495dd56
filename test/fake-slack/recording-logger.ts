/** A Bolt logger that keeps what it is told, so tests can check warnings without console noise. */
import { LogLevel, type Logger } from '@slack/bolt';

export interface RecordingLogger extends Logger {
  readonly lines: { readonly level: LogLevel; readonly text: string }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: { level: LogLevel; text: string }[] = [];
  let level = LogLevel.DEBUG;
  const at = (l: LogLevel) => (...msg: unknown[]) => void lines.push({ level: l, text: msg.map(String).join(' ') });
  return {
    lines,
    debug: at(LogLevel.DEBUG),
    info: at(LogLevel.INFO),
    warn: at(LogLevel.WARN),
    error: at(LogLevel.ERROR),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
