import { openApiDocument } from '../lambdas/handlers/http/openapi';
import { ROUTES } from '../lambdas/handlers/http/router';

/** The document as the repository ships it in openapi.json: generated from the routes, two-space JSON. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(ROUTES), null, 2)}\n`;
}
