import { generateKeyPairSync } from 'node:crypto';
import { FileExportSigner } from '../../lambdas/adapters/signing/file-export-signer';
import { chainEvents, GENESIS_HASH, type AuditEvent } from '../../lambdas/core/audit-chain';
import { MANIFEST_FORMAT, type AuditManifest } from '../../lambdas/core/audit-manifest';
import { ExportChain } from '../../lambdas/core/export-chain';
import { formatReport, verifyExportFile, type ManifestReader } from '../../deploy/verify-export/verify';
import { tamperAndRechain } from '../support/tamper-export';

const signer = new FileExportSigner(
  generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
);
const TRACKING = 'K7QM-4TZX-P9HC';

function eventsOf(types: readonly string[]): AuditEvent[] {
  return chainEvents(
    { eventSeq: 0, lastEventHash: GENESIS_HASH },
    types.map((type, i) => ({ at: `2026-03-01T10:0${i}:00.000Z`, actor: 'agent-1', type, data: { note: type } })),
  ).events;
}

/** An export as the API writes it, signed: what an insider gets by exporting an edited table. */
async function signedExport(events: readonly AuditEvent[]): Promise<string> {
  const chain = new ExportChain();
  const lines = [chain.line('case', { tracking: TRACKING, createdAt: '2026-03-01T10:00:00.000Z' })];
  for (const e of events) lines.push(chain.line('event', { tracking: TRACKING, ...e }));
  return lines.join('') + (await chain.signedSummary({ generatedAt: '2026-03-02T00:00:00Z' }, signer));
}

const reader = (manifests: AuditManifest[]): ManifestReader => ({ manifestsFrom: async () => manifests });
const manifestOf = (events: readonly AuditEvent[]): AuditManifest => ({
  format: MANIFEST_FORMAT,
  hour: '2026-03-01T10',
  writtenAt: '2026-03-01T11:05:00.000Z',
  heads: [{ tracking: TRACKING as never, seq: events.at(-1)!.seq, hash: events.at(-1)!.hash }],
});

describe('npm run verify-export', () => {
  it('verifies a signed export whose cases match the locked manifests', async () => {
    const events = eventsOf(['case_opened', 'replied']);
    const r = await verifyExportFile(await signedExport(events), {
      publicKeyPem: await signer.publicKeyPem(),
      manifests: reader([manifestOf(events)]),
    });
    expect(r).toMatchObject({ ok: true, chain: { signature: 'valid' }, manifests: { ok: true, checked: 1 } });
    expect(formatReport(r)).toContain('export verified');
  });

  it('detects an edited record with all hashes recomputed: the signature fails', async () => {
    const events = eventsOf(['case_opened', 'replied']);
    const forged = tamperAndRechain(await signedExport(events), (l) =>
      l.kind === 'event' ? { ...(l.record as object), actor: 'nobody' } : l.record,
    );
    const r = await verifyExportFile(forged, { publicKeyPem: await signer.publicKeyPem() });
    expect(r.ok).toBe(false);
    expect(formatReport(r)).toMatch(/FAIL {2}line 4: the summary signature/);
  });

  it('detects a table edit made after a manifest, even in a validly signed export with both chains recomputed', async () => {
    const original = eventsOf(['case_opened', 'replied']);
    // The insider rewrites the second event in the table and recomputes the audit chain, then exports
    // through the API: the export is validly signed, its chains are whole.
    const edited = eventsOf(['case_opened', 'closed_without_reply']);
    const text = await signedExport(edited);
    const withoutManifests = await verifyExportFile(text, { publicKeyPem: await signer.publicKeyPem() });
    expect(withoutManifests.ok).toBe(true);
    const r = await verifyExportFile(text, {
      publicKeyPem: await signer.publicKeyPem(),
      manifests: reader([manifestOf(original)]),
    });
    expect(r).toMatchObject({ ok: false, manifests: { ok: false, tracking: TRACKING, hour: '2026-03-01T10' } });
    expect(formatReport(r)).toMatch(/FAIL {2}locked manifest of 2026-03-01T10/);
  });

  it('detects a deleted newest event that the manifest recorded', async () => {
    const events = eventsOf(['case_opened', 'replied']);
    const r = await verifyExportFile(await signedExport(events.slice(0, 1)), {
      manifests: reader([manifestOf(events)]),
    });
    expect(r.manifests).toMatchObject({ ok: false, reason: expect.stringContaining('no event 2') });
  });

  it('reports a broken audit chain inside an export', async () => {
    const events = eventsOf(['case_opened', 'replied']);
    const broken = [events[0]!, { ...events[1]!, actor: 'nobody' }];
    const r = await verifyExportFile(await signedExport(broken));
    expect(r).toMatchObject({ ok: false, brokenAuditChains: [{ tracking: TRACKING, seq: 2 }] });
  });
});
