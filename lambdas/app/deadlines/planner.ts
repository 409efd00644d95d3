import type { CaseRepository, Ids } from '../../core/ports';
import { planDeadlines } from '../../core/sla/plan-deadlines';
import { parseSlaPolicyConfig, type SlaPolicy } from '../../core/sla/policy';
import { getPreset } from '../../core/sla/presets';
import type { DeadlinePlanner } from '../deps';

export interface PlannerOptions {
  readonly repo: CaseRepository;
  /** A preset name (nydfs, mica, fca, rege). */
  readonly presetName: string;
  /** A full policy (JSON) that replaces the preset, e.g. a short one for drills on the local stack. */
  readonly policyJson?: unknown;
  /** An already resolved policy (wins over the two above). */
  readonly policy?: SlaPolicy;
  /** Where fresh deadline ids come from (the container's id source). */
  readonly ids: Pick<Ids, 'id'>;
}

/** Plans deadlines with a policy resolved once per container. */
export function createDeadlinePlanner(opts: PlannerOptions): DeadlinePlanner {
  const policy: SlaPolicy = opts.policy ?? resolvePolicy(opts);
  const newId = (): string => opts.ids.id();
  return async (c, trigger, now) => {
    const plan = planDeadlines({ case: c, policy, trigger, now, newId });
    return {
      deadlines: plan.deadlines,
      ...(plan.estimatedResolutionAt ? { estimatedResolutionAt: plan.estimatedResolutionAt } : {}),
      slaPolicyVersion: policy.version,
    };
  };
}

export function resolvePolicy(opts: Pick<PlannerOptions, 'presetName' | 'policyJson'>): SlaPolicy {
  return opts.policyJson !== undefined ? parseSlaPolicyConfig(opts.policyJson) : getPreset(opts.presetName);
}
