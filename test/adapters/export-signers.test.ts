import { generateKeyPairSync, sign } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { FileExportSigner } from '../../lambdas/adapters/signing/file-export-signer';
import { KmsExportSigner } from '../../lambdas/adapters/signing/kms-export-signer';
import { ExportChain, verifyExport } from '../../lambdas/core/export-chain';
import { signedMessage, verifySummarySignature } from '../../lambdas/core/export-signature';
import { tamperAndRechain } from '../support/tamper-export';

const pair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pkcs8 = (k: ReturnType<typeof pair>) => k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const spkiPem = (k: ReturnType<typeof pair>) => k.publicKey.export({ type: 'spki', format: 'pem' }).toString();

async function exportWith(signer: FileExportSigner | KmsExportSigner): Promise<string> {
  const chain = new ExportChain();
  const lines = [
    chain.line('case', { tracking: 'K7QM-4TZX-P9HC', subject: 'Withdrawal stuck' }),
    chain.line('event', { tracking: 'K7QM-4TZX-P9HC', seq: 1, type: 'case_opened' }),
  ];
  return lines.join('') + (await chain.signedSummary({ generatedAt: '2026-01-01T00:00:00Z' }, signer));
}

describe('file export signer (the local stand-in for KMS)', () => {
  it('signs a summary that verifies with its public key, and not with another key', async () => {
    const key = pair();
    const signer = new FileExportSigner(pkcs8(key));
    const text = await exportWith(signer);
    expect(verifyExport(text, { publicKeyPem: await signer.publicKeyPem() })).toMatchObject({
      ok: true,
      signature: 'valid',
      keyId: signer.keyId,
    });
    expect(await signer.publicKeyPem()).toBe(spkiPem(key));
    expect(verifyExport(text, { publicKeyPem: spkiPem(pair()) })).toMatchObject({ ok: false, line: 3 });
  });

  it('detects an edited record even when every hash was recomputed', async () => {
    const signer = new FileExportSigner(pkcs8(pair()));
    const text = await exportWith(signer);
    const forged = tamperAndRechain(text, (l) =>
      l.kind === 'case' ? { ...(l.record as object), subject: 'Nothing to see' } : l.record,
    );
    expect(forged).not.toBe(text);
    // The unkeyed chain alone is fooled: this is the attack the signature exists for.
    expect(verifyExport(forged)).toMatchObject({ ok: true, signature: 'unchecked' });
    expect(verifyExport(forged, { publicKeyPem: await signer.publicKeyPem() })).toMatchObject({
      ok: false,
      line: 3,
      reason: expect.stringContaining('signature'),
    });
  });

  it('refuses a key that is not P-256', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => new FileExportSigner(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(
      /P-256/,
    );
  });
});

describe('KMS export signer (SDK mocked at the client)', () => {
  const kms = mockClient(KMSClient);
  beforeEach(() => kms.reset());
  const keyId = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  it('asks KMS for an ECDSA_SHA_256 signature of the raw message and puts it in the summary', async () => {
    // KMS signs with the private key it holds; the mock does the same with a local P-256 key.
    const key = pair();
    kms.on(SignCommand).callsFake((input: { Message: Uint8Array }) => ({
      Signature: sign('sha256', input.Message, { key: key.privateKey, dsaEncoding: 'der' }),
      KeyId: keyId,
      SigningAlgorithm: 'ECDSA_SHA_256',
    }));
    kms.on(GetPublicKeyCommand).resolves({ PublicKey: key.publicKey.export({ type: 'spki', format: 'der' }) });
    const signer = new KmsExportSigner(new KMSClient({ region: 'eu-west-1' }), keyId);
    const text = await exportWith(signer);

    const [call, ...more] = kms.commandCalls(SignCommand).map((c) => c.args[0].input);
    expect(more).toEqual([]);
    expect(call).toMatchObject({ KeyId: keyId, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' });
    const summary = JSON.parse(text.trimEnd().split('\n').at(-1)!);
    expect(Buffer.from(call!.Message!)).toEqual(signedMessage(summary.prevHash, { cases: 1, messages: 0, events: 1 }));
    expect(summary.record.signature).toMatchObject({ algorithm: 'ECDSA_SHA_256', keyId });

    const pem = await signer.publicKeyPem();
    expect(pem).toBe(spkiPem(key));
    await signer.publicKeyPem();
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1); // fetched once per container
    expect(verifyExport(text, { publicKeyPem: pem })).toMatchObject({ ok: true, signature: 'valid' });
    expect(
      verifySummarySignature(summary.record.signature, summary.prevHash, { cases: 2, messages: 0, events: 1 }, pem),
    ).toBe(false);
  });

  it('fails the export when KMS refuses to sign, instead of exporting unsigned', async () => {
    kms.on(SignCommand).rejects(new Error('AccessDeniedException'));
    const signer = new KmsExportSigner(new KMSClient({ region: 'eu-west-1' }), keyId);
    await expect(exportWith(signer)).rejects.toThrow('AccessDeniedException');
  });
});
