/**
 * Typed domain errors. Each sets `name` and keeps `cause`, so logs and the API edge can tell them apart
 * without string matching. The API maps them to problem documents; SQS paths rethrow them.
 */
export class DocketError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that can never succeed (a malformed tracking number, an unknown field). API: 400. */
export class ValidationError extends DocketError {}

/** The thing asked for does not exist. API: 404. */
export class NotFoundError extends DocketError {}

/** A state transition that the case lifecycle forbids. API: 409. */
export class IllegalTransitionError extends DocketError {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`a case cannot go from ${from} to ${to}`);
  }
}

/** Someone else changed the item first (optimistic concurrency). Retry with fresh state. API: 409/412. */
export class ConcurrencyError extends DocketError {}

/** The write was already done (idempotent replay). Callers treat it as success. */
export class DuplicateError extends DocketError {}

/** The caller is known but not allowed. API: 403. */
export class ForbiddenError extends DocketError {}

/** A required setting is missing or malformed; names the variable. Thrown at cold start. */
export class ConfigError extends DocketError {}

/**
 * The mail provider refused a send because of its limits: `rate` (SES "Maximum sending rate exceeded")
 * or `daily_quota` (SES "Daily message quota exceeded"), or the shared send budget had no room (`budget`). Back-pressure, never a failure: the request
 * waits and is sent later.
 */
export class SendThrottledError extends DocketError {
  constructor(
    readonly limit: 'rate' | 'daily_quota' | 'budget',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A stored object is larger than its reader accepts; refused before its body was read. */
export class BlobTooLargeError extends DocketError {
  constructor(
    readonly key: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${key} has ${size} bytes, more than the ${limit} accepted`);
  }
}
