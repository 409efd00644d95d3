import { canonicalJson } from '../audit-chain';
import { overrideKey, type SlaOverride, type SlaPolicyConfig } from './policy';

/** One changed setting: `path` like "targets.complaint.resolution.businessDays". */
export interface PolicyChange {
  readonly path: string;
  /** Absent when the setting was added. */
  readonly before?: unknown;
  /** Absent when the setting was removed. */
  readonly after?: unknown;
}

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Overrides are keyed by their match, so inserting one does not show as every later one changing. */
function keyedOverrides(list: readonly SlaOverride[]): Record<string, Json> {
  return Object.fromEntries(list.map((o) => [overrideKey(o.match), o.targets]));
}

function walk(path: string, a: Json, b: Json, out: PolicyChange[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  // Arrays (holidays, opening hours) compare as whole values: a list reads better than index shifts.
  if (canonicalJson(a) === canonicalJson(b)) return;
  out.push({ path, ...(a === undefined ? {} : { before: a }), ...(b === undefined ? {} : { after: b }) });
}

/**
 * What changed from policy `a` to policy `b`, path by path (the version is left out; it changes with
 * anything). Overrides appear as `overrides[<match>]`, e.g. `overrides[caseType=complaint,topic=fraud]`.
 * This is the body of the policy change record (who and when are added by the caller).
 */
export function diffPolicies(a: SlaPolicyConfig, b: SlaPolicyConfig): PolicyChange[] {
  const view = (p: SlaPolicyConfig): Record<string, Json> => {
    const { overrides, ...rest } = p as SlaPolicyConfig & { version?: string };
    delete (rest as { version?: string }).version;
    const keyed = keyedOverrides(overrides);
    return { ...rest, ...Object.fromEntries(Object.entries(keyed).map(([k, v]) => [`overrides[${k}]`, v])) };
  };
  const out: PolicyChange[] = [];
  walk('', view(a), view(b), out);
  return out;
}

/**
 * True when a change affects how complaints are handled: complaint targets, an override that can match a
 * complaint (its match names no case type, or names complaint), the acknowledgement time, or the calendar
 * (it moves every complaint deadline). Such a change starts a 7-day reminder to report it to the regulator.
 */
export function touchesComplaintHandling(diff: readonly PolicyChange[]): boolean {
  return diff.some(({ path }) => {
    if (path === 'targets.complaint' || path.startsWith('targets.complaint.')) return true;
    if (/^(calendar|acknowledgeWithin)(\.|$)/.test(path)) return true;
    const m = /^overrides\[([^\]]*)\]/.exec(path);
    if (!m) return false;
    const key = m[1] ?? '';
    return !key.includes('caseType=') || key.includes('caseType=complaint');
  });
}
