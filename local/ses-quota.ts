import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * SES sending limits for the local SES emulator, so a surge can be felt on one machine:
 * `DOCKET_SES_MAX_SEND_RATE` (messages per second), `DOCKET_SES_DAILY_QUOTA` (messages per window) and
 * `DOCKET_SES_QUOTA_WINDOW_SECONDS` (default 86,400, SES's rolling 24 hours). Unset means unlimited.
 */
export interface SesQuotaOptions {
  readonly maxSendRate?: number;
  readonly dailyQuota?: number;
  readonly windowSeconds: number;
}

/** The two refusals SES sends with error code `Throttling` (SES developer guide, sending quota errors). */
export const RATE_EXCEEDED = 'Maximum sending rate exceeded.';
export const DAILY_QUOTA_EXCEEDED = 'Daily message quota exceeded.';

function positive(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

export function sesQuotaFromEnv(env: NodeJS.ProcessEnv = process.env): SesQuotaOptions {
  const rate = positive('DOCKET_SES_MAX_SEND_RATE', env);
  const daily = positive('DOCKET_SES_DAILY_QUOTA', env);
  return {
    ...(rate !== undefined ? { maxSendRate: rate } : {}),
    ...(daily !== undefined ? { dailyQuota: Math.floor(daily) } : {}),
    windowSeconds: positive('DOCKET_SES_QUOTA_WINDOW_SECONDS', env) ?? 86_400,
  };
}

/** Accepted sends, oldest first; the daily window and the one-second rate window are both sliding. */
export class SesQuota {
  private readonly sent: number[] = [];
  constructor(private readonly opts: SesQuotaOptions) {}

  private prune(now: number): void {
    const horizon = now - Math.max(1000, this.opts.windowSeconds * 1000);
    while (this.sent.length > 0 && this.sent[0]! <= horizon) this.sent.shift();
  }

  sentInWindow(now = Date.now()): number {
    this.prune(now);
    return this.sent.filter((t) => t > now - this.opts.windowSeconds * 1000).length;
  }

  /** Takes one send, or returns the SES message that refuses it. */
  take(now = Date.now()): string | undefined {
    this.prune(now);
    if (this.opts.dailyQuota !== undefined && this.sentInWindow(now) >= this.opts.dailyQuota)
      return DAILY_QUOTA_EXCEEDED;
    if (this.opts.maxSendRate !== undefined) {
      let inLastSecond = 0;
      for (let i = this.sent.length - 1; i >= 0 && this.sent[i]! > now - 1000; i--) inLastSecond++;
      if (inLastSecond >= this.opts.maxSendRate) return RATE_EXCEEDED;
    }
    this.sent.push(now);
    return undefined;
  }

  /** As SES reports it: -1 for an unlimited 24-hour quota. */
  report(now = Date.now()): { Max24HourSend: number; MaxSendRate: number; SentLast24Hours: number } {
    return {
      Max24HourSend: this.opts.dailyQuota ?? -1,
      MaxSendRate: this.opts.maxSendRate ?? -1,
      SentLast24Hours: this.sentInWindow(now),
    };
  }
}

const XMLNS = 'http://ses.amazonaws.com/doc/2010-12-01/';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string, headers = {}): void {
  res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': randomUUID(), ...headers });
  res.end(body);
}

/**
 * A front for the SES emulator (aws-ses-v2-local) that applies {@link SesQuota} to SendEmail and
 * SendRawEmail (v1 query API) and v2 SendEmail, answers v1 GetSendQuota and v2 GetAccount with it, and
 * passes everything else (web inbox, `GET /store`, templates) through unchanged.
 */
export function startSesQuotaFront(opts: {
  host: string;
  port: number;
  upstreamPort: number;
  quota: SesQuota;
}): Promise<Server> {
  const { quota } = opts;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'POST' && path === '/') {
        const action = new URLSearchParams(body.toString('utf8')).get('Action');
        if (action === 'GetSendQuota') {
          const q = quota.report();
          return send(
            res,
            200,
            'text/xml',
            `<GetSendQuotaResponse xmlns="${XMLNS}"><GetSendQuotaResult><SentLast24Hours>${q.SentLast24Hours}</SentLast24Hours><Max24HourSend>${q.Max24HourSend}</Max24HourSend><MaxSendRate>${q.MaxSendRate}</MaxSendRate></GetSendQuotaResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetSendQuotaResponse>`,
          );
        }
        if (action === 'SendEmail' || action === 'SendRawEmail') {
          const refused = quota.take();
          if (refused)
            return send(
              res,
              400,
              'text/xml',
              `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>${refused}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
            );
        }
      }
      if (req.method === 'GET' && path === '/v2/email/account') {
        return send(
          res,
          200,
          'application/json',
          JSON.stringify({
            DedicatedIpAutoWarmupEnabled: false,
            EnforcementStatus: 'HEALTHY',
            ProductionAccessEnabled: true,
            SendingEnabled: true,
            SendQuota: quota.report(),
          }),
        );
      }
      if (req.method === 'POST' && path === '/v2/email/outbound-emails') {
        const refused = quota.take();
        if (refused)
          return send(res, 400, 'application/json', JSON.stringify({ message: refused }), {
            'x-amzn-errortype': 'ThrottlingException',
          });
      }
      const upstream = request(
        { host: opts.host, port: opts.upstreamPort, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      // A client that goes away mid-answer (an aborted GET /store) must not leave the emulator's connection
      // paused behind it: it would hold the emulator open, and its close, forever.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.on('error', (err) => {
        if (!res.headersSent) send(res, 502, 'text/plain', `SES emulator unreachable: ${err.message}`);
        else res.destroy();
      });
      upstream.end(body);
    })().catch((err: unknown) => send(res, 500, 'text/plain', String(err)));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.removeListener('error', reject);
      resolve(server);
    });
  });
}
