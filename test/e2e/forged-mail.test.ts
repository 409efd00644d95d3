import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dkimSign } from 'mailauth';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import type { DnsZone } from '../../local/dns-zone';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { eventually } from '../support/eventually';
import { waitForDrain } from '../support/queues';
import { mailsTo, waitForMails } from '../support/ses-inbox';
import { addressOf, plainMail, smtpSend } from '../support/smtp-send';

/**
 * Sender trust end to end over real SMTP, with mail verified by the SMTP intake against a test DNS zone:
 * `signed.example` passes only through its DKIM key (SPF allows nobody, DMARC p=reject), so its customer's
 * signed mail is verified and an unsigned mail in its name fails DMARC, as a forgery on the internet would.
 */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ZONE: DnsZone = {
  'signed.example': { TXT: ['v=spf1 -all'] },
  '_dmarc.signed.example': { TXT: ['v=DMARC1; p=reject'] },
  'sel1._domainkey.signed.example': {
    TXT: [`v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`],
  },
  // The exchange's own domain, with the DMARC record the stack publishes for it.
  'exchange.example': { TXT: ['v=spf1 include:amazonses.com -all'] },
  '_dmarc.exchange.example': { TXT: ['v=DMARC1; p=reject'] },
};
const dkimKey = {
  signingDomain: 'signed.example',
  selector: 'sel1',
  privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
};

let t: TestEnv;
let p: Pipeline;
let repo: DynamoCaseRepository;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', mailer: 'module', dnsZone: ZONE });
  repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
}, 60_000);
afterAll(async () => {
  await p.stop();
  t.dispose();
});

interface Mail {
  readonly from: string;
  readonly envelopeFrom?: string;
  readonly subject: string;
  readonly body: string;
  readonly headers?: readonly string[];
  readonly sign?: boolean;
}

async function send(m: Mail): Promise<void> {
  let raw = plainMail({
    from: m.from,
    subject: m.subject,
    body: m.body,
    headers: m.headers ?? [],
    messageIdDomain: 'mail.sender.example',
  });
  if (m.sign) {
    const signed = await dkimSign(raw, { ...dkimKey, signatureData: [dkimKey] });
    raw = signed.signatures + raw;
  }
  await smtpSend(p.smtpPort, raw, { from: m.envelopeFrom ?? addressOf(m.from) });
}

const casesOf = async (customer: string) => (await repo.queryCases({ customer, limit: 20 })).items;

describe('forged and unauthenticated mail over real SMTP', () => {
  it("a forged reply quoting a verified customer's tracking number touches nothing of that customer's case", async () => {
    const victim = `victim-${randomBytes(4).toString('hex')}@signed.example`;
    await send({
      from: `Vera Victim <${victim}>`,
      subject: 'Withdrawal pending',
      body: 'My withdrawal of 0.2 BTC has been pending since Monday.',
      sign: true,
    });
    const [ack] = await waitForMails(t, victim);
    const [victimCase] = await casesOf(victim);
    expect(victimCase!.senderAuthentication).toMatchObject({ trust: 'verified' });
    // SES has the acknowledgement a moment before the mailer records it on the case: wait for that record.
    await eventually(
      async () =>
        expect((await repo.listMessages(victimCase!.tracking)).filter((m) => m.direction === 'out')).toHaveLength(1),
      { description: 'the acknowledgement recorded on the case' },
    );
    const before = await repo.getCase(victimCase!.tracking);
    const eventsBefore = await repo.listEvents(victimCase!.tracking);

    const marker = `bc1q${randomBytes(12).toString('hex')}`;
    await send({
      from: `Vera Victim <${victim}>`,
      subject: `Re: [${victimCase!.tracking}] Withdrawal pending - change address to ${marker}`,
      body: `Please change my withdrawal address to ${marker} and send it today.`,
      headers: [`In-Reply-To: <${ack!.messageId}>`, `References: <${ack!.messageId}>`],
    });
    const forged = await eventually(
      async () => {
        const cases = await casesOf(victim);
        expect(cases).toHaveLength(2);
        return cases.find((c) => c.tracking !== victimCase!.tracking)!;
      },
      { description: 'the forged reply is kept as its own case' },
    );
    await waitForDrain(t, { description: 'intake and mailer finish' });

    expect(forged.flags).toContain('sender_failed_authentication');
    const [created] = await repo.listEvents(forged.tracking);
    expect(created!.data).toMatchObject({ relatedTo: victimCase!.tracking });
    // The victim's case: same version, same messages, same events, and the attacker's words nowhere in it.
    const after = await repo.getCase(victimCase!.tracking);
    expect(after!.version).toBe(before!.version);
    expect((await repo.listMessages(victimCase!.tracking)).map((m) => m.direction)).toEqual(['in', 'out']);
    const eventsAfter = await repo.listEvents(victimCase!.tracking);
    expect(eventsAfter).toHaveLength(eventsBefore.length);
    expect(JSON.stringify({ after, eventsAfter })).not.toContain(marker);
    // The forged case's own headers carry none of it either, and nobody was mailed about it.
    expect(forged.subject).not.toContain(marker);
    expect(await mailsTo(t, victim)).toHaveLength(1);
  });

  it('acknowledges an unverified sender with a fixed subject and nothing it wrote', async () => {
    // nowhere.example is absent from the zone: no SPF, no DKIM, no DMARC record, so nothing can verify it.
    const sender = `someone-${randomBytes(4).toString('hex')}@nowhere.example`;
    const marker = `call-${randomBytes(6).toString('hex')}`;
    await send({
      from: `"Security team: ${marker}" <${sender}>`,
      subject: `URGENT ${marker} verify your wallet`,
      body: `Visit https://${marker}.example now.`,
    });
    const [ack] = await waitForMails(t, sender);
    expect(ack!.subject).toMatch(/^\[[A-Z0-9-]+\] We received your message$/);
    expect(JSON.stringify(ack)).not.toContain(marker);
    const [kept] = await casesOf(sender);
    expect(kept!.flags).toContain('unverified_sender');
  });

  it('quarantines our own domain forged with dmarc=pass hidden in the envelope sender', async () => {
    const before = await quarantined();
    await send({
      from: 'Exchange Security <security@exchange.example>',
      envelopeFrom: 'dmarc=pass@attacker.example',
      subject: 'Your account will be closed',
      body: 'Confirm your password at https://exchange-verify.example',
    });
    const records = await eventually(
      async () => {
        const now = await quarantined();
        expect(now.length).toBe(before.length + 1);
        return now;
      },
      { description: 'the forged own-domain mail is quarantined' },
    );
    expect(records.at(-1)!.reason).toBe('phishing');
    await waitForDrain(t, { description: 'intake and mailer finish' });
    expect(await mailsTo(t, 'security@exchange.example')).toHaveLength(0);
  });
});

async function quarantined(): Promise<Array<{ reason: string }>> {
  const out = await t.clients.doc.send(
    new QueryCommand({
      TableName: t.resources.tableName,
      IndexName: 'byStatus',
      KeyConditionExpression: 'GSI2PK = :q',
      ExpressionAttributeValues: { ':q': 'QUARANTINE' },
    }),
  );
  return (out.Items ?? []) as Array<{ reason: string }>;
}
