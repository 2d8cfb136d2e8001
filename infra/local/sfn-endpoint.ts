import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from './sfn-asl';
import { ServiceError } from './sfn-task-tokens';
import type { Execution, LocalStepFunctions } from './step-functions';

/** The Step Functions API (awsJson1_0 over HTTP) of the local host, so that `@aws-sdk/client-sfn` works unchanged. */
export class StepFunctionsEndpoint {
  private server?: Server;

  constructor(private readonly engine: LocalStepFunctions) {}

  async listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close() {
    return new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '').replace('AWSStepFunctions.', '');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(body));
    };
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
      reply(200, this.dispatch(target, body));
    } catch (error) {
      if (error instanceof ServiceError) reply(400, { __type: error.type, message: error.message });
      else reply(500, { __type: 'InternalFailure', message: (error as Error).message });
    }
  }

  private dispatch(target: string, body: Json): unknown {
    switch (target) {
      case 'StartExecution': {
        const execution = this.engine.start(
          String(body.stateMachineArn),
          String(body.name ?? randomUUID()),
          String(body.input ?? '{}'),
        );
        return { executionArn: execution.executionArn, startDate: seconds(execution.startDate) };
      }
      case 'SendTaskSuccess':
        this.engine.tokens.succeed(String(body.taskToken), String(body.output));
        return {};
      case 'SendTaskFailure':
        this.engine.tokens.fail(
          String(body.taskToken),
          body.error as string | undefined,
          body.cause as string | undefined,
        );
        return {};
      case 'SendTaskHeartbeat':
        if (!this.engine.tokens.has(String(body.taskToken)))
          throw new ServiceError('TaskDoesNotExist', 'Task does not exist');
        return {};
      case 'StopExecution': {
        const execution = this.engine.stop(
          String(body.executionArn),
          body.error as string | undefined,
          body.cause as string | undefined,
        );
        return { stopDate: seconds(execution.stopDate) };
      }
      case 'DescribeExecution': {
        const e = this.engine.describe(String(body.executionArn));
        return {
          ...summary(e),
          input: e.input,
          output: e.output,
          error: e.error,
          cause: e.cause,
        };
      }
      case 'GetExecutionHistory': {
        const e = this.engine.describe(String(body.executionArn));
        const events = body.reverseOrder ? [...e.history].reverse() : e.history;
        return { events: events.map((event) => ({ ...event, timestamp: seconds(event.timestamp as number) })) };
      }
      case 'ListExecutions': {
        const items = this.engine.list(
          body.stateMachineArn as string | undefined,
          body.statusFilter as string | undefined,
        );
        const limit = Math.min(Number(body.maxResults ?? 100) || 100, 1000);
        const offset = Number(body.nextToken ?? 0) || 0;
        const page = items.slice(offset, offset + limit);
        return {
          executions: page.map(summary),
          ...(offset + limit < items.length ? { nextToken: String(offset + limit) } : {}),
        };
      }
      default:
        throw new ServiceError('UnknownOperationException', `operation ${target} is not implemented locally`);
    }
  }
}

/** The SDK reads timestamps of the awsJson protocol as epoch seconds. */
const seconds = (ms?: number) => (ms === undefined ? undefined : ms / 1000);

function summary(e: Execution) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: seconds(e.startDate),
    stopDate: seconds(e.stopDate),
  };
}
