/**
 * Customer text never drives the terminal: terminal payloads (escape sequences, OSC-8 links, BEL,
 * carriage returns, C1 controls, bidi overrides) planted in a stored segment, an answer, its evidence
 * and a progress line; counted: human outputs where a character a terminal acts on survives.
 */
import type { ChatAnswer } from '../../agent/chat-types.ts';
import type { EvalFailure } from '../types.ts';
import type { ReliabilityDefences, TerminalSegment } from './defences.ts';
import { acting, payloads } from './terminal-payloads.ts';

export interface TerminalTally {
  readonly payloads: number;
  /** Payloads whose terminal-acting characters reached human output. */
  readonly live: number;
  readonly failures: EvalFailure[];
}

function planted(payload: string, i: number): { answer: ChatAnswer; segment: TerminalSegment } {
  const answer: ChatAnswer = {
    threadId: `tty-${i}`, answer: `They say “${payload}” [1]`, cards: [], toolCalls: [], runId: 1, segmentId: 0,
    evidence: [{ n: 1, text: payload, textId: null, customerId: payload, segmentId: 0, runId: 1, at: null }],
  };
  const segment = {
    id: 0, label: payload, size: 1, share: 0.5, stability: 1, persona: null, evidence: [], value: null, channels: [], channelPlan: null, campaign: null,
    topTerms: [], topFeatures: [], drivers: [], description: { reasons: [payload], activity: { peakHour: null, peakWeekday: null } },
  } as unknown as TerminalSegment;
  return { answer, segment };
}

export function checkTerminal(defences: ReliabilityDefences): TerminalTally {
  const failures: EvalFailure[] = [];
  let live = 0;
  payloads.forEach((payload, i) => {
    const { answer, segment } = planted(payload, i);
    const shown = defences.terminalOutput(answer, segment, `progress: ${payload}`);
    const tag = payload.split(' ')[0] as string;
    if (acting.test(shown)) {
      live++;
      failures.push({ scope: 'terminal', case: tag, reason: `a control or bidi character reached the terminal: ${JSON.stringify(shown.slice(0, 120))}` });
    } else if (!shown.includes(tag)) failures.push({ scope: 'terminal', case: tag, reason: 'the payload was not shown at all' });
  });
  return { payloads: payloads.length, live, failures };
}
