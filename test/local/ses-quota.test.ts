import { GetSendQuotaCommand, SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import type { AddressInfo } from 'node:net';
import { startSesEmulator } from '../../local/emulators';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws';
import { eventually } from '../support/eventually';

const raw = (n: number) =>
  Buffer.from(`From: support@exchange.example\r\nTo: c${n}@customer.example\r\nSubject: t${n}\r\n\r\nhello\r\n`);

async function started(quota: Parameters<typeof startSesEmulator>[1]) {
  const ses = await startSesEmulator(0, quota);
  const endpoint = `http://127.0.0.1:${(ses.server.address() as AddressInfo).port}`;
  const client = new SESClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const sendOne = (n: number) =>
    client.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw(n) },
        Source: 'support@exchange.example',
        Destinations: [`c${n}@customer.example`],
      }),
    );
  return { ses, endpoint, client, sendOne };
}

describe('the local SES emulator quota', () => {
  it('refuses a send over the rate as SES does, and reports its quota through GetSendQuota and GetAccount', async () => {
    const { ses, endpoint, client, sendOne } = await started({ maxSendRate: 3, windowSeconds: 86_400 });
    try {
      const results = await Promise.allSettled([1, 2, 3, 4, 5].map(sendOne));
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect(refused).toHaveLength(2);
      expect(refused[0]).toMatchObject({ name: 'Throttling', message: 'Maximum sending rate exceeded.' });
      const quota = await client.send(new GetSendQuotaCommand({}));
      expect(quota).toMatchObject({ MaxSendRate: 3, Max24HourSend: -1, SentLast24Hours: 3 });
      const account = (await (await fetch(`${endpoint}/v2/email/account`)).json()) as { SendQuota: unknown };
      expect(account.SendQuota).toEqual({ MaxSendRate: 3, Max24HourSend: -1, SentLast24Hours: 3 });
      const store = (await (await fetch(`${endpoint}/store`)).json()) as { emails: unknown[] };
      expect(store.emails).toHaveLength(3);
    } finally {
      client.destroy();
      await ses.stop();
    }
  });

  it('refuses with the daily-quota message once the window is spent, and sends again after it', async () => {
    const { ses, client, sendOne } = await started({ dailyQuota: 2, windowSeconds: 1 });
    try {
      await sendOne(1);
      await sendOne(2);
      await expect(sendOne(3)).rejects.toMatchObject({ name: 'Throttling', message: 'Daily message quota exceeded.' });
      // Refused sends do not count, so retrying until one goes through observes the window freeing.
      const sent = await eventually(() => sendOne(4), { timeoutMs: 10_000, description: 'the quota window frees' });
      expect(sent).toMatchObject({ MessageId: expect.any(String) });
    } finally {
      client.destroy();
      await ses.stop();
    }
  });
});
