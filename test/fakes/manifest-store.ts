import type { AuditManifest } from '../../lambdas/core/audit-manifest';
import type { ManifestStore } from '../../lambdas/core/ports';
import { stored } from './copy';

/** Audit manifests in memory, by hour; held to the same contract as the Object-Locked S3 store. */
export class InMemoryManifestStore implements ManifestStore {
  readonly manifests = new Map<string, AuditManifest>();

  async exists(hour: string): Promise<boolean> {
    return this.manifests.has(hour);
  }

  async put(manifest: AuditManifest): Promise<void> {
    this.manifests.set(manifest.hour, stored(manifest));
  }
}
