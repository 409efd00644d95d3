import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { S3Event } from 'aws-lambda';
import { authenticate } from 'mailauth';
import type { DnsZone } from './dns-zone';
import { zoneResolver } from './dns-zone';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A receipt message id shaped like SES's: lowercase letters and digits, unpredictable. */
export function newSesMessageId(length = 40): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

export interface Verdicts {
  readonly spam: 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';
  readonly virus: 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';
}

export interface ReceiptContext {
  readonly sesMessageId: string;
  readonly envelopeFrom: string;
  readonly recipients: readonly string[];
  readonly clientIp: string;
  readonly helo: string;
  readonly headerFromDomain?: string;
  readonly verdicts: Verdicts;
  readonly receivedAt: Date;
}

/**
 * The header block SES receiving prepends before it stores a message with the S3 action: Return-Path,
 * its own Received line, the spam/virus verdicts, then `Received-SPF` and `Authentication-Results:
 * amazonses.com` as computed by `authenticationHeaders` (or `none` when none were computed).
 */
export function sesReceiptHeaders(ctx: ReceiptContext & { readonly authentication?: string }): string {
  const from = ctx.envelopeFrom || '';
  const fromDomain = from.split('@')[1] ?? ctx.helo;
  const lines = [
    `Return-Path: <${from}>`,
    `Received: from ${ctx.helo} ([${ctx.clientIp}]) by inbound-smtp.us-east-1.amazonaws.com with SMTP id ${ctx.sesMessageId} for ${ctx.recipients.join(', ')}; ${ctx.receivedAt.toUTCString().replace('GMT', '+0000 (UTC)')}`,
    `X-SES-Spam-Verdict: ${ctx.verdicts.spam}`,
    `X-SES-Virus-Verdict: ${ctx.verdicts.virus}`,
  ];
  const auth =
    ctx.authentication ??
    [
      `Received-SPF: none (spfCheck: not checked for ${fromDomain}) client-ip=${ctx.clientIp}; envelope-from=${from}; helo=${ctx.helo};`,
      `Authentication-Results: amazonses.com; spf=none smtp.mailfrom=${from}; dkim=none; dmarc=none header.from=${ctx.headerFromDomain ?? fromDomain};`,
      '',
    ].join('\r\n');
  return `${lines.join('\r\n')}\r\n${auth.replace(/\r?\n/g, '\r\n')}`;
}

/** The domain of the first From header in a raw message's header block (for DMARC's header.from). */
export function headerFromDomain(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? Math.min(raw.length, 65536) : end).toString('latin1');
  const match = /^from:[^\r\n]*?@([A-Za-z0-9.-]+)/im.exec(head);
  return match?.[1]?.toLowerCase();
}

/**
 * The body S3 sends to an SQS queue for `s3:ObjectCreated:Put` (event notification structure version
 * 2.1). Keys are URL-encoded with `+` for spaces, as S3 does.
 */
export function s3PutNotification(args: {
  bucket: string;
  key: string;
  size: number;
  eTag: string;
  region: string;
  eventTime: Date;
}): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: args.region,
        eventTime: args.eventTime.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AROALOCALSESRECEIVING:ses' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
          'x-amz-id-2': randomBytes(48).toString('base64'),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'docket-inbound-mail',
          bucket: {
            name: args.bucket,
            ownerIdentity: { principalId: 'A3LOCALOWNER' },
            arn: `arn:aws:s3:::${args.bucket}`,
          },
          object: {
            key: encodeURIComponent(args.key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size: args.size,
            eTag: args.eTag,
            sequencer: randomBytes(9).toString('hex').toUpperCase(),
          },
        },
      },
    ],
  };
}

/** S3's ETag for a single-part upload: the MD5 of the bytes. */
export function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * SPF, DKIM and DMARC computed for real by mailauth against a local DNS zone, written as SES writes them:
 * `Received-SPF` then `Authentication-Results` with SES's authserv-id `amazonses.com`. Returns the header
 * lines, each ending in CRLF.
 */
export async function authenticationHeaders(
  raw: Buffer,
  args: { ip: string; helo: string; sender: string; zone: DnsZone },
): Promise<string> {
  const { headers } = await authenticate(raw, {
    ip: args.ip,
    helo: args.helo,
    sender: args.sender,
    mta: 'amazonses.com',
    resolver: zoneResolver(args.zone),
    disableArc: true,
    disableBimi: true,
  });
  return headers;
}
