/**
 * Customer text stays inert in Slack. Answers whose every customer-derived field is a hostile string
 * (slack-corpus.ts) are rendered as Slack messages, and also sent end to end through the Slack routes,
 * Bolt and the Web API client to a local fake Slack API, with hostile progress and error lines. Every
 * text and block is checked: live links, mentions and broadcasts are counted apart from formatting.
 */
import type { ChatService } from '../../agent/chat-types.ts';
import { slackRoutes } from '../../integrations/slack/routes.ts';
import { recordingLogger } from '../../test/fake-slack/recording-logger.ts';
import { signSlackRequest, startFakeSlack } from '../../test/fake-slack/server.ts';
import type { EvalFailure } from '../types.ts';
import type { ReliabilityDefences } from './defences.ts';
import { hostile, inertProblems, plantedAnswer, renderedTexts, tokens, type RenderedText } from './slack-corpus.ts';

export interface SlackTally {
  readonly hostileStrings: number;
  readonly messages: number;
  readonly liveLinksOrMentions: number;
  readonly formatting: number;
  /** Control, bidi or invisible characters that reorder or hide what a reader sees. */
  readonly controls: number;
  /** Hostile strings never rendered at all: the check would prove nothing about them. */
  readonly unrendered: number;
  readonly failures: EvalFailure[];
}

/** Every answer through the real routes to the fake Slack API: mentions, DMs and slash commands. */
async function endToEnd(): Promise<readonly { readonly body: Record<string, unknown> }[]> {
  const slack = await startFakeSlack();
  try {
    let asked = 0;
    const chat: ChatService = {
      ask: async (req) => {
        const i = asked++;
        req.onProgress?.(`re-segmenting: ${hostile[(i * 7) % hostile.length]}`);
        if (i % 5 === 4) throw new Error(`bad value in ${hostile[(i * 3) % hostile.length]}`);
        return plantedAnswer(req.threadId, i * 3);
      },
    };
    const work: Promise<void>[] = [];
    const routes = slackRoutes({ chat, signingSecret: 'sig', botToken: 'xoxb-eval', slackApiUrl: slack.url, logger: recordingLogger(), progressIntervalMs: 0, onWork: (p) => void work.push(p) });
    for (let i = 0; i < 15; i++) {
      const ts = `1700000${i}.000100`;
      const [payload, contentType] =
        i % 3 === 0
          ? [new URLSearchParams({ command: '/persona', text: `who are they ${hostile[i]}`, team_id: 'T1', channel_id: 'C1', user_id: 'U1', trigger_id: `tr${i}`, response_url: slack.responseUrl(`r${i}`) }).toString(), 'application/x-www-form-urlencoded']
          : [JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: `Ev${i}`, event: i % 3 === 1 ? { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@UBOT> who are they? ${i}`, ts } : { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: `who are they? ${i}`, ts } }), 'application/json'];
      await routes.request('/slack/events', { method: 'POST', body: payload, headers: { 'content-type': contentType, ...signSlackRequest(payload, 'sig') } });
      while (work.length) await Promise.all(work.splice(0));
    }
    return [...slack.calls];
  } finally {
    await slack.close();
  }
}

export async function checkSlack(defences: ReliabilityDefences): Promise<SlackTally> {
  const scope = 'slack';
  const failures: EvalFailure[] = [];
  const rendered: RenderedText[] = [];
  let messages = 0;
  for (let i = 0; i < hostile.length; i++) {
    const posted = defences.slackMessages(plantedAnswer(`direct-${i}`, i));
    messages += posted.length;
    rendered.push(...renderedTexts(posted.map((m) => ({ body: m as unknown as Record<string, unknown> }))));
  }
  const calls = await endToEnd();
  messages += calls.length;
  rendered.push(...renderedTexts(calls));

  let live = 0;
  let formatting = 0;
  let controls = 0;
  for (const t of rendered) {
    for (const problem of inertProblems(t.text, t.kind)) {
      if (/formatting|quote/.test(problem)) formatting++;
      else if (/control or bidi/.test(problem)) controls++;
      else live++;
      if (failures.length < 40) failures.push({ scope, case: problem, reason: t.text.slice(0, 160) });
    }
  }
  const all = rendered.map((t) => t.text).join('\n');
  const unrendered = tokens.filter((token) => !all.includes(token)).length;
  if (unrendered) failures.push({ scope, case: 'coverage', reason: `${unrendered} hostile strings were never rendered` });
  return { hostileStrings: hostile.length, messages, liveLinksOrMentions: live, formatting, controls, unrendered, failures };
}
