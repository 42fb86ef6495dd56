/** `persona ask` (one question) and `persona chat` (a REPL keeping the thread). */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { ChatAnswer } from '../../agent/chat-types.ts';
import { createAgentRuntime } from '../../agent/runtime.ts';
import { withCitations } from '../../integrations/http/routes/citations.ts';
import { PersonaError } from '../../lib/errors.ts';
import { withDatabase } from '../context.ts';
import { markCommandFailed } from '../exit-status.ts';
import { createOutput } from '../output.ts';
import { visibleControls } from '../../lib/terminal-text.ts';

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('ask the agent one question about your segments')
    .argument('<question>', 'e.g. "who are my trust skeptics?"')
    .option('--thread <id>', 'conversation id: follow-up questions with the same id remember the focus', 'cli')
    .option('--json', 'print one JSON document')
    .action(async (question: string, opts: { thread: string; json?: boolean }) => {
      const out = createOutput(Boolean(opts.json));
      await withDatabase(async ({ db }) => {
        const runtime = createAgentRuntime(db, process.env, { files: { kind: 'any' } });
        try {
          const answer = await runtime.chat.ask({ threadId: opts.thread, text: question, onProgress: (s) => out.info(s) });
          out.result(askJson(answer), () => withCitations(answer));
        } finally {
          await runtime.close();
        }
      });
    });

  program
    .command('chat')
    .description('talk to the agent (one conversation; empty line or Ctrl-D to leave)')
    .option('--thread <id>', 'continue this conversation id')
    .action(async (opts: { thread?: string }) => {
      const threadId = opts.thread ?? `cli-${randomUUID()}`;
      if (!threadId || threadId.length > 200) throw new PersonaError('bad_option', '--thread must be 1-200 characters');
      await withDatabase(async ({ db }) => {
        const runtime = createAgentRuntime(db, process.env, { files: { kind: 'any' } });
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        process.stderr.write(`persona chat · thread ${threadId} · ${runtime.configuration.model.kind} model\n`);
        try {
          rl.setPrompt('you › ');
          rl.prompt();
          // Async iteration buffers lines typed (or piped) while an answer is being computed.
          for await (const raw of rl) {
            const line = raw.trim();
            if (!line || line === 'exit' || line === 'quit') break;
            try {
              const answer = await runtime.chat.ask({ threadId, text: line, onProgress: (s) => process.stderr.write(`  … ${visibleControls(s)}\n`) });
              process.stdout.write(chatReply(answer));
            } catch (err) {
              markCommandFailed();
              process.stderr.write(`error: ${visibleControls(err instanceof Error ? err.message : String(err))}\n`);
            }
            rl.prompt();
          }
        } finally {
          rl.close();
          await runtime.close();
        }
      });
    });
}

/** One answer in the chat REPL, safe for the terminal. */
export function chatReply(answer: ChatAnswer): string {
  return `persona › ${visibleControls(withCitations(answer))}\n\n`;
}

export function askJson(a: ChatAnswer) {
  return {
    answer: a.answer,
    evidence: a.evidence.map((e) => ({ n: e.n, text: e.text, textId: e.textId, customerId: e.customerId, segmentId: e.segmentId, runId: e.runId, at: e.at })),
    toolCalls: a.toolCalls,
    runId: a.runId,
    segmentId: a.segmentId,
    threadId: a.threadId,
    cards: a.cards,
  };
}
