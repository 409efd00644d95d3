import { attachmentLink } from '../../lambdas/app/api/attachment-link';
import type { AccessRecord } from '../../lambdas/core/access-log';
import type { AttachmentReader, DownloadLinkOptions, DownloadLinks } from '../../lambdas/core/attachment';
import { ForbiddenError, NotFoundError } from '../../lambdas/core/errors';
import type { ParsedAttachment } from '../../lambdas/core/intake/parsed-mail';
import type { AccessLog } from '../../lambdas/core/ports';
import type { HeaderSpec } from '../support/parsed-mail';
import { intakeWorld } from './harness';

const FILES: ParsedAttachment[] = [
  { filename: 'statement.pdf', contentType: 'application/pdf', size: 9, related: false },
  { filename: 'logo.png', contentType: 'image/png', size: 6, related: true },
];
/** Stands for the MIME parser's reader: attachment n of any message holds `bytes of n`. */
const reader: AttachmentReader = {
  async readAttachments(raw, visit) {
    const mail = JSON.parse(raw.toString('utf8')) as { attachments: unknown[] };
    for (let n = 0; n < mail.attachments.length; n++) await visit(n, Buffer.from(`bytes of ${n}`));
  },
};

function world() {
  const { clock, repo, blobs, deliver } = intakeWorld({ idPrefix: 'at', attachments: reader });
  const access: AccessRecord[] = [];
  const accessLog = {
    record: async (r: AccessRecord) => {
      access.push(r);
      return true;
    },
  } as Pick<AccessLog, 'record'> as AccessLog;
  const signed: { key: string; options: DownloadLinkOptions }[] = [];
  const downloads: DownloadLinks = {
    linkTo: async (key, options) => {
      signed.push({ key, options });
      return `https://bucket.example/${key}?signed`;
    },
  };
  let n = 0;
  const receive = async (headers: HeaderSpec) => {
    const sesMessageId = `ses-${++n}`;
    const outcome = await deliver({ headers, attachments: FILES }, sesMessageId);
    if (outcome.kind !== 'case_opened') throw new Error(`expected a case, got ${outcome.kind}`);
    return { tracking: outcome.tracking, sesMessageId };
  };
  const link = (tracking: string, messageId: string, index: number) =>
    attachmentLink(
      { actor: { sub: 'agent-1', roles: ['agent'] }, tracking, messageId, index },
      { repo, clock, accessLog, downloads },
    );
  return { repo, blobs, receive, link, access, signed };
}

/** SES's own block as it prepends it: the verdict sits inside, before the sender's headers. */
const receivedWith = (virus: string): HeaderSpec => ({
  'Return-Path': '<alice@customer.example>',
  Received: 'from mail.customer.example by inbound-smtp.us-east-1.amazonaws.com',
  'X-SES-Spam-Verdict': 'PASS',
  'X-SES-Virus-Verdict': virus,
  From: 'alice@customer.example',
});

describe('attachments of inbound mail', () => {
  it('are stored one by one under attachments/<tracking>/<message>/<n>, retained as long as the raw mail', async () => {
    const w = world();
    const { tracking, sesMessageId } = await w.receive(receivedWith('PASS'));
    const [message] = await w.repo.listMessages(tracking);
    expect(message!.virusVerdict).toBe('PASS');
    expect(message!.attachments!.map((a) => a.blobKey)).toEqual([
      `attachments/${tracking}/${sesMessageId}/0`,
      `attachments/${tracking}/${sesMessageId}/1`,
    ]);
    const raw = w.blobs.objects.get(`inbound/${sesMessageId}`)!;
    for (const [n, a] of message!.attachments!.entries()) {
      const copy = w.blobs.objects.get(a.blobKey!)!;
      expect(copy.body.toString()).toBe(`bytes of ${n}`);
      expect(copy.contentType).toBe(FILES[n]!.contentType);
      expect(copy.retainUntil).toEqual(raw.retainUntil);
    }
    // The copies come from the one read that also locked the raw mail.
    expect(w.blobs.reads).toBe(1);
  });

  it('download through a link to exactly that object, recorded in the access log', async () => {
    const w = world();
    const { tracking, sesMessageId } = await w.receive(receivedWith('PASS'));
    const link = await w.link(tracking, sesMessageId, 0);
    expect(link).toMatchObject({
      url: `https://bucket.example/attachments/${tracking}/${sesMessageId}/0?signed`,
      expiresAt: '2026-03-02T14:01:00.000Z',
      filename: 'statement.pdf',
      contentType: 'application/pdf',
    });
    expect(w.signed).toEqual([
      {
        key: `attachments/${tracking}/${sesMessageId}/0`,
        options: { expiresInSeconds: 60, filename: 'statement.pdf' },
      },
    ]);
    expect(w.access).toEqual([
      expect.objectContaining({
        actor: 'agent-1',
        action: 'attachment_download',
        target: `${tracking}/${sesMessageId}/0`,
      }),
    ]);
  });

  it.each(['GRAY', 'PROCESSING_FAILED', 'DISABLED'])('are never handed out when SES said %s', async (virus) => {
    const w = world();
    const { tracking, sesMessageId } = await w.receive(receivedWith(virus));
    await expect(w.link(tracking, sesMessageId, 0)).rejects.toBeInstanceOf(ForbiddenError);
    expect(w.signed).toEqual([]);
  });

  it("are never handed out on a verdict the sender wrote below the receiver's block", async () => {
    const w = world();
    const { tracking, sesMessageId } = await w.receive({
      From: 'alice@customer.example',
      Subject: 'hello',
      'X-SES-Virus-Verdict': 'PASS',
    });
    const [message] = await w.repo.listMessages(tracking);
    expect(message!.virusVerdict).toBeUndefined();
    await expect(w.link(tracking, sesMessageId, 0)).rejects.toBeInstanceOf(ForbiddenError);
    expect(w.signed).toEqual([]);
  });

  it('answer 404 for a message, an index or a case that has none', async () => {
    const w = world();
    const { tracking, sesMessageId } = await w.receive(receivedWith('PASS'));
    await expect(w.link(tracking, sesMessageId, 2)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.link(tracking, 'another', 0)).rejects.toBeInstanceOf(NotFoundError);
    const outbound = (await w.repo.listMessages(tracking)).find((m) => m.direction !== 'in');
    if (outbound) await expect(w.link(tracking, outbound.id, 0)).rejects.toBeInstanceOf(NotFoundError);
    expect(w.signed).toEqual([]);
  });
});
