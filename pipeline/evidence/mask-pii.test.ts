import { describe, expect, it } from 'vitest';
import { classifyDigits, maskPii, maskUrl } from './mask-pii.ts';

describe('maskPii', () => {
  it.each([
    ['mail me at jane.doe+shop@example.co.uk please', 'mail me at [email] please', 'email'],
    ['call me on +44 7700 900123 today', 'call me on [phone] today', 'phone'],
    ['my number is (555) 123-4567', 'my number is [phone]', 'phone'],
    ['card 4111 1111 1111 1111 was charged twice', 'card [card] was charged twice', 'card'],
    ['card 4111-1111-1111-1111', 'card [card]', 'card'],
    ['IBAN GB82 WEST 1234 5698 7654 32 for the refund', 'IBAN [iban] for the refund', 'iban'],
    ['account 123456789012 locked', 'account [number] locked', 'number'],
  ])('masks %s', (input, expected, kind) => {
    const m = maskPii(input);
    expect(m.text).toBe(expected);
    expect(m.counts[kind as keyof typeof m.counts]).toBe(1);
  });

  it.each([
    'ordered 3 items for £24.99 on 12/03/2023 at 14:05',
    'since 2019 I have bought 25 times',
    'order 1234567 never arrived', // a 7-digit order number without separators is not a phone
    'rated 10/10',
  ])('leaves ordinary numbers alone: %s', (text) => {
    expect(maskPii(text).text).toBe(text);
  });

  it('masks private handles but keeps brand accounts', () => {
    const m = maskPii('@AmazonHelp my friend @jenny_92 got the same scam email', { keepHandles: ['amazonhelp'] });
    expect(m.text).toBe('@AmazonHelp my friend @user got the same scam email');
    expect(m.counts.handle).toBe(1);
  });

  it('keeps a URL host and readable path but drops personal tokens and queries', () => {
    expect(maskUrl('https://shop.example.com/orders/8f3a9c2e77b1?token=abc&email=x%40y.z')).toBe('https://shop.example.com/orders/[redacted]?[redacted]');
    expect(maskUrl('https://example.com/help/returns')).toBe('https://example.com/help/returns');
    expect(maskPii('see https://t.co/Ab12Cd34 now').text).toBe('see https://t.co/[redacted] now');
  });

  it('classifies digit runs', () => {
    expect(classifyDigits('4111111111111111')).toBe('card');
    expect(classifyDigits('4111111111111112')).toBe('number');
    expect(classifyDigits('2023-01-05')).toBeNull();
    expect(classifyDigits('123456')).toBeNull();
  });
});
