import { writeManifests } from '../../lambdas/app/records/write-manifests';
import { InMemoryManifestStore } from '../fakes/manifest-store';
import { intakeWorld } from './harness';

/** Intake opens cases on a standing clock; the manifest writer then runs at a later instant. */
function world() {
  const w = intakeWorld({ start: '2026-03-02T14:10:00.000Z' });
  const manifests = new InMemoryManifestStore();
  const run = (at: string, lookback = 3) =>
    writeManifests({ repo: w.repo, journal: w.repo, manifests }, new Date(at), lookback);
  const open = async () => {
    const outcome = await w.deliver({ subject: 'Withdrawal stuck' });
    if (outcome.kind !== 'case_opened') throw new Error(`expected a case, got ${outcome.kind}`);
    return (await w.repo.getCase(outcome.tracking))!;
  };
  return { ...w, manifests, run, open };
}

describe('hourly audit manifests, on in-memory ports', () => {
  it('records the current chain head of every case that moved in each complete hour, once per hour', async () => {
    const w = world();
    const a = await w.open();
    w.clock.advance({ minutes: 10 });
    const b = await w.open();

    expect(await w.run('2026-03-02T15:05:00.000Z')).toEqual(['2026-03-02T12', '2026-03-02T13', '2026-03-02T14']);
    const hour = w.manifests.manifests.get('2026-03-02T14')!;
    const heads = [a, b].map((c) => ({ tracking: c.tracking, seq: c.eventSeq, hash: c.lastEventHash }));
    expect([...hour.heads].sort((x, y) => x.tracking.localeCompare(y.tracking))).toEqual(
      heads.sort((x, y) => x.tracking.localeCompare(y.tracking)),
    );
    // An hour without changes still gets its (empty) manifest: a missing one means the writer did not run.
    expect(w.manifests.manifests.get('2026-03-02T13')!.heads).toEqual([]);

    expect(await w.run('2026-03-02T15:50:00.000Z')).toEqual([]); // write-once: nothing new
  });

  it('leaves the current hour for the next run, and catches up on hours a failed run missed', async () => {
    const w = world();
    await w.open();
    expect(await w.run('2026-03-02T14:59:00.000Z', 1)).toEqual(['2026-03-02T13']);
    expect(w.manifests.manifests.has('2026-03-02T14')).toBe(false);
    expect(await w.run('2026-03-02T17:01:00.000Z', 3)).toEqual(['2026-03-02T14', '2026-03-02T15', '2026-03-02T16']);
    expect(w.manifests.manifests.get('2026-03-02T14')!.heads).toHaveLength(1);
  });
});
