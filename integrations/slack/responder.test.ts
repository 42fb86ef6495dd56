/**
 * The responder against the local fake Slack Web API, with a scripted ChatService (the agent's
 * interface) and a hand-driven clock, so progress throttling is checked without timing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webApi, type RespondFn } from '@slack/bolt';
import type { ChatAnswer, ChatRequest, ChatService } from '../../agent/chat-types.ts';
import { recordingLogger } from '../../test/fake-slack/recording-logger.ts';
import { startFakeSlack, type FakeSlack } from '../../test/fake-slack/server.ts';
import { conversationId, createResponder, slackErrorCode } from './responder.ts';

let slack: FakeSlack;
let client: webApi.WebClient;
let clock = 0;
const logger = recordingLogger();

beforeAll(async () => {
  slack = await startFakeSlack();
  client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
});
afterAll(async () => slack?.close());
beforeEach(() => {
  slack.calls.length = 0;
  clock = 0;
});

const fixed: ChatAnswer = { threadId: '', answer: 'Three segments.', evidence: [], cards: [], toolCalls: [], runId: 1, segmentId: null };

/** A ChatService that runs `script` (status lines at clock times) and records what it was asked. */
function scripted(script: (req: ChatRequest) => Promise<ChatAnswer> | ChatAnswer): ChatService & { asked: ChatRequest[] } {
  const asked: ChatRequest[] = [];
  return {
    asked,
    ask: async (req) => {
      asked.push(req);
      return script(req);
    },
  };
}

const question = { team: 'T1', channel: 'C1', threadTs: '1700000001.000100', text: 're-segment into 4 groups' };
const summary = () => slack.calls.map((c) => `${c.method}:${String(c.body.text ?? '')}`);

describe('Slack responder', () => {
  it('posts one progress message, edits it at most once per interval, then posts the answer once', async () => {
    // Statuses arrive over (hand-driven) time; each shown one has reached Slack before the next arrives.
    const chat = scripted(async (req) => {
      for (const [t, status, shown] of [[0, 'loading data', 1], [500, 'embedding', 1], [1999, 'reducing', 1], [2500, 'clustering *fast*', 2], [2600, 'describing', 2]] as const) {
        clock = t;
        req.onProgress?.(status);
        await slack.waitFor((calls) => calls.length === shown);
      }
      return fixed;
    });
    await createResponder({ chat, logger, now: () => clock, progressIntervalMs: 2000 }).answerInThread(client, question);
    expect(summary()).toEqual([
      'chat.postMessage::hourglass_flowing_sand: loading data',
      'chat.update::hourglass_flowing_sand: clustering \u2217fast\u2217',
      'chat.update::white_check_mark: Done.',
      'chat.postMessage:Three segments.',
    ]);
    const [progress, update, , answer] = slack.calls;
    expect(progress!.body.thread_ts).toBe(question.threadTs);
    expect(update!.body.ts).toBe(progress!.reply.ts);
    expect(answer!.body.thread_ts).toBe(question.threadTs);
    expect(answer!.body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Three segments.', verbatim: true } }]);
    expect(answer!.token).toBe('xoxb-test');
    expect(chat.asked[0]!.threadId).toBe('slack:T1:C1:1700000001.000100');
  });

  it('ignores progress reported after the answer', async () => {
    let late: ((s: string) => void) | undefined;
    const chat = scripted((req) => {
      late = req.onProgress;
      return fixed;
    });
    await createResponder({ chat, logger, now: () => clock }).answerInThread(client, question);
    const before = slack.calls.length;
    late?.('still going');
    await new Promise((r) => setTimeout(r, 20));
    expect(slack.calls.length).toBe(before);
    expect(summary()).toEqual(['chat.postMessage:Three segments.']);
  });

  it('turns a failure into a short apology in the thread, replacing the progress message', async () => {
    const failing = scripted((req) => {
      req.onProgress?.('loading data');
      throw new Error('database is locked <!channel>');
    });
    await createResponder({ chat: failing, logger, now: () => clock }).answerInThread(client, question);
    expect(summary()).toEqual([
      'chat.postMessage::hourglass_flowing_sand: loading data',
      'chat.update::warning: Sorry, I could not answer that: database is locked &lt;!channel&gt;',
    ]);
    slack.calls.length = 0;
    await createResponder({ chat: scripted(() => Promise.reject(new Error('no runs yet'))), logger }).answerInThread(client, question);
    expect(summary()).toEqual(['chat.postMessage::warning: Sorry, I could not answer that: no runs yet']);
    expect(slack.calls[0]!.body.thread_ts).toBe(question.threadTs);
  });

  it('falls back to text when Slack refuses the blocks', async () => {
    slack.fail('chat.postMessage', 'invalid_blocks');
    await createResponder({ chat: scripted(() => fixed), logger }).answerInThread(client, question);
    expect(slack.calls.map((c) => [c.method, c.body.blocks === undefined])).toEqual([
      ['chat.postMessage', false],
      ['chat.postMessage', true],
    ]);
    expect(slack.calls[1]!.body.text).toBe('Three segments.');
    expect(logger.lines.some((l) => l.text.includes('invalid_blocks'))).toBe(true);
  });

  it('answers /persona under a channel message that shows the question, so its thread is the conversation', async () => {
    const chat = scripted(() => fixed);
    await createResponder({ chat, logger }).answerCommand(client, { team: 'T1', channel: 'C9', user: 'U7', text: 'who are my *trust* skeptics?' });
    const [root, reply] = slack.calls;
    expect(root!.body).toMatchObject({ channel: 'C9', text: '<@U7> asked: “who are my \u2217trust\u2217 skeptics?”' });
    expect(root!.body.thread_ts).toBeUndefined();
    const rootTs = root!.reply.ts;
    expect(reply!.body).toMatchObject({ channel: 'C9', thread_ts: rootTs, text: 'Three segments.', reply_broadcast: 'true' });
    expect(chat.asked[0]!.threadId).toBe(conversationId('T1', 'C9', String(rootTs)));
  });

  it('answers /persona through the response URL in a channel the bot has not joined', async () => {
    slack.fail('chat.postMessage', 'not_in_channel');
    const url = slack.responseUrl('cmd-1');
    const respond: RespondFn = (m) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(typeof m === 'string' ? { text: m } : m) });
    const chat = scripted(() => fixed);
    await createResponder({ chat, logger }).answerCommand(client, { team: 'T1', channel: 'C5', user: 'U7', text: 'list segments' }, respond);
    const responses = slack.calls.filter((c) => c.method === 'response_url');
    expect(responses).toHaveLength(1);
    expect(responses[0]!.body).toMatchObject({ response_type: 'in_channel', text: 'Three segments.' });
    expect(chat.asked[0]!.threadId).toBe('slack:T1:C5:user-U7');
  });

  it('reads Slack’s error code from a refused call', async () => {
    slack.fail('chat.postMessage', 'channel_not_found');
    const err = await client.chat.postMessage({ channel: 'CX', text: 'x' }).catch((e: unknown) => e);
    expect(slackErrorCode(err)).toBe('channel_not_found');
    expect(slackErrorCode(new Error('network'))).toBeNull();
  });
});
