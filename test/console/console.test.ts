import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { findTrackingNumbers } from '../../lambdas/core/tracking-number';
import { signLocalToken } from '../../local/tokens';
import { eventually } from '../support/eventually';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { mailsTo, waitForMails } from '../support/ses-inbox';
import { launchBrowser } from './browser';

/** Where screenshots go; `DOCKET_SCREENSHOT_DIR=docs/console` refreshes the README's pictures. */
const SHOTS = process.env.DOCKET_SCREENSHOT_DIR ?? join(tmpdir(), 'docket-console-screenshots');
const SUPPORT = 'support@exchange.example';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SLOW = { timeoutMs: 60_000 };

let t: TestEnv;
let p: Pipeline;
let browser: Browser;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', mailer: 'module', api: 'module', console: true });
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await p?.stop();
  t?.dispose();
});

/** A customer's mail into the local SMTP intake (what SES receiving plays), as a mail client sends it. */
async function smtpIn(
  from: string,
  subject: string,
  text: string,
  html?: string,
  attachments: { filename: string; content: Buffer; contentType: string }[] = [],
): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: p.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({
    from,
    to: SUPPORT,
    subject,
    text,
    ...(html ? { html } : {}),
    attachments,
    messageId: `<${randomBytes(8).toString('hex')}@customer.example>`,
  });
  transport.close();
}

/** Opens a case by mail and returns its tracking number, read from the acknowledgement. */
async function mailIn(...args: Parameters<typeof smtpIn>): Promise<string> {
  await smtpIn(...args);
  // The first mail of a run also waits for the handlers' cold start.
  const [ack] = await waitForMails(t, args[0], 1, 120_000);
  return findTrackingNumbers(ack!.subject)[0]!;
}

const customer = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}@customer.example`;

/** A page that fails the test on any script error or dialog (a payload that ran would open one). */
async function newPage(): Promise<Page & { dialogs: string[] }> {
  const page = (await browser.newPage({ viewport: { width: 1280, height: 900 } })) as Page & { dialogs: string[] };
  page.dialogs = [];
  page.on('dialog', (d) => {
    page.dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

/** Signs in through `#token=` with a token the local stack's key signs (what `npm run token` prints). */
async function openAs(page: Page, role: 'agent' | 'supervisor' | 'auditor', path: string, sub = `${role}1`) {
  const token = await signLocalToken({ role, sub }, p.jwtSecret);
  await page.goto(`${p.apiUrl}/console${path}#token=${token}`);
}

/** axe-core in the page: no serious or critical violation. Evaluated over DevTools, so the page's CSP stays on. */
async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations).toEqual([]);
}

describe('the agent console in a real browser', () => {
  it('signs an agent in, opens a case from the queue and sends a reply the customer receives', async () => {
    const who = customer('queue');
    const tracking = await mailIn(
      who,
      'Deposit missing',
      'I deposited 200 USD on Monday; my balance does not show it.',
    );
    const page = await newPage();
    await page.goto(`${p.apiUrl}/console/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('User name').fill('alice');
    await page.getByRole('radio', { name: /Agent/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    // The first view after sign-in ("Open") lists the case nobody has answered yet.
    await expect(page.getByRole('button', { name: 'Open', pressed: true }).count()).resolves.toBe(1);
    const link = page.getByRole('link', { name: tracking });
    await link.waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, 'queue.png') });

    await link.click();
    await page.getByRole('heading', { name: 'Thread' }).waitFor();
    expect(page.url()).toBe(`${p.apiUrl}/console/cases/${tracking}`);
    await page
      .getByRole('textbox', { name: 'Reply', exact: true })
      .fill('We found your deposit; it shows within the hour.');
    await expect(page.getByRole('region', { name: 'Preview', exact: true }).textContent()).resolves.toContain(
      'We found your deposit',
    );
    await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, 'case.png'), fullPage: true });
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();

    const mails = await waitForMails(t, who, 2, 60_000);
    const reply = mails.find((m) => m.body.text?.includes('We found your deposit'));
    expect(reply?.subject).toContain(tracking);
    expect(page.dialogs).toEqual([]);
    await page.close();
  }, 180_000);

  it('refuses a denied outcome without an explanation and mails the explanation when given', async () => {
    const who = customer('resolve');
    const tracking = await mailIn(
      who,
      'Fee complaint',
      'You charged me a withdrawal fee twice last week, I want it back.',
    );
    const page = await newPage();
    await openAs(page, 'agent', `/cases/${tracking}`);
    await page.getByRole('heading', { name: 'Resolve' }).waitFor();
    await page.getByLabel('Outcome').selectOption('denied');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('explanation');
    const why = 'The second charge was the network fee of the blockchain, which we do not refund.';
    await page.getByRole('textbox', { name: /Explanation/ }).fill(why);
    await page.getByRole('button', { name: 'Resolve' }).click();
    // The form gives way to the outcome once the case is resolved.
    await page
      .locator('.facts')
      .getByText(/^denied/)
      .waitFor();
    const closing = await eventually(
      async () => {
        const m = (await mailsTo(t, who)).find((x) => x.body.text?.includes(why));
        expect(m).toBeDefined();
        return m!;
      },
      { ...SLOW, description: 'the closing mail with the explanation' },
    );
    expect(closing.subject).toContain(tracking);
    await page.close();
  }, 180_000);

  it('shows a supervisor the backlog and breaches by language, and declares a notice the next acknowledgement carries', async () => {
    await mailIn(
      customer('de'),
      'Auszahlung fehlt',
      'Guten Tag, meine Auszahlung von 500 Euro ist seit drei Tagen nicht auf meinem Konto angekommen. Bitte prüfen Sie das.',
    );
    // Every case of this run was received today: the case listing gives today's backlog figures independently.
    const token = await signLocalToken({ role: 'supervisor', sub: 'supervisor1' }, p.jwtSecret);
    const listed = (await (
      await fetch(`${p.apiUrl}/cases?limit=100`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: { status: string; createdAt: string }[] };
    const today = new Date().toISOString().slice(0, 10);
    const received = listed.items.filter((c) => c.createdAt.startsWith(today)).length;
    const ended = listed.items.filter((c) => c.status === 'resolved' || c.status === 'closed').length;
    expect(received).toBe(listed.items.length);

    const page = await newPage();
    await openAs(page, 'supervisor', '/dashboard');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Cases received in the last 30 days.').waitFor();
    const backlog = page.getByRole('img', { name: /^Backlog over time/ });
    await expect(backlog.getAttribute('aria-label')).resolves.toContain(
      `${received} received, ${ended} resolved or closed, ${received - ended} open at the end of ${today}`,
    );
    await page.getByText('Backlog figures by day').click();
    const rows = page.locator('table.backlog-days tbody tr');
    await expect(rows.count()).resolves.toBe(30);
    await expect(rows.last().locator('th, td').allTextContents()).resolves.toEqual(
      [today, received, ended, ended, received - ended].map(String),
    );
    await page.getByText('Backlog figures by day').click();
    // The German mail's case counts under de (no deadline has passed yet: no breach).
    const languages = await page.getByRole('img', { name: /^Breaches by language:/ }).getAttribute('aria-label');
    expect(languages).toMatch(/\bde 0\b/);
    expect(languages).not.toContain('ko');
    const notice = `Withdrawals are delayed by a network upgrade ${randomBytes(3).toString('hex')}.`;
    await page.getByLabel('Notice text').fill(notice);
    await page.getByRole('button', { name: 'Declare notice' }).click();
    await page.getByText('Notice declared').waitFor();
    await page.getByRole('listitem').filter({ hasText: notice }).waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });

    const who = customer('notice');
    await mailIn(who, 'Withdrawal pending', 'My withdrawal has been pending since this morning, what is happening?');
    const [ack] = await mailsTo(t, who);
    expect(ack!.body.text).toContain(notice);
    await page.close();
  }, 180_000);

  it('shows an auditor the case read-only, with no reply box', async () => {
    const who = customer('audit');
    const tracking = await mailIn(
      who,
      'Account locked',
      'My account was locked after I changed my phone, please unlock.',
    );
    const page = await newPage();
    await openAs(page, 'auditor', `/cases/${tracking}`);
    await page.getByRole('heading', { name: 'Thread' }).waitFor();
    await page.getByText('Read-only').waitFor();
    await expect(page.getByRole('button', { name: 'Send reply' }).count()).resolves.toBe(0);
    await expect(page.getByRole('textbox', { name: 'Reply', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Assign to me' }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'Download export' }).waitFor();
    await expectAccessible(page);
    await page.close();
  }, 180_000);

  it('lists attachments and downloads one through its short-lived link', async () => {
    const who = customer('attach');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1500)]);
    const tracking = await mailIn(
      who,
      'Statement attached',
      'The statement of the missing deposit is attached.',
      undefined,
      [{ filename: 'statement.pdf', content: pdf, contentType: 'application/pdf' }],
    );
    const page = await newPage();
    await openAs(page, 'agent', `/cases/${tracking}`);
    const list = page.getByRole('region', { name: 'Attachments' });
    await list.getByText('statement.pdf').first().waitFor();
    await expectAccessible(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list.getByRole('button', { name: 'Download statement.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('statement.pdf');
    const saved = join(SHOTS, `download-${tracking}.pdf`);
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(pdf)).toBe(true);
    // The download left the case page where it was.
    expect(page.url()).toBe(`${p.apiUrl}/console/cases/${tracking}`);
    expect(page.dialogs).toEqual([]);
    await page.close();
  }, 180_000);

  it('runs nothing a hostile mail carries, in the thread or in its formatted view', async () => {
    const who = customer('xss');
    const html = [
      '<p>Please check <b>this</b></p>',
      '<img src="x" onerror="alert(\'img\');parent.document.title=\'pwned\'">',
      '<svg onload="alert(\'svg\')"><circle r="5"/></svg>',
      '<a href="javascript:alert(\'link\')">open my statement</a>',
      '<div style="background:url(javascript:alert(\'css\'))">styled</div>',
      '<style>@import url(https://evil.example/x.css); body{background:url(javascript:alert(1))}</style>',
      '<script>alert("script")</script>',
      '<iframe src="javascript:alert(\'frame\')"></iframe>',
    ].join('\n');
    const tracking = await mailIn(
      who,
      '<img src=x onerror=alert(1)> help',
      'Plain part <script>alert(2)</script>',
      html,
    );
    const page = await newPage();
    await openAs(page, 'agent', `/cases/${tracking}`);
    await page.getByRole('heading', { name: 'Thread' }).waitFor();
    const title = await page.title();
    // The subject and text show as text, never as markup.
    await page.getByText('Plain part <script>alert(2)</script>').waitFor();
    await page.getByRole('button', { name: 'Show formatted' }).first().click();
    const frame = page.locator('iframe[title^="Formatted mail"]');
    await frame.waitFor();
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    const inner = page.frameLocator('iframe[title^="Formatted mail"]');
    await inner
      .getByText('open my statement')
      .click({ timeout: 10_000 })
      .catch(() => {});
    await page.getByRole('button', { name: 'Load remote images' }).click();
    // A positive signal that the frame rendered before checking that nothing ran.
    await inner.getByText('Please check').waitFor();
    await expect(page.title()).resolves.toBe(title);
    expect(page.dialogs).toEqual([]);
    expect(
      await page.evaluate(
        () => (globalThis as any).document.querySelectorAll('main script, main svg[onload], main img[onerror]').length,
      ),
    ).toBe(0);
    await page.close();
  }, 180_000);

  it('renders a large HTML mail, fetched on its own, in the sandboxed frame; shows its whole text when asked', async () => {
    const who = customer('large');
    const para = '<p>Order <b>4711</b> is stuck, please help.</p>\n';
    const html = `<p>START OF THE LONG MAIL</p>${para.repeat(3000)}<p>END OF THE LONG MAIL</p><script>alert("late")</script>`;
    const text = `START OF THE TEXT\n${'Order 4711 is stuck, please help.\n'.repeat(3000)}END OF THE TEXT`;
    const tracking = await mailIn(who, 'A long mail', text, html);
    const page = await newPage();
    await openAs(page, 'agent', `/cases/${tracking}`);
    await page.getByRole('heading', { name: 'Thread' }).waitFor();
    await page.getByText('START OF THE TEXT', { exact: false }).waitFor();
    await page.getByRole('button', { name: /Show the whole text/ }).click();
    await page.getByText('END OF THE TEXT', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Show formatted' }).first().click();
    const frame = page.locator('iframe[title^="Formatted mail"]');
    await frame.waitFor();
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    const inner = page.frameLocator('iframe[title^="Formatted mail"]');
    await inner.getByText('END OF THE LONG MAIL').waitFor();
    expect(page.dialogs).toEqual([]);
    await page.close();
  }, 180_000);

  it('previews the mail before sending, and the customer receives exactly what the preview showed', async () => {
    const who = customer('preview');
    const tracking = await mailIn(who, 'Withdrawal fee', 'Why was my withdrawal fee 25 USD instead of 5 USD?');
    const page = await newPage();
    await openAs(page, 'agent', `/cases/${tracking}`);
    const words = 'The fee includes the network fee, which was high on Tuesday; we refunded the difference.';
    await page.getByRole('textbox', { name: 'Reply', exact: true }).fill(words);
    const preview = page.getByRole('region', { name: 'Preview', exact: true });
    // The rendered mail (not the draft echoed back) names the case in its subject.
    await preview.getByText(`Subject: `, { exact: false }).filter({ hasText: tracking }).waitFor();
    const shown = await preview.locator('.mail-body').innerText();
    expect(shown).toContain(words);
    expect(shown.length).toBeGreaterThan(words.length + 40); // greeting, tracking number, disclosures
    // Previewing sent nothing: the customer still holds the acknowledgement alone.
    expect(await mailsTo(t, who)).toHaveLength(1);

    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    const [, sent] = await waitForMails(t, who, 2, 60_000);
    const lines = (x: string) =>
      x
        .replace(/\r\n/g, '\n')
        .trim()
        .split('\n')
        .map((l) => l.trimEnd());
    expect(lines(sent!.body.text ?? '')).toEqual(lines(shown));
    expect(page.dialogs).toEqual([]);
    await page.close();
  }, 180_000);

  it('lets a supervisor create, change and delete a saved reply that an agent inserts into a case', async () => {
    const name = `Deposit credited ${randomBytes(3).toString('hex')}`;
    const sup = await newPage();
    await openAs(sup, 'supervisor', '/');
    await sup.getByRole('link', { name: 'Saved replies' }).click();
    await sup.getByRole('heading', { name: 'Saved replies' }).waitFor();
    await sup.getByLabel('Name').fill(name);
    await sup.getByLabel('Language').selectOption('en');
    await sup.getByLabel('Text').fill('Your case {{tracking}}: the deposit is creditted now.');
    await sup.getByRole('button', { name: 'Create saved reply' }).click();
    await sup.getByText('Saved reply created.').waitFor();
    await sup.getByRole('row').filter({ hasText: name }).waitFor();
    // A typo fixed: the change goes out with the version it was made against.
    await sup.getByRole('button', { name: `Edit ${name}` }).click();
    await sup.getByLabel('Text').fill('Your case {{tracking}}: the deposit is credited now.');
    await sup.getByRole('button', { name: 'Save changes' }).click();
    await sup.getByText('Saved reply changed.').waitFor();
    await sup.getByRole('row').filter({ hasText: 'is credited now' }).waitFor();
    await expectAccessible(sup);

    const who = customer('macro');
    const tracking = await mailIn(who, 'Deposit late', 'My deposit of 1 ETH from this morning is not in my account.');
    const agent = await newPage();
    await openAs(agent, 'agent', `/cases/${tracking}`);
    await agent.getByRole('heading', { name: 'Thread' }).waitFor();
    await expect(agent.getByRole('link', { name: 'Saved replies' }).count()).resolves.toBe(0);
    await agent.getByLabel('Saved reply').selectOption({ label: name });
    await agent.getByRole('button', { name: 'Insert saved reply' }).click();
    const reply = agent.getByRole('textbox', { name: 'Reply', exact: true });
    await eventually(
      async () => expect(await reply.inputValue()).toBe(`Your case ${tracking}: the deposit is credited now.`),
      {
        description: 'the saved reply, filled in for this case, in the reply box',
      },
    );

    await sup.getByRole('button', { name: `Delete ${name}` }).click();
    await sup.getByText(`Deleted "${name}".`).waitFor();
    await sup.getByRole('row').filter({ hasText: name }).waitFor({ state: 'detached' });
    expect([...sup.dialogs, ...agent.dialogs]).toEqual([]);
    await sup.close();
    await agent.close();
  }, 180_000);

  it('sends a delay notice from the case page, with the reason the agent gave', async () => {
    const who = customer('delay');
    const tracking = await mailIn(
      who,
      'Frozen account',
      'My account has been frozen for a week, when will you decide?',
    );
    const page = await newPage();
    await openAs(page, 'agent', `/cases/${tracking}`);
    const reason = 'We are waiting for the bank to confirm the origin of the funds you deposited.';
    const due = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    await page.getByLabel('Reason for the delay').fill(reason);
    await page.getByLabel('Expected decision').fill(due);
    const preview = page.getByRole('region', { name: 'Delay notice preview' });
    await preview.getByText('Subject: ', { exact: false }).filter({ hasText: tracking }).waitFor();
    await expect(preview.locator('.mail-body').innerText()).resolves.toContain(reason);
    await page.getByRole('button', { name: 'Send delay notice' }).click();
    await page.getByText('Delay notice sent.').waitFor();
    const notice = await eventually(
      async () => {
        const m = (await mailsTo(t, who)).find((x) => x.body.text?.includes(reason));
        expect(m).toBeDefined();
        return m!;
      },
      { ...SLOW, description: 'the delay notice with the reason' },
    );
    expect(notice.subject).toContain(tracking);
    await page.getByRole('list').filter({ hasText: 'delay notice' }).waitFor();
    expect(page.dialogs).toEqual([]);
    await page.close();
  }, 180_000);

  it("shows the customer's reply on an open case page without a reload", async () => {
    const who = customer('live');
    const tracking = await mailIn(who, 'Card payment failed', 'My card payment for 300 EUR was refused twice today.');
    const page = await newPage();
    await openAs(page, 'agent', `/cases/${tracking}`);
    await page.getByRole('heading', { name: 'Thread' }).waitFor();
    await page.evaluate(() => ((globalThis as any).docketSamePage = true));
    const words = `It went through on the third try (${randomBytes(3).toString('hex')}).`;
    await smtpIn(who, `Re: [${tracking}] Card payment failed`, words);
    // The open page refreshes itself; nothing here reloads or navigates it.
    await page.getByText(words).first().waitFor({ timeout: 60_000 });
    await expect(page.evaluate(() => (globalThis as any).docketSamePage)).resolves.toBe(true);
    expect(page.url()).toBe(`${p.apiUrl}/console/cases/${tracking}`);
    await page.close();
  }, 180_000);
});
