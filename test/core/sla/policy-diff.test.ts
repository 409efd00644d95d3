import {
  diffPolicies,
  getPreset,
  parseSlaPolicyConfig,
  type SlaPolicyConfig,
  touchesComplaintHandling,
} from '../../../lambdas/core/sla';

const base = getPreset('nydfs');

function edit(change: (p: SlaPolicyConfig) => SlaPolicyConfig): SlaPolicyConfig {
  return change(structuredClone(base));
}

describe('diffPolicies', () => {
  it('finds nothing between equal policies', () => {
    expect(diffPolicies(base, structuredClone(base))).toEqual([]);
  });

  it('lists a changed target by path with before and after, leaving out the version', () => {
    const { version: _v, ...config } = edit((p) => ({
      ...p,
      targets: { ...p.targets, complaint: { ...p.targets.complaint, resolution: { businessDays: 20 } } },
    })) as typeof base;
    const b = parseSlaPolicyConfig(config);
    expect(b.version).not.toBe(base.version);
    expect(diffPolicies(base, b)).toEqual([
      { path: 'targets.complaint.resolution.businessDays', before: 15, after: 20 },
    ]);
  });

  it('shows a changed duration form as one removal and one addition', () => {
    const b = edit((p) => ({
      ...p,
      targets: { ...p.targets, request: { ...p.targets.request, firstResponse: { minutes: 240 } } },
    }));
    expect(diffPolicies(base, b)).toEqual([
      { path: 'targets.request.firstResponse.businessHours', before: 8 },
      { path: 'targets.request.firstResponse.minutes', after: 240 },
    ]);
  });

  it('names an added override by its match, not its position', () => {
    const b = edit((p) => ({
      ...p,
      overrides: [
        { match: { caseType: 'request', topic: 'fees' }, targets: { resolution: { businessDays: 5 } } },
        ...p.overrides,
      ],
    }));
    expect(diffPolicies(base, b)).toEqual([
      { path: 'overrides[caseType=request,topic=fees]', after: { resolution: { businessDays: 5 } } },
    ]);
  });

  it('compares holiday lists as a whole', () => {
    const b = edit((p) => ({
      ...p,
      calendar: { ...p.calendar, holidays: ['2026-12-24'] } as SlaPolicyConfig['calendar'],
    }));
    const diff = diffPolicies(base, b);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatchObject({ path: 'calendar.holidays', after: ['2026-12-24'] });
  });
});

describe('touchesComplaintHandling', () => {
  it.each<[string, (p: SlaPolicyConfig) => SlaPolicyConfig, boolean]>([
    [
      'a complaint target',
      (p) => ({
        ...p,
        targets: { ...p.targets, complaint: { ...p.targets.complaint, reminderBefore: { minutes: 60 } } },
      }),
      true,
    ],
    [
      'a request target',
      (p) => ({ ...p, targets: { ...p.targets, request: { ...p.targets.request, reminderBefore: { minutes: 60 } } } }),
      false,
    ],
    [
      'an override for requests',
      (p) => ({ ...p, overrides: [...p.overrides, { match: { caseType: 'request' }, targets: {} }] }),
      false,
    ],
    [
      'an override for complaints',
      (p) => ({ ...p, overrides: [...p.overrides, { match: { caseType: 'complaint', topic: 'fees' }, targets: {} }] }),
      true,
    ],
    [
      'an override for every type',
      (p) => ({ ...p, overrides: p.overrides.filter((o) => o.match.priority !== 'urgent') }),
      true,
    ],
    ['the business hours', (p) => ({ ...p, calendar: { kind: '24x7', zone: 'America/New_York' } }), true],
    ['the acknowledgement time', (p) => ({ ...p, acknowledgeWithin: { minutes: 10 } }), true],
    ['only the wording of the basis', (p) => ({ ...p, basis: 'reworded' }), false],
  ])('a change to %s: %s', (_name, change, expected) => {
    expect(touchesComplaintHandling(diffPolicies(base, edit(change)))).toBe(expected);
  });
});
