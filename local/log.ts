/**
 * One readable line per event, prefixed with the part that speaks (`[smtp]`, `[sqs:inbound]`), so the
 * foreground `npm start` output reads as a timeline. Tests pass a silent logger.
 */
export interface LocalLogger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
  child(part: string): LocalLogger;
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** A logger writing `HH:MM:SS [part] message` lines to stdout (errors to stderr). */
export function consoleLogger(part = 'docket'): LocalLogger {
  const stamp = (): string => new Date().toISOString().slice(11, 19);
  return {
    info: (message) => process.stdout.write(`${stamp()} [${part}] ${message}\n`),
    error: (message, err) =>
      process.stderr.write(`${stamp()} [${part}] ERROR ${message}${err === undefined ? '' : `: ${describe(err)}`}\n`),
    child: (sub) => consoleLogger(sub),
  };
}

/** A logger that drops info lines and keeps errors in memory (tests read `errors`). */
export function silentLogger(): LocalLogger & { readonly errors: string[] } {
  const errors: string[] = [];
  const logger = {
    errors,
    info: () => undefined,
    error: (message: string, err?: unknown) => {
      errors.push(err === undefined ? message : `${message}: ${describe(err)}`);
    },
    child: () => logger,
  };
  return logger;
}
