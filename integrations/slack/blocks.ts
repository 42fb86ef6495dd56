/**
 * Block Kit rendering of an answer: the answer text, persona cards (quotes as context blocks) and the
 * numbered evidence, split into messages that stay within Block Kit's limits. Customer text is escaped
 * so it can never mention a user, a channel or @here.
 */
import type { ChatAnswer, ChatCard } from '../../agent/chat-types.ts';

export const blockLimits = { blocksPerMessage: 50, sectionText: 3000, headerText: 150, fields: 10, fieldText: 2000, contextElements: 10, fallbackText: 3000 } as const;

export type Block = Record<string, unknown>;
export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

/** Escapes &, <, > (Slack's control characters): "<!channel>" and "<@U123>" become inert text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Markdown-ish answer text → mrkdwn: **bold** → *bold*. */
function mrkdwn(text: string): string {
  return escapeSlack(text).replace(/\*\*(.+?)\*\*/g, '*$1*');
}

function section(text: string): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < text.length; i += blockLimits.sectionText) out.push({ type: 'section', text: { type: 'mrkdwn', text: text.slice(i, i + blockLimits.sectionText) } });
  return out;
}

export function cardBlocks(card: ChatCard): Block[] {
  const list = (items: readonly string[]) => clip(items.map((x) => `• ${escapeSlack(x)}`).join('\n') || '—', blockLimits.fieldText);
  const fields = [
    { type: 'mrkdwn', text: `*Goals*\n${list(card.goals)}` },
    { type: 'mrkdwn', text: `*Frustrations*\n${list(card.frustrations)}` },
    { type: 'mrkdwn', text: `*Channels*\n${list(card.preferredChannels)}` },
    ...card.keyStats.map((k) => ({ type: 'mrkdwn', text: clip(`*${escapeSlack(k.display)}*\n${escapeSlack(k.label)}`, blockLimits.fieldText) })),
  ].slice(0, blockLimits.fields);
  return [
    { type: 'header', text: { type: 'plain_text', text: clip(card.name, blockLimits.headerText), emoji: false } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(`${card.archetype} · ${card.size.toLocaleString('en-US')} customers (${(card.share * 100).toFixed(1)}%) · segment ${card.segmentId} of run ${card.runId}`) }] },
    ...(card.bio ? section(escapeSlack(card.bio)) : []),
    { type: 'section', fields },
    ...card.quotes.slice(0, blockLimits.contextElements).map((q) => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`> “${escapeSlack(q)}”`, blockLimits.fieldText) }] })),
    { type: 'divider' },
  ];
}

function evidenceBlocks(answer: ChatAnswer): Block[] {
  return answer.evidence.map((e) => ({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: clip(`*[${e.n}]* “${escapeSlack(e.text)}” — ${escapeSlack(e.customerId)}${e.segmentId !== null ? `, segment ${e.segmentId}` : ''}`, blockLimits.fieldText) }],
  }));
}

/** One or more messages (thread replies) carrying the whole answer within Block Kit limits. */
export function answerMessages(answer: ChatAnswer): SlackMessage[] {
  const blocks: Block[] = [...section(mrkdwn(answer.answer)), ...answer.cards.flatMap(cardBlocks)];
  if (answer.evidence.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*Sources*' } }, ...evidenceBlocks(answer));
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += blockLimits.blocksPerMessage) {
    const part = blocks.slice(i, i + blockLimits.blocksPerMessage);
    messages.push({ text: clip(i === 0 ? escapeSlack(answer.answer) : '(continued)', blockLimits.fallbackText), blocks: part });
  }
  return messages.length ? messages : [{ text: '(no answer)', blocks: section('(no answer)') }];
}
