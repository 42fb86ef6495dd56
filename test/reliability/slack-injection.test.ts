/**
 * Customer text stays inert in Slack. A corpus of hostile strings (links in Slack and Markdown syntax,
 * broadcasts, user/channel/group mentions, formatting, block quotes, entities, curly-quote tricks,
 * invisible and bidi characters) is planted in every customer-derived field of an answer: evidence,
 * persona card fields, the offline planner's answer text (which quotes customers), progress and error
 * lines. The answers go out through the real Slack routes, Bolt and Web API client to the local fake
 * Slack API, and every text and block it receives is checked: no live link, mention, broadcast or
 * formatting that came from customer text. The agent is scripted at its interface (ChatService).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatService } from '../../agent/chat-types.ts';
import { hostile, inertProblems, plantedAnswer, renderedTexts, tokens } from '../../evals/reliability/slack-corpus.ts';
import { slackRoutes } from '../../integrations/slack/routes.ts';
import { recordingLogger } from '../fake-slack/recording-logger.ts';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../fake-slack/server.ts';

let slack: FakeSlack;
let asked = 0;
const work: Promise<void>[] = [];

const chat: ChatService = {
  ask: async (req) => {
    const i = asked++;
    req.onProgress?.(`re-segmenting: ${hostile[(i * 7) % hostile.length]}`);
    if (i % 5 === 4) throw new Error(`bad value in ${hostile[(i * 3) % hostile.length]}`);
    return plantedAnswer(req.threadId, i * 3);
  },
};

beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => slack?.close());

async function send(payload: string, contentType: string, routes: ReturnType<typeof slackRoutes>): Promise<void> {
  const res = await routes.request('/slack/events', { method: 'POST', body: payload, headers: { 'content-type': contentType, ...signSlackRequest(payload, 'sig') } });
  expect(res.status).toBe(200);
  while (work.length) await Promise.all(work.splice(0));
}

describe('customer text is inert in Slack', () => {
  it('has a corpus of at least 30 hostile strings', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it('renders no live link, mention, broadcast or formatting from customer text in any message the Slack API receives', async () => {
    const routes = slackRoutes({ chat, signingSecret: 'sig', botToken: 'xoxb-test', slackApiUrl: slack.url, logger: recordingLogger(), progressIntervalMs: 0, onWork: (p) => void work.push(p) });
    for (let i = 0; i < 15; i++) {
      const ts = `1700000${i}.000100`;
      if (i % 3 === 0) {
        const body = new URLSearchParams({ command: '/persona', text: `who are they ${hostile[i]}`, team_id: 'T1', channel_id: 'C1', user_id: 'U1', trigger_id: `tr${i}`, response_url: slack.responseUrl(`r${i}`) }).toString();
        await send(body, 'application/x-www-form-urlencoded', routes);
      } else {
        const event = i % 3 === 1
          ? { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@UBOT> who are they? ${i}`, ts }
          : { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: `who are they? ${i}`, ts };
        await send(JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: `Ev${i}`, event }), 'application/json', routes);
      }
    }
    expect(asked).toBe(15);
    const texts = renderedTexts(slack.calls);
    const all = texts.map((t) => t.text).join('\n');
    for (const token of tokens) expect(all, `${token} was never rendered`).toContain(token);

    const live: string[] = [];
    const formatting: string[] = [];
    for (const t of texts) {
      for (const p of inertProblems(t.text, t.kind)) (p.includes('formatting') || p.includes('quote') ? formatting : live).push(`${p}: ${t.text.slice(0, 120)}`);
    }
    expect(live).toEqual([]);
    expect(formatting).toEqual([]);
  });
});
