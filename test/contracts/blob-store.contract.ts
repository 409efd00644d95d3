import { BlobTooLargeError, ConfigError } from '../../lambdas/core/errors';
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

    it('reads the object and retains it for its period from when it was stored, idempotently, never shortening', async () => {
      const k = key();
      const long = make({ retentionDays: 30 });
      await long.put(k, 'raw', 'message/rfc822');
      const first = await long.getRetained(k);
      expect(first.body.toString('utf8')).toBe('raw');
      expect(Math.abs(first.retainUntil.getTime() - (now().getTime() + 30 * DAY_MS))).toBeLessThan(CLOCK_SLACK_MS);
      expect((await long.getRetained(k)).retainUntil).toEqual(first.retainUntil);
      expect((await make({ retentionDays: 10 }).getRetained(k)).retainUntil).toEqual(first.retainUntil);
    });

    it('keeps a longer lock set when the object was put, rather than shortening it', async () => {
      const k = key();
      const retainUntil = new Date(now().getTime() + 400 * DAY_MS);
      await make({}).put(k, 'sent mime', 'message/rfc822', { retainUntil });
      const kept = await make({ retentionDays: 30 }).getRetained(k);
      expect(Math.abs(kept.retainUntil.getTime() - retainUntil.getTime())).toBeLessThan(1000);
    });

    it('retains an object larger than the reader accepts, then refuses it', async () => {
      const k = key();
      const body = Buffer.alloc(64 * 1024, 'x');
      const store = make({ retentionDays: 30 });
      await store.put(k, body, 'message/rfc822');

      const refused = await store.getRetained(k, { maxBytes: body.length - 1 }).catch((err: unknown) => err);

      expect(refused).toBeInstanceOf(BlobTooLargeError);
      expect(refused).toMatchObject({ size: body.length, limit: body.length - 1 });
      // The refused read left its lock: a store with a shorter period reads the 30 days back.
      const read = await make({ retentionDays: 10 }).getRetained(k, { maxBytes: body.length });
      expect(read.body.equals(body)).toBe(true);
      expect(Math.abs(read.retainUntil.getTime() - (now().getTime() + 30 * DAY_MS))).toBeLessThan(CLOCK_SLACK_MS);
    });

    it('refuses to retain without a retention period (a function that keeps no mail)', async () => {
      const store = make({});
      const k = key();
      await store.put(k, 'raw', 'message/rfc822');
      await expect(store.getRetained(k)).rejects.toBeInstanceOf(ConfigError);
    });

    it('refuses to read and retain a key that was never stored', async () => {
      await expect(make({ retentionDays: 30 }).getRetained(key())).rejects.toThrow();
    });
  });
}
