/**
 * The defences the reliability suite attacks, as the product's own functions. The suite takes them as
 * options so a test can remove one (an escaping function that passes text through, masking that masks
 * nothing, chat given any path) and see the suite count the damage and fail its thresholds.
 */
import type { ChatAnswer } from '../../agent/chat-types.ts';
import { chatReply } from '../../cli/commands/ask.ts';
import { renderSegment } from '../../cli/commands/show.ts';
import { createOutput } from '../../cli/output.ts';
import { answerMessages, type SlackMessage } from '../../integrations/slack/blocks.ts';
import type { FileAccess } from '../../lib/data-folder.ts';
import { maskPii, type MaskedText } from '../../pipeline/evidence/pii.ts';

export type TerminalSegment = Parameters<typeof renderSegment>[0];

export interface ReliabilityDefences {
  /** The Slack messages posted for an answer. */
  readonly slackMessages: (answer: ChatAnswer) => readonly SlackMessage[];
  /** Everything a person sees in the terminal for an answer (`chat`, `ask`), a stored segment (`show`) and a progress line. */
  readonly terminalOutput: (answer: ChatAnswer, segment: TerminalSegment, progress: string) => string;
  readonly maskPii: (text: string) => MaskedText;
  /** Which files a chat user may import, given the data folder. */
  readonly chatFiles: (dataFolder: string) => FileAccess;
}

function productTerminalOutput(answer: ChatAnswer, segment: TerminalSegment, progress: string): string {
  const written: string[] = [];
  const sink = { write: (s: string) => written.push(s) } as unknown as NodeJS.WritableStream;
  const human = createOutput(false, sink, sink);
  human.result(segment, () => renderSegment(segment));
  human.result(answer, () => answer.answer);
  human.info(progress);
  return `${chatReply(answer)}${written.join('')}`;
}

export const productDefences: ReliabilityDefences = {
  slackMessages: answerMessages,
  terminalOutput: productTerminalOutput,
  maskPii: (text) => maskPii(text),
  chatFiles: (dir) => ({ kind: 'folder', dir }),
};
