import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/** The one structured logger (Powertools): JSON lines with the service, and per invocation the request id. */
export const logger = new Logger({ serviceName: 'motcua' });

/** Middy middleware: every log line of an invocation carries its request id, function name and cold-start flag. */
export const lambdaContextLogging = () => injectLambdaContext(logger, { resetKeys: true });

/** A workflow step (a plain Lambda task), with the invocation's context on its log lines. */
export function stepHandler<E, R>(fn: (event: E) => Promise<R>) {
  return middy<E, R, Error, Context>(fn).use(lambdaContextLogging());
}
