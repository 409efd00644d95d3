import { GENESIS_HASH, canonicalJson, chainEvent, findBrokenLink } from '../../lambdas/core/audit-chain';

describe('audit hash chain', () => {
  const build = () => {
    let head = { eventSeq: 0, lastEventHash: GENESIS_HASH };
    const events = [];
    for (const type of ['case_opened', 'acknowledged', 'agent_replied']) {
      const e = chainEvent(head, { at: '2026-11-23T10:00:00.000Z', actor: 'system', type, data: { n: type.length } });
      events.push(e);
      head = { eventSeq: e.seq, lastEventHash: e.hash };
    }
    return events;
  };

  it('links each event to the previous one', () => {
    const events = build();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(findBrokenLink(events)).toBeUndefined();
  });

  it('detects an altered event', () => {
    const events = build();
    const altered = events.map((e, i) => (i === 1 ? { ...e, actor: 'mallory' } : e));
    expect(findBrokenLink(altered)).toBe(2);
  });

  it('detects a removed event', () => {
    const events = build();
    expect(findBrokenLink([events[0]!, events[2]!])).toBe(3);
  });

  it('hashes independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":2,"y":1}]},"b":1}',
    );
  });
});
