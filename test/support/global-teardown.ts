import type { Emulators } from '../../local/emulators';
import { ENDPOINTS_VAR } from './emulator-endpoints';
import { EMULATORS_KEY } from './global-setup';

/** Jest globalTeardown: stops the emulators (and DynamoDB Local's Java process), pass or fail. */
export default async function globalTeardown(): Promise<void> {
  const emulators = (globalThis as Record<symbol, Emulators | undefined>)[EMULATORS_KEY];
  delete (globalThis as Record<symbol, Emulators | undefined>)[EMULATORS_KEY];
  delete process.env[ENDPOINTS_VAR];
  await emulators?.stop();
}
