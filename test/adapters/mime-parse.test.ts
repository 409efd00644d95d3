import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { DEFAULT_PARSE_LIMITS } from '../../lambdas/adapters/mime/parse-limits';
import { MailParseError, headerValue } from '../../lambdas/core/intake/parsed-mail';
import { sanitiseHtml } from '../../lambdas/core/html-sanitiser';

const FIXTURES = join(__dirname, '../fixtures/mail');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const parser = new MailparserMimeParser();

async function parseError(raw: Buffer, p = parser): Promise<MailParseError> {
  const err: unknown = await p.parse(raw).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailParseError);
  return err as MailParseError;
}

/** multipart nested `depth` levels deep. */
function nestedMultipart(depth: number): Buffer {
  let head = 'From: a@customer.example\r\nTo: support@exchange.example\r\nSubject: nest\r\n';
  let body = '';
  for (let i = 0; i < depth; i++) {
    head += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    body = `\r\n--b${i}--\r\n${body}`;
  }
  return Buffer.from(`${head}Content-Type: text/plain\r\n\r\nleaf${body}`);
}

describe('MailparserMimeParser', () => {
  it('maps addresses, ids and headers into the domain shape', async () => {
    const raw = Buffer.from(
      [
        'From: "Alice C." <Alice@Customer.Example>',
        'To: support@exchange.example, Bob <bob@customer.example>',
        'Cc: carol@customer.example',
        'Reply-To: alice+replies@customer.example',
        'Subject: =?utf-8?q?Retrag=C4=83ri?=',
        'Date: Tue, 3 Mar 2026 09:30:00 +0100',
        'Message-ID: <m3@customer.example>',
        'In-Reply-To: <m2@exchange.example>',
        'References: <m1@exchange.example>\r\n <m2@exchange.example>',
        'Received: from a',
        'Received: from b',
        'Return-Path: <Alice@Customer.Example>',
        '',
        'Hello',
      ].join('\r\n'),
    );
    const mail = await parser.parse(raw);
    expect(mail.from).toEqual({ address: 'alice@customer.example', name: 'Alice C.' });
    expect(mail.to.map((a) => a.address)).toEqual(['support@exchange.example', 'bob@customer.example']);
    expect(mail.cc.map((a) => a.address)).toEqual(['carol@customer.example']);
    expect(mail.replyTo.map((a) => a.address)).toEqual(['alice+replies@customer.example']);
    expect(mail.subject).toBe('Retragări');
    expect(mail.date).toBe('2026-03-03T08:30:00.000Z');
    expect(mail.messageId).toBe('m3@customer.example');
    expect(mail.inReplyTo).toBe('m2@exchange.example');
    expect(mail.references).toEqual(['m1@exchange.example', 'm2@exchange.example']);
    expect(mail.headers['received']).toEqual(['from a', 'from b']);
    expect(mail.envelope?.mailFrom).toBe('alice@customer.example');
    expect(mail.text.trim()).toBe('Hello');
    expect(mail.problems).toEqual([]);
    expect(mail.size).toBe(raw.length);
  });

  it('records the null sender of a bounce as an empty MAIL FROM', async () => {
    const mail = await parser.parse(fixture('null-sender.eml'));
    expect(mail.envelope?.mailFrom).toBe('');
  });

  it('sees the report type and the delivery-status part of a DSN', async () => {
    const mail = await parser.parse(fixture('dsn.eml'));
    expect(mail.contentType).toBe('multipart/report');
    expect(mail.reportType).toBe('delivery-status');
    expect(mail.partTypes).toEqual(expect.arrayContaining(['message/delivery-status', 'message/rfc822']));
  });

  it.each(['iso-2022-jp', 'gb2312', 'gbk', 'big5', 'koi8-r', 'windows-1251', 'windows-1252'])(
    'decodes %s subjects and bodies',
    async (charset) => {
      const [subject, body] = readFileSync(join(FIXTURES, `charset-${charset}.expected.txt`), 'utf8').split('\n');
      const mail = await parser.parse(fixture(`charset-${charset}.eml`));
      expect(mail.subject).toBe(subject);
      expect(mail.text.trim()).toBe(body);
    },
  );

  it('keeps raw HTML for the sanitiser, inline-image and winmail.dat metadata, without buffering content', async () => {
    const mail = await parser.parse(fixture('html-attachments.eml'));
    expect(mail.html).toContain('<script>'); // raw: only ever fed to sanitiseHtml
    expect(mail.text).toContain('Please see my screenshot.');
    const image = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(image).toMatchObject({ contentId: 'shot@customer.example', related: true });
    expect(image?.checksum).toMatch(/^[0-9a-f]{64}$/);
    const tnef = mail.attachments.find((a) => a.filename === 'winmail.dat');
    expect(tnef).toMatchObject({
      contentType: 'application/ms-tnef',
      size: 44,
      related: false,
      disposition: 'attachment',
    });
    const safe = sanitiseHtml(mail.html!);
    expect(safe).toContain('src="cid:shot@customer.example"');
    expect(safe).not.toMatch(/script|tracker\.example|iframe|onload|javascript:/);
  });

  it('refuses an empty message', async () => {
    expect((await parseError(Buffer.alloc(0))).reason).toBe('empty');
  });

  it('refuses a message over the size limit before parsing it', async () => {
    const small = new MailparserMimeParser({ maxRawBytes: 100 });
    expect((await parseError(fixture('human.eml'), small)).reason).toBe('too_large');
    expect(DEFAULT_PARSE_LIMITS.maxRawBytes).toBe(40 * 1024 * 1024); // SES S3 action limit
  });

  it('refuses MIME parts nested deeper than the limit', async () => {
    const within = await parser.parse(nestedMultipart(DEFAULT_PARSE_LIMITS.maxNestingDepth - 1));
    expect(within.text).toContain('leaf');
    expect((await parseError(nestedMultipart(DEFAULT_PARSE_LIMITS.maxNestingDepth + 1))).reason).toBe('too_deep');
  });

  it('refuses a message with too many parts', async () => {
    const parts = Array.from({ length: 30 }, (_, i) => `--p\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
    const raw = Buffer.from(
      `From: a@customer.example\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n${parts}--p--\r\n`,
    );
    const few = new MailparserMimeParser({ maxParts: 10 });
    expect((await parseError(raw, few)).reason).toBe('too_many_parts');
  });

  it('refuses a header block over the limit', async () => {
    const bomb = Array.from({ length: 6000 }, (_, i) => `X-Filler-${i}: ${'x'.repeat(200)}`).join('\r\n');
    const raw = Buffer.from(`From: a@customer.example\r\n${bomb}\r\n\r\nbody\r\n`);
    expect((await parseError(raw)).reason).toBe('header_too_large');
  });

  it('bounds HTML, text and attachment metadata, and notes what it cut', async () => {
    const html = `<p>${'<a href="https://x.example">link</a> '.repeat(200)}</p>`;
    const attachments = Array.from(
      { length: 5 },
      (_, i) =>
        `--p\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="f${i}.pdf"\r\n\r\n%PDF\r\n`,
    ).join('');
    const raw = Buffer.from(
      `From: a@customer.example\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n--p\r\nContent-Type: text/plain\r\n\r\n${'words '.repeat(100)}\r\n--p\r\nContent-Type: text/html\r\n\r\n${html}\r\n${attachments}--p--\r\n`,
    );
    const tight = new MailparserMimeParser({ maxHtmlChars: 1000, maxTextChars: 100, maxAttachments: 2 });
    const mail = await tight.parse(raw);
    expect(mail.html!.length).toBe(1000);
    expect(mail.text.length).toBeLessThanOrEqual(100);
    expect(mail.attachments).toHaveLength(2);
    expect(mail.problems).toEqual(
      expect.arrayContaining(['html_truncated', 'text_truncated', 'attachments_truncated']),
    );
  });

  it('notes a missing From instead of failing', async () => {
    const mail = await parser.parse(Buffer.from('Subject: no sender\r\n\r\nbody\r\n'));
    expect(mail.from).toBeUndefined();
    expect(mail.problems).toEqual(expect.arrayContaining(['no_from', 'no_message_id']));
    expect(headerValue(mail, 'subject')).toBe('no sender');
  });
});
