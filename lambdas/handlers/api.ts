import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoNoticeStore } from '../adapters/dynamodb/notice-store';
import { DynamoReportStore } from '../adapters/dynamodb/report-store';
import { jsonBody } from '../app/api/middleware/json-body';
import { problemErrors } from '../app/api/middleware/problem-errors';
import type { ApiDeps } from '../app/api/request';
import { dispatch } from '../app/api/router';
import type { ApiResponse } from '../app/api/http';
import { clients } from '../shared/clients';
import { container } from '../shared/container';
import { logger } from '../shared/observability';

let deps: Promise<ApiDeps> | undefined;

/** The API's ports: the shared container plus the notice and report stores on the same table. */
function apiDeps(): Promise<ApiDeps> {
  deps ??= container('api')
    .then((c) => ({
      ...c,
      notices: new DynamoNoticeStore(clients().dynamo, c.config.tableName),
      reports: new DynamoReportStore(clients().dynamo, c.config.tableName),
    }))
    .catch((err: unknown) => {
      deps = undefined;
      throw err;
    });
  return deps;
}

const lower = (h: APIGatewayProxyEventV2['headers']): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

/** Agents', supervisors' and auditors' HTTP API: API Gateway HTTP API (payload 2.0) -> router -> use case. */
export const handler = middy<APIGatewayProxyEventV2, ApiResponse>()
  .use(problemErrors((message, err) => logger.error(message, err as Error)))
  .use(jsonBody())
  .handler(async (event) =>
    dispatch(
      event,
      {
        query: event.queryStringParameters ?? {},
        headers: lower(event.headers),
        body: event.body as unknown,
      },
      await apiDeps(),
    ),
  );
