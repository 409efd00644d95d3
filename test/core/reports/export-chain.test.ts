import fc from 'fast-check';
import { ExportChain, verifyExport } from '../../../lambdas/core/export-chain';

function build(records: readonly unknown[]): string {
  const chain = new ExportChain();
  const lines = records.map((r) => chain.line('event', r));
  return lines.join('') + chain.summary({ generatedAt: '2026-01-01T00:00:00Z' });
}

describe('export hash chain', () => {
  it('verifies any export it builds', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 20 }), (records) => {
        expect(verifyExport(build(records)).ok).toBe(true);
      }),
    );
  });

  it('detects an altered, removed or reordered line', () => {
    const text = build([{ a: 1 }, { b: 2 }, { c: 3 }]);
    const lines = text.trimEnd().split('\n');
    expect(verifyExport(text.replace('"a":1', '"a":2'))).toMatchObject({ ok: false, line: 1 });
    expect(verifyExport(`${[lines[0], lines[2], lines[3]].join('\n')}\n`)).toMatchObject({ ok: false, line: 2 });
    expect(verifyExport(`${[lines[1], lines[0], lines[2], lines[3]].join('\n')}\n`)).toMatchObject({
      ok: false,
      line: 1,
    });
    expect(verifyExport(`${lines.slice(0, 3).join('\n')}\n`)).toMatchObject({ ok: false });
  });

  it('does not depend on key order inside a record', () => {
    const a = new ExportChain().line('case', { x: 1, y: 2 });
    const b = new ExportChain().line('case', { y: 2, x: 1 });
    expect(JSON.parse(a).hash).toBe(JSON.parse(b).hash);
  });
});
