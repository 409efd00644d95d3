import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FUNCTION_NAMES, type FunctionName } from '../lambdas/shared/catalogue';
import { HANDLER_BUNDLE, sideFileCommands } from './bundling';
import { acknowledge } from './nag';

/** The seven Lambda handlers in lambdas/handlers, each `export const handler` (named in the function catalogue). */
export const HANDLER_NAMES = FUNCTION_NAMES;
export type HandlerName = FunctionName;

/** Metrics namespace for Powertools EMF metrics (lambdas/shared/observability.ts reads it). */
export const METRICS_NAMESPACE = 'Docket';

const PROJECT_ROOT = path.join(__dirname, '..');

/** Where a handler's source lives in this repository. */
export function handlerEntry(name: HandlerName): string {
  return path.join(PROJECT_ROOT, 'lambdas', 'handlers', `${name}.ts`);
}

export interface DocketFunctionProps {
  readonly handlerName: HandlerName;
  readonly description: string;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Source file to bundle.
   * @default - lambdas/handlers/<handlerName>.ts of this repository
   */
  readonly entry?: string;
}

/**
 * One Docket handler: Node.js 22 on arm64, bundled locally by esbuild (the devDependency; no Docker),
 * minified ESM with source maps, X-Ray active, its own log group with retention, Powertools environment.
 *
 * The AWS SDK is bundled, not left to the runtime: handlers and their adapter tests run against the SDK
 * versions in package-lock.json, while the runtime's copy changes under us without notice.
 */
export class DocketFunction extends nodejs.NodejsFunction {
  constructor(scope: Construct, id: string, props: DocketFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      entry: props.entry ?? handlerEntry(props.handlerName),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 512,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: `docket-${props.handlerName}`,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
      bundling: {
        // The shared settings (lib/bundling.ts), which the bench measures.
        minify: HANDLER_BUNDLE.minify,
        sourceMap: HANDLER_BUNDLE.sourcemap,
        target: HANDLER_BUNDLE.target,
        format: nodejs.OutputFormat.ESM,
        charset: nodejs.Charset.UTF8,
        mainFields: [...HANDLER_BUNDLE.mainFields],
        bundleAwsSDK: HANDLER_BUNDLE.bundleAwsSdk,
        banner: HANDLER_BUNDLE.banner,
        externalModules: [...HANDLER_BUNDLE.external],
        esbuildArgs: Object.fromEntries(
          Object.entries(HANDLER_BUNDLE.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => sideFileCommands(outputDir),
        },
      },
    });
    acknowledge(
      this,
      'L1',
      'Pinned to nodejs22.x on purpose: the handlers are built and tested on Node 22 (package.json); upgrade deliberately with the toolchain.',
    );
    acknowledge(
      this,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole allows only CloudWatch Logs writes (CreateLogGroup, CreateLogStream, PutLogEvents).',
    );
    acknowledge(
      this,
      'IAM5[Resource::*]',
      'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    );
  }
}
