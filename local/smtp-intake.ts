import type { AddressInfo } from 'node:net';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { LocalLogger } from './log';
import type { DnsZone } from './dns-zone';
import {
  authenticationHeaders,
  headerFromDomain,
  md5Hex,
  newSesMessageId,
  s3PutNotification,
  sesReceiptHeaders,
  type Verdicts,
} from './ses-receipt';

/** SES receiving accepts messages up to 40 MB (headers included) with the S3 action. */
export const SES_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface SmtpIntakeOptions {
  readonly port: number;
  readonly host?: string;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly bucket: string;
  readonly inboundQueueUrl: string;
  /** Recipient domains we receive for (the profile's ownDomains); others get 550 like an unverified SES identity. */
  readonly ownDomains: readonly string[];
  readonly region: string;
  readonly maxBytes?: number;
  readonly verdicts?: Verdicts;
  /** DNS for SPF/DKIM/DMARC (see dns-zone.ts); without it the results say `none`, as SES would for no records. */
  readonly dnsZone?: DnsZone;
  readonly log: LocalLogger;
}

export interface SmtpIntake {
  readonly port: number;
  stop(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * An SMTP server that plays SES receiving: it accepts mail for our domains, stores the raw bytes (with
 * SES's receipt headers prepended) in the mail bucket under `inbound/<sesMessageId>`, and sends the
 * inbound queue the same S3 `ObjectCreated:Put` notification S3 would.
 */
export async function startSmtpIntake(opts: SmtpIntakeOptions): Promise<SmtpIntake> {
  const domains = new Set(opts.ownDomains.map((d) => d.toLowerCase()));
  const maxBytes = opts.maxBytes ?? SES_MAX_MESSAGE_BYTES;
  const verdicts = opts.verdicts ?? { spam: 'PASS', virus: 'PASS' };

  const store = async (raw: Buffer, session: SMTPServerSession): Promise<string> => {
    const sesMessageId = newSesMessageId();
    const recipients = session.envelope.rcptTo.map((r) => r.address);
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const clientIp = session.remoteAddress.replace(/^::ffff:/, '');
    const helo = session.hostNameAppearsAs || session.clientHostname;
    const authentication = opts.dnsZone
      ? await authenticationHeaders(raw, { ip: clientIp, helo, sender: envelopeFrom, zone: opts.dnsZone })
      : undefined;
    const head = sesReceiptHeaders({
      ...(authentication !== undefined && { authentication }),
      sesMessageId,
      envelopeFrom,
      recipients,
      clientIp,
      helo,
      headerFromDomain: headerFromDomain(raw),
      verdicts,
      receivedAt: new Date(),
    });
    const body = Buffer.concat([Buffer.from(head, 'latin1'), raw]);
    const key = `inbound/${sesMessageId}`;
    await opts.s3.send(
      new PutObjectCommand({ Bucket: opts.bucket, Key: key, Body: body, ContentType: 'message/rfc822' }),
    );
    const event = s3PutNotification({
      bucket: opts.bucket,
      key,
      size: body.length,
      eTag: md5Hex(body),
      region: opts.region,
      eventTime: new Date(),
    });
    await opts.sqs.send(new SendMessageCommand({ QueueUrl: opts.inboundQueueUrl, MessageBody: JSON.stringify(event) }));
    opts.log.info(
      `received ${sesMessageId} from <${envelopeFrom}> for ${recipients.join(', ')} (${body.length} bytes) -> s3://${opts.bucket}/${key}`,
    );
    return sesMessageId;
  };

  const server = new SMTPServer({
    name: 'inbound-smtp.local',
    banner: 'Docket local SES receiving',
    size: maxBytes,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const domain = address.address.split('@').pop()?.toLowerCase() ?? '';
      if (domains.has(domain)) return callback();
      opts.log.info(`rejected recipient <${address.address}>: not one of our domains`);
      callback(smtpError(550, `5.7.1 <${address.address}>: recipient domain not handled here`));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk); // keep reading (SMTP needs the whole DATA) but stop buffering
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          opts.log.info(`rejected a ${size}-byte message: over the ${maxBytes}-byte limit`);
          return callback(smtpError(552, `5.3.4 message size exceeds the ${maxBytes}-byte limit`));
        }
        store(Buffer.concat(chunks), session).then(
          (id) => callback(null, `Ok ${id}`),
          (err: unknown) => {
            opts.log.error('could not store an inbound message; the sender will retry', err);
            callback(smtpError(451, '4.3.0 temporary failure storing the message, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (err) => opts.log.error('smtp server error', err));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, stop: () => new Promise((r) => server.close(() => r())) };
}
