import { DocketError } from '../../core/errors';

/**
 * Errors only the HTTP edge raises: conditions of the request itself, with no meaning inside the domain.
 * Domain errors stay in core/errors.ts and app/api/errors.ts; problem-errors.ts maps all of them.
 */

/** No or unusable credentials reached the handler (the authorizer should have stopped it: defence in depth). 401. */
export class UnauthorizedError extends DocketError {}

/** The request body is larger than the API accepts. 413. */
export class PayloadTooLargeError extends DocketError {}

/** The request body is not in the media type the route takes. 415. */
export class UnsupportedMediaTypeError extends DocketError {}

/** No route for this path (404), or the path exists but not for this method (405). */
export class RouteNotFoundError extends DocketError {
  constructor(readonly allowed: readonly string[] = []) {
    super(allowed.length ? `this path supports ${allowed.join(', ')}` : 'there is no such endpoint');
  }
}
