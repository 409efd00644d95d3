import { startEmulators, type Emulators } from '../../local/emulators';
import { CHROMIUM_VAR, prepareChromium } from '../console/browser';
import { ENDPOINTS_VAR } from './emulator-endpoints';

/** Shared with global-teardown.ts (both run in Jest's parent process). */
export const EMULATORS_KEY = Symbol.for('docket.test.emulators');

/**
 * Jest globalSetup: starts DynamoDB Local (in memory), the SQS, S3 and SES emulators once per run on
 * free ports, and passes their endpoints to the test workers through process.env (workers are forked
 * after this runs and inherit it). Each test file then creates its own prefixed resources
 * (test/support/local-env.ts). The Java process is also killed by a watchdog if Jest dies.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  // The browser tests' Chromium is unpacked once per run here (a few seconds the first time, then cached),
  // so parallel workers never race to unpack it; before the emulators, as it briefly points TMPDIR elsewhere.
  process.env[CHROMIUM_VAR] = await prepareChromium();
  const emulators = await startEmulators({ ports: { dynamodb: 0, sqs: 0, s3: 0, ses: 0 } });
  (globalThis as Record<symbol, Emulators>)[EMULATORS_KEY] = emulators;
  process.env[ENDPOINTS_VAR] = JSON.stringify(emulators.endpoints);
  if (process.env.DOCKET_TEST_VERBOSE)
    process.stdout.write(`\nemulators up in ${Date.now() - started} ms: ${JSON.stringify(emulators.endpoints)}\n`);
}
