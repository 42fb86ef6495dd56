/**
 * Fragments shared by every segment (greetings, sign-offs, contact details, off-topic questions) and
 * the word lists that fill slots. Shared wording keeps segments from being told apart by boilerplate.
 * Everything here is invented: example.com addresses, 555-01xx numbers, made-up brands and couriers.
 */
import type { TopicPools } from './topics/pools.ts';

export const greetings: readonly string[] = [
  'Hi,', 'Hello,', 'Hi there,', 'Hey,', 'Hello team,', 'Dear customer service,', 'Hi support,', 'Good day,', 'Hiya,',
];

export const signoffs: readonly string[] = [
  'Thanks.', 'Thanks in advance.', 'Cheers.', 'Many thanks.', 'Kind regards.', 'Thank you.', 'Best wishes.', 'Regards.', 'Thanks a lot.',
];

/** Contact details a customer volunteers; the product masks these before quoting evidence. */
export const contactLines: readonly string[] = [
  'You can reach me at [email].',
  'My number is [phone] if it\'s easier to call.',
  '{Email|Write to} me at [email]{ please|}.',
  'Call me on [phone] {after work|any time before 6}.',
  'I\'m [handle] on {social|Instagram} if that\'s easier.',
  'Best to reach me on [phone] or [email].',
  'My email on the account is [email].',
];

/** Handles of the shop's own support account, tagged at the start of social posts. */
export const shopHandles: readonly string[] = ['@shop_help', '@ShopSupport', '@shophelpdesk'];

/** Everyday questions any customer might send: the off-topic noise of a real inbox. */
export const neutralTopic: TopicPools = {
  openers: ['Quick question.', 'Not a complaint, just a question.', 'Hope you can help with something small.', 'One more thing about my account.'],
  cores: [
    'Do you have the [product] in a {larger|smaller} size?',
    'What are the opening hours of [store] on {public holidays|Sundays}?',
    'I need to change the {billing|delivery} address on my account.',
    'Can I {collect|pick up} order [order] {from|at} [store] instead?',
    'Is the [product] {still under warranty|available in another colour|back in stock soon}?',
    'How do I {unsubscribe from|update my settings for} the newsletter?',
    'Does the [product] come with {batteries|a charger|instructions in English}?',
    'Are you opening a store {near|in} {my town|the north} any time soon?',
  ],
  details: [
    'I couldn\'t find it in the FAQ.',
    'It\'s for {myself|the house}, nothing urgent.',
    'I looked on the website but the page wouldn\'t load.',
  ],
  closers: ['No rush.', 'Thanks for your help.', 'Appreciate it.'],
};

export const brands: readonly string[] = ['Alder & Finch', 'Nordhavn', 'Maison Verre', 'Hartwell', 'Oakmere', 'Calder Row', 'Lune & Sable'];
export const stores: readonly string[] = ['the Riverside store', 'the high street shop', 'your flagship store', 'the Northgate branch', 'the city centre store', 'the Harbour Road shop'];
export const couriers: readonly string[] = ['ParcelJet', 'QuickDrop', 'SwiftPost', 'RoadRunner Express', 'Parcelwise', 'the local courier'];
export const banks: readonly string[] = ['my bank', 'my card issuer', 'my credit card company', 'the bank'];
export const recipients: readonly string[] = [
  'my sister', 'my mum', 'my dad', 'my niece', 'my nephew', 'my best friend', 'my partner', 'my grandson', 'my granddaughter',
  'a colleague', 'my godson', 'my brother-in-law', 'our neighbour', 'my aunt', 'my teacher friend',
];
export const personalEvents: readonly string[] = ['birthday', 'birthday', 'birthday', 'birthday', 'birthday', 'birthday', 'graduation', 'housewarming'];
export const promoWords: readonly string[] = ['SAVE', 'SPRING', 'SUMMER', 'WINTER', 'WELCOME', 'FLASH', 'EXTRA', 'APP', 'WEEKEND', 'HELLO'];
export const ordinals: readonly string[] = ['second', 'third', 'fourth', 'fifth'];
/** Plain first names and surname initials for invented contact details. */
export const firstNames: readonly string[] = [
  'sam', 'alex', 'jo', 'robin', 'kim', 'max', 'chris', 'pat', 'jamie', 'taylor', 'morgan', 'casey', 'drew', 'quinn', 'riley', 'nico', 'eli', 'jules',
];
