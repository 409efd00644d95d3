import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { inInvocationScope } from './invoke-store';

/** Any Lambda handler in the async style the handlers use. */
export type AsyncHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

/** Thrown when a handler module is not there (yet): other parts of the project write them. */
export class HandlerMissingError extends Error {
  constructor(readonly modulePath: string) {
    super(`handler module ${modulePath} does not exist yet (nothing to invoke; messages stay queued and are retried)`);
    this.name = 'HandlerMissingError';
  }
}

/** The repository root (local/ sits directly under it). */
export const REPO_ROOT = resolve(__dirname, '..');

/**
 * A handler that imports `modulePath` (relative to the repository root) on first use, not before:
 * handlers read their configuration at import, so process.env must be complete first. A failed import
 * is not cached, so a module written while the stack runs is picked up on the next delivery. Each
 * invocation runs in its own scope where the thread has an invoke store (invoke-store.ts); the import
 * happens outside it, as a module's initialisation does on Lambda.
 */
export function lazyHandler<E, R>(modulePath: string, exportName = 'handler'): AsyncHandler<E, R> {
  const file = isAbsolute(modulePath) ? modulePath : resolve(REPO_ROOT, modulePath);
  let loaded: AsyncHandler<E, R> | undefined;
  return async (event, context) => {
    if (!loaded) {
      if (!existsSync(file)) throw new HandlerMissingError(modulePath);
      const mod = (await import(file)) as Record<string, unknown>;
      const fn = mod[exportName];
      if (typeof fn !== 'function') throw new Error(`${modulePath} has no exported function "${exportName}"`);
      loaded = fn as AsyncHandler<E, R>;
    }
    const run = loaded;
    return inInvocationScope(context, () => run(event, context));
  };
}
