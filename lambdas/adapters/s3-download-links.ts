import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DownloadLinkOptions, DownloadLinks } from '../core/attachment';

/**
 * Presigned S3 GET links, signed with the function's own credentials (so the link can do no more than
 * the function may: read `attachments/`). The response is forced to a download of opaque bytes, so a
 * customer's HTML or SVG file never renders on the bucket's origin.
 */
export class S3DownloadLinks implements DownloadLinks {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async linkTo(key: string, options: DownloadLinkOptions): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentType: 'application/octet-stream',
        ResponseContentDisposition: contentDisposition(options.filename),
      }),
      { expiresIn: options.expiresInSeconds },
    );
  }
}

/** `attachment` with the name in RFC 6266 / RFC 8187 form (UTF-8, percent-encoded), plus an ASCII fallback. */
export function contentDisposition(filename: string | undefined): string {
  if (!filename) return 'attachment';
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
