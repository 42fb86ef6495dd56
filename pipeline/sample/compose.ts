/**
 * Builds one customer message from fragment pools: greeting, opener, core, detail, closer, contact
 * and sign-off, each optional except the core, with per-channel habits (emails greet and sign off,
 * social posts are short, tag the shop and are often typed in lower case).
 */
import type { Rng } from '../../lib/rng.ts';
import { contactLines, greetings, shopHandles, signoffs } from './phrases.ts';
import { chance, pick } from './random.ts';
import type { TextChannel } from './records.ts';
import type { TopicPools } from './topics/index.ts';

/** Social posts only hand out a handle, not an address or number. */
const socialContacts = contactLines.filter((l) => l.includes('[handle]'));
const alternatives = /\{([^{}]*)\}/g;
const slot = /\[(\w+)\]/g;

/** Resolves {a|b} choices, then [slot]s. */
export function expand(fragment: string, rng: Rng, slots: (name: string) => string): string {
  return fragment.replace(alternatives, (_, body: string) => pick(rng, body.split('|'))).replace(slot, (_, name: string) => slots(name));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface ChannelHabits {
  readonly greeting: number;
  readonly opener: number;
  readonly detail: number;
  readonly closer: number;
  readonly signoff: number;
  readonly contact: number;
}

const habits: Readonly<Record<TextChannel, ChannelHabits>> = {
  email: { greeting: 0.6, opener: 0.8, detail: 0.85, closer: 0.75, signoff: 0.5, contact: 0.12 },
  support_chat: { greeting: 0.5, opener: 0.7, detail: 0.8, closer: 0.6, signoff: 0.25, contact: 0.1 },
  review: { greeting: 0.03, opener: 0.8, detail: 0.85, closer: 0.7, signoff: 0.05, contact: 0.02 },
  social: { greeting: 0.08, opener: 0.55, detail: 0.45, closer: 0.4, signoff: 0.03, contact: 0.06 },
};

export function composeText(pools: TopicPools, channel: TextChannel, rng: Rng, slots: (name: string) => string): string {
  const h = habits[channel];
  // Empty alternatives leave double spaces or a space before punctuation: tidy both.
  const sentence = (fragment: string) =>
    capitalise(expand(fragment, rng, slots).replace(/ {2,}/g, ' ').replace(/ +([.,!?])/g, '$1').trim());
  const opener = chance(rng, h.opener) ? sentence(pick(rng, pools.openers)) : null;
  const core = sentence(pick(rng, pools.cores));
  // Two topical sentences at least: a bare core would repeat across customers.
  const wantDetail = chance(rng, h.detail) || opener === null;
  const detail = wantDetail ? sentence(pick(rng, pools.details)) : null;
  const closer = chance(rng, h.closer) ? sentence(pick(rng, pools.closers)) : null;

  const body: string[] = [];
  if (opener) body.push(opener);
  if (detail && chance(rng, 0.2)) body.push(detail, core);
  else body.push(core, ...(detail ? [detail] : []));
  if (closer) body.push(closer);
  if (chance(rng, h.contact)) body.push(sentence(pick(rng, channel === 'social' ? socialContacts : contactLines)));

  const greeting = chance(rng, h.greeting) ? pick(rng, greetings) : null;
  const signoff = chance(rng, h.signoff) ? pick(rng, signoffs) : null;

  if (channel === 'email' && (greeting || signoff) && chance(rng, 0.4)) {
    // Some emails keep their line breaks: the CSV has to quote them.
    return [greeting, body.join(' '), signoff].filter((x): x is string => x !== null).join('\n\n');
  }
  // After "Hi," people carry on in lower case, except for "I" and acronyms.
  const first = body[0] as string;
  if (greeting && !/^(?:I\b|I'|\p{Lu}\p{Lu})/u.test(first)) body[0] = first.charAt(0).toLowerCase() + first.slice(1);
  let text = [greeting, ...body, signoff].filter((x): x is string => x !== null).join(' ');
  if (channel === 'social') {
    if (chance(rng, 0.45)) text = `${pick(rng, shopHandles)} ${text}`;
    if (chance(rng, 0.25)) text = text.toLowerCase().replace(/[.!]$/u, '');
  }
  return text;
}
