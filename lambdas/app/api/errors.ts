import { DocketError } from '../../core/errors';

/**
 * Errors of the API's use cases that core has no word for. The handler layer maps them (and core's
 * errors) to HTTP statuses; nothing here knows HTTP.
 */

/** The caller said which version of the case it read, and the case has moved on since. API: 412. */
export class PreconditionFailedError extends DocketError {}

/** The request conflicts with the case's state in a way that is not a status transition. API: 409. */
export class ConflictError extends DocketError {}
