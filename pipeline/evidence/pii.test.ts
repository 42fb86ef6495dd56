import { describe, expect, it } from 'vitest';
import { generateSample } from '../sample/generate.ts';
import { shopHandles } from '../sample/phrases.ts';
import { ibanChecksumValid, maskPii, placeholderShare, type PiiKind } from './pii.ts';

const brands = ['sprintcare', 'AmazonHelp', '@Ask_Spectrum', 'British_Airways', 'airtel_care', 'BofA_Help', 'GloCare', 'AskeBay', 'comcastcares', 'Delta'];
const mask = (text: string) => maskPii(text, { keepHandles: brands });

describe('maskPii: what is masked', () => {
  it.each<[string, string, PiiKind, number]>([
    ['mail me at jane.doe+shop@example.co.uk please', 'mail me at [email] please', 'email', 1],
    ['@AskeBay The email address associated with my account is __email__ .', '@AskeBay The email address associated with my account is [email] .', 'email', 1],
    ['write to j.smith [at] example [dot] org or sam at gmail dot com', 'write to [email] or [email]', 'email', 2],
    ['Émile.Zola@exämple.fr wrote back', '[email] wrote back', 'email', 1],
    ['call me on +44 7700 900123 today', 'call me on [phone] today', 'phone', 1],
    ['my number is (555) 123-4567', 'my number is [phone]', 'phone', 1],
    ['The number is +1(818)930-5703\nThey tried to bribe me.', 'The number is [phone]\nThey tried to bribe me.', 'phone', 1],
    ['@British_Airways Contact: +49 1708733216', '@British_Airways Contact: [phone]', 'phone', 1],
    ['@airtel_care My phone number is +91-90002-89198. Please help', '@airtel_care My phone number is [phone]. Please help', 'phone', 1],
    ['Paul Garrison 850.266.3576 call me', 'Paul Garrison [phone] call me', 'phone', 1],
    ['ring 020 7946 0958 or 0161 496 0000', 'ring [phone] or [phone]', 'phone', 2],
    ['mobile 07700 900123, or 1-800-555-0199', 'mobile [phone], or [phone]', 'phone', 2],
    ['@British_Airways 00447900248601, anytime today', '@British_Airways [phone], anytime today', 'phone', 1],
    ['@BofA_Help Zip:30093; Phone#: 7703743799; Account Type: Checking', '@BofA_Help Zip:30093; Phone#: [phone]; Account Type: Checking', 'phone', 1],
    ['@GloCare 08070635658', '@GloCare [phone]', 'phone', 1],
    ['text me on 555-0123 or +1 555-0199', 'text me on [phone] or [phone]', 'phone', 2],
    ['card 4111 1111 1111 1111 was charged twice', 'card [card] was charged twice', 'card', 1],
    ['card 4111-1111-1111-1111 and 5500000000000004', 'card [card] and [card]', 'card', 2],
    ['amex 3782 822463 10005 declined', 'amex [card] declined', 'card', 1],
    ['@comcastcares __credit_card__', '@comcastcares [card]', 'card', 1],
    ['card 4111 1111 1111 1112 is not valid', 'card [number] is not valid', 'number', 1],
    ['@AmazonHelp Order 111-5014070-4118645', '@AmazonHelp Order [order]', 'order', 1],
    ['order 1234567 never arrived, nor order #123456', 'order [order] never arrived, nor order #[order]', 'order', 2],
    ['PayPal case ID is PP-006-234-348-863', 'PayPal case ID is [number]', 'number', 1],
    ['Tracking ID TBA566517950000 it says delivered', 'Tracking ID [number] it says delivered', 'number', 1],
    ['Here its 615787351 and close the account', 'Here its [number] and close the account', 'number', 1],
    ['booking ref 4736251908 please', 'booking ref [number] please', 'number', 1],
    ['DPCI 030-02-8711 not in stock', 'DPCI [number] not in stock', 'number', 1],
    ["@British_Airways Booking ref MP79V2 and QMAS91 second one is my son's", "@British_Airways Booking ref [number] and [number] second one is my son's", 'number', 2],
    ['IBAN GB82 WEST 1234 5698 7654 32 for the refund', 'IBAN [iban] for the refund', 'iban', 1],
    ['send it to DE89370400440532013000 or NL91 ABNA 0417 1643 00 thanks', 'send it to [iban] or [iban] thanks', 'iban', 2],
    ['my IP is 84.12.200.7 apparently', 'my IP is [ip] apparently', 'ip', 1],
    ['@BofA_Help Name: Muyiwa Dele Olatunde; Zip:30093', '@BofA_Help Name: [name]; Zip:30093', 'name', 1],
    ['Hi, my name is Kevin and I want a refund', 'Hi, my name is [name] and I want a refund', 'name', 1],
    ['@115712 I understand, @sprintcare', '@user I understand, @sprintcare', 'handle', 1],
    ['@AmazonHelp my friend @jenny_92 got the same scam email', '@AmazonHelp my friend @user got the same scam email', 'handle', 1],
    ['@jane.doe.uk. said so', '@user. said so', 'handle', 1],
    ['.@116584 I’ve submitted 6 menu updates', '.@user I’ve submitted 6 menu updates', 'handle', 1],
    ['thanks @a_very_long_handle_from_another_network_2024!', 'thanks @user!', 'handle', 1],
    ['see https://t.co/0G98RtNxPK now', 'see https://t.co/[redacted] now', 'url', 1],
    ['https://shop.example.com/orders/8f3a9c2e77b1?token=abc&email=x%40y.z', 'https://shop.example.com/orders/[redacted]', 'url', 1],
    ['reset at www.example.com/account?email=jane%40x.com.', 'reset at www.example.com/account.', 'url', 1],
    ['log in https://user:secret@example.com/a', 'log in https://example.com/a', 'url', 1],
    ['read https://medium.com/@jane/my-story', 'read https://medium.com/[redacted]/my-story', 'url', 1],
    ['https://example.com/reset#access_token=abc123def456', 'https://example.com/reset', 'url', 1],
    ['profile https://shop.example.com/u/123456/profile', 'profile https://shop.example.com/u/[redacted]/profile', 'url', 1],
    ['https://example.com/s?sessionId=A1b2C3 ok', 'https://example.com/s ok', 'url', 1],
  ])('%j', (input, expected, kind, n) => {
    const m = mask(input);
    expect(m.text).toBe(expected);
    expect(m.counts[kind]).toBe(n);
  });

  it('masks several kinds in one tweet and counts each', () => {
    const m = mask('@British_Airways Kevin drayne __email__ 00447900248601. https://t.co/vngoPdEpTp @116062');
    expect(m.text).toBe('@British_Airways Kevin drayne [email] [phone]. https://t.co/[redacted] @user');
    expect(m.counts).toEqual({ email: 1, phone: 1, card: 0, number: 0, iban: 0, ip: 0, name: 0, handle: 1, url: 1, address: 0, birthdate: 0, order: 0 });
  });
});

describe('maskPii: what stays', () => {
  it.each([
    'ordered 3 items for £24.99 on 12/03/2023 at 14:05',
    'since 2019 I have bought 25 times',
    'order 3 never arrived, nor the order from 2023',
    'rated 10/10, scores 3-1 and 2-0',
    "why are Nena's releases between 2002 and 2012 missing, yet 1982 - 2017 is there?",
    '@SpotifyCares Spotify 8.4.24.871 Android version 7.0 and 1.0.65.320.gac7a8e02',
    '@British_Airways Amsterdam to London on 28/11/17',
    'lost my booking # flight z2 129.128 12/22-01/8 taipei-manila',
    'it costs $1,234.56 or €1.234,56 now',
    '1 000 000 views and 2.500.000 plays',
    'dates 2023-01-05 and 05.01.2023',
    'call me tomorrow at 3:00 pm',
    'LAS - PHL 734 1135am @AmericanAir not 1 smile',
    'a carry on that is 24×14×9+2.5 EXP',
    'Reference number is 16934380.',
    'The store address is 12008 blue ridge blvd, grandview mo 64030',
    'my iPhone 8 on iOS 11.0.3 and the 4G signal, PS4 and A380 and M102W printer',
    'a ticket for the PS4 game, case closed. Model XB1S22 is fine',
    'meet @ 5pm, email me about it',
    'see https://example.com/help/returns?lang=en.',
    '(see https://en.wikipedia.org/wiki/Foo_(bar))',
    '@sprintcare and how do you propose we do that',
  ])('%j', (text) => {
    const m = maskPii(text, { keepHandles: ['sprintcare', 'SpotifyCares', 'British_Airways', 'AmericanAir'] });
    expect(m.text).toBe(text);
    expect(Object.values(m.counts).every((v) => v === 0)).toBe(true);
  });

  it('keeps organisation handles whatever their case or a leading @', () => {
    expect(maskPii('@AMAZONHELP and @ask_spectrum help', { keepHandles: ['amazonhelp', '@Ask_Spectrum'] }).text).toBe('@AMAZONHELP and @ask_spectrum help');
    expect(maskPii('@AmazonHelp help').text).toBe('@user help');
  });

  it('checks IBANs with mod 97', () => {
    expect(ibanChecksumValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanChecksumValid('GB83WEST12345698765432')).toBe(false);
  });

  it('changes nothing when run on its own output', () => {
    const once = mask('@115712 mail jane@example.com, call +44 7700 900123, card 4111 1111 1111 1111, https://t.co/Ab12Cd34Ef');
    const twice = mask(once.text);
    expect(twice.text).toBe(once.text);
    expect(Object.values(twice.counts).every((v) => v === 0)).toBe(true);
  });

  it('measures how much of a text is placeholders', () => {
    expect(placeholderShare('[email] [phone]')).toBeCloseTo(14 / 15);
    expect(placeholderShare('no personal data here')).toBe(0);
  });
});

describe('maskPii on the generated sample', () => {
  const { texts } = generateSample({ customers: 150, seed: 11 });
  const masked = texts.map((t) => ({ before: t.text, after: maskPii(t.text, { keepHandles: shopHandles }).text }));

  it('leaves no email, phone or private handle', () => {
    const withContact = masked.filter((m) => /@example\.com|555-01\d\d/.test(m.before));
    expect(withContact.length).toBeGreaterThan(5);
    for (const m of masked) {
      expect(m.after).not.toMatch(/@example\.com|555-01\d\d/);
      for (const handle of m.after.match(/@\w+/g) ?? []) expect([...shopHandles, '@user'].map((h) => h.toLowerCase())).toContain(handle.toLowerCase());
    }
  });

  it('changes no text that holds nothing personal', () => {
    const clean = masked.filter((m) => !/@|https?:|www\.|\d{3}/.test(m.before));
    expect(clean.length).toBeGreaterThan(100);
    expect(clean.filter((m) => m.after !== m.before)).toEqual([]);
  });
});
