import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiText } from './openapi';

/** `npm run openapi`: rewrites openapi.json from the routes and their zod schemas (a test fails when it is stale). */
writeFileSync(join(__dirname, '..', 'openapi.json'), openApiText());
