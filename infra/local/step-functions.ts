import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { EXECUTION_NAME } from '../../functions/adapters/workflow-engine';
import { LocalClock } from './clock';
import { lambdaContext } from './lambda-context';
import type { Timer } from './timers';

// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 20 lacks (Node 22 has it).
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

const { StateMachine } = await import('aws-local-stepfunctions');

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;
type Json = Record<string, unknown>;

/** The library parks its own task timeout here (23 days, under Node's timer limit); real timeouts are enforced below. */
const PARKED_TIMEOUT_SECONDS = 2_000_000;
const TOKEN_SENTINEL = '__motcua_task_token__';
const TIMEOUT_FIELD = '__motcuaTimeoutSeconds';

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

class TaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  history: Json[];
  abort?: () => void;
}

interface PendingToken {
  executionArn: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  timer?: Timer;
}

/**
 * A local AWS Step Functions: runs the compiled ASL on aws-local-stepfunctions and adds what that engine lacks — the
 * `.waitForTaskToken` callback pattern (a task waits on a promise settled by SendTaskSuccess/Failure), task timeouts
 * from TimeoutSeconds/TimeoutSecondsPath without the 60 s default nor the 24.8-day overflow, Lambda service-integration
 * result shapes, and an awsJson1_0 endpoint so that `@aws-sdk/client-sfn` works unchanged.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, { name: string; definition: Json }>();
  private readonly executions = new Map<string, Execution>();
  private readonly tokens = new Map<string, PendingToken>();
  private server?: Server;

  constructor(
    private readonly functions: Record<string, LambdaHandler>,
    /** The clock step timeouts are measured on (the runtime's development clock). */
    readonly clock: LocalClock = new LocalClock(),
    private readonly region = 'local',
    private readonly account = '000000000000',
  ) {}

  machineArn(name: string) {
    return `arn:aws:states:${this.region}:${this.account}:stateMachine:${name}`;
  }

  functionArn(name: string) {
    return `arn:aws:lambda:${this.region}:${this.account}:function:${name}`;
  }

  register(name: string, definition: Json) {
    const text = JSON.stringify(definition);
    if (text.includes('"QueryLanguage":"JSONata"') || text.includes('"Assign"')) {
      throw new Error(`state machine ${name}: JSONata and Assign are not supported by the local engine; use JSONPath`);
    }
    this.machines.set(this.machineArn(name), { name, definition });
  }

  /** Every execution this host ran, newest first. */
  list(stateMachineArn?: string, status?: string) {
    return [...this.executions.values()]
      .filter((e) => (!stateMachineArn || e.stateMachineArn === stateMachineArn) && (!status || e.status === status))
      .sort((a, b) => b.startDate - a.startDate);
  }

  start(stateMachineArn: string, name: string, input: string): Execution {
    const machine = this.machines.get(stateMachineArn);
    if (!machine)
      throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    if (!EXECUTION_NAME.test(name)) throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
    const executionArn = `arn:aws:states:${this.region}:${this.account}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // AWS answers an identical StartExecution of a running execution with that execution (idempotent).
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input);
    } catch {
      throw new ServiceError('InvalidExecutionInput', 'Invalid execution input: not JSON');
    }
    const execution: Execution = {
      executionArn,
      stateMachineArn,
      name,
      status: 'RUNNING',
      input,
      startDate: Date.now(),
      history: [],
    };
    this.executions.set(executionArn, execution);
    this.run(execution, machine.definition, parsedInput);
    return execution;
  }

  private run(execution: Execution, definition: Json, input: unknown) {
    const prepared = prepare(definition);
    const overrides: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, state] of taskStates(prepared)) {
      overrides[stateName] = (taskInput) =>
        this.invokeTask(execution, stateName, String(state.Resource), taskInput as Json);
    }
    const machine = new StateMachine(prepared as never, { validationOptions: { checkArn: false, checkPaths: false } });
    const run = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: overrides as never },
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: execution.executionArn,
          Input: input as never,
          Name: execution.name,
          StartTime: new Date(execution.startDate).toISOString(),
        },
        StateMachine: { Id: execution.stateMachineArn },
        Task: { Token: TOKEN_SENTINEL },
      },
    });
    execution.abort = run.abort;
    void (async () => {
      let id = 0;
      for await (const event of run.eventLogs)
        execution.history.push({ id: ++id, ...historyEvent(event as unknown as Json) });
    })().catch(() => undefined);
    run.result.then(
      (output) => {
        if (execution.status !== 'RUNNING') return;
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output ?? null);
        execution.stopDate = Date.now();
      },
      (error: Error) => {
        if (execution.status !== 'RUNNING') return;
        execution.status = error.name === 'ExecutionTimeoutError' ? 'TIMED_OUT' : 'FAILED';
        const failure = error as Error & { ruleError?: string; cause?: unknown };
        execution.error = failure.name;
        execution.cause = failure.message;
        execution.stopDate = Date.now();
      },
    );
  }

  private async invokeTask(execution: Execution, stateName: string, resource: string, input: Json): Promise<unknown> {
    const { [TIMEOUT_FIELD]: timeoutSeconds, ...parameters } = input;
    const waitForToken = resource.endsWith('.waitForTaskToken');
    const functionName = String(parameters.FunctionName ?? resource);
    const name = functionName.split(':').pop() ?? '';
    const handler = this.functions[name];
    if (!handler) throw new TaskError('States.Runtime', `no local function for ${functionName} (state ${stateName})`);
    if (!waitForToken) {
      const payload = await callLambda(handler, name, parameters.Payload);
      return resource === 'arn:aws:states:::lambda:invoke'
        ? { Payload: payload, StatusCode: 200, ExecutedVersion: '$LATEST' }
        : payload;
    }
    const token = `${randomUUID()}.${Buffer.from(execution.executionArn).toString('base64url')}`;
    const settled = new Promise<unknown>((resolve, reject) => {
      const pending: PendingToken = { executionArn: execution.executionArn, resolve, reject };
      if (typeof timeoutSeconds === 'number') {
        pending.timer = this.clock.schedule(this.clock.now() + timeoutSeconds * 1000, () => {
          this.tokens.delete(token);
          reject(new TaskError('States.Timeout', `state ${stateName} timed out after ${timeoutSeconds} s`));
        });
      }
      this.tokens.set(token, pending);
    });
    // The timeout may fire (a clock jump) while the handler below still runs, before anyone awaits `settled`;
    // the engine gets the outcome when this function returns it, so mark it handled now (an unhandled rejection
    // would stop `npm start`).
    settled.catch(() => undefined);
    try {
      await handler(replaceToken(parameters.Payload, token), lambdaContext(name));
    } catch (error) {
      this.settle(token)?.reject(asTaskError(error));
    }
    return settled;
  }

  private settle(token: string) {
    const pending = this.tokens.get(token);
    if (!pending) return undefined;
    this.tokens.delete(token);
    pending.timer?.cancel();
    return pending;
  }

  sendTaskSuccess(token: string, output: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new ServiceError('InvalidOutput', 'Invalid output: not JSON');
    }
    const pending = this.settle(token);
    if (!pending) throw new ServiceError(this.tokenError(token), 'Task Timed Out or does not exist');
    pending.resolve(parsed);
  }

  sendTaskFailure(token: string, error = 'States.TaskFailed', cause = '') {
    const pending = this.settle(token);
    if (!pending) throw new ServiceError(this.tokenError(token), 'Task Timed Out or does not exist');
    pending.reject(new TaskError(error, cause));
  }

  private tokenError(token: string) {
    return token.includes('.') ? 'TaskDoesNotExist' : 'InvalidToken';
  }

  stop(executionArn: string, error?: string, cause?: string) {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (execution.status !== 'RUNNING') return execution;
    execution.status = 'ABORTED';
    execution.stopDate = Date.now();
    if (error) execution.error = error;
    if (cause) execution.cause = cause;
    for (const [token, pending] of this.tokens) {
      if (pending.executionArn === executionArn) {
        this.settle(token);
      }
    }
    execution.abort?.();
    return execution;
  }

  /** Stops every running execution (the host is shutting down; DynamoDB keeps where each dossier is). */
  stopAll() {
    for (const execution of this.list(undefined, 'RUNNING')) this.stop(execution.executionArn, 'HostStopped');
  }

  describe(executionArn: string) {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  async listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close() {
    this.stopAll();
    this.clock.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
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
        const execution = this.start(
          String(body.stateMachineArn),
          String(body.name ?? randomUUID()),
          String(body.input ?? '{}'),
        );
        return { executionArn: execution.executionArn, startDate: seconds(execution.startDate) };
      }
      case 'SendTaskSuccess':
        this.sendTaskSuccess(String(body.taskToken), String(body.output));
        return {};
      case 'SendTaskFailure':
        this.sendTaskFailure(
          String(body.taskToken),
          body.error as string | undefined,
          body.cause as string | undefined,
        );
        return {};
      case 'SendTaskHeartbeat':
        if (!this.tokens.has(String(body.taskToken))) throw new ServiceError('TaskDoesNotExist', 'Task does not exist');
        return {};
      case 'StopExecution': {
        const execution = this.stop(
          String(body.executionArn),
          body.error as string | undefined,
          body.cause as string | undefined,
        );
        return { stopDate: seconds(execution.stopDate) };
      }
      case 'DescribeExecution': {
        const e = this.describe(String(body.executionArn));
        return {
          ...summary(e),
          input: e.input,
          output: e.output,
          error: e.error,
          cause: e.cause,
        };
      }
      case 'GetExecutionHistory': {
        const e = this.describe(String(body.executionArn));
        const events = body.reverseOrder ? [...e.history].reverse() : e.history;
        return { events: events.map((event) => ({ ...event, timestamp: seconds(event.timestamp as number) })) };
      }
      case 'ListExecutions': {
        const items = this.list(body.stateMachineArn as string | undefined, body.statusFilter as string | undefined);
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

function taskStates(definition: Json): [string, Json][] {
  const found: [string, Json][] = [];
  const walk = (states: Record<string, Json>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') found.push([name, state]);
      for (const branch of (state.Branches as Json[] | undefined) ?? []) walk(branch.States as Record<string, Json>);
      const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
      if (processor) walk(processor.States as Record<string, Json>);
    }
  };
  walk(definition.States as Record<string, Json>);
  return found;
}

/**
 * Moves each Task's timeout into its Parameters (evaluated on the state input, like TimeoutSecondsPath on AWS) and
 * parks the engine's own timer, so that this host enforces timeouts of any length.
 */
function prepare(definition: Json): Json {
  const copy = structuredClone(definition);
  for (const [, state] of taskStates(copy)) {
    const parameters = (state.Parameters ?? {}) as Json;
    if (typeof state.TimeoutSecondsPath === 'string') parameters[`${TIMEOUT_FIELD}.$`] = state.TimeoutSecondsPath;
    else if (typeof state.TimeoutSeconds === 'number') parameters[TIMEOUT_FIELD] = state.TimeoutSeconds;
    state.Parameters = parameters;
    delete state.TimeoutSecondsPath;
    delete state.HeartbeatSeconds;
    delete state.HeartbeatSecondsPath;
    state.TimeoutSeconds = PARKED_TIMEOUT_SECONDS;
  }
  return copy;
}

function replaceToken(value: unknown, token: string): unknown {
  if (value === TOKEN_SENTINEL) return token;
  if (Array.isArray(value)) return value.map((v) => replaceToken(v, token));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceToken(v, token)]));
  }
  return value;
}

/** A Lambda error reaches Catch/Retry by its name; the Cause is the JSON AWS Lambda reports. */
function asTaskError(error: unknown): TaskError {
  const e = error as Error;
  return new TaskError(e?.name || 'Error', JSON.stringify({ errorType: e?.name, errorMessage: e?.message }));
}

async function callLambda(handler: LambdaHandler, name: string, payload: unknown) {
  try {
    const result = await handler(payload, lambdaContext(name));
    // A Lambda's result crosses the wire as JSON: drop what JSON would.
    return JSON.parse(JSON.stringify(result ?? null));
  } catch (error) {
    throw asTaskError(error);
  }
}

function historyEvent(event: Json): Json {
  const state = event.state as Json | undefined;
  const base = { timestamp: event.timestamp, type: String(event.type) };
  if (state) {
    return {
      ...base,
      type: `${state.type}${event.type}`,
      stateName: state.name,
      ...(event.Error ? { error: event.Error, cause: event.Cause } : {}),
    };
  }
  return { ...base, ...(event.Error ? { error: event.Error, cause: event.Cause } : {}) };
}
