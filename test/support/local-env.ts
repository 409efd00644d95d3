import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateExportKey } from '../../local/local-secrets';
import type { LocalEndpoints } from '../../local/local-aws';
import { localClients, type LocalClients } from '../../local/local-aws';
import { createResources, type LocalResources, type ResourceOptions } from '../../local/resources';
import { testEndpoints } from './emulator-endpoints';

export interface TestEnv {
  readonly endpoints: LocalEndpoints;
  readonly resources: LocalResources;
  /** The handler environment, already applied to process.env. */
  readonly env: Record<string, string>;
  /** SDK clients pointed at the emulators, for arranging and asserting. */
  readonly clients: LocalClients;
  /** Restores process.env and closes the clients; call in afterAll. */
  dispose(): void;
}

/**
 * Creates this test file's own table, queues (with DLQs) and bucket under a random prefix on the shared
 * emulators, and sets process.env to the handlers' configuration. Import handler modules only after this
 * (they read their config at import), e.g. with `await import('../../lambdas/handlers/intake')`.
 *
 * @example
 * let t: TestEnv;
 * beforeAll(async () => { t = await createTestEnv(); });
 * afterAll(() => t.dispose());
 */
export async function createTestEnv(
  opts: Omit<ResourceOptions, 'prefix' | 'exportSigningKeyFile'> = {},
): Promise<TestEnv> {
  const endpoints = testEndpoints();
  const prefix = `t${randomBytes(4).toString('hex')}-`;
  // The export signing key lives in a folder of this env's own, removed with it.
  const keyDir = mkdtempSync(join(tmpdir(), 'docket-export-key-'));
  const removeKeyDir = () => rmSync(keyDir, { recursive: true, force: true });
  let resources: LocalResources;
  try {
    resources = await createResources(endpoints, {
      ...opts,
      prefix,
      exportSigningKeyFile: loadOrCreateExportKey(keyDir),
    });
  } catch (err) {
    removeKeyDir();
    throw err;
  }
  const saved = new Map(Object.keys(resources.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, resources.env);
  const clients = localClients(endpoints);
  return {
    endpoints,
    resources,
    env: resources.env,
    clients,
    dispose: () => {
      clients.destroy();
      removeKeyDir();
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
