import { DateTime } from 'luxon';
import { ValidationError } from '../../../lambdas/core/errors';
import {
  getPreset,
  parseSlaPolicy,
  parseSlaPolicyConfig,
  PRESET_NAMES,
  resolveTargets,
  type SlaPolicyConfig,
  slaPolicyVersion,
  US_FEDERAL_HOLIDAYS_2026_2027,
} from '../../../lambdas/core/sla';

const withoutVersion = ({ version: _v, ...rest }: ReturnType<typeof getPreset>): SlaPolicyConfig => rest;

describe('SLA policy versions', () => {
  it('does not depend on key order', () => {
    const config = withoutVersion(getPreset('nydfs'));
    const reordered = Object.fromEntries(Object.entries(config).reverse()) as SlaPolicyConfig;
    expect(slaPolicyVersion(reordered)).toBe(slaPolicyVersion(config));
  });

  it('changes when any target changes', () => {
    const config = withoutVersion(getPreset('nydfs'));
    const changed = {
      ...config,
      targets: { ...config.targets, complaint: { ...config.targets.complaint, resolution: { businessDays: 14 } } },
    };
    expect(parseSlaPolicyConfig(changed).version).not.toBe(parseSlaPolicyConfig(config).version);
  });

  it('accepts a stored policy whose version matches and refuses one that does not', () => {
    const stored = getPreset('fca');
    expect(parseSlaPolicy(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    const tampered = {
      ...stored,
      targets: { ...stored.targets, request: { ...stored.targets.request, firstResponse: { businessHours: 40 } } },
    };
    expect(() => parseSlaPolicy(tampered)).toThrow(/version does not match/);
  });

  it('refuses an unknown field (typo) with a ValidationError naming it', () => {
    const config = { ...withoutVersion(getPreset('nydfs')), acknowledgeWithn: { minutes: 5 } };
    expect(() => parseSlaPolicyConfig(config)).toThrow(ValidationError);
  });

  it('refuses two overrides with the same match', () => {
    const config = withoutVersion(getPreset('nydfs'));
    const dup = { ...config, overrides: [...config.overrides, { match: { priority: 'urgent' }, targets: {} }] };
    expect(() => parseSlaPolicyConfig(dup)).toThrow(/duplicate override for priority=urgent/);
  });

  it('refuses a hard cap stated in business time', () => {
    const config = withoutVersion(getPreset('nydfs'));
    const bad = {
      ...config,
      targets: {
        ...config.targets,
        complaint: { ...config.targets.complaint, resolutionHardCap: { businessDays: 60 } },
      },
    };
    expect(() => parseSlaPolicyConfig(bad)).toThrow(ValidationError);
  });
});

describe('resolveTargets', () => {
  const rege = getPreset('rege');

  it('uses the case type targets when no override matches', () => {
    expect(resolveTargets(rege, { type: 'complaint', topic: 'fees', priority: 'normal' }).resolution).toEqual({
      businessDays: 15,
    });
  });

  it('applies a topic override to complaints only', () => {
    expect(resolveTargets(rege, { type: 'complaint', topic: 'withdrawal', priority: 'normal' })).toMatchObject({
      resolution: { businessDays: 10 },
      resolutionHardCap: { calendarDays: 45 },
      explainDelay: true,
    });
    expect(resolveTargets(rege, { type: 'request', topic: 'withdrawal', priority: 'normal' }).resolution).toEqual({
      businessDays: 10,
    });
    expect(
      resolveTargets(rege, { type: 'request', topic: 'withdrawal', priority: 'normal' }).resolutionHardCap,
    ).toBeUndefined();
  });

  it('combines overrides, the more specific one winning', () => {
    const policy = parseSlaPolicyConfig({
      ...withoutVersion(rege),
      overrides: [
        { match: { caseType: 'complaint', priority: 'urgent' }, targets: { firstResponse: { minutes: 30 } } },
        {
          match: { priority: 'urgent' },
          targets: { firstResponse: { businessHours: 1 }, nextResponse: { businessHours: 1 } },
        },
      ],
    });
    const t = resolveTargets(policy, { type: 'complaint', topic: 'other', priority: 'urgent' });
    expect(t.firstResponse).toEqual({ minutes: 30 });
    expect(t.nextResponse).toEqual({ businessHours: 1 });
  });
});

describe('presets', () => {
  it.each(PRESET_NAMES)('%s is a valid, versioned policy', (name) => {
    const p = getPreset(name);
    expect(p.name).toBe(name);
    expect(p.version).toBe(slaPolicyVersion(p));
  });

  it('states the nydfs defaults: 1 business day first reply, 5-day updates, 15/60-day complaints', () => {
    const t = resolveTargets(getPreset('nydfs'), { type: 'complaint', topic: 'other', priority: 'normal' });
    expect(t).toMatchObject({
      firstResponse: { businessHours: 8 },
      statusUpdateInterval: { businessDays: 5 },
      resolution: { businessDays: 15 },
      resolutionHardCap: { calendarDays: 60 },
    });
  });

  it.each([
    ['mica', { calendarMonths: 2 }],
    ['fca', { calendarDays: 56 }],
  ])('%s sets the complaint decision limit and tells the customer when late', (name, resolution) => {
    const t = resolveTargets(getPreset(name), { type: 'complaint', topic: 'other', priority: 'normal' });
    expect(t.resolution).toEqual(resolution);
    expect(t.explainDelay).toBe(true);
  });

  it('throws a ValidationError for an unknown preset name', () => {
    expect(() => getPreset('nydf')).toThrow(ValidationError);
    expect(() => getPreset('toString')).toThrow(ValidationError);
  });

  it('lists observed federal holidays on weekdays only, in order', () => {
    for (const d of US_FEDERAL_HOLIDAYS_2026_2027) expect(DateTime.fromISO(d).weekday).toBeLessThanOrEqual(5);
    expect([...US_FEDERAL_HOLIDAYS_2026_2027].sort()).toEqual(US_FEDERAL_HOLIDAYS_2026_2027);
    expect(US_FEDERAL_HOLIDAYS_2026_2027).toContain('2026-11-26');
  });
});
