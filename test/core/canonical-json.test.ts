import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lambdas/core/canonical-json';
import { chainEvent, GENESIS_HASH, hashEvent } from '../../lambdas/core/audit-chain';
import { exportLineHash } from '../../lambdas/core/export-chain';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('canonical JSON (RFC 8785, JSON Canonicalization Scheme)', () => {
  it('serialises numbers, strings and literals as RFC 8785 §3.2.2 shows', () => {
    const input = {
      // The RFC's input is JSON text; parsed here, as a verifier would read it.
      numbers: JSON.parse('[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]') as number[],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 §3.2.3 shows', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Expected text built pair by pair: JSON.parse would put the integer-like key "1" first again.
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'] as const;
    const expected = `{${order.map((k) => `${JSON.stringify(k)}:${JSON.stringify(input[k])}`).join(',')}}`;
    expect(canonicalJson(input)).toBe(expected);
  });

  it('hashes a Date as its ISO 8601 string (JSON.stringify with sorted keys made it {}), in any key order', () => {
    const at = new Date('2026-12-02T08:00:00.000Z');
    const a = {
      prevHash: GENESIS_HASH,
      seq: 1,
      at: '2026-12-02T08:00:00.000Z',
      actor: 'system',
      type: 't',
      data: { z: 1, due: at },
    };
    const b = { ...a, data: { due: '2026-12-02T08:00:00.000Z', z: 1 } };
    const expected = sha256(
      GENESIS_HASH +
        '{"actor":"system","at":"2026-12-02T08:00:00.000Z","data":{"due":"2026-12-02T08:00:00.000Z","z":1},"seq":1,"type":"t"}',
    );
    expect(hashEvent(a)).toBe(expected);
    expect(hashEvent(b)).toBe(expected);
    expect(exportLineHash(GENESIS_HASH, 'event', { when: at })).toBe(
      sha256(`${GENESIS_HASH}{"kind":"event","record":{"when":"2026-12-02T08:00:00.000Z"}}`),
    );
  });

  it('keeps the hashes of plain JSON data as they were (events already stored still verify)', () => {
    // Recorded with the previous canonical form (JSON.stringify with keys sorted) for the same event.
    const e = chainEvent(
      { eventSeq: 0, lastEventHash: GENESIS_HASH },
      {
        at: '2026-11-23T10:00:00.000Z',
        actor: 'system',
        type: 'case_opened',
        data: { n: 11, s: 'é€😀', u: undefined },
      },
    );
    expect(e.hash).toBe(
      sha256(
        `${GENESIS_HASH}{"actor":"system","at":"2026-11-23T10:00:00.000Z","data":{"n":11,"s":"é€😀"},"seq":1,"type":"case_opened"}`,
      ),
    );
  });

  it('hashes a lone surrogate as the U+FFFD that UTF-8 storage turns it into', () => {
    expect(canonicalJson({ s: 'a\ud800b' })).toBe(canonicalJson({ s: 'a\ufffdb' }));
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ n: Infinity })).toThrow();
  });
});
