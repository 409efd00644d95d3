import type { TestEnv } from './local-env';

/** One mail as the SES emulator stored it (`GET /store`). */
export interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: readonly string[];
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  readonly at: number;
}

/** Every mail the SES emulator holds whose To contains `address`. */
export async function mailsTo(t: TestEnv, address: string): Promise<StoredMail[]> {
  const res = await fetch(`${t.endpoints.ses}/store`);
  const { emails } = (await res.json()) as { emails: StoredMail[] };
  return emails.filter((m) => m.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())));
}

/** Waits until at least `count` mails to `address` arrived (or throws after `timeoutMs`). */
export async function waitForMails(t: TestEnv, address: string, count = 1, timeoutMs = 15_000): Promise<StoredMail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(t, address);
    if (mails.length >= count) return mails;
    if (Date.now() > until)
      throw new Error(`expected ${count} mail(s) to ${address} within ${timeoutMs} ms, got ${mails.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
