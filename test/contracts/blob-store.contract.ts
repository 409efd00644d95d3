import { ConfigError } from '../../lambdas/core/errors';
import type { BlobStore } from '../../lambdas/core/ports';

const DAY_MS = 86_400_000;
/** The emulator's LastModified has second precision and runs on another clock than the test's. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** Stores over one shared bucket, each with its own retention period (none: the store cannot retain). */
export type BlobStoreFactory = (opts: { retentionDays?: number }) => BlobStore;

/**
 * What every BlobStore must do, run against the S3 adapter (on the S3 emulator with Object Lock) and the
 * in-memory fake. `now` is the time the harness stores objects at.
 */
export function blobStoreContract(
  name: string,
  setup: () => Promise<{ make: BlobStoreFactory; now: () => Date }> | { make: BlobStoreFactory; now: () => Date },
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let make: BlobStoreFactory;
    let now: () => Date;
    let n = 0;
    const key = () => `contract/${Date.now().toString(36)}-${++n}`;
    beforeAll(async () => {
      ({ make, now } = await setup());
    });

    it('gives back the exact bytes stored, and their size without reading them', async () => {
      const store = make({});
      const k = key();
      const body = Buffer.from('Subject: Zahlung\r\n\r\nÜberweisung über 0,5 BTC \u{1F4B8}\r\n', 'utf8');
      await store.put(k, body, 'message/rfc822');
      expect((await store.get(k)).equals(body)).toBe(true);
      expect(await store.size(k)).toBe(body.length);
      await store.put(k, 'replaced', 'text/plain');
      expect((await store.get(k)).toString('utf8')).toBe('replaced');
    });

    it('refuses to read or size a key that was never stored', async () => {
      const store = make({});
      await expect(store.get(key())).rejects.toThrow();
      await expect(store.size(key())).rejects.toThrow();
    });

    it('retains for its period from when the object was stored, idempotently, and never shortens', async () => {
      const k = key();
      const long = make({ retentionDays: 30 });
      await long.put(k, 'raw', 'message/rfc822');
      const first = await long.retain(k);
      expect(Math.abs(first.getTime() - (now().getTime() + 30 * DAY_MS))).toBeLessThan(CLOCK_SLACK_MS);
      expect(await long.retain(k)).toEqual(first);
      expect(await make({ retentionDays: 10 }).retain(k)).toEqual(first);
    });

    it('keeps a longer lock set when the object was put, rather than shortening it', async () => {
      const k = key();
      const retainUntil = new Date(now().getTime() + 400 * DAY_MS);
      await make({}).put(k, 'sent mime', 'message/rfc822', { retainUntil });
      const kept = await make({ retentionDays: 30 }).retain(k);
      expect(Math.abs(kept.getTime() - retainUntil.getTime())).toBeLessThan(1000);
    });

    it('refuses to retain without a retention period (a function that keeps no mail)', async () => {
      const store = make({});
      const k = key();
      await store.put(k, 'raw', 'message/rfc822');
      await expect(store.retain(k)).rejects.toBeInstanceOf(ConfigError);
    });
  });
}
