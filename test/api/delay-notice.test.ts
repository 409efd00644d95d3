import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { waitForMails } from '../support/ses-inbox';
import { apiClient } from './client';
import { repoFor, seedCase } from './seed';

let t: TestEnv;
let p: Pipeline;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { api: 'module', mailer: 'module', smtp: false });
  call = apiClient(p.apiUrl, p.jwtSecret);
}, 60_000);
afterAll(async () => {
  await p?.stop();
  t?.dispose();
});

const REASON = 'We are waiting for the receiving bank to confirm where the transfer went.';

describe('POST /cases/{tracking}/delay-notices (late decision told with its reason)', () => {
  it('records the reason and the new date, and mails the customer, threaded, in their case', async () => {
    const c = await seedCase(t, { type: 'complaint' });
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const r = await call('POST', `/cases/${c.tracking}/delay-notices`, {
      role: 'agent',
      body: { reason: REASON, expectedDecisionAt: later },
    });
    expect(r.status).toBe(201);
    expect(r.json.case.estimatedResolutionAt).toBe(later);
    const events = await repoFor(t).listEvents(c.tracking);
    expect(events.at(-1)).toMatchObject({
      type: 'delay_notice',
      actor: 'agent-1',
      data: { reason: REASON, to: later },
    });
    const [mail] = await waitForMails(t, c.customer.address);
    expect(mail!.subject).toContain(c.tracking);
    expect(mail!.body.text).toContain(REASON);
  });

  it('refuses an auditor, a date in the past, a reason too short to mean anything, and a resolved case', async () => {
    const c = await seedCase(t);
    expect(
      (await call('POST', `/cases/${c.tracking}/delay-notices`, { role: 'auditor', body: { reason: REASON } })).status,
    ).toBe(403);
    expect(
      (
        await call('POST', `/cases/${c.tracking}/delay-notices`, {
          role: 'agent',
          body: { reason: REASON, expectedDecisionAt: '2020-01-01T00:00:00Z' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('POST', `/cases/${c.tracking}/delay-notices`, { role: 'agent', body: { reason: 'busy' } })).status,
    ).toBe(400);
    const resolved = await seedCase(t, { status: 'resolved' });
    expect(
      (await call('POST', `/cases/${resolved.tracking}/delay-notices`, { role: 'agent', body: { reason: REASON } }))
        .status,
    ).toBe(409);
  });
});
