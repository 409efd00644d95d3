import fc from 'fast-check';
import { ValidationError } from '../../../lambdas/core/errors';
import { assertSafeAddress, isSafeAddress, sanitiseHeaderText } from '../../../lambdas/core/header-safety';
import { cleanCustomerSubject } from '../../../lambdas/core/templates';

describe('header safety', () => {
  it('turns CR/LF and control characters into single spaces and trims', () => {
    expect(sanitiseHeaderText('  Help\r\nBcc: x@evil.example\t\u0000now  ', 200)).toBe('Help Bcc: x@evil.example now');
    expect(sanitiseHeaderText('a\u2028b\u202ec', 200)).toBe('a b c');
  });

  it('never returns a line break or control character, and never exceeds the bound', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 0, max: 300 }), (s, max) => {
        const out = sanitiseHeaderText(s, max);
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect([...out].length).toBeLessThanOrEqual(max);
        expect(out).toBe(out.trim());
      }),
    );
  });

  it('cuts long text on code points, leaving no half surrogate pair', () => {
    const out = sanitiseHeaderText('😀'.repeat(10), 3);
    expect(out).toBe('😀😀😀');
  });

  it.each([
    'ana@example.ro',
    'support+K7QM4TZXP9HN.sig@exchange.example',
    "o'brien@mail.example.co.uk",
    '山田@例え.jp',
  ])('accepts one plain mailbox: %s', (addr) => {
    expect(isSafeAddress(addr)).toBe(true);
    expect(assertSafeAddress(addr)).toBe(addr);
  });

  it.each([
    'a@b.example\r\nBcc: c@d.example',
    'a@b.example,c@d.example',
    'a@b.example;c@d.example',
    'Ana <a@b.example>',
    'a b@c.example',
    'no-at-sign.example',
    'a@localhost',
    '@b.example',
    'a@',
    '"q"@b.example',
    `${'a'.repeat(250)}@b.example`,
    'a..b@c.example',
    '.a@b.example',
    'a.@b.example',
    'a@b.example\n',
  ])('refuses anything but one plain mailbox: %j', (addr) => {
    expect(isSafeAddress(addr)).toBe(false);
    expect(() => assertSafeAddress(addr, 'to')).toThrow(ValidationError);
  });
});

describe('customer subject cleaning', () => {
  it('removes stacked reply and forward prefixes in several languages', () => {
    expect(cleanCustomerSubject('Re: RE: Fwd: AW: WG: Réf')).toBe('Réf');
    expect(cleanCustomerSubject('回复：转发: 出金')).toBe('出金');
    expect(cleanCustomerSubject('Ответ: Re[2]: Вывод')).toBe('Вывод');
  });

  it('keeps a subject that only looks like a prefix inside the text', () => {
    expect(cleanCustomerSubject('Regarding: my deposit')).toBe('Regarding: my deposit');
  });

  it('bounds the length', () => {
    expect([...cleanCustomerSubject('x'.repeat(1000))].length).toBeLessThanOrEqual(150);
  });
});
