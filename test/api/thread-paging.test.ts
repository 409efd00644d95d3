import type { CaseMessage } from '../../lambdas/core/message';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { apiClient } from './client';
import { repoFor, seedCase } from './seed';

let t: TestEnv;
let p: Pipeline;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await createTestEnv();
  p = await startPipeline(t, { api: 'module', smtp: false });
  call = apiClient(p.apiUrl, p.jwtSecret);
}, 60_000);
afterAll(async () => {
  await p?.stop();
  t?.dispose();
});

/** A seeded case with `n` more customer messages on DynamoDB Local, a second apart. */
async function caseWithThread(n: number) {
  const c = await seedCase(t);
  const repo = repoFor(t);
  const start = Date.parse(c.createdAt);
  let current = c;
  for (let i = 0; i < n; i += 50) {
    const messages: CaseMessage[] = Array.from({ length: Math.min(50, n - i) }, (_, k) => ({
      id: `m${String(i + k).padStart(4, '0')}`,
      at: new Date(start + (i + k + 1) * 1000).toISOString(),
      direction: 'in',
      from: c.customer.address,
      to: ['support@exchange.example'],
      subject: 'again',
      text: `message ${i + k}`,
      author: 'customer',
    }));
    const next = { ...current, version: current.version + 1 };
    await repo.commit({ case: next, expectedVersion: current.version, messages });
    current = next;
  }
  return c;
}

describe('GET /cases/{tracking} pages the thread', () => {
  it('answers a 150-entry thread 100 at a time with a cursor, in order, nothing lost or repeated', async () => {
    const c = await caseWithThread(149);
    const first = await call('GET', `/cases/${c.tracking}`, { role: 'agent' });
    expect(first.status).toBe(200);
    expect(first.json.thread).toHaveLength(100);
    expect(first.json.case.tracking).toBe(c.tracking);
    expect(typeof first.json.cursor).toBe('string');
    const second = await call('GET', `/cases/${c.tracking}?cursor=${encodeURIComponent(first.json.cursor)}`, {
      role: 'agent',
    });
    expect(second.status).toBe(200);
    expect(second.json.thread).toHaveLength(50);
    expect(second.json.cursor).toBeUndefined();
    const ids = [...first.json.thread, ...second.json.thread].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(150);
    expect(ids.slice(1)).toEqual(Array.from({ length: 149 }, (_, i) => `m${String(i).padStart(4, '0')}`));
  });

  it('takes a limit, and refuses one out of range or a forged cursor with 400', async () => {
    const c = await caseWithThread(4);
    const page = await call('GET', `/cases/${c.tracking}?limit=2`, { role: 'auditor' });
    expect(page.json.thread).toHaveLength(2);
    expect(page.json.cursor).toBeDefined();
    expect((await call('GET', `/cases/${c.tracking}?limit=0`, { role: 'agent' })).status).toBe(400);
    expect((await call('GET', `/cases/${c.tracking}?limit=201`, { role: 'agent' })).status).toBe(400);
    expect((await call('GET', `/cases/${c.tracking}?cursor=garbage`, { role: 'agent' })).status).toBe(400);
  });

  it('answers 404 for the HTML of an entry without HTML or of no entry', async () => {
    const c = await caseWithThread(1);
    expect((await call('GET', `/cases/${c.tracking}/messages/m0000/html`, { role: 'agent' })).status).toBe(404);
    expect((await call('GET', `/cases/${c.tracking}/messages/nope/text`, { role: 'agent' })).status).toBe(404);
    const text = await call('GET', `/cases/${c.tracking}/messages/m0000/text`, { role: 'agent' });
    expect(text.json).toEqual({ id: 'm0000', text: 'message 0' });
  });
});
