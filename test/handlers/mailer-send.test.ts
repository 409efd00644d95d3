import { GetObjectRetentionCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { outboundMessageId } from '../../lambdas/core/outbound-message-id';
import type { MailerDeps, sendOutbound as SendOutbound } from '../../lambdas/app/mailer/send-outbound';
import { repoFor, seedCase } from '../api/seed';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { mailsTo, waitForMails } from '../support/ses-inbox';

let t: TestEnv;
let deps: MailerDeps;
let sendOutbound: typeof SendOutbound;
beforeAll(async () => {
  t = await createTestEnv();
  const { buildContainer } = await import('../../lambdas/shared/container');
  const { mailerDeps } = await import('../../lambdas/shared/mailer-wiring');
  ({ sendOutbound } = await import('../../lambdas/app/mailer/send-outbound'));
  deps = mailerDeps(await buildContainer('mailer'));
});
afterAll(() => t.dispose());

describe('outbound Message-IDs', () => {
  it('cannot be computed from the tracking number and purpose without the signing key', () => {
    const tracking = 'K7QM-4TZX-P9HC' as Parameters<typeof outboundMessageId>[0];
    const a = outboundMessageId(tracking, 'acknowledgement', 'a'.repeat(32), 'exchange.example');
    const b = outboundMessageId(tracking, 'acknowledgement', 'b'.repeat(32), 'exchange.example');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^docket\.k7qm4tzxp9hc\.[0-9a-f]{32}@exchange\.example$/);
    expect(outboundMessageId(tracking, 'acknowledgement', 'a'.repeat(32), 'exchange.example')).toBe(a);
  });

  it('sends and records once although another case claimed our Message-ID first', async () => {
    const victim = await seedCase(t);
    const attacker = await seedCase(t);
    const domain = t.resources.profile.supportAddress.split('@')[1]!;
    const ours = outboundMessageId(victim.tracking, 'acknowledgement', t.env.SIGNING_SECRET!, domain);
    const repo = repoFor(t);
    // The claim: the attacker's case links the id the mailer is about to use.
    await repo.commit({
      case: { ...attacker, version: attacker.version + 1 },
      expectedVersion: attacker.version,
      messageIdLinks: [ours],
    });
    const req = { tracking: victim.tracking, purpose: 'acknowledgement' as const, purposeKey: 'acknowledgement' };

    expect(await sendOutbound(req, deps)).toBe('sent');
    expect(await sendOutbound(req, deps)).toBe('duplicate');

    expect(await waitForMails(t, victim.customer.address)).toHaveLength(1);
    const sent = (await repo.listMessages(victim.tracking)).filter((m) => m.direction === 'out');
    expect(sent).toHaveLength(1);
    expect(await repo.findCaseByMessageId(ours)).toBe(attacker.tracking);
    expect(await repo.findCaseByMessageId(sent[0]!.messageId!)).toBe(victim.tracking);
    expect(await mailsTo(t, attacker.customer.address)).toHaveLength(0);
  });
});

describe('the sent/ record', () => {
  it('is written with compliance retention for the configured years and a SHA-256 checksum', async () => {
    const c = await seedCase(t);
    const puts: Array<Record<string, unknown>> = [];
    const s3 = t.clients.s3;
    s3.middlewareStack.add(
      (next) => async (args) => {
        const input = (args as { input: Record<string, unknown> }).input;
        if (typeof input.Key === 'string' && input.Key.startsWith(`sent/${c.tracking}/`)) puts.push(input);
        return next(args);
      },
      { step: 'initialize', name: 'captureSentPuts' },
    );
    const blobs = new (await import('../../lambdas/adapters/s3-blob-store')).S3BlobStore(s3, t.resources.bucket, {
      retentionDays: 2557,
    });
    const started = Date.now();
    expect(
      await sendOutbound(
        { tracking: c.tracking, purpose: 'acknowledgement', purposeKey: 'acknowledgement' },
        { ...deps, blobs },
      ),
    ).toBe('sent');
    s3.middlewareStack.remove('captureSentPuts');

    const [put] = puts;
    expect(put).toMatchObject({ ObjectLockMode: 'COMPLIANCE', ContentType: 'message/rfc822' });
    expect(put!.ChecksumSHA256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const until = (put!.ObjectLockRetainUntilDate as Date).getTime();
    expect(until - started).toBeGreaterThan(2556 * 86_400_000);
    const key = put!.Key as string;
    await s3.send(new HeadObjectCommand({ Bucket: t.resources.bucket, Key: key }));
    const retention = await s3.send(new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: key }));
    expect(retention.Retention?.Mode).toBe('COMPLIANCE');
    expect(retention.Retention?.RetainUntilDate?.getTime()).toBe(until);
  });
});
