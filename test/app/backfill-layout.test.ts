import { patchCase } from '../../lambdas/app/api/patch-case';
import { backfillLayout, type BackfillProgress } from '../../lambdas/app/migrations/backfill-layout';
import type { Case } from '../../lambdas/core/case';
import { aggregateDelta, type Counters } from '../../lambdas/core/reports/aggregates';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { InMemoryBackfillTable } from '../fakes/backfill-table';
import type { InMemoryCaseRepository } from '../fakes/case-repository';
import { commitHistory, prng } from '../support/case-history';
import { appHarness, SUPERVISOR } from './harness';

const NOW = '2026-06-20T12:00:00.000Z';
const START = Date.parse('2026-04-01T00:00:00.000Z');

/** Cases with random histories, then the table as the release before the new layout left it. */
async function deployedOverOldTable(cases: number) {
  const h = appHarness(NOW);
  const rnd = prng(11);
  // Two through intake (the API's use cases take only real tracking numbers), the rest with histories.
  const written: Case[] = [
    await h.openCase({ from: 'ann@customer.example', subject: 'Deposit missing' }),
    await h.openCase({ from: 'bob@customer.example', subject: 'Account locked' }),
  ];
  for (let i = 2; i < cases; i++)
    written.push(await commitHistory(h.repo, rnd, START + Math.floor(rnd() * 60 * 1440) * 60_000, new Date(NOW)));
  for (const c of written) h.repo.toOldLayout(c.tracking);
  h.repo.aggregates.clear();
  // The restore of the table at the deploy instant.
  const source = h.repo.snapshot();
  return { h, source, trackings: written.map((c) => c.tracking) };
}

/** What every case contributes as it stands with all its events: what the counters must hold. */
async function recount(repo: InMemoryCaseRepository, trackings: readonly TrackingNumber[]) {
  const all = new Map<string, Counters>();
  for (const t of trackings) {
    const delta = aggregateDelta(undefined, (await repo.getCase(t))!, await repo.listEvents(t));
    for (const [key, counters] of Object.entries(delta))
      for (const [k, n] of Object.entries(counters))
        all.set(key, { ...all.get(key), [k]: (all.get(key)?.[k] ?? 0) + n });
  }
  return withoutZeros(all);
}

function withoutZeros(items: ReadonlyMap<string, Counters>): Record<string, Counters> {
  const out: Record<string, Counters> = {};
  for (const [key, counters] of items) {
    const kept = Object.entries(counters).filter(([, n]) => n !== 0);
    if (kept.length) out[key] = Object.fromEntries(kept);
  }
  return out;
}

async function listedByStatus(repo: InMemoryCaseRepository): Promise<TrackingNumber[]> {
  const out: TrackingNumber[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.queryCases({ limit: 7, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.map((c) => c.tracking));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

describe('the layout backfill', () => {
  it('lists every case once and makes the counters a full recount, with cases changed and opened since the deploy', async () => {
    const { h, source, trackings } = await deployedOverOldTable(40);
    expect(await listedByStatus(h.repo)).toEqual([]);
    // After the deploy: an agent moves a case to the other type (its past replies change report groups),
    // another is closed, and a new case arrives.
    const [moved, closed] = trackings;
    const before = (await h.repo.getCase(moved!))!;
    await patchCase(
      {
        actor: SUPERVISOR,
        tracking: moved!,
        patch: { type: before.type === 'request' ? 'complaint' : 'request', topic: 'fraud' },
      },
      h.api,
    );
    await patchCase({ actor: SUPERVISOR, tracking: closed!, patch: { status: 'closed' } }, h.api);
    const opened = await h.openCase({ subject: 'New since the deploy' });
    const everyCase = [...trackings, opened.tracking];

    const progress: BackfillProgress[] = [];
    const result = await backfillLayout(
      {
        source: new InMemoryBackfillTable(source),
        target: new InMemoryBackfillTable(h.repo),
        progress: (p) => progress.push(p),
      },
      { segments: 3 },
    );

    expect((await listedByStatus(h.repo)).sort()).toEqual([...everyCase].sort());
    expect(withoutZeros(h.repo.aggregates)).toEqual(await recount(h.repo, everyCase));
    expect(result).toEqual({
      aggregates: { scanned: 40, added: 40, already: 0, sourceTooLate: 0, sourceTooEarly: 0 },
      // The three cases written since the deploy have the keys from their own writes.
      statusKeys: { scanned: 41, moved: 38, present: 3, changedMeanwhile: 0 },
    });
    // Each segment reports its own counts page by page and says when it is done, in both passes.
    const done = progress.filter((p) => p.done);
    expect(done.map((p) => `${p.pass}:${p.segment}`).sort()).toEqual([
      'aggregates:0',
      'aggregates:1',
      'aggregates:2',
      'status-keys:0',
      'status-keys:1',
      'status-keys:2',
    ]);
    expect(done.filter((p) => p.pass === 'aggregates').reduce((n, p) => n + p.counts.scanned, 0)).toBe(40);
    expect(progress.length).toBeGreaterThan(done.length);
  });

  it('changes nothing when run again', async () => {
    const { h, source } = await deployedOverOldTable(12);
    const deps = { source: new InMemoryBackfillTable(source), target: new InMemoryBackfillTable(h.repo) };
    await backfillLayout(deps, { segments: 2 });
    const counters = structuredClone(h.repo.aggregates);
    const again = await backfillLayout(deps, { segments: 2 });
    expect(again).toEqual({
      aggregates: { scanned: 12, added: 0, already: 12, sourceTooLate: 0, sourceTooEarly: 0 },
      statusKeys: { scanned: 12, moved: 0, present: 12, changedMeanwhile: 0 },
    });
    expect(h.repo.aggregates).toEqual(counters);
  });

  it('leaves out the cases of a source restored too early, and completes with a later restore', async () => {
    const { h, source, trackings } = await deployedOverOldTable(6);
    const target = new InMemoryBackfillTable(h.repo);
    // The release before the deploy still wrote one case after the instant the source was restored to.
    const c = (await h.repo.getCase(trackings[0]!))!;
    await h.repo.commit({ case: { ...c, priority: 'high', version: c.version + 1 }, expectedVersion: c.version });
    h.repo.toOldLayout(c.tracking);

    const first = await backfillLayout({ source: new InMemoryBackfillTable(source), target }, { segments: 2 });
    expect(first).toEqual({ aggregates: { scanned: 6, added: 5, already: 0, sourceTooLate: 0, sourceTooEarly: 1 } });
    expect(await listedByStatus(h.repo)).toEqual([]);

    const later = h.repo.snapshot();
    const second = await backfillLayout({ source: new InMemoryBackfillTable(later), target }, { segments: 2 });
    expect(second.aggregates).toEqual({ scanned: 6, added: 1, already: 5, sourceTooLate: 0, sourceTooEarly: 0 });
    expect((await listedByStatus(h.repo)).sort()).toEqual([...trackings].sort());
    expect(withoutZeros(h.repo.aggregates)).toEqual(await recount(h.repo, trackings));
  });

  it('leaves out the cases of a source restored after the new release wrote them, and completes with an earlier restore', async () => {
    const { h, source, trackings } = await deployedOverOldTable(6);
    const target = new InMemoryBackfillTable(h.repo);
    await patchCase({ actor: SUPERVISOR, tracking: trackings[0]!, patch: { priority: 'urgent' } }, h.api);
    const tooLate = h.repo.snapshot();

    const first = await backfillLayout({ source: new InMemoryBackfillTable(tooLate), target }, { segments: 2 });
    expect(first).toEqual({ aggregates: { scanned: 6, added: 5, already: 0, sourceTooLate: 1, sourceTooEarly: 0 } });

    const second = await backfillLayout({ source: new InMemoryBackfillTable(source), target }, { segments: 2 });
    expect(second.aggregates).toEqual({ scanned: 6, added: 1, already: 5, sourceTooLate: 0, sourceTooEarly: 0 });
    expect((await listedByStatus(h.repo)).sort()).toEqual([...trackings].sort());
    expect(withoutZeros(h.repo.aggregates)).toEqual(await recount(h.repo, trackings));
  });
});
