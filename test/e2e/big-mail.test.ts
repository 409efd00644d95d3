import { randomBytes } from 'node:crypto';
import { GetObjectRetentionCommand } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import type { Case } from '../../lambdas/core/case';
import { verifyExport } from '../../lambdas/core/export-chain';
import { bodyKey, MAX_RECIPIENTS } from '../../lambdas/core/message-body';
import { apiClient } from '../api/client';
import { eventually } from '../support/eventually';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';

/**
 * Mail that used to pass DynamoDB's 400 KB item limit (and so went to the DLQ instead of becoming a case),
 * over real SMTP through the intake handler to the API: the body goes to S3, the recipients are capped.
 */
const SUPPORT = 'support@exchange.example';

let t: TestEnv;
let p: Pipeline;
let repo: DynamoCaseRepository;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', api: 'module' });
  repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
  call = apiClient(p.apiUrl, p.jwtSecret);
}, 60_000);
afterAll(async () => {
  await p?.stop();
  t?.dispose();
});

async function send(from: string, headers: readonly string[], contentType: string, body: string): Promise<void> {
  const raw = [
    `From: ${from}`,
    `To: ${SUPPORT}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@mail.customer.example>`,
    ...headers,
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    '',
    body,
    '',
  ].join('\r\n');
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: p.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({ envelope: { from, to: [SUPPORT] }, raw });
  transport.close();
}

async function caseOf(customer: string): Promise<Case> {
  return eventually(
    async () => {
      const [c] = (await repo.queryCases({ customer, limit: 5 })).items;
      if (!c) throw new Error(`no case for ${customer} yet`);
      return c;
    },
    { timeoutMs: 60_000 },
  );
}

describe('large mail end to end', () => {
  it('a 1 MB HTML mail is stored and readable', async () => {
    const customer = `big-${randomBytes(4).toString('hex')}@customer.example`;
    const para =
      '<p>My withdrawal of <b>0.5 BTC</b> is stuck, see <a href="https://customer.example/o">order</a>.</p>\r\n';
    const html = `<html><body>${para.repeat(Math.ceil((1024 * 1024) / para.length))}<p>THE END</p></body></html>`;
    expect(html.length).toBeGreaterThan(1024 * 1024);
    await send(customer, ['Subject: Stuck withdrawal, details attached inline'], 'text/html; charset=utf-8', html);
    const c = await caseOf(customer);

    const view = await call('GET', `/cases/${c.tracking}`, { role: 'agent' });
    expect(view.status).toBe(200);
    const [entry] = view.json.thread;
    expect(entry.fullBody).toEqual({ textBytes: expect.any(Number), htmlBytes: expect.any(Number) });
    expect(entry.html).toBeUndefined();
    // An HTML-only mail this large gets no text from the parser (it converts HTML up to its limit only).
    expect(Buffer.byteLength(entry.text)).toBeLessThanOrEqual(2048);
    expect(view.text.length).toBeLessThan(64 * 1024);

    const full = await call('GET', `/cases/${c.tracking}/messages/${encodeURIComponent(entry.id)}/html`, {
      role: 'agent',
    });
    expect(full.status).toBe(200);
    expect(full.json.html).toContain('<b>0.5 BTC</b>');
    expect(full.json.html.length).toBeGreaterThan(400 * 1024);
    const text = await call('GET', `/cases/${c.tracking}/messages/${encodeURIComponent(entry.id)}/text`, {
      role: 'agent',
    });
    expect(text.json.text.length).toBe(entry.fullBody.textBytes);

    // Stored under bodies/ and locked like the raw mail it comes from.
    const lock = await t.clients.s3.send(
      new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: bodyKey(entry.id, 'html') }),
    );
    expect(lock.Retention?.Mode).toBe('COMPLIANCE');

    // The record export carries the whole body and verifies.
    const exported = await call('GET', `/export?case=${c.tracking}`, { role: 'auditor' });
    expect(exported.status).toBe(200);
    expect(verifyExport(exported.text)).toMatchObject({ ok: true });
    const message = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((l) => l.kind === 'message');
    expect(message.record.html).toBe(full.json.html);
    expect(message.record.text).toBe(text.json.text);
  }, 120_000);

  it('a 10,000-recipient mail is stored with its recipients capped and counted', async () => {
    const customer = `many-${randomBytes(4).toString('hex')}@customer.example`;
    const cc = Array.from({ length: 10_000 }, (_, i) => `person${i}@list.customer.example`);
    await send(customer, ['Subject: To everyone I know', `Cc: ${cc.join(',\r\n ')}`], 'text/plain', 'Help, please.');
    const c = await caseOf(customer);
    const view = await call('GET', `/cases/${c.tracking}`, { role: 'agent' });
    expect(view.status).toBe(200);
    const [entry] = view.json.thread;
    expect(entry.recipientCount).toBe(10_001);
    expect(entry.to).toEqual([SUPPORT]);
    expect(entry.cc).toHaveLength(MAX_RECIPIENTS - 1);
    expect(entry.cc[0]).toBe('person0@list.customer.example');
  }, 120_000);
});
