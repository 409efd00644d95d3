import { randomBytes } from 'node:crypto';
import { GetObjectRetentionCommand } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import { findTrackingNumbers } from '../../lambdas/core/tracking-number';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { waitForMails } from '../support/ses-inbox';
import { apiClient } from './client';

const SUPPORT = 'support@exchange.example';
let t: TestEnv;
let p: Pipeline;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', mailer: 'module', api: 'module' });
  call = apiClient(p.apiUrl, p.jwtSecret);
}, 60_000);
afterAll(async () => {
  await p?.stop();
  t?.dispose();
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2048)]);
const HTML = '<html><body><script>alert(1)</script>statement</body></html>';

/** A mail over SMTP with two attachments; resolves to its tracking number once acknowledged. */
async function mailWithAttachments(from: string, headers: Record<string, string> = {}): Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: p.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({
    from,
    to: SUPPORT,
    subject: 'Statement attached',
    text: 'My statement and a screenshot of the failed withdrawal are attached.',
    headers,
    messageId: `<${randomBytes(8).toString('hex')}@customer.example>`,
    attachments: [
      { filename: 'statement.pdf', content: PDF, contentType: 'application/pdf' },
      { filename: 'page.html', content: HTML, contentType: 'text/html' },
    ],
  });
  transport.close();
  const [ack] = await waitForMails(t, from, 1, 60_000);
  return findTrackingNumbers(ack!.subject)[0]!;
}

async function inboundMessage(tracking: string) {
  const view = await call('GET', `/cases/${tracking}`, { role: 'agent' });
  expect(view.status).toBe(200);
  return (view.json.thread as any[]).find((m) => m.direction === 'in');
}

describe('attachments', () => {
  it('stores each attachment under attachments/, locked like the raw mail, and downloads exactly it', async () => {
    const tracking = await mailWithAttachments(`att-${randomBytes(4).toString('hex')}@customer.example`);
    const m = await inboundMessage(tracking);
    expect(m.virusVerdict).toBe('PASS');
    expect(m.attachments).toEqual([
      expect.objectContaining({
        filename: 'statement.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        blobKey: `attachments/${tracking}/${m.id}/0`,
      }),
      expect.objectContaining({ filename: 'page.html', blobKey: `attachments/${tracking}/${m.id}/1` }),
    ]);

    const retention = async (key: string) =>
      (await t.clients.s3.send(new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: key }))).Retention;
    const raw = await retention(m.rawKey);
    const copy = await retention(m.attachments[0].blobKey);
    expect(copy?.Mode).toBe('COMPLIANCE');
    expect(copy?.RetainUntilDate?.toISOString()).toBe(raw?.RetainUntilDate?.toISOString());

    const link = await call('GET', `/cases/${tracking}/messages/${m.id}/attachments/0`, { role: 'auditor' });
    expect(link.status).toBe(200);
    expect(link.json).toMatchObject({ filename: 'statement.pdf', contentType: 'application/pdf', size: PDF.length });
    const expiresIn = Date.parse(link.json.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(0);
    expect(expiresIn).toBeLessThanOrEqual(60_000);
    const url = new URL(link.json.url);
    expect(decodeURIComponent(url.pathname)).toContain(`attachments/${tracking}/${m.id}/0`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');

    const file = await fetch(link.json.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="statement.pdf"/);

    // The HTML file downloads as opaque bytes: it never renders on the bucket's origin.
    const html = await fetch(
      (await call('GET', `/cases/${tracking}/messages/${m.id}/attachments/1`, { role: 'agent' })).json.url,
    );
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toMatch(/^attachment/);
    await expect(html.text()).resolves.toBe(HTML);
  }, 120_000);

  it('answers 404 for an attachment that does not exist and 400 for a bad index', async () => {
    const tracking = await mailWithAttachments(`att-${randomBytes(4).toString('hex')}@customer.example`);
    const m = await inboundMessage(tracking);
    expect((await call('GET', `/cases/${tracking}/messages/${m.id}/attachments/2`, { role: 'agent' })).status).toBe(
      404,
    );
    expect((await call('GET', `/cases/${tracking}/messages/nope/attachments/0`, { role: 'agent' })).status).toBe(404);
    expect((await call('GET', `/cases/${tracking}/messages/${m.id}/attachments/x`, { role: 'agent' })).status).toBe(
      400,
    );
    expect((await call('GET', `/cases/${tracking}/messages/${m.id}/attachments/0`)).status).toBe(401);
  }, 120_000);

  it("reads the virus verdict from the receiver's block only: a sender's own X-SES-Virus-Verdict does not count", async () => {
    // The local receiver says PASS; the sender's header below its block is ignored (the refusals of
    // other verdicts are in test/app/attachment-link.test.ts).
    const tracking = await mailWithAttachments(`att-${randomBytes(4).toString('hex')}@customer.example`, {
      'X-SES-Virus-Verdict': 'FAIL',
    });
    const m = await inboundMessage(tracking);
    expect(m.virusVerdict).toBe('PASS');
    expect((await call('GET', `/cases/${tracking}/messages/${m.id}/attachments/0`, { role: 'agent' })).status).toBe(
      200,
    );
  }, 120_000);
});
