import { simpleParser } from 'mailparser';
import { composeMime, type ComposeInput } from '../../lambdas/adapters/mime/compose';
import { ValidationError } from '../../lambdas/core/errors';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';
import { parseTrackingNumber } from '../../lambdas/core/tracking-number';
import { acknowledgement } from '../../lambdas/core/templates';

const input = (over: Partial<ComposeInput> = {}): ComposeInput => ({
  from: { name: 'Example Exchange Support', address: 'support@exchange.example' },
  to: [{ address: 'ana@example.ro', name: 'Ana Popescu' }],
  replyTo: 'support+k7qm4tzxp9hn.sig@exchange.example',
  subject: '[K7QM-4TZX-P9HN] Withdrawal stuck',
  text: 'Hello,\n\nplain body\n',
  html: '<p>Hello</p>',
  inReplyTo: 'CAF=abc123@mail.gmail.com',
  references: ['<root@mail.example>', 'CAF=abc123@mail.gmail.com'],
  autoSubmitted: 'auto-replied',
  messageId: 'docket.k7qm4tzxp9hn.0a1b@exchange.example',
  language: 'en',
  date: new Date('2026-03-09T14:30:00Z'),
  ...over,
});

const parse = async (over: Partial<ComposeInput> = {}) => {
  const raw = await composeMime(input(over));
  return { raw, mail: await simpleParser(raw) };
};

describe('composeMime', () => {
  it('produces MIME with addresses, threading headers, date and language that parse back', async () => {
    const { mail } = await parse();
    expect(mail.from?.value).toEqual([{ name: 'Example Exchange Support', address: 'support@exchange.example' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([
      { name: 'Ana Popescu', address: 'ana@example.ro' },
    ]);
    expect(mail.replyTo?.value[0]?.address).toBe('support+k7qm4tzxp9hn.sig@exchange.example');
    expect(mail.messageId).toBe('<docket.k7qm4tzxp9hn.0a1b@exchange.example>');
    expect(mail.inReplyTo).toBe('<CAF=abc123@mail.gmail.com>');
    expect(mail.references).toEqual(['<root@mail.example>', '<CAF=abc123@mail.gmail.com>']);
    expect(mail.date?.toISOString()).toBe('2026-03-09T14:30:00.000Z');
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.text).toBe('Hello,\n\nplain body\n');
    expect(mail.html).toBe('<p>Hello</p>');
  });

  it('uses CRLF line endings throughout', async () => {
    const { raw } = await parse();
    expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/);
  });

  it('marks acknowledgements auto-replied and asks Exchange not to auto-respond (RFC 3834 §5)', async () => {
    const { mail } = await parse({ autoSubmitted: 'auto-replied' });
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
  });

  it('marks status updates auto-generated', async () => {
    const { mail } = await parse({ autoSubmitted: 'auto-generated' });
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
  });

  it('does not mark an agent reply, written by a person, as automatic', async () => {
    const { mail } = await parse({ autoSubmitted: 'no' });
    expect(mail.headers.has('auto-submitted')).toBe(false);
    expect(mail.headers.has('x-auto-response-suppress')).toBe(false);
  });

  it.each([
    ['Chinese', '[K7QM-4TZX-P9HN] 提现一直没有到账，请帮忙查看'],
    ['Japanese', '[K7QM-4TZX-P9HN] 出金が反映されません（至急）'],
    ['Korean', '[K7QM-4TZX-P9HN] 출금이 처리되지 않습니다'],
    ['Russian', '[K7QM-4TZX-P9HN] Вывод средств завис'],
  ])('round-trips a %s subject through encoded-words', async (_lang, subject) => {
    const { raw, mail } = await parse({ subject });
    expect(mail.subject).toBe(subject);
    const headerBlock = raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(headerBlock).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(/[^\x00-\x7f]/.test(headerBlock)).toBe(false);
  });

  it('encodes a non-ASCII display name', async () => {
    const { mail } = await parse({ to: { name: '山田 太郎', address: 'taro@example.jp' } });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0] : undefined).toEqual({
      name: '山田 太郎',
      address: 'taro@example.jp',
    });
  });

  it('sends a rendered Japanese acknowledgement whose body and language survive the trip', async () => {
    const ack = acknowledgement({
      tracking: parseTrackingNumber('K7QM-4TZX-P9HN'),
      subject: '出金について',
      language: 'ja',
      timeZone: 'Asia/Tokyo',
      profile: EXAMPLE_PROFILE,
      replyAddress: 'support+k7qm4tzxp9hn.sig@exchange.example',
      expectedResponseAt: new Date('2026-03-09T14:30:00Z'),
      surge: false,
      notices: [],
    });
    const { mail } = await parse({ subject: ack.subject, text: ack.text, html: ack.html, language: ack.language });
    expect(mail.subject).toBe('[K7QM-4TZX-P9HN] 出金について');
    expect(mail.text).toBe(ack.text);
    expect(mail.headers.get('content-language')).toBe('ja');
    expect(mail.text).toContain('2026年3月9日');
  });

  it.each<[string, Partial<ComposeInput>]>([
    ['subject', { subject: 'Hi\r\nBcc: victim@example.com' }],
    ['subject with bare LF', { subject: 'Hi\nBcc: victim@example.com' }],
    ['display name', { to: { name: 'Ana\r\nBcc: victim@example.com', address: 'ana@example.ro' } }],
    ['recipient address', { to: 'ana@example.ro\r\nBcc: victim@example.com' }],
    ['second recipient in one address', { to: 'ana@example.ro, victim@example.com' }],
    ['reply-to', { replyTo: 'support@exchange.example;victim@example.com' }],
    ['from', { from: 'support@exchange.example\nX-Evil: 1' }],
    ['in-reply-to', { inReplyTo: '<a@b.example>\r\nBcc: victim@example.com' }],
    ['references', { references: ['<a@b.example> <c@d.example>'] }],
    ['message id', { messageId: 'no-at-sign' }],
    ['extra header value', { headers: { 'X-Case': '1\r\nBcc: victim@example.com' } }],
    ['extra header name', { headers: { 'X-Case\r\nBcc': 'victim@example.com' } }],
    ['override of a reserved header', { headers: { Bcc: 'victim@example.com' } }],
    ['override of Auto-Submitted', { headers: { 'auto-submitted': 'no' } }],
    ['language', { language: 'en\r\nBcc: victim@example.com' }],
    [
      'attachment filename',
      { attachments: [{ filename: 'a.txt\r\nBcc: v@example.com', content: 'x', contentType: 'text/plain' }] },
    ],
  ])('refuses header injection through the %s', async (_what, over) => {
    await expect(composeMime(input(over))).rejects.toThrow(ValidationError);
  });

  it('adds allowed extra headers and in-memory attachments', async () => {
    const { mail } = await parse({
      headers: { 'X-Docket-Case': 'K7QM-4TZX-P9HN' },
      attachments: [{ filename: 'receipt.txt', content: Buffer.from('paid'), contentType: 'text/plain' }],
    });
    expect(mail.headers.get('x-docket-case')).toBe('K7QM-4TZX-P9HN');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['receipt.txt', 'paid']]);
  });

  it('keeps the root and newest ids when a thread has too many References', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}@mail.example`);
    const { mail } = await parse({ references: ids });
    const refs = mail.references as string[];
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<m0@mail.example>');
    expect(refs.at(-1)).toBe('<m29@mail.example>');
  });
});
