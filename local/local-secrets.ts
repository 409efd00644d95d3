import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Where `npm start` keeps its data unless DOCKET_DATA_DIR says otherwise (gitignored). */
export const DEFAULT_DATA_DIR = '.local-data';

const SecretsSchema = z.object({
  /** HS256 key of the local JWT issuer (gateway and token CLI). */
  jwtSecret: z.string().min(32),
  /** SIGNING_SECRET for the handlers (reply-address signatures must stay valid across restarts). */
  signingSecret: z.string().min(32),
});
export type LocalSecrets = z.infer<typeof SecretsSchema>;

export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DOCKET_DATA_DIR || DEFAULT_DATA_DIR);
}

/**
 * Reads the local secrets from `<dataDir>/secrets.json`, creating random ones on first use, so tokens
 * printed by `npm run token` and signed reply addresses stay valid across restarts.
 */
export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return SecretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const secrets: LocalSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    signingSecret: randomBytes(32).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process (the token CLI beside `npm start`) created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return SecretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    throw err;
  }
  return secrets;
}

/** File name of the local export signing key inside the data folder. */
export const EXPORT_KEY_FILE = 'export-signing-key.pem';

/**
 * The local stand-in for the KMS export signing key: an ECDSA P-256 private key (PKCS#8 PEM) at
 * `<dir>/export-signing-key.pem`, created on first use and kept, so exports signed before a restart still
 * verify with the same public key. Returns the file's path.
 */
export function loadOrCreateExportKey(dir: string): string {
  const file = join(dir, EXPORT_KEY_FILE);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  try {
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first: use theirs
  }
  return file;
}
