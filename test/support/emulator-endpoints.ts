import type { LocalEndpoints } from '../../local/local-aws';

/** The variable through which globalSetup hands the emulators' endpoints to test workers. */
export const ENDPOINTS_VAR = 'DOCKET_TEST_ENDPOINTS';

/** The endpoints of the emulators the Jest globalSetup started (shared by every test file of a run). */
export function testEndpoints(env: NodeJS.ProcessEnv = process.env): LocalEndpoints {
  const raw = env[ENDPOINTS_VAR];
  if (!raw)
    throw new Error(
      `${ENDPOINTS_VAR} is not set: run tests through jest (its globalSetup test/support/global-setup.ts starts the emulators)`,
    );
  return JSON.parse(raw) as LocalEndpoints;
}
