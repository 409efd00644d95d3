import {
  decideJoin,
  replyAddressFor,
  replyToken,
  threadLookups,
  trackingFromReplyAddress,
  verifyReplyToken,
} from '../../../lambdas/core/intake/threading';
import { generateTrackingNumber, parseTrackingNumber } from '../../../lambdas/core/tracking-number';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const T = parseTrackingNumber(generateTrackingNumber());
const OTHER = parseTrackingNumber(generateTrackingNumber());

describe('reply tokens', () => {
  it('round-trips a signed plus-address, whatever the case the mail system hands back', () => {
    const address = replyAddressFor(T, 'support@exchange.example', SECRET);
    expect(address).toMatch(/^support\+[0-9a-z]{12}\.[a-z2-7]{16}@exchange\.example$/);
    expect(trackingFromReplyAddress(address, SECRET)).toBe(T);
    expect(trackingFromReplyAddress(address.toUpperCase(), SECRET)).toBe(T);
  });

  it('rejects a token signed with another key, or altered to name another case', () => {
    const token = replyToken(T, SECRET);
    expect(verifyReplyToken(token, 'another-secret-of-at-least-32-characters')).toBeUndefined();
    const forged = `${replyToken(OTHER, SECRET).split('.')[0]}.${token.split('.')[1]}`;
    expect(verifyReplyToken(forged, SECRET)).toBeUndefined();
    expect(verifyReplyToken(token.slice(0, -1), SECRET)).toBeUndefined();
  });

  it('ignores plus-addresses on domains that are not ours when told our domains', () => {
    const foreign = replyAddressFor(T, 'support@elsewhere.example', SECRET);
    expect(trackingFromReplyAddress(foreign, SECRET, ['exchange.example'])).toBeUndefined();
    expect(trackingFromReplyAddress('support@exchange.example', SECRET)).toBeUndefined();
  });
});

describe('threadLookups', () => {
  it('orders Message-IDs (In-Reply-To, References newest first), then signed addresses, then the subject', () => {
    const lookups = threadLookups(
      {
        inReplyTo: 'c@ses',
        references: ['a@ses', 'b@ses', 'c@ses'],
        to: [{ address: replyAddressFor(T, 'support@exchange.example', SECRET) }],
        cc: [],
        subject: `Re: [${OTHER}] again [${T}]`,
      },
      SECRET,
    );
    expect(lookups).toEqual([
      { via: 'message_id', messageId: 'c@ses' },
      { via: 'message_id', messageId: 'b@ses' },
      { via: 'message_id', messageId: 'a@ses' },
      { via: 'reply_address', tracking: T },
      { via: 'subject', tracking: OTHER },
    ]);
  });

  it('does not trust an unsigned plus-address', () => {
    const lookups = threadLookups(
      { references: [], to: [{ address: `support+${T.replace(/-/g, '')}@exchange.example` }], cc: [], subject: 'hi' },
      SECRET,
    );
    expect(lookups).toEqual([]);
  });

  it('bounds the number of lookups', () => {
    const references = Array.from({ length: 100 }, (_, i) => `id${i}@x`);
    expect(threadLookups({ references, to: [], cc: [], subject: '' }, SECRET).length).toBeLessThanOrEqual(12);
  });
});

describe('decideJoin', () => {
  const candidate = {
    tracking: T,
    customer: { address: 'alice@customer.example', kind: 'individual' as const },
    participants: ['alice@customer.example', 'alice.work@corp.example'],
  };
  it('lets the customer join, ignoring case', () => {
    expect(decideJoin('Alice@Customer.Example', candidate)).toEqual({ join: true, tracking: T });
  });
  it('lets a known participant join', () => {
    expect(decideJoin('alice.work@corp.example', candidate)).toEqual({ join: true, tracking: T });
  });
  it('does not let a stranger who quotes the tracking number join', () => {
    expect(decideJoin('mallory@evil.example', candidate)).toEqual({ join: false, reason: 'sender_not_participant' });
  });
  it('does not join without a sender', () => {
    expect(decideJoin(undefined, candidate)).toEqual({ join: false, reason: 'no_sender' });
  });
});
