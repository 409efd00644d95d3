import { ConfigError } from '../core/errors';

/** Reads a required environment variable; a missing one names itself (fail fast at cold start). */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`environment variable ${name} is required`);
  return value;
}

export function optionalEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Parses a JSON environment variable, naming it when the JSON is malformed. */
export function jsonEnv(name: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const raw = requiredEnv(name, env);
  try {
    return JSON.parse(raw);
  } catch (cause) {
    throw new ConfigError(`environment variable ${name} is not valid JSON`, { cause });
  }
}
