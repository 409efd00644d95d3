import { DynamoNoticeStore } from '../../lambdas/adapters/dynamodb/notice-store';
import { sendOutbound } from '../../lambdas/app/mailer/send-outbound';
import { seedCase } from '../api/seed';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { waitForMails } from '../support/ses-inbox';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.dispose());

describe('the mailer and broadcast notices', () => {
  it('sends a declared notice to a customer with an open case, once, and skips one withdrawn before its turn', async () => {
    const { buildContainer } = await import('../../lambdas/shared/container');
    const { mailerDeps } = await import('../../lambdas/shared/mailer-wiring');
    const deps = mailerDeps(await buildContainer('mailer'));
    const notices = new DynamoNoticeStore(t.clients.doc, t.resources.tableName);
    const open = await seedCase(t, { status: 'open' });
    await notices.put(
      {
        id: 'outage-1',
        kind: 'incident',
        message: 'Deposits in ETH are delayed by a node outage.',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        extraDelayMinutes: 60,
      },
      'supervisor-1',
    );
    const req = {
      tracking: open.tracking,
      purpose: 'notice' as const,
      purposeKey: 'notice:outage-1',
      data: { noticeId: 'outage-1' },
    };
    expect(await sendOutbound(req, deps)).toBe('sent');
    expect(await sendOutbound(req, deps)).toBe('duplicate');
    const [mail] = await waitForMails(t, open.customer.address);
    expect(mail!.body.text).toContain('Deposits in ETH are delayed by a node outage.');

    await notices.put(
      {
        id: 'maint-2',
        kind: 'maintenance',
        message: 'Short maintenance.',
        startsAt: new Date().toISOString(),
        extraDelayMinutes: 0,
      },
      'supervisor-1',
    );
    await notices.delete('maint-2', 'supervisor-1');
    expect(await sendOutbound({ ...req, purposeKey: 'notice:maint-2', data: { noticeId: 'maint-2' } }, deps)).toBe(
      'notice_withdrawn',
    );
  });
});
