import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleBundle } from '../console/build';
import { consoleSecurityHeaders } from '../console/security-headers';

/** Where the console lives on the gateway (the same origin as the API, so no CORS locally). */
export const CONSOLE_PREFIX = '/console';

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
