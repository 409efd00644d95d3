import { SESClient } from '@aws-sdk/client-ses';
import type { AddressInfo } from 'node:net';
import { SesSendQuotaSource } from '../../lambdas/adapters/ses-send-quota';
import { startSesEmulator } from '../../local/emulators';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws';

async function sourceFor(quota: Parameters<typeof startSesEmulator>[1]) {
  const ses = await startSesEmulator(0, quota);
  const endpoint = `http://127.0.0.1:${(ses.server.address() as AddressInfo).port}`;
  const client = new SESClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  return { ses, client, source: new SesSendQuotaSource(client) };
}

describe('the SES send quota source', () => {
  it("reads the account's rate and 24-hour quota from GetSendQuota", async () => {
    const { ses, client, source } = await sourceFor({ maxSendRate: 20, dailyQuota: 500, windowSeconds: 86_400 });
    try {
      expect(await source.read()).toEqual({ maxSendRate: 20, max24HourSend: 500, sentLast24Hours: 0 });
    } finally {
      client.destroy();
      await ses.stop();
    }
  });

  it('reads "unlimited" (-1) as no limit', async () => {
    const { ses, client, source } = await sourceFor({ windowSeconds: 86_400 });
    try {
      expect(await source.read()).toEqual({ sentLast24Hours: 0 });
    } finally {
      client.destroy();
      await ses.stop();
    }
  });
});
