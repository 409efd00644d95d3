import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { fromApiResult, toApiEvent } from './api-event';
import type { ConsoleBundle } from '../console/build';
import { isConsolePath, serveConsole } from './console-routes';
import type { AsyncHandler } from './handler-loader';
import { lambdaContext } from './lambda-context';
import type { LocalLogger } from './log';
import { TokenBucket } from './token-bucket';
import { SignInRequestSchema, signLocalToken, verifyLocalToken } from './tokens';

/** Routes that carry no authorizer on AWS either (health, feedback links in mail, the API description). */
export function isPublicRoute(path: string): boolean {
  return path === '/healthz' || path === '/openapi.json' || path.startsWith('/feedback/');
}

/**
 * The public routes' own throttle, as the stage's route settings set it on AWS (lib/api.ts): anyone can
 * call them, so a flood there must not use up the capacity agents work with.
 */
export const PUBLIC_THROTTLE = { ratePerSecond: 5, burst: 10 } as const;

/**
 * Local sign-in for the console: `POST /local/token` with `{"role": "agent", "sub": "alice"}` answers
 * `{"token": "<JWT>"}`, the same token as `npm run token`. Only this local gateway serves it; the Lambda
 * and AWS know no such route.
 */
export const TOKEN_MINT_PATH = '/local/token';

/** Default request body cap; larger bodies get 413 while still streaming, never fully buffered. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface GatewayOptions {
  readonly port: number;
  readonly host?: string;
  readonly jwtSecret: string;
  readonly handler: AsyncHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2<unknown>>;
  readonly log: LocalLogger;
  readonly maxBodyBytes?: number;
  /** @default PUBLIC_THROTTLE */
  readonly publicThrottle?: { readonly ratePerSecond: number; readonly burst: number };
  /** Serve {@link TOKEN_MINT_PATH}. @default true */
  readonly mintTokens?: boolean;
  /** The built console, served under `/console/` (deep links get the app; no token needed). */
  readonly console?: ConsoleBundle;
}

export interface Gateway {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...extra });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers the local sign-in route; returns the status sent. */
async function mintToken(req: IncomingMessage, res: ServerResponse, secret: string): Promise<number> {
  if (req.method !== 'POST') {
    problem(res, 405, 'Method Not Allowed', `${TOKEN_MINT_PATH} takes POST`, { allow: 'POST' });
    return 405;
  }
  let request;
  try {
    request = SignInRequestSchema.parse(JSON.parse((await readBody(req, 4096)).toString('utf8')));
  } catch {
    problem(res, 400, 'Bad Request', 'send {"role": "agent|supervisor|auditor", "sub": "<user name>"} as JSON');
    return 400;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ token: await signLocalToken(request, secret) }));
  return 200;
}

/** The token API Gateway's JWT authorizer reads: the Authorization header, with or without `Bearer `. */
function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  return header.replace(/^Bearer\s+/i, '').trim() || undefined;
}

/**
 * An HTTP server playing API Gateway HTTP API with a JWT authorizer: verifies local tokens (401 problem
 * document otherwise, before the handler runs), builds payload-2.0 events and maps results back.
 */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const throttle = opts.publicThrottle ?? PUBLIC_THROTTLE;
  const publicBucket = new TokenBucket(throttle.ratePerSecond, throttle.burst);
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const done = (status: number): void => opts.log.info(`${req.method} ${path} ${status} ${Date.now() - started}ms`);
    if (opts.console && isConsolePath(path)) return done(serveConsole(req, res, path, opts.console));
    if (path === TOKEN_MINT_PATH && opts.mintTokens !== false) return done(await mintToken(req, res, opts.jwtSecret));
    let claims: JWTPayload | undefined;
    if (isPublicRoute(path)) {
      if (!publicBucket.take()) {
        // API Gateway's own throttling answer.
        res.writeHead(429, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Too Many Requests' }));
        return done(429);
      }
    } else {
      const token = bearer(req);
      if (!token) {
        problem(res, 401, 'Unauthorized', 'a bearer token is required', { 'www-authenticate': 'Bearer' });
        return done(401);
      }
      try {
        claims = await verifyLocalToken(token, opts.jwtSecret);
      } catch (err) {
        const reason = err instanceof Error ? err.message : 'invalid token';
        problem(res, 401, 'Unauthorized', `the bearer token was rejected: ${reason}`, {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
        return done(401);
      }
    }
    let body: Buffer;
    try {
      body = await readBody(req, max);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        problem(res, 413, 'Payload Too Large', `request bodies are limited to ${max} bytes`);
        return done(413);
      }
      throw err;
    }
    let response;
    try {
      response = fromApiResult(await opts.handler(toApiEvent(req, body, claims), lambdaContext('api', 29_000)));
    } catch (err) {
      opts.log.error(`api handler failed on ${req.method} ${path}`, err);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal Server Error' })); // what API Gateway returns when the integration fails
      return done(500);
    }
    res.writeHead(response.statusCode, response.headers);
    res.end(response.body);
    done(response.statusCode);
  };
  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      opts.log.error('gateway error', err);
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', 'the local gateway failed');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    stop: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
