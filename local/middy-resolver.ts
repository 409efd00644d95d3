import Module from 'node:module';
import { resolve } from 'node:path';

/**
 * middy 7 publishes only an `import` export condition, and tsx runs this project's TypeScript as CommonJS,
 * so `require('@middy/core')` fails to resolve. Same fix as jest.config.js's moduleNameMapper: point the
 * resolver at the package's index.js, which Node 22 then loads through require(esm).
 * Used by every tsx entry point that runs handlers (npm start, npm run bench); Lambda bundles and Jest
 * do not need it. Call before any handler module is imported.
 */
export function installMiddyResolver(): void {
  const mod = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = mod._resolveFilename;
  const root = resolve(__dirname, '..', 'node_modules');
  mod._resolveFilename = function (request: string, ...rest: unknown[]): string {
    const m = /^@middy\/([a-z-]+)$/.exec(request);
    if (m) return resolve(root, '@middy', m[1]!, 'index.js');
    return original.call(this, request, ...rest);
  };
}
