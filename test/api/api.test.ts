import { createFeedbackToken } from '../../lambdas/core/feedback-token';
import { verifyExport } from '../../lambdas/core/export-chain';
import { tamperAndRechain } from '../support/tamper-export';
import { generateTrackingNumber } from '../../lambdas/core/tracking-number';
import { signLocalToken } from '../../local/tokens';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { apiClient } from './client';
import { drain, HOSTILE_HTML, repoFor, seedCase } from './seed';

let t: TestEnv;
let p: Pipeline;
let call: ReturnType<typeof apiClient>;
const outbound = () => drain(t.clients.sqs, t.resources.queues.outbound.url);
const bulk = () => drain(t.clients.sqs, t.resources.queues['outbound-bulk'].url);

beforeAll(async () => {
  t = await createTestEnv();
  p = await startPipeline(t, { api: 'module', smtp: false });
  call = apiClient(p.apiUrl, p.jwtSecret);
}, 60_000);
afterAll(async () => {
  await p?.stop();
  t?.dispose();
});

const isProblem = (r: { headers: Headers; json: any }, status: number) => {
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.json).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
};

describe('authentication and roles', () => {
  it('answers 401 with a problem document without a token', async () => {
    const r = await call('GET', '/cases');
    expect(r.status).toBe(401);
    isProblem(r, 401);
  });

  it('answers 401 to a token signed with another key', async () => {
    const token = await signLocalToken({ role: 'agent' }, 'another-secret-of-at-least-32-characters!!');
    const r = await call('GET', '/cases', { token });
    expect(r.status).toBe(401);
    isProblem(r, 401);
  });

  it('answers 401 to an expired token', async () => {
    const token = await signLocalToken({ role: 'agent', ttl: 60 }, p.jwtSecret, new Date(Date.now() - 3600_000));
    const r = await call('GET', '/cases', { token });
    expect(r.status).toBe(401);
  });

  it('does not let an auditor reply', async () => {
    const c = await seedCase(t);
    const r = await call('POST', `/cases/${c.tracking}/replies`, { role: 'auditor', body: { text: 'hello' } });
    expect(r.status).toBe(403);
    isProblem(r, 403);
  });

  it('does not let an agent export or manage notices', async () => {
    expect((await call('GET', '/export?from=2026-01-01&to=2026-02-01', { role: 'agent' })).status).toBe(403);
    expect(
      (
        await call('POST', '/notices', {
          role: 'agent',
          body: { kind: 'incident', message: 'x', startsAt: new Date().toISOString() },
        })
      ).status,
    ).toBe(403);
  });

  it('serves /healthz and /openapi.json without a token', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    const spec = await call('GET', '/openapi.json');
    expect(spec.json.openapi).toBe('3.1.0');
  });
});

describe('bad input', () => {
  it('rejects malformed JSON, unknown fields, a non-JSON body and an oversized body', async () => {
    const c = await seedCase(t);
    const path = `/cases/${c.tracking}/notes`;
    const malformed = await call('POST', path, {
      role: 'agent',
      raw: '{"text": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    isProblem(malformed, 400);
    const unknown = await call('POST', path, { role: 'agent', body: { text: 'ok', bcc: 'x@evil.example' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.detail).toContain('bcc');
    expect(
      (await call('POST', path, { role: 'agent', raw: 'text=hi', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
    const big = await call('POST', path, { role: 'agent', body: { text: 'x'.repeat(300 * 1024) } });
    expect(big.status).toBe(413);
    isProblem(big, 413);
  });

  it('refuses CR/LF in a field that can reach a header', async () => {
    const c = await seedCase(t);
    const r = await call('PATCH', `/cases/${c.tracking}`, {
      role: 'agent',
      body: { assignee: 'bob@exchange.example\r\nBcc: x@evil.example' },
    });
    expect(r.status).toBe(400);
    expect(r.json.detail).toMatch(/CR or LF/);
  });

  it('answers 404 for an unknown tracking number and 400 naming the check character for a typo', async () => {
    const c = await seedCase(t);
    const compact = c.tracking.replace(/-/g, '');
    // Swap two adjacent different symbols: the check character always catches it.
    const i = [...compact].findIndex((ch, k) => k < 11 && ch !== compact[k + 1]);
    const typo = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
    const bad = await call('GET', `/cases/${typo}`, { role: 'agent' });
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toContain('check character');
    const unknown = await call('GET', `/cases/${generateTrackingNumber()}`, { role: 'agent' });
    expect(unknown.status).toBe(404);
    isProblem(unknown, 404);
  });

  it('resolves a tracking number typed in lower case with spaces', async () => {
    const c = await seedCase(t);
    const typed = c.tracking.toLowerCase().replace(/-/g, ' ');
    const r = await call('GET', `/cases/${encodeURIComponent(typed)}`, { role: 'auditor' });
    expect(r.status).toBe(200);
    expect(r.json.case.tracking).toBe(c.tracking);
  });
});

describe('working a case', () => {
  it('records a reply, sets firstResponseAt and queues the mail for the mailer', async () => {
    const c = await seedCase(t);
    await outbound();
    const r = await call('POST', `/cases/${c.tracking}/replies`, {
      role: 'agent',
      body: { text: 'We are on it.', html: '<p onmouseover="x()">We are <b>on it</b></p><script>bad()</script>' },
    });
    expect(r.status).toBe(201);
    expect(r.json.case.firstResponseAt).toEqual(expect.any(String));
    expect(r.json.case.status).toBe('open');
    const queued = (await outbound()).filter((m) => m.tracking === c.tracking);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      purpose: 'agent_reply',
      purposeKey: `agent_reply:${r.json.messageId}`,
      data: { text: 'We are on it.', author: 'agent-1' },
    });
    const html = String((queued[0]!.data as { html: string }).html);
    expect(html).toContain('<b>on it</b>');
    expect(html).not.toMatch(/script|onmouseover/);
    const events = await repoFor(t).listEvents(c.tracking);
    expect(events.map((e) => e.type)).toEqual(['case_opened', 'agent_replied', 'status_changed']);
    expect(events[1]!.actor).toBe('agent-1');
  });

  it('answers a replayed Idempotency-Key with the original status and records the reply once', async () => {
    const c = await seedCase(t);
    const headers = { 'idempotency-key': 'reply-1' };
    const first = await call('POST', `/cases/${c.tracking}/replies`, {
      role: 'agent',
      body: { text: 'Once' },
      headers,
    });
    const again = await call('POST', `/cases/${c.tracking}/replies`, {
      role: 'agent',
      body: { text: 'Once' },
      headers,
    });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json.replayed).toBe(true);
    const replies = (await repoFor(t).listMessages(c.tracking)).filter((m) => m.purpose === 'agent_reply');
    expect(replies).toHaveLength(1);
  });

  it('adds a note that is never queued for sending', async () => {
    const c = await seedCase(t);
    await outbound();
    const r = await call('POST', `/cases/${c.tracking}/notes`, { role: 'supervisor', body: { text: 'VIP customer' } });
    expect(r.status).toBe(201);
    expect((await outbound()).filter((m) => m.tracking === c.tracking)).toHaveLength(0);
    const view = await call('GET', `/cases/${c.tracking}`, { role: 'agent' });
    expect(
      view.json.thread.some(
        (m: { direction: string; text: string }) => m.direction === 'note' && m.text === 'VIP customer',
      ),
    ).toBe(true);
  });

  it('refuses an illegal transition with 409 and a stale If-Match with 412', async () => {
    const c = await seedCase(t, { status: 'open' });
    const illegal = await call('PATCH', `/cases/${c.tracking}`, { role: 'agent', body: { status: 'new' } });
    expect(illegal.status).toBe(409);
    isProblem(illegal, 409);
    const stale = await call('PATCH', `/cases/${c.tracking}`, {
      role: 'agent',
      body: { priority: 'high' },
      headers: { 'if-match': '"99"' },
    });
    expect(stale.status).toBe(412);
    const ok = await call('PATCH', `/cases/${c.tracking}`, {
      role: 'agent',
      body: { priority: 'high', category: 'complaint', assignee: 'bob' },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.case).toMatchObject({
      priority: 'high',
      type: 'complaint',
      assignee: 'bob',
      version: c.version + 1,
    });
    expect(ok.headers.get('etag')).toBe(`"${c.version + 1}"`);
  });

  it('requires an explanation to resolve other than fully, and queues the closing mail', async () => {
    const c = await seedCase(t, { status: 'open' });
    const missing = await call('POST', `/cases/${c.tracking}/resolve`, { role: 'agent', body: { outcome: 'denied' } });
    expect(missing.status).toBe(400);
    expect(missing.json.detail).toContain('explanation');
    await outbound();
    const explanation = 'The withdrawal was returned by the receiving bank; we refunded the fee.';
    const ok = await call('POST', `/cases/${c.tracking}/resolve`, {
      role: 'agent',
      body: { outcome: 'partial', explanation },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.case).toMatchObject({ status: 'resolved', resolution: { outcome: 'partial', explanation } });
    const queued = (await outbound()).filter((m) => m.tracking === c.tracking && m.purpose === 'resolution');
    expect(queued).toEqual([expect.objectContaining({ data: { outcome: 'partial', explanation } })]);
    expect((await call('POST', `/cases/${c.tracking}/replies`, { role: 'agent', body: { text: 'x' } })).status).toBe(
      409,
    );
  });

  it('records the SLA policy version a PATCH re-planned with', async () => {
    const c = await seedCase(t, { status: 'open' });
    expect(c.slaPolicyVersion).toBeUndefined();
    const r = await call('PATCH', `/cases/${c.tracking}`, { role: 'agent', body: { priority: 'high' } });
    expect(r.status).toBe(200);
    expect(r.json.case.slaPolicyVersion).toMatch(/^[0-9a-f]{64}$/);
    expect((await repoFor(t).getCase(c.tracking))!.slaPolicyVersion).toBe(r.json.case.slaPolicyVersion);
  });

  it('keeps the promised resolution date and records the policy version when resolving', async () => {
    const promised = new Date(Date.now() + 5 * 86400_000).toISOString();
    const c = await seedCase(t, { status: 'open', estimatedResolutionAt: promised });
    const r = await call('POST', `/cases/${c.tracking}/resolve`, { role: 'agent', body: { outcome: 'full' } });
    expect(r.status).toBe(200);
    const stored = (await repoFor(t).getCase(c.tracking))!;
    // The SLA report compares resolvedAt with the date the customer was told.
    expect(stored).toMatchObject({ status: 'resolved', estimatedResolutionAt: promised, deadlines: {} });
    expect(stored.slaPolicyVersion).toMatch(/^[0-9a-f]{64}$/);
    await outbound();
  });

  it('never returns customer HTML unsanitised', async () => {
    const c = await seedCase(t);
    const view = await call('GET', `/cases/${c.tracking}`, { role: 'agent' });
    expect(view.status).toBe(200);
    const html = view.json.thread[0].html as string;
    expect(HOSTILE_HTML).toContain('<script>');
    expect(html).toContain('Hello');
    expect(html).not.toMatch(/<script|onclick|tracker\.example|javascript:/);
    const exported = await call('GET', `/export?case=${c.tracking}`, { role: 'auditor' });
    expect(exported.text).not.toMatch(/<script|onclick|tracker\.example|javascript:/);
  });

  it('lists cases by status and category and flags breaching ones', async () => {
    const late = await seedCase(t, {
      status: 'open',
      createdAt: new Date(Date.now() - 3 * 86400_000).toISOString(),
      type: 'complaint',
    });
    const r = await call('GET', '/cases?status=open&category=complaint&breaching=true&limit=100', { role: 'agent' });
    expect(r.status).toBe(200);
    expect(r.json.items.map((i: { tracking: string }) => i.tracking)).toContain(late.tracking);
    expect(r.json.items.every((i: { breaching: boolean; type: string }) => i.breaching && i.type === 'complaint')).toBe(
      true,
    );
  });
});

describe('satisfaction links', () => {
  const form = (score: number) => ({
    raw: `score=${score}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

  it('shows a confirmation page on GET that records nothing, with a form posting back to us', async () => {
    const c = await seedCase(t, { status: 'resolved' });
    const token = createFeedbackToken({ tracking: c.tracking, secret: t.env.SIGNING_SECRET!, now: new Date() });
    const page = await call('GET', `/feedback/${token}?score=4`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(page.text).toMatch(/<form method="post">/);
    expect(page.text).toContain('value="4" autofocus');
    // A scanner that follows every link in the mail: the page was served (positive signal), nothing recorded.
    await call('GET', `/feedback/${token}?score=1`);
    const events = await repoFor(t).listEvents(c.tracking);
    expect(events.map((e) => e.type)).not.toContain('satisfaction_recorded');
    expect((await repoFor(t).getCase(c.tracking))!.satisfaction).toBeUndefined();
  });

  it('records the confirmed rating once on POST and answers a second post with an already-recorded page', async () => {
    const c = await seedCase(t, { status: 'resolved' });
    const token = createFeedbackToken({ tracking: c.tracking, secret: t.env.SIGNING_SECRET!, now: new Date() });
    const first = await call('POST', `/feedback/${token}`, form(4));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(first.text).toContain('Thank you');
    const second = await call('POST', `/feedback/${token}`, form(1));
    expect(second.text).toContain('Already recorded');
    expect((await repoFor(t).getCase(c.tracking))!.satisfaction).toBe(4);
  });

  it('answers a forged link with a 400 page on GET and POST, and a JSON post with 415', async () => {
    const c = await seedCase(t, { status: 'resolved' });
    const token = createFeedbackToken({ tracking: c.tracking, secret: t.env.SIGNING_SECRET!, now: new Date() });
    const forged = `${token.slice(0, -2)}xx`;
    const get = await call('GET', `/feedback/${forged}?score=5`);
    expect(get.status).toBe(400);
    expect(get.headers.get('content-type')).toContain('text/html');
    expect((await call('POST', `/feedback/${forged}`, form(5))).status).toBe(400);
    expect((await call('POST', `/feedback/${token}`, { body: { score: 5 } })).status).toBe(415);
    expect((await repoFor(t).getCase(c.tracking))!.satisfaction).toBeUndefined();
  });
});

describe('notices', () => {
  it('lets a supervisor declare, broadcast once, list and delete a notice', async () => {
    await seedCase(t, { status: 'open' });
    await outbound();
    const body = {
      kind: 'maintenance',
      message: 'Withdrawals pause 02:00-04:00 UTC',
      startsAt: new Date().toISOString(),
      extraDelayMinutes: 120,
      broadcast: true,
    };
    const created = await call('POST', '/notices', { role: 'supervisor', body, headers: { 'idempotency-key': 'n-1' } });
    expect(created.status).toBe(201);
    const id = created.json.notice.id as string;
    const again = await call('POST', '/notices', { role: 'supervisor', body, headers: { 'idempotency-key': 'n-1' } });
    expect(again.json.replayed).toBe(true);
    expect(created.json.broadcastQueued).toBe(true);
    // The request only queues the fan-out on the bulk lane; the mailer pages through the open cases.
    expect((await outbound()).filter((m) => m.purpose === 'notice')).toEqual([]);
    expect(await bulk()).toEqual([{ type: 'notice_broadcast', noticeId: id, statusIndex: 0 }]);
    expect(
      (await call('GET', '/notices', { role: 'supervisor' })).json.items.map((n: { id: string }) => n.id),
    ).toContain(id);
    expect((await call('DELETE', `/notices/${id}`, { role: 'supervisor' })).status).toBe(204);
    expect((await call('DELETE', `/notices/${id}`, { role: 'supervisor' })).status).toBe(404);
  });
});

describe('export and reports', () => {
  it('exports a range that verifies, and fails verification when any line is altered', async () => {
    const from = '2024-02-01T00:00:00.000Z';
    await seedCase(t, { createdAt: '2024-02-02T10:00:00.000Z' });
    await seedCase(t, { createdAt: '2024-02-03T10:00:00.000Z' });
    const r = await call('GET', `/export?from=${from}&to=2024-03-01`, { role: 'auditor' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    expect(verifyExport(r.text)).toMatchObject({ ok: true });
    const lines = r.text.trimEnd().split('\n');
    expect(lines).toHaveLength(2 * 3 + 1);
    for (let i = 0; i < lines.length; i++) {
      const altered = [...lines];
      altered[i] = altered[i]!.replace(/"at":"2024/, '"at":"2023').replace(/"cases":2/, '"cases":3');
      if (altered[i] === lines[i]) continue;
      expect(verifyExport(`${altered.join('\n')}\n`)).toMatchObject({ ok: false, line: i + 1 });
    }
    expect(verifyExport(`${lines.slice(1).join('\n')}\n`).ok).toBe(false);
  });

  it('signs each export page: the signature holds with the published key, and fails once a record is edited and every hash recomputed', async () => {
    await seedCase(t, { createdAt: '2024-02-04T10:00:00.000Z' });
    const key = await call('GET', '/export/public-key', { role: 'auditor' });
    expect(key.status).toBe(200);
    expect(key.json).toMatchObject({ algorithm: 'ECDSA_SHA_256', publicKeyPem: expect.stringContaining('PUBLIC KEY') });
    expect((await call('GET', '/export/public-key', { role: 'agent' })).status).toBe(403);
    const r = await call('GET', '/export?from=2024-02-01&to=2024-03-01', { role: 'auditor' });
    const publicKeyPem = key.json.publicKeyPem as string;
    expect(verifyExport(r.text, { publicKeyPem })).toMatchObject({
      ok: true,
      signature: 'valid',
      keyId: key.json.keyId,
    });
    const forged = tamperAndRechain(r.text, (l) =>
      l.kind === 'event' ? { ...(l.record as object), actor: 'someone-else' } : l.record,
    );
    expect(verifyExport(forged).ok).toBe(true);
    expect(verifyExport(forged, { publicKeyPem })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
  });

  it('pages an export with a cursor whose chain continues from the previous page', async () => {
    const range = 'from=2024-02-01&to=2024-03-01';
    const page1 = await call('GET', `/export?${range}&limit=1`, { role: 'auditor' });
    const cursor = page1.headers.get('x-next-cursor');
    expect(cursor).toBeTruthy();
    const v1 = verifyExport(page1.text);
    expect(v1.ok).toBe(true);
    const page2 = await call('GET', `/export?${range}&limit=1&cursor=${cursor}`, { role: 'auditor' });
    expect(verifyExport(page2.text, v1.ok ? v1.lastHash : '')).toMatchObject({ ok: true });
    expect(verifyExport(page2.text).ok).toBe(false);
  });

  it('computes the SLA report from replies and deadlines', async () => {
    const c = await seedCase(t, { createdAt: '2024-05-02T10:00:00.000Z' });
    await call('POST', `/cases/${c.tracking}/replies`, { role: 'agent', body: { text: 'Answer' } });
    const r = await call('GET', '/reports/sla?from=2024-05-01&to=2024-06-01', { role: 'supervisor' });
    expect(r.status).toBe(200);
    expect(r.json.overall.cases).toBe(1);
    // The seeded first-response deadline was one day after 2024-05-02: the reply today is late.
    expect(r.json.overall.firstResponse).toMatchObject({ met: 0, late: 1, compliance: 0 });
    expect(r.json.byType.request.cases).toBe(1);
  });

  it('serves the backlog of each day to supervisors and auditors, counting a case resolved since as open then', async () => {
    const a = await seedCase(t, { createdAt: '2023-11-02T10:00:00.000Z' });
    await seedCase(t, { createdAt: '2023-11-03T09:00:00.000Z', type: 'complaint' });
    const resolved = await call('POST', `/cases/${a.tracking}/resolve`, { role: 'agent', body: { outcome: 'full' } });
    expect(resolved.status).toBe(200);
    const r = await call('GET', '/reports/backlog?from=2023-11-01&to=2023-11-05', { role: 'supervisor' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ from: '2023-11-01T00:00:00.000Z', to: '2023-11-05T00:00:00.000Z' });
    expect(r.json.days).toEqual([
      { day: '2023-11-01', received: 0, resolved: 0, ended: 0, open: 0 },
      { day: '2023-11-02', received: 1, resolved: 0, ended: 0, open: 1 },
      { day: '2023-11-03', received: 1, resolved: 0, ended: 0, open: 2 },
      { day: '2023-11-04', received: 0, resolved: 0, ended: 0, open: 2 },
    ]);
    expect((await call('GET', '/reports/backlog?from=2023-11-01&to=2023-11-05', { role: 'auditor' })).status).toBe(200);
    expect((await call('GET', '/reports/backlog?from=2023-11-01&to=2023-11-05', { role: 'agent' })).status).toBe(403);
    expect((await call('GET', '/reports/backlog?from=2023-11-05&to=2023-11-01', { role: 'auditor' })).status).toBe(400);
  });

  it('freezes a closed quarter on first request and serves CSV and HTML with charts', async () => {
    await seedCase(t, { createdAt: '2024-08-02T10:00:00.000Z', type: 'complaint' });
    const first = await call('GET', '/reports/quarterly?quarter=2024Q3', { role: 'auditor' });
    expect(first.status).toBe(200);
    expect(first.json.received.all).toEqual({ request: 0, complaint: 1, total: 1 });
    expect(first.json.frozenAt).toEqual(expect.any(String));
    await seedCase(t, { createdAt: '2024-08-03T10:00:00.000Z' });
    const later = await call('GET', '/reports/quarterly?quarter=2024Q3', { role: 'auditor' });
    expect(later.json).toEqual(first.json);
    const csv = await call('GET', '/reports/quarterly?quarter=2024Q3', {
      role: 'auditor',
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('received,all,0,1,1');
    const page = await call('GET', '/reports/quarterly?quarter=2024Q3&format=html', { role: 'auditor' });
    expect(page.text).toContain('<svg');
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('access log', () => {
  const range = () => {
    const now = Date.now();
    return `from=${new Date(now - 3600_000).toISOString()}&to=${new Date(now + 3600_000).toISOString()}&limit=1000`;
  };
  type Access = { actor: string; action: string; target: string };

  it('keeps one record per reader, case and window however often a console refreshes, readable by auditors only', async () => {
    const c = await seedCase(t);
    for (let i = 0; i < 3; i++) expect((await call('GET', `/cases/${c.tracking}`, { role: 'agent' })).status).toBe(200);
    expect((await call('GET', `/cases/${c.tracking}`, { role: 'supervisor' })).status).toBe(200);
    const log = await call('GET', `/access-log?${range()}`, { role: 'auditor' });
    expect(log.status).toBe(200);
    const reads = (log.json.items as Access[]).filter((a) => a.target === c.tracking);
    expect(reads.map((a) => `${a.actor} ${a.action}`).sort()).toEqual(['agent-1 case_read', 'supervisor-1 case_read']);
    expect((await call('GET', `/access-log?${range()}`, { role: 'agent' })).status).toBe(403);
    expect((await call('GET', `/access-log?${range()}`, { role: 'supervisor' })).status).toBe(403);
  });

  it('records exports and customer look-ups', async () => {
    const customer = `look-${Date.now()}@customer.example`;
    const mine = await seedCase(t, { customer });
    await seedCase(t);
    const list = await call('GET', `/cases?customer=${encodeURIComponent(customer)}`, { role: 'agent' });
    expect(list.status).toBe(200);
    expect(list.json.items.map((i: { tracking: string }) => i.tracking)).toEqual([mine.tracking]);
    expect((await call('GET', `/export?case=${mine.tracking}`, { role: 'auditor' })).status).toBe(200);
    const items = (await call('GET', `/access-log?${range()}`, { role: 'auditor' })).json.items as Access[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'agent-1', action: 'customer_lookup', target: customer }),
        expect.objectContaining({ actor: 'auditor-1', action: 'export', target: `case=${mine.tracking}` }),
      ]),
    );
  });
});

describe('macros', () => {
  it('lets supervisors save, change and withdraw replies, and agents list and use them on a case', async () => {
    const c = await seedCase(t);
    const body = {
      name: 'Withdrawal found',
      language: 'en',
      text: 'Dear {{customer_name}}, case {{tracking}} ({{subject}}).',
    };
    expect((await call('POST', '/macros', { role: 'agent', body })).status).toBe(403);
    const typo = await call('POST', '/macros', { role: 'supervisor', body: { ...body, text: 'Hi {{tracknig}}' } });
    expect(typo.status).toBe(400);
    const created = await call('POST', '/macros', {
      role: 'supervisor',
      body,
      headers: { 'idempotency-key': `m-${c.tracking}` },
    });
    expect(created.status).toBe(201);
    const id = created.json.macro.id as string;
    const again = await call('POST', '/macros', {
      role: 'supervisor',
      body,
      headers: { 'idempotency-key': `m-${c.tracking}` },
    });
    expect(again.json).toMatchObject({ replayed: true, macro: { id } });

    const listed = await call('GET', '/macros?language=en', { role: 'agent' });
    expect(listed.json.items.map((m: { id: string }) => m.id)).toContain(id);
    expect(
      (await call('GET', '/macros?language=de', { role: 'agent' })).json.items.map((m: { id: string }) => m.id),
    ).not.toContain(id);

    const used = await call('GET', `/macros/${id}/render?case=${c.tracking}`, { role: 'agent' });
    expect(used.status).toBe(200);
    expect(used.json.text).toBe(`Dear , case ${c.tracking} (Withdrawal stuck).`);

    const stale = await call('PATCH', `/macros/${id}`, {
      role: 'supervisor',
      body: { name: 'x' },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
    const changed = await call('PATCH', `/macros/${id}`, {
      role: 'supervisor',
      body: { name: 'Found it' },
      headers: { 'if-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.macro).toMatchObject({ name: 'Found it', version: 2 });
    expect(changed.headers.get('etag')).toBe('"2"');

    expect((await call('DELETE', `/macros/${id}`, { role: 'agent' })).status).toBe(403);
    expect((await call('DELETE', `/macros/${id}`, { role: 'supervisor' })).status).toBe(204);
    expect((await call('DELETE', `/macros/${id}`, { role: 'supervisor' })).status).toBe(404);
    expect((await call('GET', '/macros', { role: 'agent' })).json.items.map((m: { id: string }) => m.id)).not.toContain(
      id,
    );
  });
});
