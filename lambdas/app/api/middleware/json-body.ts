import type { MiddlewareObj } from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../../../core/errors';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';

/** Largest request body the API accepts: an agent's reply with some HTML, never an attachment. */
export const MAX_BODY_BYTES = 256 * 1024;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Body guard and JSON parsing for writes: bodies over {@link MAX_BODY_BYTES} are 413 before parsing,
 * a non-JSON content type is 415, malformed JSON is 400. Reads and bodiless requests pass untouched
 * (their `body` stays undefined), so a use case's schema decides whether a body was required.
 */
export function jsonBody(): MiddlewareObj<APIGatewayProxyEventV2> {
  const parser = jsonBodyParser();
  return {
    before: async (request) => {
      const event = request.event;
      if (
        !WRITE_METHODS.has(event.requestContext.http.method.toUpperCase()) ||
        event.body === undefined ||
        event.body === ''
      ) {
        if (event.body === '') delete (event as { body?: unknown }).body;
        return;
      }
      const bytes = event.isBase64Encoded
        ? Math.floor((event.body.length * 3) / 4)
        : Buffer.byteLength(event.body, 'utf8');
      if (bytes > MAX_BODY_BYTES)
        throw new PayloadTooLargeError(`request bodies are limited to ${MAX_BODY_BYTES} bytes`);
      try {
        await parser.before!(request as never);
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status === 415) throw new UnsupportedMediaTypeError('send the body as application/json', { cause: err });
        throw new ValidationError('the body is not valid JSON', { cause: err });
      }
    },
  };
}
