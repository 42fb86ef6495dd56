/**
 * Block Kit rendering of an answer: the answer text, one persona card per ChatCard (header, archetype
 * and size, bio, goals/frustrations/channels, key numbers, quotes with the customer's pseudonymised id)
 * and the numbered evidence. Everything stays within Block Kit's limits, and an answer larger than one
 * message is split into several (posted in the same thread), keeping each card whole where it fits.
 * Customer text is neutralised (see mrkdwn.ts) and marked verbatim so Slack links nothing in it.
 */
import type { types } from '@slack/bolt';
import type { ChatAnswer, ChatCard, ChatEvidence } from '../../agent/chat-types.ts';
import { answerMrkdwn, clip, neutralise, neutraliseInline, plainText, splitText } from './mrkdwn.ts';

export const blockLimits = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  fallbackText: 3000,
  /** Our own display choices, well inside Slack's limits. */
  quotesPerCard: 4,
  quoteText: 600,
  evidenceText: 1000,
} as const;

export type SlackBlock = types.HeaderBlock | types.ContextBlock | types.SectionBlock | types.DividerBlock;

export interface SlackMessage {
  /** Fallback for notifications and clients without Block Kit. */
  readonly text: string;
  readonly blocks: SlackBlock[];
}

function md(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function sections(text: string): SlackBlock[] {
  return splitText(text, blockLimits.sectionText).map((part) => ({ type: 'section', text: md(part) }));
}

function fieldSections(fields: string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < fields.length; i += blockLimits.fieldsPerSection) {
    out.push({ type: 'section', fields: fields.slice(i, i + blockLimits.fieldsPerSection).map((f) => md(clip(f, blockLimits.fieldText))) });
  }
  return out;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.001 && share > 0 ? 2 : 1)}%`;
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The customer a card quote came from: the evidence text that contains it (same segment first). */
export function quoteCustomer(quote: string, card: ChatCard, evidence: readonly ChatEvidence[]): string | null {
  const q = normalised(quote).replace(/^[“"]|[”"]$/g, '');
  if (!q) return null;
  const holders = evidence.filter((e) => normalised(e.text).includes(q));
  const best = holders.find((e) => e.segmentId === card.segmentId && (e.runId === null || e.runId === card.runId)) ?? holders[0];
  return best?.customerId ?? null;
}

export function cardBlocks(card: ChatCard, evidence: readonly ChatEvidence[] = []): SlackBlock[] {
  const title = card.name.trim() || card.label.trim() || `Segment ${card.segmentId}`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(plainText(title).replace(/\s+/g, ' ').trim() || `Segment ${card.segmentId}`, blockLimits.headerText), emoji: true } },
    {
      type: 'context',
      elements: [
        ...(card.archetype.trim() ? [md(`*${neutraliseInline(card.archetype)}*`)] : []),
        md(`${card.size.toLocaleString('en-US')} customers · ${percent(card.share)} of all`),
        md(`segment ${card.segmentId} of run ${card.runId}${card.label && card.label !== title ? ` · ${neutraliseInline(card.label)}` : ''}`),
      ],
    },
  ];
  if (card.bio.trim()) blocks.push(...sections(neutralise(card.bio)));
  const list = (title: string, items: readonly string[]) => (items.length ? [`*${title}*\n${items.map((x) => `• ${neutraliseInline(x)}`).join('\n')}`] : []);
  blocks.push(
    ...fieldSections([...list('Goals', card.goals), ...list('Frustrations', card.frustrations), ...list('Channels', card.preferredChannels)]),
    ...fieldSections(card.keyStats.filter((k) => k.display || k.label).map((k) => `*${neutraliseInline(k.display || '—')}*\n${neutraliseInline(k.label || ' ')}`)),
  );
  for (const quote of card.quotes.slice(0, blockLimits.quotesPerCard)) {
    const customer = quoteCustomer(quote, card, evidence);
    blocks.push({
      type: 'context',
      elements: [md(`“${clip(neutraliseInline(quote.replace(/^[“"]|[”"]$/g, '')), blockLimits.quoteText)}”`), ...(customer ? [md(`— ${neutraliseInline(customer)}`)] : [])],
    });
  }
  blocks.push({ type: 'divider' });
  return blocks;
}

function evidenceBlock(e: ChatEvidence): SlackBlock {
  const segment = e.segmentName ? neutraliseInline(e.segmentName) : e.segmentId !== null ? `segment ${e.segmentId}` : '';
  const when = e.when ?? (e.at ? `${e.at.slice(0, 10)} UTC` : '');
  const where = [e.customerId && neutraliseInline(e.customerId), segment, when && neutraliseInline(when)]
    .filter(Boolean)
    .join(' · ');
  return {
    type: 'context',
    elements: [md(`\`[${e.n}]\``), md(`“${clip(neutraliseInline(e.text), blockLimits.evidenceText)}”`), ...(where ? [md(where)] : [])],
  };
}

/** Groups of blocks that belong together; a message break falls between groups where possible. */
function groups(answer: ChatAnswer): SlackBlock[][] {
  const cited = new Set(answer.evidence.map((e) => e.n));
  const text = answer.answer.trim() ? answerMrkdwn(answer.answer, cited) : answer.cards.length ? '' : 'I have no answer to that.';
  const out: SlackBlock[][] = sections(text).map((b) => [b]);
  for (const card of answer.cards) out.push(cardBlocks(card, answer.evidence));
  answer.evidence.forEach((e, i) => out.push(i === 0 ? [{ type: 'section', text: md('*Evidence*') }, evidenceBlock(e)] : [evidenceBlock(e)]));
  return out;
}

/** One or more messages (thread replies, in order) carrying the whole answer within Block Kit limits. */
export function answerMessages(answer: ChatAnswer): SlackMessage[] {
  const max = blockLimits.blocksPerMessage;
  const chunks: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  const flush = () => {
    if (current.length) chunks.push(current);
    current = [];
  };
  for (const group of groups(answer)) {
    if (current.length + group.length > max) flush();
    for (let i = 0; i < group.length; i += max) {
      if (i > 0) flush();
      current.push(...group.slice(i, i + max));
    }
  }
  flush();
  const first = answerMrkdwn(answer.answer, new Set(answer.evidence.map((e) => e.n))).trim();
  const headline = first || (answer.cards.length ? answer.cards.map((c) => neutraliseInline(c.name)).join(', ') : 'I have no answer to that.');
  return chunks.map((blocks, i) => ({
    text: i === 0 ? clip(headline, blockLimits.fallbackText) : `Answer continued (${i + 1} of ${chunks.length})`,
    blocks,
  }));
}
