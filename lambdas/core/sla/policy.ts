import type { $RefinementCtx, $ZodError } from 'zod/v4/core';
import * as z from '../zod';
import { canonicalJson, sha256Hex } from '../audit-chain';
import { CASE_TYPES, type CaseType, type Priority, PRIORITIES, type Topic, TOPICS } from '../case';
import { ValidationError } from '../errors';
import { CalendarSchema } from './calendar';
import {
  CalendarDurationSchema,
  DurationSchema,
  MinutesDurationSchema,
  OffsetDurationSchema,
  WorkingDurationSchema,
} from './duration';

/** What the firm promises for one kind of case. */
export const SlaTargetsSchema = z.strictObject({
  /** First human reply after the case opens. */
  firstResponse: WorkingDurationSchema,
  /** Reply after a customer message that followed our reply. */
  nextResponse: WorkingDurationSchema,
  /** Customer status update at least this often while the case is open and waiting on us. */
  statusUpdateInterval: WorkingDurationSchema,
  /** Resolution target; sets the estimated resolution date every open case carries. */
  resolution: DurationSchema,
  /** Absolute limit counted from the case's creation, e.g. complaints never beyond 60 calendar days. */
  resolutionHardCap: z.optional(CalendarDurationSchema),
  /** Reminder to the assignee this long before a breach. */
  reminderBefore: OffsetDurationSchema,
  /** A case pending on the customer closes (with a notice) after this long. */
  autoClosePendingAfter: CalendarDurationSchema,
  /**
   * When the resolution target is missed, tell the customer why and by when (MiCA, FCA DISP 1.6.2R).
   * Absent means false; no default here, or every override (a partial of these targets) would reset it.
   */
  explainDelay: z.optional(z.boolean()),
});
export type SlaTargets = z.infer<typeof SlaTargetsSchema>;

/** Case attributes an override matches on; an absent attribute matches any value. */
export const OverrideMatchSchema = z.strictObject({
  caseType: z.optional(z.enum(CASE_TYPES)),
  topic: z.optional(z.enum(TOPICS)),
  priority: z.optional(z.enum(PRIORITIES)),
});
export type OverrideMatch = z.infer<typeof OverrideMatchSchema>;

export const SlaOverrideSchema = z.strictObject({
  match: OverrideMatchSchema,
  targets: z.partial(SlaTargetsSchema),
});
export type SlaOverride = z.infer<typeof SlaOverrideSchema>;

/** Stable key of an override's match, e.g. "caseType=complaint,topic=withdrawal" ("*" matches all). */
export function overrideKey(match: OverrideMatch): string {
  const parts = (['caseType', 'topic', 'priority'] as const)
    .filter((k) => match[k] !== undefined)
    .map((k) => `${k}=${match[k]}`);
  return parts.length > 0 ? parts.join(',') : '*';
}

const policyShape = {
  /** Short name shown in reports ("nydfs"). */
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Where the numbers come from, in words (our defaults, or the rule they implement). */
  basis: z.string().check(z.minLength(1), z.maxLength(2000)),
  calendar: CalendarSchema,
  /** Automatic acknowledgement with the tracking number (stated, not armed as a deadline). */
  acknowledgeWithin: MinutesDurationSchema,
  targets: z.strictObject({ request: SlaTargetsSchema, complaint: SlaTargetsSchema }),
  /** Per topic / priority refinements; the more specific match wins, then the later one. */
  overrides: z._default(z.array(SlaOverrideSchema), []),
};

function checkOverridesUnique(p: { overrides: readonly SlaOverride[] }, ctx: $RefinementCtx): void {
  const seen = new Set<string>();
  p.overrides.forEach((o, i) => {
    const key = overrideKey(o.match);
    if (seen.has(key))
      ctx.addIssue({ code: 'custom', path: ['overrides', i, 'match'], message: `duplicate override for ${key}` });
    seen.add(key);
  });
}

/** An SLA policy as a person writes it (no version). */
export const SlaPolicyConfigSchema = z.strictObject(policyShape).check(z.superRefine(checkOverridesUnique));
export type SlaPolicyConfig = z.infer<typeof SlaPolicyConfigSchema>;

/** An SLA policy as stored: the config plus its version, which must match the content. */
export const SlaPolicySchema = z
  .strictObject({ ...policyShape, version: z.string().check(z.regex(/^[0-9a-f]{64}$/)) })
  .check(
    z.superRefine(checkOverridesUnique),
    z.superRefine((p, ctx) => {
      if (p.version !== slaPolicyVersion(p))
        ctx.addIssue({ code: 'custom', path: ['version'], message: 'version does not match the policy content' });
    }),
  );
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

/**
 * The policy's version: sha256 of its canonical JSON (the `version` field itself excluded), so two
 * policies with the same content have the same version whatever their key order, and a case records
 * exactly which rules its deadlines came from.
 */
export function slaPolicyVersion(policy: SlaPolicyConfig | SlaPolicy): string {
  const { version: _ignored, ...content } = policy as SlaPolicy;
  return sha256Hex(canonicalJson(content));
}

function invalid(what: string, error: $ZodError): ValidationError {
  const detail = error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return new ValidationError(`invalid ${what}: ${detail}`, { cause: error });
}

/** Validates a policy as written (defaults filled in) and stamps its version. Throws `ValidationError`. */
export function parseSlaPolicyConfig(input: unknown): SlaPolicy {
  const parsed = SlaPolicyConfigSchema.safeParse(input);
  if (!parsed.success) throw invalid('SLA policy', parsed.error);
  return { ...parsed.data, version: slaPolicyVersion(parsed.data) };
}

/** Validates a stored, versioned policy; a version that does not match its content is refused. */
export function parseSlaPolicy(input: unknown): SlaPolicy {
  const parsed = SlaPolicySchema.safeParse(input);
  if (!parsed.success) throw invalid('SLA policy', parsed.error);
  return parsed.data;
}

/** The case attributes that select targets. */
export interface TargetSelector {
  readonly type: CaseType;
  readonly topic: Topic;
  readonly priority: Priority;
}

function matches(m: OverrideMatch, c: TargetSelector): boolean {
  return (
    (m.caseType === undefined || m.caseType === c.type) &&
    (m.topic === undefined || m.topic === c.topic) &&
    (m.priority === undefined || m.priority === c.priority)
  );
}

function specificity(m: OverrideMatch): number {
  return Number(m.caseType !== undefined) + Number(m.topic !== undefined) + Number(m.priority !== undefined);
}

/**
 * The targets that apply to a case: its type's targets, then every matching override from the least to
 * the most specific (list order breaks ties), each replacing the fields it names.
 */
export function resolveTargets(policy: SlaPolicyConfig, c: TargetSelector): SlaTargets {
  const applicable = policy.overrides
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => matches(o.match, c))
    .sort((x, y) => specificity(x.o.match) - specificity(y.o.match) || x.i - y.i);
  let targets: SlaTargets = policy.targets[c.type];
  for (const { o } of applicable) {
    const defined = Object.fromEntries(Object.entries(o.targets).filter(([, v]) => v !== undefined));
    targets = { ...targets, ...defined };
  }
  return targets;
}
