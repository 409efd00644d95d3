import { DynamoConfigurationStore } from '../../lambdas/adapters/dynamodb/configuration-store';
import { recordConfiguration } from '../../lambdas/app/deadlines/record-configuration';
import { parseSlaPolicyConfig } from '../../lambdas/core/sla/policy';
import { getPreset } from '../../lambdas/core/sla/presets';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
let store: DynamoConfigurationStore;
let now = new Date('2026-11-23T15:00:00.000Z');
const clock = { now: () => now };

beforeAll(async () => {
  t = await createTestEnv();
  store = new DynamoConfigurationStore(t.clients.doc, t.resources.tableName);
});
afterAll(() => t.dispose());

function withComplaintResolution(days: number) {
  const { version: _v, ...config } = getPreset('nydfs');
  return parseSlaPolicyConfig({
    ...config,
    targets: { ...config.targets, complaint: { ...config.targets.complaint, resolution: { businessDays: days } } },
  });
}

describe('recording SLA policy and template changes', () => {
  it('records the first active configuration once, whoever runs it and however often', async () => {
    const first = await recordConfiguration(getPreset('nydfs'), { store, clock, actor: 'deploy:alice' });
    expect(first).toMatchObject({ actor: 'deploy:alice', policyDiff: [], templatesChanged: false });
    expect(await recordConfiguration(getPreset('nydfs'), { store, clock, actor: 'deploy:bob' })).toBeUndefined();
    expect(await store.listChanges(10)).toHaveLength(1);
  });

  it('records who changed what and when, with the diff, and reminds to notify the regulator of a complaint-handling change', async () => {
    now = new Date('2026-11-24T09:00:00.000Z');
    const change = await recordConfiguration(withComplaintResolution(10), { store, clock, actor: 'deploy:carol' });
    expect(change?.actor).toBe('deploy:carol');
    expect(change?.at).toBe('2026-11-24T09:00:00.000Z');
    expect(change?.policyDiff).toEqual([
      expect.objectContaining({ path: expect.stringContaining('complaint'), after: 10 }),
    ]);
    expect(change?.regulatorNoticeDueAt).toBe('2026-12-01T09:00:00.000Z');
    expect(await store.dueRegulatorNotices('2026-11-30T00:00:00.000Z')).toHaveLength(0);
    expect(await store.dueRegulatorNotices('2026-12-01T09:00:00.000Z')).toEqual([
      expect.objectContaining({ actor: 'deploy:carol' }),
    ]);
    expect((await store.listChanges(10)).map((c) => c.actor)).toEqual(['deploy:carol', 'deploy:alice']);
  });
});
