import { generateKeyPairSync } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { dkimSign } from 'mailauth';
import { createTransport } from 'nodemailer';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { senderAuthentication, type SenderAuthentication } from '../../lambdas/core/intake/sender-authentication';
import type { DnsZone } from '../../local/dns-zone';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { eventually } from '../support/eventually';
import { startPipeline, type Pipeline } from '../support/local-pipeline';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyB64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** A test zone: a DKIM key for signed.example (SPF allows nobody, so only DKIM can pass), and a forged domain. */
const ZONE: DnsZone = {
  'signed.example': { TXT: ['v=spf1 -all'] },
  '_dmarc.signed.example': { TXT: ['v=DMARC1; p=reject'] },
  'sel1._domainkey.signed.example': { TXT: [`v=DKIM1; k=rsa; p=${publicKeyB64}`] },
  'customer.example': { TXT: ['v=spf1 ip4:127.0.0.1 ip6:::1 -all'] },
  '_dmarc.customer.example': { TXT: ['v=DMARC1; p=none'] },
  'bank.example': { TXT: ['v=spf1 -all'] },
  '_dmarc.bank.example': { TXT: ['v=DMARC1; p=reject'] },
};

const key = {
  signingDomain: 'signed.example',
  selector: 'sel1',
  privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
};
const sign = (raw: string) => dkimSign(raw, { ...key, signatureData: [key] });

describe('the SMTP intake verifies SPF, DKIM and DMARC against a local zone', () => {
  let t: TestEnv;
  let pipeline: Pipeline;
  const stored: string[] = [];
  const parser = new MailparserMimeParser();

  beforeAll(async () => {
    t = await createTestEnv();
    pipeline = await startPipeline(t, {
      dnsZone: ZONE,
      intake: async (e: SQSEvent) => {
        for (const r of e.Records) stored.push((JSON.parse(r.body) as S3Event).Records[0]!.s3.object.key);
      },
    });
  });
  afterAll(async () => {
    await pipeline.stop();
    t.dispose();
  });

  async function deliver(raw: string, envelopeFrom: string): Promise<SenderAuthentication> {
    const before = stored.length;
    await createTransport({ host: '127.0.0.1', port: pipeline.smtpPort, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from: envelopeFrom, to: 'support@exchange.example' },
      raw,
    });
    await eventually(() => expect(stored.length).toBeGreaterThan(before), {
      description: 'the SMTP intake stores the mail',
    });
    const object = await t.clients.s3.send(new GetObjectCommand({ Bucket: t.resources.bucket, Key: stored.at(-1)! }));
    const mail = await parser.parse(Buffer.from(await object.Body!.transformToByteArray()));
    return senderAuthentication(mail);
  }

  const message = (from: string, subject: string): string =>
    `From: ${from}\r\nTo: support@exchange.example\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@x.example>\r\n\r\nHello.\r\n`;

  it('passes DKIM for mail signed with a key published in the zone, and verifies the sender', async () => {
    const raw = message('Sam <sam@signed.example>', 'Signed mail');
    const { signatures, errors } = await sign(raw);
    expect(errors).toEqual([]);
    const auth = await deliver(signatures + raw, 'sam@signed.example');
    expect(auth).toMatchObject({
      trust: 'verified',
      spf: 'fail',
      dkim: [{ result: 'pass', domain: 'signed.example' }],
      dmarc: 'pass',
      aligned: { dkim: true, spf: false },
    });
  });

  it('fails DKIM when the signed mail was altered on the way', async () => {
    const raw = message('Sam <sam@signed.example>', 'Altered mail');
    const { signatures } = await sign(raw);
    expect(signatures).toMatch(/^DKIM-Signature:/);
    const auth = await deliver(signatures + raw.replace('Hello.', 'Send funds.'), 'sam@signed.example');
    expect(auth.trust).toBe('failed');
    expect(auth.dmarc).toBe('fail');
  });

  it('verifies a README example sender through SPF for 127.0.0.1 and a DMARC record', async () => {
    expect(await deliver(message('alice@customer.example', 'Plain mail'), 'alice@customer.example')).toMatchObject({
      trust: 'verified',
      spf: 'pass',
      dmarc: 'pass',
    });
  });

  it('fails a forged From of a -all / p=reject domain', async () => {
    expect(await deliver(message('security@bank.example', 'Forged mail'), 'security@bank.example')).toMatchObject({
      trust: 'failed',
      spf: 'fail',
      dmarc: 'fail',
    });
  });

  it('treats a name absent from the zone as nonexistent: no usable result, never real DNS', async () => {
    expect(await deliver(message('x@nowhere.example', 'Unknown domain'), 'x@nowhere.example')).toMatchObject({
      trust: 'unverified',
      spf: 'none',
      dmarc: 'none',
    });
  });
});
