import { S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { S3ManifestReader } from './s3-manifests';
import { formatReport, verifyExportFile } from './verify';

const USAGE =
  'usage: npm run verify-export -- FILE [--public-key PEM-FILE|PEM] [--bucket MAIL-BUCKET] [--start-hash HEX]';

/**
 * `npm run verify-export -- docket-export.ndjson --public-key key.pem --bucket <mail bucket>`: checks an
 * export's hash chain, its signature and, with read access to the bucket's `manifests/`, the locked audit
 * manifests. Exit 0 when verified, 1 when not, 2 on bad arguments. Uses the ordinary AWS credentials and
 * AWS_ENDPOINT_URL_S3 (the local stack's S3 emulator).
 */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'public-key': { type: 'string' },
        bucket: { type: 'string' },
        'start-hash': { type: 'string' },
      },
      strict: true,
    });
  } catch (err) {
    console.error(`verify-export: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) {
    console.error(USAGE);
    return 2;
  }
  const key = parsed.values['public-key'];
  const publicKeyPem = key === undefined ? undefined : key.includes('-----BEGIN') ? key : readFileSync(key, 'utf8');
  const bucket = parsed.values.bucket;
  const report = await verifyExportFile(readFileSync(file, 'utf8'), {
    ...(publicKeyPem ? { publicKeyPem } : {}),
    ...(parsed.values['start-hash'] ? { startHash: parsed.values['start-hash'] } : {}),
    ...(bucket
      ? {
          manifests: new S3ManifestReader(
            new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
            bucket,
          ),
        }
      : {}),
  });
  console.log(formatReport(report));
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`verify-export: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
