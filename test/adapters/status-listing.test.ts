import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { GENESIS_HASH } from '../../lambdas/core/audit-chain';
import type { Case, CaseStatus } from '../../lambdas/core/case';
import type { ListedCase } from '../../lambdas/core/ports';
import { generateTrackingNumber } from '../../lambdas/core/tracking-number';
import { STATUS_SHARDS } from '../../lambdas/adapters/dynamodb/table-schema';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
let repo: DynamoCaseRepository;
const seeded: Case[] = [];

function caseAt(i: number, status: CaseStatus): Case {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const address = `c${i}@customer.example`;
  return {
    tracking: generateTrackingNumber(),
    status,
    customer: { address, kind: 'individual' },
    participants: [address],
    subject: `Case ${i}`,
    language: 'en',
    channel: 'email',
    type: 'request',
    topic: 'withdrawal',
    priority: 'normal',
    ...(i % 3 === 0 ? { assignee: 'ana' } : {}),
    flags: [],
    createdAt: at,
    updatedAt: at,
    deadlines: {},
    threadMessageIds: [`<m${i}@customer.example>`],
    version: 1,
    eventSeq: 0,
    lastEventHash: GENESIS_HASH,
  };
}

beforeAll(async () => {
  t = await createTestEnv();
  repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
  for (let i = 0; i < 60; i++) seeded.push(caseAt(i, i < 45 ? 'new' : 'pending'));
  await Promise.all(seeded.map((c) => repo.commit({ case: c, expectedVersion: null })));
}, 60_000);
afterAll(() => t?.dispose());

async function listAll(query: { status?: CaseStatus; assignee?: string }, limit: number): Promise<ListedCase[][]> {
  const pages: ListedCase[][] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.queryCases({ ...query, limit, ...(cursor ? { cursor } : {}) });
    pages.push([...page.items]);
    cursor = page.cursor;
  } while (cursor && pages.length < 100);
  return pages;
}

describe('the sharded status index', () => {
  it('spreads one status over its shards', async () => {
    const shards = new Set<string>();
    for (const c of seeded.slice(0, 45)) {
      const out = await t.clients.doc.send(
        new GetCommand({
          TableName: t.resources.tableName,
          Key: { PK: `CASE#${c.tracking}`, SK: 'META' },
        }),
      );
      shards.add(String(out.Item?.STATUSPK));
    }
    expect(shards.size).toBeGreaterThan(STATUS_SHARDS / 2);
    expect([...shards].every((s) => /^STATUS#new#\d+$/.test(s))).toBe(true);
  });

  it('pages one status in creation order, each case once, with the customer address on every line', async () => {
    const pages = await listAll({ status: 'new' }, 7);
    const listed = pages.flat();
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(listed.map((c) => c.tracking)).toEqual(seeded.slice(0, 45).map((c) => c.tracking));
    expect(listed.every((c) => c.customer.address.endsWith('@customer.example'))).toBe(true);
  });

  it('projects only the listing fields', async () => {
    const page = await repo.queryCases({ status: 'new', limit: 3 });
    expect(page.items[0]).toMatchObject({ subject: 'Case 0', status: 'new', version: 1 });
    expect(page.items[0]).not.toHaveProperty('threadMessageIds', ['<m0@customer.example>']);
    expect(page.items[0]).not.toHaveProperty('lastEventHash');
  });

  it('walks every status in turn without one, and filters by assignee across shards', async () => {
    expect((await listAll({}, 11)).flat().map((c) => c.tracking)).toEqual(seeded.map((c) => c.tracking));
    const assigned = (await listAll({ status: 'new', assignee: 'ana' }, 4)).flat();
    expect(assigned.map((c) => c.tracking)).toEqual(
      seeded.filter((c, i) => i < 45 && c.assignee === 'ana').map((c) => c.tracking),
    );
  });
});
