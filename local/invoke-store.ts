import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';

/**
 * On AWS each function has its own execution environment; the local stack runs several functions, and
 * many invocations of each, in one thread, where the handlers share module state: above all the one
 * Powertools logger, on which `injectLambdaContext` sets the invocation's function name and request id,
 * so a line of intake could carry the mailer's. Lambda's runtime for concurrent invocations in one
 * environment (Lambda Managed Instances) runs each invocation in an `InvokeStore` backed by
 * AsyncLocalStorage and sets `AWS_LAMBDA_MAX_CONCURRENCY`; Powertools then keeps the Lambda context,
 * keys, log level and metrics per invocation. The local stack does the same, so the handlers run unchanged.
 */
let installed: InvokeStoreBase | undefined;

/** What the local stack announces; Powertools and the store only test that the variable is there. */
const LOCAL_MAX_CONCURRENCY = '64';

/**
 * Makes this thread's invocations scoped (see above). Call it before this thread makes any AWS SDK request:
 * the SDK creates the store on its first request, as a single-invocation one when the variable is not set yet.
 */
export async function installInvokeStore(): Promise<void> {
  if (installed) return;
  if (globalThis.awslambda?.InvokeStore !== undefined)
    throw new Error('the invoke store must be installed before this thread makes its first AWS SDK request');
  installed = await InvokeStore.getInstanceAsync(true);
  // Powertools reads this on every access and needs the store in place once it is set.
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= LOCAL_MAX_CONCURRENCY;
}

/** Runs one invocation in its own scope, as Lambda's runtime does; a plain call where no store is installed. */
export function inInvocationScope<R>(context: Context, invoke: () => Promise<R>): Promise<R> {
  if (!installed) return invoke();
  return installed.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, invoke);
}
