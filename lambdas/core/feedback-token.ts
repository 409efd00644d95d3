import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ValidationError } from './errors';
import { parseTrackingNumber, type TrackingNumber } from './tracking-number';

/**
 * Satisfaction links in closing mail: `GET /feedback/<token>?score=1..5`, no login. The token is
 * signed (HMAC-SHA256 over the payload), expires, and carries a random nonce; the API records a rating
 * with the idempotency key `FEEDBACK#<nonce>`, so each link counts once however often it is clicked.
 *
 * Format: `base64url(JSON payload) "." base64url(HMAC-SHA256(secret, "fb1." + base64url payload))`.
 * The "fb1." domain separator keeps these signatures from ever being valid for another use of the secret
 * (reply-address tokens are signed with the same key).
 */

/** How long a satisfaction link stays valid unless the caller says otherwise. */
export const FEEDBACK_TOKEN_TTL_DAYS = 30;
/** Tokens longer than this are refused before any work (they travel in a URL path). */
const MAX_TOKEN_LENGTH = 512;
const DOMAIN = 'fb1.';

interface Payload {
  readonly t: string;
  readonly n: string;
  /** Expiry, epoch seconds. */
  readonly e: number;
}

const sign = (body: string, secret: string): Buffer =>
  createHmac('sha256', secret)
    .update(DOMAIN + body)
    .digest();

/**
 * Creates a signed, expiring, single-use satisfaction token for a case.
 *
 * @example createFeedbackToken({ tracking: 'K7QM-4TZX-P9HC', secret, now: new Date() })
 */
export function createFeedbackToken(input: { tracking: string; secret: string; now: Date; ttlDays?: number }): string {
  const tracking = parseTrackingNumber(input.tracking);
  const ttlDays = input.ttlDays ?? FEEDBACK_TOKEN_TTL_DAYS;
  const payload: Payload = {
    t: tracking,
    n: randomBytes(12).toString('base64url'),
    e: Math.floor(input.now.getTime() / 1000) + Math.round(ttlDays * 86400),
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${sign(body, input.secret).toString('base64url')}`;
}

/**
 * Verifies a satisfaction token: signature (constant-time compare), shape and expiry. Throws a
 * `ValidationError` saying why when the token is malformed, forged or expired.
 */
export function verifyFeedbackToken(
  token: string,
  secret: string,
  now: Date,
): { tracking: TrackingNumber; nonce: string } {
  if (token.length > MAX_TOKEN_LENGTH) throw new ValidationError('the feedback link is malformed');
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(mac)) {
    throw new ValidationError('the feedback link is malformed');
  }
  const expected = sign(body, secret);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ValidationError('the feedback link is not valid');
  }
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
  } catch (cause) {
    throw new ValidationError('the feedback link is malformed', { cause });
  }
  if (typeof payload.t !== 'string' || typeof payload.n !== 'string' || typeof payload.e !== 'number') {
    throw new ValidationError('the feedback link is malformed');
  }
  if (payload.e * 1000 <= now.getTime()) throw new ValidationError('the feedback link has expired');
  return { tracking: parseTrackingNumber(payload.t), nonce: payload.n };
}
