import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/** The one structured logger (Powertools): JSON lines with the service, and per invocation the request id. */
export const logger = new Logger({ serviceName: 'motcua' });

/** Middy middleware: every log line of an invocation carries its request id, function name and cold-start flag. */
export const lambdaContextLogging = () => injectLambdaContext(logger, { resetKeys: true });

const maps = new Map<string, SourceMap | undefined>();
function sourceMapOf(bundle: string): SourceMap | undefined {
  if (!maps.has(bundle)) {
    try {
      maps.set(bundle, new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(bundle)}.map`, 'utf8'))));
    } catch {
      maps.set(bundle, undefined);
    }
  }
  return maps.get(bundle);
}

/**
 * A stack trace in terms of our TypeScript sources. Each bundle ships its source map (without the sources), but Node
 * does not load it at start: `--enable-source-maps` cost a fifth of a cold start (`npm run bench:bundles`). The map
 * is read here instead, once, when an error is logged; frames without a map stay as they are.
 */
export function sourceStack(stack: string): string {
  return stack.replace(
    /(file:\/\/[^\s)]+\.mjs):(\d+):(\d+)/g,
    (frame, bundle: string, line: string, column: string) => {
      const entry = sourceMapOf(bundle)?.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry || !('originalSource' in entry)) return frame;
      return `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    },
  );
}

/** Logs an error nobody handled, its stack mapped to our sources. */
export function logUnhandled(message: string, error: unknown) {
  if (error instanceof Error && error.stack) error.stack = sourceStack(error.stack);
  logger.error(message, { error: error as Error });
}

/** A workflow step (a plain Lambda task), with the invocation's context on its log lines and its failures logged. */
export function stepHandler<E, R>(fn: (event: E) => Promise<R>) {
  return middy<E, R, Error, Context>(fn)
    .use(lambdaContextLogging())
    .use({
      onError: (request) => {
        // Step Functions retries or catches it; the log says where it came from.
        logUnhandled('step failed', request.error);
      },
    });
}
