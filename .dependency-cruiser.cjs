/**
 * The rings of docs/architecture.md, checked by a machine (`npm run lint:boundaries`):
 * core (pure domain) <- app (use cases on ports) <- adapters (ports on AWS) <- handlers (thin Lambda entry
 * points) <- shared (the Lambda composition root). `local/` and `lib/` are the other composition roots.
 */
const ours = '^lambdas/';
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core imports nothing of ours but core',
      severity: 'error',
      from: { path: '^lambdas/core/' },
      to: { path: '^(lambdas/(?!core/)|lib/|local/|bin/|test/|bench/|openapi\\.json)' },
    },
    {
      name: 'core-no-aws',
      comment: 'core has no AWS SDK, no aws-lambda types, no middy',
      severity: 'error',
      from: { path: '^lambdas/core/' },
      to: { path: 'node_modules/(@aws-sdk|@smithy|@types/aws-lambda|aws-lambda|@middy|@aws-lambda-powertools)/' },
    },
    {
      name: 'app-on-core',
      comment: 'use cases import core only (ports are interfaces in core)',
      severity: 'error',
      from: { path: '^lambdas/app/' },
      to: { path: '^(lambdas/(?!core/|app/)|lib/|local/|bin/|test/|bench/|openapi\\.json)' },
    },
    {
      name: 'app-no-aws',
      comment: 'use cases know no AWS SDK, Lambda event shapes or middy',
      severity: 'error',
      from: { path: '^lambdas/app/' },
      to: { path: 'node_modules/(@aws-sdk|@smithy|@types/aws-lambda|aws-lambda|@middy|@aws-lambda-powertools)/' },
    },
    {
      name: 'adapters-on-core',
      comment: 'adapters implement core ports; they import core and each other, never app, handlers or shared',
      severity: 'error',
      from: { path: '^lambdas/adapters/' },
      to: { path: '^(lambdas/(?!core/|adapters/)|lib/|local/|bin/|test/|bench/)' },
    },
    {
      name: 'handlers-wire-app',
      comment: 'handlers import app, adapters, shared (and core types); never lib, local or tests',
      severity: 'error',
      from: { path: '^lambdas/handlers/' },
      to: { path: '^(lib/|local/|bin/|test/|bench/)' },
    },
    {
      name: 'shared-is-the-root',
      comment:
        'the composition root (shared) may import anything in lambdas; nothing in core, app or adapters imports it',
      severity: 'error',
      from: { path: '^lambdas/(core|app|adapters)/' },
      to: { path: '^lambdas/shared/' },
    },
    {
      name: 'roots-use-public-adapters',
      comment:
        'lib/ imports the pure core (to validate context), the function catalogue (lambdas/shared/catalogue.ts) and the table schema; nothing else',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^lambdas/(?!core/|shared/catalogue\\.ts$|adapters/dynamodb/table-schema\\.ts$)' },
    },
    {
      name: 'local-no-adapter-internals',
      comment: 'the local stack wires the same pieces as Lambda, through lambdas/shared, not adapter internals',
      severity: 'error',
      from: { path: '^local/' },
      to: { path: '^lambdas/adapters/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: ours },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|coverage|\\.local-data|console/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
