import { MANIFEST_FORMAT, type AuditManifest } from '../../lambdas/core/audit-manifest';
import type { ManifestStore } from '../../lambdas/core/ports';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';

const manifest = (hour: string): AuditManifest => ({
  format: MANIFEST_FORMAT,
  hour,
  writtenAt: `${hour}:59:00.000Z`,
  heads: [{ tracking: 'K7QM-4TZX-P9HC' as TrackingNumber, seq: 3, hash: 'a'.repeat(64) }],
});

/** What every ManifestStore must do, run against the S3 adapter (local S3 with Object Lock) and the fake. */
export function manifestStoreContract(name: string, make: () => Promise<ManifestStore> | ManifestStore): void {
  describe(`ManifestStore contract: ${name}`, () => {
    let store: ManifestStore;
    beforeAll(async () => {
      store = await make();
    });

    it('knows an hour exists once its manifest is written, and only that hour', async () => {
      expect(await store.exists('2026-05-01T10')).toBe(false);
      await store.put(manifest('2026-05-01T10'));
      expect(await store.exists('2026-05-01T10')).toBe(true);
      expect(await store.exists('2026-05-01T11')).toBe(false);
      expect(await store.exists('2026-05-01T09')).toBe(false);
    });
  });
}
