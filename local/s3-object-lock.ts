import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isProtected, ObjectLockState, type ObjectLock, type RetentionMode } from './object-lock-state';

/** The largest XML body this layer reads itself (retention, legal hold, lock configuration, multi-delete). */
const MAX_XML_BYTES = 1024 * 1024;

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const LOCKED = 'Access Denied because object protected by object lock.';

export interface ObjectLockLayerOptions {
  /** Where s3rver listens (the layer forwards everything it does not answer itself). */
  readonly upstream: { readonly host: string; readonly port: number };
  readonly host: string;
  /** 0 picks a free one. */
  readonly port: number;
  /** Folder for the lock records (kept apart from s3rver's folder). */
  readonly stateDir: string;
  /** Tests move time forward to see a retention lapse. @default the system clock */
  readonly now?: () => Date;
}

class S3Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3Failure';
  }
}

/**
 * A thin layer in front of s3rver that gives the local stack S3 Object Lock, which s3rver answers with
 * NotImplemented: bucket lock configuration (`?object-lock`, or `x-amz-bucket-object-lock-enabled` on
 * create), per-object retention and legal hold (`?retention`, `?legal-hold`, and the
 * `x-amz-object-lock-*` headers of PutObject, which then needs Content-MD5 or a checksum, as on S3), the
 * lock headers on GetObject/HeadObject, and refusal of DeleteObject(s) and of shortening a retention
 * while an object is protected. Everything else passes through untouched, signature included.
 *
 * One difference from S3, by necessity: s3rver keeps no versions, so where S3 would keep the locked
 * version behind a delete marker, this layer refuses the delete outright. An overwrite of a locked key
 * passes (S3 would keep the old version) but never shortens the lock. Default bucket retention is refused:
 * SES cannot write into a bucket that has one (SES developer guide, S3 action).
 */
export async function startObjectLockLayer(opts: ObjectLockLayerOptions): Promise<Server> {
  const state = new ObjectLockState(opts.stateDir);
  const now = opts.now ?? (() => new Date());
  const server = createServer((req, res) => {
    handle(req, res, state, now, opts).catch((err: unknown) => {
      const failure =
        err instanceof S3Failure ? err : new S3Failure(500, 'InternalError', (err as Error).message ?? String(err));
      if (res.headersSent) res.destroy();
      else sendError(res, failure, req.url ?? '/');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  return server;
}

export function layerPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: ObjectLockState,
  now: () => Date,
  opts: ObjectLockLayerOptions,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const [, bucketPart = '', ...keyParts] = url.pathname.split('/');
  const bucket = decodeURIComponent(bucketPart);
  const key = keyParts.length ? decodeURIComponent(keyParts.join('/')) : '';
  const q = url.searchParams;
  const method = req.method ?? 'GET';
  const forward = (): Promise<number> => proxy(req, res, opts.upstream);

  if (!bucket) return void (await forward());
  const answersItself = q.has('retention') || q.has('legal-hold') || q.has('object-lock') || q.has('delete');
  // s3rver checks the signature of what it serves; what this layer answers itself must at least be signed.
  if (answersItself && !req.headers.authorization) throw new S3Failure(403, 'AccessDenied', 'Access Denied');

  if (!key) {
    if (q.has('object-lock')) return bucketLockConfiguration(req, res, state, bucket, opts);
    if (method === 'POST' && q.has('delete')) return deleteObjects(req, res, state, bucket, now, opts);
    const enabling = method === 'PUT' && req.headers['x-amz-bucket-object-lock-enabled'] === 'true' && !q.size;
    const status = await forward();
    if (enabling && (status < 300 || status === 409)) await state.enableLock(bucket);
    return;
  }

  if (q.has('retention')) return objectRetention(req, res, state, bucket, key, now, opts);
  if (q.has('legal-hold')) return objectLegalHold(req, res, state, bucket, key, opts);

  // CreateMultipartUpload carries the lock of the object it will make (no body, so no checksum yet);
  // recorded at once, as for PutObject, and kept if the upload is never completed (nothing to unlock).
  const creatingUpload = method === 'POST' && q.has('uploads');
  if ((method === 'PUT' && !q.has('partNumber')) || creatingUpload) {
    const wanted = lockFromHeaders(req, now, !creatingUpload);
    if (!wanted) return void (await forward());
    await requireLockEnabled(state, bucket);
    // The lock is recorded before the upstream answers the caller, as on S3: a HeadObject sent the moment
    // the put returns must already see it. A refused put puts the previous lock back.
    const before = await state.get(bucket, key);
    await state.set(bucket, key, strongest(before, wanted));
    const status = await forward();
    if (status >= 300) await (before ? state.set(bucket, key, before) : state.remove(bucket, key));
    return;
  }
  if (method === 'DELETE' && !q.has('uploadId')) {
    if (isProtected(await state.get(bucket, key), now(), bypass(req))) throw new S3Failure(403, 'AccessDenied', LOCKED);
    const status = await forward();
    if (status < 300) await state.remove(bucket, key);
    return;
  }
  if (method === 'GET' || method === 'HEAD') {
    const lock = await state.get(bucket, key);
    return void (await proxy(req, res, opts.upstream, lock && lockHeaders(lock)));
  }
  await forward();
}

/** PutObject's `x-amz-object-lock-*` headers, checked as S3 checks them. */
function lockFromHeaders(req: IncomingMessage, now: () => Date, needsChecksum = true): ObjectLock | undefined {
  const mode = header(req, 'x-amz-object-lock-mode');
  const until = header(req, 'x-amz-object-lock-retain-until-date');
  const hold = header(req, 'x-amz-object-lock-legal-hold');
  if (!mode && !until && !hold) return undefined;
  if (needsChecksum)
    requireChecksum(
      req,
      'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters',
    );
  if (Boolean(mode) !== Boolean(until))
    throw new S3Failure(
      400,
      'InvalidArgument',
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
    );
  return {
    ...(mode ? retention(mode, until!, now) : {}),
    ...(hold ? { legalHold: legalHoldStatus(hold) } : {}),
  };
}

function retention(mode: string, until: string, now: () => Date): { mode: RetentionMode; retainUntil: string } {
  if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE')
    throw new S3Failure(400, 'InvalidArgument', `Unknown object lock mode: ${mode}`);
  const at = Date.parse(until);
  if (Number.isNaN(at)) throw new S3Failure(400, 'InvalidArgument', `The retain until date is not a date: ${until}`);
  if (at <= now().getTime())
    throw new S3Failure(400, 'InvalidArgument', 'The retain until date must be in the future!');
  return { mode, retainUntil: new Date(at).toISOString() };
}

function legalHoldStatus(status: string): boolean {
  if (status !== 'ON' && status !== 'OFF')
    throw new S3Failure(400, 'MalformedXML', `Unknown legal hold status: ${status}`);
  return status === 'ON';
}

/** An overwrite keeps the longer of two retentions (S3 would keep the old, still locked version). */
function strongest(old: ObjectLock | undefined, next: ObjectLock): ObjectLock {
  if (!old?.retainUntil || !next.retainUntil)
    return { ...old, ...next, ...(old?.retainUntil ? pickRetention(old) : {}) };
  return Date.parse(old.retainUntil) > Date.parse(next.retainUntil)
    ? { ...next, ...pickRetention(old) }
    : { ...old, ...next };
}

function pickRetention(l: ObjectLock): ObjectLock {
  return { ...(l.mode ? { mode: l.mode } : {}), ...(l.retainUntil ? { retainUntil: l.retainUntil } : {}) };
}

async function objectRetention(
  req: IncomingMessage,
  res: ServerResponse,
  state: ObjectLockState,
  bucket: string,
  key: string,
  now: () => Date,
  opts: ObjectLockLayerOptions,
): Promise<void> {
  await requireObject(bucket, key, opts);
  const current = await state.get(bucket, key);
  if (req.method === 'GET') {
    if (!current?.mode)
      throw new S3Failure(
        404,
        'NoSuchObjectLockConfiguration',
        'The specified object does not have a ObjectLock configuration',
      );
    return sendXml(
      res,
      `<Retention xmlns="${XMLNS}"><Mode>${current.mode}</Mode><RetainUntilDate>${current.retainUntil}</RetainUntilDate></Retention>`,
    );
  }
  if (req.method !== 'PUT')
    throw new S3Failure(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  await requireLockEnabled(state, bucket);
  requireChecksum(req);
  const body = await readBody(req);
  const next = retention(xmlValue(body, 'Mode') ?? '', xmlValue(body, 'RetainUntilDate') ?? '', now);
  if (
    current?.mode &&
    current.retainUntil &&
    isProtected({ mode: current.mode, retainUntil: current.retainUntil }, now(), bypass(req))
  ) {
    const shorter = Date.parse(next.retainUntil) < Date.parse(current.retainUntil);
    // COMPLIANCE can only be extended, never weakened to GOVERNANCE (S3 User Guide, Object Lock).
    if (shorter || (current.mode === 'COMPLIANCE' && next.mode === 'GOVERNANCE'))
      throw new S3Failure(403, 'AccessDenied', LOCKED);
  }
  await state.set(bucket, key, { ...current, ...next });
  res.writeHead(200).end();
}

async function objectLegalHold(
  req: IncomingMessage,
  res: ServerResponse,
  state: ObjectLockState,
  bucket: string,
  key: string,
  opts: ObjectLockLayerOptions,
): Promise<void> {
  await requireObject(bucket, key, opts);
  const current = await state.get(bucket, key);
  if (req.method === 'GET') {
    if (current?.legalHold === undefined)
      throw new S3Failure(
        404,
        'NoSuchObjectLockConfiguration',
        'The specified object does not have a ObjectLock configuration',
      );
    return sendXml(res, `<LegalHold xmlns="${XMLNS}"><Status>${current.legalHold ? 'ON' : 'OFF'}</Status></LegalHold>`);
  }
  if (req.method !== 'PUT')
    throw new S3Failure(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  await requireLockEnabled(state, bucket);
  requireChecksum(req);
  const status = xmlValue(await readBody(req), 'Status') ?? '';
  await state.set(bucket, key, { ...current, legalHold: legalHoldStatus(status) });
  res.writeHead(200).end();
}

async function bucketLockConfiguration(
  req: IncomingMessage,
  res: ServerResponse,
  state: ObjectLockState,
  bucket: string,
  opts: ObjectLockLayerOptions,
): Promise<void> {
  if ((await upstreamStatus('HEAD', `/${encodeURIComponent(bucket)}`, opts)) === 404)
    throw new S3Failure(404, 'NoSuchBucket', 'The specified bucket does not exist');
  if (req.method === 'GET') {
    if (!(await state.lockEnabled(bucket)))
      throw new S3Failure(
        404,
        'ObjectLockConfigurationNotFoundError',
        'Object Lock configuration does not exist for this bucket',
      );
    return sendXml(
      res,
      `<ObjectLockConfiguration xmlns="${XMLNS}"><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`,
    );
  }
  if (req.method !== 'PUT')
    throw new S3Failure(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  const body = await readBody(req);
  if (xmlValue(body, 'ObjectLockEnabled') !== 'Enabled')
    throw new S3Failure(400, 'MalformedXML', 'ObjectLockEnabled must be Enabled');
  if (/<Rule[\s>]/.test(body))
    throw new S3Failure(
      501,
      'NotImplemented',
      'default bucket retention is not emulated: SES cannot write to a bucket that has one, so Docket retains each object',
    );
  await state.enableLock(bucket);
  res.writeHead(200).end();
}

/** DeleteObjects (`POST ?delete`): locked keys fail one by one, as on S3; the rest are deleted. */
async function deleteObjects(
  req: IncomingMessage,
  res: ServerResponse,
  state: ObjectLockState,
  bucket: string,
  now: () => Date,
  opts: ObjectLockLayerOptions,
): Promise<void> {
  const body = await readBody(req);
  const quiet = xmlValue(body, 'Quiet') === 'true';
  const keys = [...body.matchAll(/<Object>([\s\S]*?)<\/Object>/g)].map((m) =>
    unescapeXml(xmlValue(m[1]!, 'Key') ?? ''),
  );
  const parts: string[] = [];
  for (const key of keys) {
    if (isProtected(await state.get(bucket, key), now(), bypass(req))) {
      parts.push(`<Error><Key>${escapeXml(key)}</Key><Code>AccessDenied</Code><Message>${LOCKED}</Message></Error>`);
      continue;
    }
    const status = await upstreamStatus('DELETE', `/${encodeURIComponent(bucket)}/${encodeKey(key)}`, opts);
    if (status >= 300) {
      parts.push(
        `<Error><Key>${escapeXml(key)}</Key><Code>InternalError</Code><Message>status ${status}</Message></Error>`,
      );
      continue;
    }
    await state.remove(bucket, key);
    if (!quiet) parts.push(`<Deleted><Key>${escapeXml(key)}</Key></Deleted>`);
  }
  sendXml(res, `<DeleteResult xmlns="${XMLNS}">${parts.join('')}</DeleteResult>`);
}

async function requireLockEnabled(state: ObjectLockState, bucket: string): Promise<void> {
  if (!(await state.lockEnabled(bucket)))
    throw new S3Failure(400, 'InvalidRequest', 'Bucket is missing Object Lock Configuration');
}

async function requireObject(bucket: string, key: string, opts: ObjectLockLayerOptions): Promise<void> {
  const status = await upstreamStatus('HEAD', `/${encodeURIComponent(bucket)}/${encodeKey(key)}`, opts);
  if (status === 404) throw new S3Failure(404, 'NoSuchKey', 'The specified key does not exist.');
}

/** S3 refuses lock changes whose body carries no integrity check (Content-MD5 or a flexible checksum). */
function requireChecksum(
  req: IncomingMessage,
  message = 'Missing required header for this request: Content-MD5',
): void {
  if (!req.headers['content-md5'] && !Object.keys(req.headers).some((h) => h.startsWith('x-amz-checksum-')))
    throw new S3Failure(400, 'InvalidRequest', message);
}

function bypass(req: IncomingMessage): boolean {
  return header(req, 'x-amz-bypass-governance-retention') === 'true';
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function lockHeaders(lock: ObjectLock): Record<string, string> {
  return {
    ...(lock.mode ? { 'x-amz-object-lock-mode': lock.mode } : {}),
    ...(lock.retainUntil ? { 'x-amz-object-lock-retain-until-date': lock.retainUntil } : {}),
    ...(lock.legalHold !== undefined ? { 'x-amz-object-lock-legal-hold': lock.legalHold ? 'ON' : 'OFF' } : {}),
  };
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/**
 * A side request of the layer's own (does the object exist? delete this key), sent unsigned: s3rver
 * serves anonymous requests, and the layer holds no credentials (the caller's request was signed).
 */
function upstreamStatus(method: string, path: string, opts: ObjectLockLayerOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request({ host: opts.upstream.host, port: opts.upstream.port, method, path }, (up) => {
      up.resume();
      up.on('end', () => resolve(up.statusCode ?? 500));
    });
    r.on('error', reject);
    r.end();
  });
}

/** Streams the request to s3rver unchanged (its signature stays valid) and the answer back; resolves to the status. */
function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: ObjectLockLayerOptions['upstream'],
  extraHeaders?: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const up = request(
      { host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const status = answer.statusCode ?? 502;
        res.writeHead(status, { ...answer.headers, ...(status < 300 ? extraHeaders : {}) });
        answer.pipe(res);
        answer.on('end', () => resolve(status));
        answer.on('error', reject);
        answer.on('close', () => {
          if (!answer.complete) reject(new Error('the upstream answer ended early'));
        });
      },
    );
    up.on('error', reject);
    // A client that goes away mid-answer (a reader refusing a large object) must not leave s3rver's
    // connection paused behind it: it would hold s3rver open, and its close, forever.
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_XML_BYTES) throw new S3Failure(400, 'MaxMessageLengthExceeded', 'Your request was too big.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of the first `<name>` element; enough for S3's flat request documents. */
function xmlValue(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.trim();
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function sendXml(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function sendError(res: ServerResponse, err: S3Failure, resource: string): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${err.code}</Code><Message>${escapeXml(err.message)}</Message>` +
    `<Resource>${escapeXml(resource)}</Resource><RequestId>${randomUUID()}</RequestId></Error>`;
  res.writeHead(err.status, { 'content-type': 'application/xml' }).end(body);
}
