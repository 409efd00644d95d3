import { DocketError } from '../../core/errors';

/**
 * Errors only the HTTP edge raises. Domain errors stay in core/errors.ts; these name HTTP conditions
 * that have no meaning inside the domain.
 */

/** No or unusable credentials reached the handler (the authorizer should have stopped it: defence in depth). API: 401. */
export class UnauthorizedError extends DocketError {}

/** `If-Match` named a version the case no longer has (RFC 9110 §13.1.1). API: 412. */
export class PreconditionFailedError extends DocketError {}

/** The request body is larger than the API accepts. API: 413. */
export class PayloadTooLargeError extends DocketError {}

/** The request body is not JSON. API: 415. */
export class UnsupportedMediaTypeError extends DocketError {}

/** The request conflicts with the case's state in a way that is not a status transition. API: 409. */
export class ConflictError extends DocketError {}

/** No route for this path (404), or the path exists but not for this method (405). */
export class RouteNotFoundError extends DocketError {
  constructor(readonly allowed: readonly string[] = []) {
    super(allowed.length ? `this path supports ${allowed.join(', ')}` : 'there is no such endpoint');
  }
}
