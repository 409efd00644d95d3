import { startEmulators, type Emulators } from '../local/emulators';
import { ENDPOINTS_VAR } from '../test/support/emulator-endpoints';
import { createTestEnv, type TestEnv } from '../test/support/local-env';
import { progress } from './stats';

export interface BenchStack {
  readonly emulators: Emulators;
  readonly env: TestEnv;
  stop(): Promise<void>;
}

/**
 * Starts the emulators exactly as the Jest globalSetup does (free ports, DynamoDB in memory) and creates
 * one prefixed set of resources with createTestEnv, which also applies the handler env to process.env.
 * One env serves both the intake and the SMTP sections: handler modules read their config once at import.
 */
export async function startBenchStack(): Promise<BenchStack> {
  const started = Date.now();
  const emulators = await startEmulators({ ports: { dynamodb: 0, sqs: 0, s3: 0, ses: 0 }, signalPollers: true });
  process.env[ENDPOINTS_VAR] = JSON.stringify(emulators.endpoints);
  try {
    // A long visibility timeout: a slow batch under load must not be redelivered and counted twice.
    const env = await createTestEnv({ visibilityTimeoutSeconds: 120 });
    process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    progress(`emulators and resources up in ${Date.now() - started} ms (DynamoDB Local pid ${emulators.javaPid})`);
    return {
      emulators,
      env,
      stop: async () => {
        env.dispose();
        await emulators.stop();
      },
    };
  } catch (err) {
    await emulators.stop();
    throw err;
  }
}

/** True while a process with this id exists (used to confirm the Java process is gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
