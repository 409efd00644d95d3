import { createFeedbackToken, verifyFeedbackToken } from '../../../lambdas/core/feedback-token';
import { ValidationError } from '../../../lambdas/core/errors';
import { generateTrackingNumber } from '../../../lambdas/core/tracking-number';

const secret = 'a-test-secret-that-is-long-enough-32+';
const now = new Date('2026-07-01T12:00:00Z');

describe('feedback tokens', () => {
  it('verifies a fresh token and returns its tracking number and a nonce', () => {
    const tracking = generateTrackingNumber();
    const token = createFeedbackToken({ tracking, secret, now });
    const out = verifyFeedbackToken(token, secret, now);
    expect(out.tracking).toBe(tracking);
    expect(out.nonce.length).toBeGreaterThan(10);
  });

  it('gives each token its own nonce, so each link counts once', () => {
    const tracking = generateTrackingNumber();
    const a = verifyFeedbackToken(createFeedbackToken({ tracking, secret, now }), secret, now);
    const b = verifyFeedbackToken(createFeedbackToken({ tracking, secret, now }), secret, now);
    expect(a.nonce).not.toBe(b.nonce);
  });

  it('rejects an expired token', () => {
    const token = createFeedbackToken({ tracking: generateTrackingNumber(), secret, now, ttlDays: 1 });
    expect(() => verifyFeedbackToken(token, secret, new Date(now.getTime() + 2 * 86400_000))).toThrow(/expired/);
  });

  it('rejects a token signed with another secret or with an altered payload', () => {
    const token = createFeedbackToken({ tracking: generateTrackingNumber(), secret, now });
    expect(() => verifyFeedbackToken(token, `${secret}x`, now)).toThrow(ValidationError);
    const [body, mac] = token.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { t: string };
    payload.t = generateTrackingNumber();
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    expect(() => verifyFeedbackToken(forged, secret, now)).toThrow(/not valid/);
    expect(() => verifyFeedbackToken('garbage', secret, now)).toThrow(/malformed/);
  });
});
