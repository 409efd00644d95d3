import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { apiDeps } from '../shared/api-deps';
import { logger } from '../shared/observability';
import { jsonBody } from './http/middleware/json-body';
import { problemErrors } from './http/middleware/problem-errors';
import type { ApiResponse } from './http/response';
import { dispatch } from './http/router';

type ApiEvent = APIGatewayProxyEventV2 & Partial<Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>>;

const lower = (h: APIGatewayProxyEventV2['headers']): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

/** Agents', supervisors' and auditors' HTTP API: API Gateway HTTP API (payload 2.0) -> router -> use case. */
export const handler = middy<ApiEvent, ApiResponse>()
  .use(problemErrors((message, err) => logger.error(message, err as Error)))
  .use(jsonBody())
  .handler(async (event) =>
    dispatch(
      {
        method: event.requestContext.http.method,
        path: event.rawPath,
        query: event.queryStringParameters ?? {},
        headers: lower(event.headers),
        body: event.body as unknown,
        ...(event.requestContext.authorizer?.jwt?.claims ? { claims: event.requestContext.authorizer.jwt.claims } : {}),
      },
      await apiDeps(),
    ),
  );
