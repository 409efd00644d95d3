import fc from 'fast-check';

/**
 * Byte-level mutations that real mail suffers (truncated transfers, mangled boundaries, stray NULs,
 * CR-only line ends, exploding header counts), so the fuzz run exercises the parser's limits and the
 * intake's error paths rather than random noise only.
 */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'dupHeaders'; times: number }
  | { kind: 'crOnly' }
  | { kind: 'breakBoundaries' };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(13, 10, 0, 45, 61)), { maxLength: 64 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('dupHeaders' as const), times: fc.integer({ min: 2, max: 300 }) }),
  fc.record({ kind: fc.constant('crOnly' as const) }),
  fc.record({ kind: fc.constant('breakBoundaries' as const) }),
);

export function applyMutations(raw: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = Buffer.from(raw);
  for (const m of mutations) {
    const pos = (n: number) => (b.length === 0 ? 0 : n % b.length);
    switch (m.kind) {
      case 'truncate':
        b = b.subarray(0, Math.floor(b.length * m.at));
        break;
      case 'flip':
        if (b.length) b[pos(m.at)] = m.byte;
        break;
      case 'insert': {
        const p = pos(m.at);
        b = Buffer.concat([b.subarray(0, p), Buffer.from(m.bytes), b.subarray(p)]);
        break;
      }
      case 'delete': {
        const p = pos(m.at);
        b = Buffer.concat([b.subarray(0, p), b.subarray(p + m.length)]);
        break;
      }
      case 'dupHeaders': {
        const end = b.indexOf('\n\n') > 0 ? b.indexOf('\n\n') : b.indexOf('\r\n\r\n');
        if (end > 0) {
          const head = b.subarray(0, end);
          b = Buffer.concat([
            ...Array<Buffer>(m.times).fill(Buffer.concat([head, Buffer.from('\r\n')])),
            b.subarray(end),
          ]);
        }
        break;
      }
      case 'crOnly':
        b = Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1');
        break;
      case 'breakBoundaries':
        b = Buffer.from(b.toString('latin1').replace(/boundary="?([^";\r\n]+)"?/gi, 'boundary="x$1'), 'latin1');
        break;
    }
  }
  return b;
}
