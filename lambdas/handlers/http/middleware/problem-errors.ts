import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import {
  ConcurrencyError,
  DuplicateError,
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../../../core/errors';
import { ConflictError, PreconditionFailedError } from '../../../app/api/errors';
import { PayloadTooLargeError, RouteNotFoundError, UnauthorizedError, UnsupportedMediaTypeError } from '../errors';
import { problem, type ApiResponse } from '../response';

interface Mapping {
  readonly status: number;
  readonly title: string;
}

const MAPPINGS: ReadonlyArray<readonly [new (...args: never[]) => Error, Mapping]> = [
  [ValidationError, { status: 400, title: 'Bad Request' }],
  [UnauthorizedError, { status: 401, title: 'Unauthorized' }],
  [ForbiddenError, { status: 403, title: 'Forbidden' }],
  [NotFoundError, { status: 404, title: 'Not Found' }],
  [IllegalTransitionError, { status: 409, title: 'Conflict' }],
  [ConcurrencyError, { status: 409, title: 'Conflict' }],
  [DuplicateError, { status: 409, title: 'Conflict' }],
  [ConflictError, { status: 409, title: 'Conflict' }],
  [PreconditionFailedError, { status: 412, title: 'Precondition Failed' }],
  [PayloadTooLargeError, { status: 413, title: 'Payload Too Large' }],
  [UnsupportedMediaTypeError, { status: 415, title: 'Unsupported Media Type' }],
];

/** Maps any thrown error to a problem document; unknown errors become a 500 that reveals nothing. */
export function toProblem(err: unknown): { response: ApiResponse; unexpected: boolean } {
  if (err instanceof z.ZodError) {
    const errors = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { response: problem(400, 'Bad Request', z.prettifyError(err), { errors }), unexpected: false };
  }
  if (err instanceof RouteNotFoundError) {
    return err.allowed.length
      ? {
          response: problem(405, 'Method Not Allowed', err.message, {}, { allow: err.allowed.join(', ') }),
          unexpected: false,
        }
      : { response: problem(404, 'Not Found', err.message), unexpected: false };
  }
  for (const [type, m] of MAPPINGS) {
    if (err instanceof type) {
      const headers: Record<string, string> = m.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
      return { response: problem(m.status, m.title, err.message, {}, headers), unexpected: false };
    }
  }
  return {
    response: problem(500, 'Internal Server Error', 'something went wrong; the request id is in the logs'),
    unexpected: true,
  };
}

/** The one place errors become HTTP responses (clean-serverless-code style): problem+json, RFC 9457. */
export function problemErrors(
  log: (message: string, err: unknown) => void,
): MiddlewareObj<APIGatewayProxyEventV2, ApiResponse> {
  return {
    onError: async (request) => {
      const { response, unexpected } = toProblem(request.error);
      if (unexpected)
        log(`unhandled error on ${request.event.requestContext?.http?.method} ${request.event.rawPath}`, request.error);
      request.response = response;
    },
  };
}
