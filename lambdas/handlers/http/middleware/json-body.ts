import type { MiddlewareObj } from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../../../core/errors';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { isFormBody, MAX_BODY_BYTES } from '../media';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Body guard and parsing for writes: bodies over {@link MAX_BODY_BYTES} are 413 before parsing; JSON is
 * parsed (malformed JSON is 400), an HTML form (`application/x-www-form-urlencoded`, what the public
 * confirmation pages post) becomes an object of its fields, any other content type is 415. The router
 * then refuses a form on a JSON route and the reverse. Reads and bodiless requests pass untouched (their
 * `body` stays undefined), so a route's schema decides whether a body was required.
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
      const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      if (isFormBody(headers['content-type'])) {
        const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
        (event as { body?: unknown }).body = Object.fromEntries(new URLSearchParams(raw));
        return;
      }
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
