import { generateKeyPairSync } from 'node:crypto';
import { FileExportSigner } from '../../lambdas/adapters/signing/file-export-signer';
import { getCase, THREAD_PAGE_BYTES } from '../../lambdas/app/api/cases-read';
import { exportRecords } from '../../lambdas/app/api/export-records';
import { readMessageBody } from '../../lambdas/app/api/message-body';
import { processInbound } from '../../lambdas/app/intake/process-inbound';
import { ValidationError } from '../../lambdas/core/errors';
import { verifyExport } from '../../lambdas/core/export-chain';
import { sanitiseHtml } from '../../lambdas/core/html-sanitiser';
import type { CaseMessage } from '../../lambdas/core/message';
import { bodyKey, INLINE_BODY_BYTES, MAX_RECIPIENTS } from '../../lambdas/core/message-body';
import type { AccessLog, CaseRepository } from '../../lambdas/core/ports';
import { rawFor } from '../fakes/mime-parser';
import { mailbox, parsedMail } from '../support/parsed-mail';
import { AGENT, appHarness } from './harness';

const accessLog: AccessLog = { record: async () => true, list: async () => ({ items: [] }) };
const AUDITOR = { sub: 'ann.auditor', roles: ['auditor'] } as const;

/** About `bytes` of customer HTML: paragraphs with a link each, the shape of a long newsletter-style mail. */
function bigHtml(bytes: number): string {
  const para = '<p>Order <b>4711</b> is stuck, see <a href="https://customer.example/x">this page</a>.</p>\n';
  return `<html><body>${para.repeat(Math.ceil(bytes / para.length))}</body></html>`;
}

function world() {
  const h = appHarness();
  const api = { ...h.api, accessLog };
  return { ...h, api };
}

describe('message bodies too large for the item', () => {
  it('stores a 1 MB HTML mail: the body in S3 under bodies/, locked, a pointer and a preview on the item', async () => {
    const w = world();
    const html = bigHtml(1024 * 1024);
    const text = 'Please look at the order below. '.repeat(2000);
    const c = await w.openCase({ html, text });
    const [m] = await w.repo.listMessages(c.tracking);
    expect(m!.body).toEqual({
      textKey: bodyKey('ses-1', 'text'),
      textBytes: Buffer.byteLength(text),
      htmlKey: bodyKey('ses-1', 'html'),
      htmlBytes: expect.any(Number),
    });
    expect(m!.html).toBeUndefined();
    expect(text.startsWith(m!.text)).toBe(true);
    expect(m!.text.length).toBeLessThan(4096);
    // The item stays small whatever the mail held.
    expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThan(8 * 1024);
    const storedHtml = w.blobs.objects.get(bodyKey('ses-1', 'html'))!;
    expect(storedHtml.body.toString('utf8')).toBe(sanitiseHtml(html));
    expect(storedHtml.retainUntil).toEqual(w.blobs.objects.get('inbound/ses-1')!.retainUntil);
    expect(w.blobs.objects.get(bodyKey('ses-1', 'text'))!.body.toString('utf8')).toBe(text);
    // The sanitiser reads at most its input cap of a huge HTML: the entry says it was cut.
    expect(m!.truncated).toBe(true);
  });

  it('keeps an ordinary mail whole on its item', async () => {
    const w = world();
    const html = bigHtml(INLINE_BODY_BYTES / 2);
    const c = await w.openCase({ html, text: 'short' });
    const [m] = await w.repo.listMessages(c.tracking);
    expect(m).toMatchObject({ text: 'short', html: sanitiseHtml(html) });
    expect(m!.body).toBeUndefined();
    expect([...w.blobs.objects.keys()].filter((k) => k.startsWith('bodies/'))).toEqual([]);
  });

  it('serves the whole text and sanitised HTML of a large entry, and the thread marks it with fullBody', async () => {
    const w = world();
    const html = `${bigHtml(200 * 1024)}<script>alert(1)</script><img src="https://tracker.example/p.gif">`;
    const text = 'x'.repeat(100_000);
    const c = await w.openCase({ html, text });
    const view = await getCase({ actor: AGENT, tracking: c.tracking }, w.api);
    const entry = view.thread[0]!;
    expect(entry.fullBody).toEqual({ textBytes: 100_000, htmlBytes: expect.any(Number) });
    expect(entry.html).toBeUndefined();
    expect(entry).not.toHaveProperty('body');
    const full = await readMessageBody(
      { actor: AGENT, tracking: c.tracking, messageId: entry.id, part: 'html' },
      w.api,
    );
    expect(full).toEqual({ id: entry.id, html: sanitiseHtml(html) });
    expect('html' in full && full.html).not.toMatch(/<script|tracker\.example/);
    expect(
      await readMessageBody({ actor: AGENT, tracking: c.tracking, messageId: entry.id, part: 'text' }, w.api),
    ).toEqual({ id: entry.id, text });
  });

  it('exports the whole body: the record (and so its hash) is the one of an entry kept on the item', async () => {
    const w = world();
    const html = bigHtml(300 * 1024);
    const text = 'y'.repeat(60_000);
    const c = await w.openCase({ html, text });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const exportSigner = new FileExportSigner(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const page = await exportRecords({ actor: AUDITOR, case: c.tracking, limit: 10 }, { ...w.api, exportSigner });
    expect(verifyExport(page.ndjson)).toMatchObject({ ok: true });
    const lines = page.ndjson
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; record: CaseMessage });
    const record = lines.find((l) => l.kind === 'message')!.record;
    expect(record.text).toBe(text);
    expect(record.html).toBe(sanitiseHtml(html));
    expect(record).not.toHaveProperty('body');
    expect(record).not.toHaveProperty('fullBody');
  });

  it('writes the same keys when a mail is redelivered after a crash between the S3 writes and the commit', async () => {
    const w = world();
    const html = bigHtml(100 * 1024);
    await w.blobs.put('inbound/ses-r', rawFor(parsedMail({ html, messageId: 'r@customer.example' })), 'message/rfc822');
    let failures = 1;
    const flaky: CaseRepository = Object.create(w.repo, {
      commit: {
        value: async (change: Parameters<CaseRepository['commit']>[0]) => {
          if (failures-- > 0) throw new Error('Lambda timed out before the commit');
          return w.repo.commit(change);
        },
      },
    }) as CaseRepository;
    const mail = { key: 'inbound/ses-r', sesMessageId: 'ses-r' };
    await expect(processInbound(mail, { ...w.intake, repo: flaky })).rejects.toThrow('timed out');
    const afterCrash = [...w.blobs.objects.keys()].filter((k) => k.startsWith('bodies/')).sort();
    const outcome = await processInbound(mail, { ...w.intake, repo: flaky });
    expect(outcome.kind).toBe('case_opened');
    expect([...w.blobs.objects.keys()].filter((k) => k.startsWith('bodies/')).sort()).toEqual(afterCrash);
    expect(afterCrash).toEqual([bodyKey('ses-r', 'html'), bodyKey('ses-r', 'text')].sort());
    const tracking = outcome.kind === 'case_opened' ? outcome.tracking : undefined;
    const [m] = await w.repo.listMessages(tracking!);
    expect(m!.body?.htmlKey).toBe(bodyKey('ses-r', 'html'));
  });

  it('stores a 10,000-recipient mail with its recipients capped and counted', async () => {
    const w = world();
    const cc = Array.from({ length: 10_000 }, (_, i) => mailbox(`person${i}@list.example`));
    const c = await w.openCase({ cc });
    const [m] = await w.repo.listMessages(c.tracking);
    expect(m!.to).toEqual(['support@exchange.example']);
    expect(m!.cc).toHaveLength(MAX_RECIPIENTS - 1);
    expect(m!.cc![0]).toBe('person0@list.example');
    expect(m!.recipientCount).toBe(10_001);
    expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThan(16 * 1024);
    const view = await getCase({ actor: AGENT, tracking: c.tracking }, w.api);
    expect(view.thread[0]).toMatchObject({ recipientCount: 10_001 });
  });

  it('leaves recipientCount out when every recipient is kept', async () => {
    const w = world();
    const c = await w.openCase({ cc: [mailbox('bob@customer.example')] });
    const [m] = await w.repo.listMessages(c.tracking);
    expect(m!.cc).toEqual(['bob@customer.example']);
    expect(m!.recipientCount).toBeUndefined();
  });
});

describe('the thread of GET /cases/{tracking}, paged', () => {
  /** A case opened by intake, then `n` more thread entries of about `bytes` each, a second apart. */
  async function longThread(n: number, bytes = 200) {
    const w = world();
    const c = await w.openCase();
    const start = Date.parse(c.createdAt);
    let current = c;
    for (let i = 0; i < n; i += 50) {
      const messages: CaseMessage[] = Array.from({ length: Math.min(50, n - i) }, (_, k) => ({
        id: `m${String(i + k).padStart(4, '0')}`,
        at: new Date(start + (i + k + 1) * 1000).toISOString(),
        direction: (i + k) % 10 === 9 ? 'note' : 'in',
        from: 'alice@customer.example',
        to: ['support@exchange.example'],
        subject: 'more',
        text: 'z'.repeat(bytes),
        author: 'customer',
      }));
      const next = { ...current, version: current.version + 1 };
      await w.repo.commit({ case: next, expectedVersion: current.version, messages });
      current = next;
    }
    return { w, c };
  }

  async function readAll(w: ReturnType<typeof world>, tracking: string, limit?: number) {
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await getCase(
        { actor: AGENT, tracking, ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) },
        w.api,
      );
      pages.push(page);
      cursor = page.cursor;
    } while (cursor && pages.length < 100);
    return pages;
  }

  it('answers an ordinary thread in one page with no cursor, as before', async () => {
    const { w, c } = await longThread(20);
    const view = await getCase({ actor: AGENT, tracking: c.tracking }, w.api);
    expect(view.thread).toHaveLength(21);
    expect(view.cursor).toBeUndefined();
    expect(view.case.tracking).toBe(c.tracking);
  });

  it('pages a 250-entry thread by 100 in order, losing and repeating nothing', async () => {
    const { w, c } = await longThread(249);
    const pages = await readAll(w, c.tracking);
    expect(pages.map((p) => p.thread.length)).toEqual([100, 100, 50]);
    const ids = pages.flatMap((p) => p.thread.map((m) => m.id));
    expect(ids).toEqual((await w.repo.listMessages(c.tracking)).map((m) => m.id));
    expect(pages[2]!.cursor).toBeUndefined();
    // Every page keeps the whole response shape: case, deadlines, events.
    for (const p of pages) expect(p.events.length).toBeGreaterThan(0);
  });

  it('honours limit, notes included for staff', async () => {
    const { w, c } = await longThread(30);
    const pages = await readAll(w, c.tracking, 7);
    expect(pages).toHaveLength(5);
    expect(pages.flatMap((p) => p.thread).length).toBe(31);
  });

  it('cuts a page at the byte budget, below Lambda 6 MB response, and continues with the cursor', async () => {
    const { w, c } = await longThread(199, 30_000);
    const pages = await readAll(w, c.tracking, 200);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(Buffer.byteLength(JSON.stringify(p.thread))).toBeLessThanOrEqual(THREAD_PAGE_BYTES);
    expect(pages.flatMap((p) => p.thread).length).toBe(200);
  });

  it('refuses a cursor it did not hand out', async () => {
    const { w, c } = await longThread(3);
    await expect(getCase({ actor: AGENT, tracking: c.tracking, cursor: 'not-a-cursor' }, w.api)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
