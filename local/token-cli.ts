import { parseArgs } from 'node:util';
import { z } from 'zod';
import { dataDirFromEnv, loadOrCreateSecrets } from './local-secrets';
import { ROLES, signLocalToken } from './tokens';

/**
 * `npm run --silent token -- --role agent [--sub alice] [--email a@x] [--ttl 3600]`: prints one signed
 * local JWT and nothing else, so `TOKEN=$(npm run --silent token -- --role agent)` works.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, sub: { type: 'string' }, email: { type: 'string' }, ttl: { type: 'string' } },
    strict: true,
  });
  const { jwtSecret } = loadOrCreateSecrets(dataDirFromEnv());
  const token = await signLocalToken(
    {
      role: values.role as (typeof ROLES)[number],
      ...(values.sub ? { sub: values.sub } : {}),
      ...(values.email ? { email: values.email } : {}),
      ...(values.ttl ? { ttl: Number(values.ttl) } : {}),
    },
    jwtSecret,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  const detail =
    err instanceof z.ZodError
      ? z.prettifyError(err).replace(/\n/g, '; ')
      : err instanceof Error
        ? err.message
        : String(err);
  process.stderr.write(
    `token: ${detail} (usage: --role ${ROLES.join('|')} [--sub NAME] [--email ADDRESS] [--ttl SECONDS])\n`,
  );
  process.exit(2);
});
