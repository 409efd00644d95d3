import { canonicalJson, sha256Hex } from '../../core/audit-chain';
import type { Clock, ConfigurationChange, ConfigurationStore } from '../../core/ports';
import { diffPolicies, touchesComplaintHandling } from '../../core/sla/policy-diff';
import type { SlaPolicy, SlaPolicyConfig } from '../../core/sla/policy';
import { SUPPORTED_LANGUAGES, stringsFor } from '../../core/templates';

/** A change to complaint handling is to be reported to the regulator; we remind after 7 days. */
const REGULATOR_NOTICE_DAYS = 7;

/** A digest of every customer-facing sentence in every language (functions by their source text). */
export function templatesVersion(): string {
  const catalogue = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((l) => [
      l,
      Object.fromEntries(
        Object.entries(stringsFor(l)).map(([k, v]) => [k, typeof v === 'function' ? v.toString() : v]),
      ),
    ]),
  );
  return sha256Hex(canonicalJson(catalogue));
}

/**
 * Records the active SLA policy and templates when they differ from the last recorded ones: who, when,
 * and the diff (docs/adr/0006-delay-notices-and-configuration-records.md). Idempotent and safe to run from every container or schedule: the first
 * writer wins and the others see the same state.
 */
export async function recordConfiguration(
  policy: SlaPolicy,
  deps: { store: ConfigurationStore; clock: Clock; actor: string },
): Promise<ConfigurationChange | undefined> {
  const current = await deps.store.current();
  const tv = templatesVersion();
  if (current && current.policyVersion === policy.version && current.templatesVersion === tv) return undefined;
  const now = deps.clock.now();
  const policyDiff = current ? diffPolicies(current.policy as SlaPolicyConfig, policy) : [];
  const complaintChange = current !== undefined && touchesComplaintHandling(policyDiff);
  const change: ConfigurationChange = {
    at: now.toISOString(),
    actor: deps.actor,
    ...(current ? { from: current } : {}),
    to: { policyVersion: policy.version, templatesVersion: tv, policy, recordedAt: now.toISOString() },
    policyDiff,
    templatesChanged: current !== undefined && current.templatesVersion !== tv,
    ...(complaintChange
      ? { regulatorNoticeDueAt: new Date(now.getTime() + REGULATOR_NOTICE_DAYS * 86_400_000).toISOString() }
      : {}),
  };
  return (await deps.store.record(change, current)) ? change : undefined;
}
