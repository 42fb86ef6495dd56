/**
 * Customer text never drives the terminal. Escape sequences (colours, screen clears, OSC-8 hyperlinks,
 * window titles), BEL, carriage returns, C1 controls and bidi overrides in segments and answers are
 * shown as visible symbols in human CLI output (`show`, `ask`, the `chat` REPL); `--json` keeps the
 * text as it is. terminal-escapes-cli.real.test.ts runs `persona show` and `ask` as real processes.
 */
import { describe, expect, it } from 'vitest';
import type { ChatAnswer } from '../../agent/chat-types.ts';
import { chatReply } from '../../cli/commands/ask.ts';
import { createOutput } from '../../cli/output.ts';
import { renderSegment } from '../../cli/commands/show.ts';
import { visibleControls } from '../../lib/terminal-text.ts';
import { acting, payloads } from '../../evals/reliability/terminal-payloads.ts';

describe('terminal escapes in customer text', () => {
  it('persona show renders a stored segment visibly', () => {
    const written: string[] = [];
    const sink = { write: (s: string) => written.push(s) } as unknown as NodeJS.WritableStream;
    const segment = {
      id: 0, label: payloads[0], size: 1, share: 0.5, stability: 1, persona: null, evidence: [], value: null, channels: [], channelPlan: null, campaign: null,
      topTerms: [], topFeatures: [], drivers: [], description: { reasons: payloads.slice(1), activity: { peakHour: null, peakWeekday: null } },
    } as unknown as Parameters<typeof renderSegment>[0];
    createOutput(false, sink, sink).result({}, () => renderSegment(segment));
    const text = written.join('');
    expect(text).not.toMatch(acting);
    for (let i = 0; i < payloads.length; i++) expect(text).toContain(`Tq${i}`);
    expect(text).toContain('\u241b]8;;https://evil.example\u2407click me');
    expect(text).toContain('invoice<U+202E>gnp.exe');
  });

  it('the chat REPL and every human output line show them visibly', () => {
    const answer: ChatAnswer = {
      threadId: 't', answer: payloads.map((p, i) => `“${p}” [${i + 1}]`).join(' '), cards: [], toolCalls: [], runId: 1, segmentId: 0,
      evidence: payloads.map((p, i) => ({ n: i + 1, text: p, textId: null, customerId: p, segmentId: 0, runId: 1, at: null })),
    };
    const reply = chatReply(answer);
    expect(reply).not.toMatch(acting);
    for (let i = 0; i < payloads.length; i++) expect(reply).toContain(`Tq${i}`);

    const written: string[] = [];
    const sink = { write: (s: string) => written.push(s) } as unknown as NodeJS.WritableStream;
    const human = createOutput(false, sink, sink);
    human.result(answer, () => answer.answer);
    human.info(`progress: ${payloads[3]}`);
    expect(written.join('')).not.toMatch(acting);
    const machine: string[] = [];
    createOutput(true, { write: (s: string) => machine.push(s) } as unknown as NodeJS.WritableStream).result(answer, () => '');
    expect((JSON.parse(machine.join('')) as ChatAnswer).evidence.map((e) => e.text)).toEqual(payloads);
  });

  it('keeps newlines and tabs, and shows each control as one symbol', () => {
    expect(visibleControls('a\tb\nc')).toBe('a\tb\nc');
    expect(visibleControls('\u001b[1m\u0007\u007f\u009b\u202e')).toBe('\u241b[1m\u2407\u2421<U+009B><U+202E>');
  });
});
