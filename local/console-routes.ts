import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleBundle } from '../console/build';
import { consoleSecurityHeaders } from '../console/security-headers';
import { signLocalToken, TokenRequestSchema } from './tokens';

/** Where the console lives on the gateway (the same origin as the API, so no CORS locally). */
export const CONSOLE_PREFIX = '/console';
/** The local-only route that mints a token for the console's sign-in page (never deployed). */
export const MINT_PATH = '/local/token';
/** A token request is a role and a user name: anything bigger is not one. */
const MAX_MINT_BODY = 2048;

export function isConsolePath(path: string): boolean {
  return path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`);
}

/**
 * Serves the built console: its assets, a `config.json` that says "local sign-in, API on this origin",
 * and `index.html` for every other path under `/console/` so deep links (`/console/cases/<tracking>`)
 * load the app, which then routes. With the same security headers as CloudFront adds. Returns the status.
 */
export function serveConsole(req: IncomingMessage, res: ServerResponse, path: string, bundle: ConsoleBundle): number {
  const headers = { ...consoleSecurityHeaders(), 'cache-control': 'no-cache' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' });
    res.end();
    return 405;
  }
  if (path === CONSOLE_PREFIX) {
    res.writeHead(308, { ...headers, location: `${CONSOLE_PREFIX}/` });
    res.end();
    return 308;
  }
  const rest = path.slice(CONSOLE_PREFIX.length + 1);
  if (rest === 'config.json') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ mode: 'local', apiUrl: '' }));
    return 200;
  }
  const asset = rest.startsWith('assets/') ? bundle.get(rest) : bundle.get('index.html');
  if (!asset) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
    res.end('not found');
    return 404;
  }
  res.writeHead(200, { ...headers, 'content-type': asset.contentType, 'content-length': asset.body.length });
  res.end(req.method === 'HEAD' ? undefined : asset.body);
  return 200;
}

/**
 * `POST /local/token {role, sub}`: a token signed with the local stack's key, what `npm run token` prints.
 * Only the local gateway has this route; on AWS, Cognito issues tokens.
 */
export async function mintToken(req: IncomingMessage, res: ServerResponse, secret: string): Promise<number> {
  const send = (status: number, body: unknown): number => {
    res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'application/problem+json' });
    res.end(JSON.stringify(body));
    return status;
  };
  if (req.method !== 'POST') return send(405, { title: 'Method Not Allowed', status: 405, detail: 'use POST' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_MINT_BODY)
      return send(413, { title: 'Payload Too Large', status: 413, detail: 'a role and a name' });
    chunks.push(chunk);
  }
  let parsed;
  try {
    parsed = TokenRequestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
  } catch {
    return send(400, { title: 'Bad Request', status: 400, detail: 'the body must be JSON' });
  }
  if (!parsed.success)
    return send(400, {
      title: 'Bad Request',
      status: 400,
      detail: 'expected {"role": "agent|supervisor|auditor", "sub": "name"}',
    });
  return send(200, { token: await signLocalToken(parsed.data, secret) });
}
