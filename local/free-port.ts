import { createServer } from 'node:net';

/**
 * Resolves a requested port: 0 asks the OS for a free one on 127.0.0.1. Only needed for servers we
 * cannot bind with port 0 ourselves (DynamoDB Local is a Java process that needs a number up front).
 */
export async function resolvePort(requested: number, host = '127.0.0.1'): Promise<number> {
  if (requested !== 0) return requested;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

/** Polls `probe` until it resolves, or fails with the last error after `timeoutMs`. */
export async function waitUntil(what: string, probe: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not answer within ${timeoutMs} ms`, { cause: last });
}

/** Fails with EADDRINUSE when `port` is taken (for servers that cannot report a listen error themselves). */
export async function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
