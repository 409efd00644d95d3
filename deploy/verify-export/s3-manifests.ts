import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { MANIFEST_FORMAT, MANIFEST_PREFIX, manifestKey, type AuditManifest } from '../../lambdas/core/audit-manifest';
import type { ManifestReader } from './verify';

/** Reads audit manifests from the mail bucket's `manifests/` prefix (needs s3:ListBucket and s3:GetObject there). */
export class S3ManifestReader implements ManifestReader {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async manifestsFrom(fromHour: string): Promise<AuditManifest[]> {
    const keys: string[] = [];
    // Keys sort by hour; start just before the first one wanted.
    let startAfter: string | undefined = manifestKey(fromHour).replace(/\.json$/, '');
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: MANIFEST_PREFIX,
          ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}),
        }),
      );
      for (const o of page.Contents ?? []) if (o.Key?.endsWith('.json')) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      startAfter = undefined;
    } while (token);
    const manifests: AuditManifest[] = [];
    for (const key of keys.sort()) {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const m = JSON.parse(await out.Body!.transformToString('utf8')) as AuditManifest;
      if (m.format !== MANIFEST_FORMAT) throw new Error(`${key} is not a Docket audit manifest`);
      manifests.push(m);
    }
    return manifests;
  }
}
