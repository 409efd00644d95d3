import { findBrokenLink, type AuditEvent } from '../../lambdas/core/audit-chain';
import { checkManifests, hourOf, type AuditManifest, type ManifestFinding } from '../../lambdas/core/audit-manifest';
import { verifyExport, type ExportLine, type ExportVerification } from '../../lambdas/core/export-chain';

/** Reads the audit manifests from the locked bucket (or anywhere else in tests). */
export interface ManifestReader {
  /** Every manifest of the hour `fromHour` (`YYYY-MM-DDTHH`) and after, oldest first. */
  manifestsFrom(fromHour: string): Promise<AuditManifest[]>;
}

export interface VerifyExportOptions {
  readonly publicKeyPem?: string;
  readonly startHash?: string;
  readonly manifests?: ManifestReader;
}

export interface ExportReport {
  readonly ok: boolean;
  readonly chain: ExportVerification;
  /** Cases whose audit chain inside the export is broken (seq of the first bad event). */
  readonly brokenAuditChains: readonly { readonly tracking: string; readonly seq: number }[];
  /** The manifest check, when a manifest reader was given. */
  readonly manifests?: ManifestFinding;
}

/**
 * What `npm run verify-export` checks: the export's hash chain and (given the public key) its signature,
 * each case's audit chain inside it, and (given the bucket) that every head the locked manifests recorded
 * for an exported case occurs in that case's exported chain.
 */
export async function verifyExportFile(ndjson: string, opts: VerifyExportOptions = {}): Promise<ExportReport> {
  const chain = verifyExport(ndjson, {
    ...(opts.startHash ? { startHash: opts.startHash } : {}),
    ...(opts.publicKeyPem ? { publicKeyPem: opts.publicKeyPem } : {}),
  });
  const events = new Map<string, AuditEvent[]>();
  let earliest: string | undefined;
  for (const text of ndjson.split('\n')) {
    if (!text) continue;
    let line: Partial<ExportLine>;
    try {
      line = JSON.parse(text) as Partial<ExportLine>;
    } catch {
      continue; // the chain check above reports it
    }
    const r = line.record as Record<string, unknown> | undefined;
    if (line.kind === 'case' && typeof r?.createdAt === 'string' && (!earliest || r.createdAt < earliest))
      earliest = r.createdAt;
    if (line.kind === 'event' && typeof r?.tracking === 'string') {
      const { tracking, ...event } = r as unknown as AuditEvent & { tracking: string };
      events.set(tracking, [...(events.get(tracking) ?? []), event]);
    }
  }
  const brokenAuditChains: { tracking: string; seq: number }[] = [];
  for (const [tracking, list] of events) {
    const seq = findBrokenLink([...list].sort((a, b) => a.seq - b.seq));
    if (seq !== undefined) brokenAuditChains.push({ tracking, seq });
  }
  let manifests: ManifestFinding | undefined;
  if (opts.manifests) {
    // A case's events all come after its creation, so older manifests cannot name an exported case.
    const all = earliest ? await opts.manifests.manifestsFrom(hourOf(new Date(earliest))) : [];
    manifests = checkManifests(all, events);
  }
  return {
    ok: chain.ok && brokenAuditChains.length === 0 && (manifests?.ok ?? true),
    chain,
    brokenAuditChains,
    ...(manifests ? { manifests } : {}),
  };
}

/** The report as lines for a person. */
export function formatReport(r: ExportReport): string {
  const out: string[] = [];
  if (r.chain.ok) {
    out.push(`ok    hash chain: ${r.chain.lines} lines`);
    out.push(
      r.chain.signature === 'valid'
        ? `ok    signature: valid (key ${r.chain.keyId ?? 'unnamed'})`
        : `--    signature: not checked (pass --public-key; signed by ${r.chain.keyId ?? 'nobody'})`,
    );
  } else {
    out.push(`FAIL  line ${r.chain.line}: ${r.chain.reason}`);
  }
  out.push(
    r.brokenAuditChains.length === 0
      ? 'ok    audit chains of the exported cases'
      : `FAIL  audit chain broken: ${r.brokenAuditChains.map((b) => `${b.tracking} at event ${b.seq}`).join(', ')}`,
  );
  if (!r.manifests) out.push('--    locked manifests: not checked (pass --bucket)');
  else if (r.manifests.ok)
    out.push(
      `ok    locked manifests: ${r.manifests.checked} recorded heads found in the export (${r.manifests.notExported} of cases not in it)`,
    );
  else out.push(`FAIL  locked manifest of ${r.manifests.hour}, case ${r.manifests.tracking}: ${r.manifests.reason}`);
  out.push(r.ok ? 'export verified' : 'export NOT verified');
  return out.join('\n');
}
