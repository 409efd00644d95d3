import { eventually } from './eventually';
import type { TestEnv } from './local-env';

/** One mail as the SES emulator stored it (`GET /store`). */
export interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: readonly string[];
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  /** When the emulator stored it, in whole epoch seconds. */
  readonly at: number;
}

/** Every mail the SES emulator holds whose To contains `address`. */
export async function mailsTo(t: TestEnv, address: string): Promise<StoredMail[]> {
  const res = await fetch(`${t.endpoints.ses}/store`);
  const { emails } = (await res.json()) as { emails: StoredMail[] };
  return emails.filter((m) => m.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())));
}

/**
 * Waits until at least `count` mails to `address` arrived, and returns them all. The default bound leaves room
 * for a first mail on a loaded machine (handlers and DynamoDB Local warming up) inside Jest's 30 s.
 */
export async function waitForMails(t: TestEnv, address: string, count = 1, timeoutMs = 25_000): Promise<StoredMail[]> {
  return eventually(
    async () => {
      const mails = await mailsTo(t, address);
      expect(mails.length).toBeGreaterThanOrEqual(count);
      return mails;
    },
    { timeoutMs, intervalMs: 100, description: `${count} mail(s) to ${address}` },
  );
}
