import { EXECUTION_NAME } from '../../functions/adapters/workflow-engine';
import { LocalClock } from './clock';
import { lambdaContext } from './lambda-context';
import { meter } from './metering';
import {
  asTaskError,
  callLambda,
  historyEvent,
  type Json,
  type LambdaHandler,
  prepare,
  replaceToken,
  TaskError,
  TIMEOUT_FIELD,
  TOKEN_SENTINEL,
  taskStates,
} from './sfn-asl';
import { StepFunctionsEndpoint } from './sfn-endpoint';
import { afterReply, ServiceError, TaskTokenRegistry } from './sfn-task-tokens';

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

export type { LambdaHandler } from './sfn-asl';

export interface Execution {
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

/**
 * A local AWS Step Functions: runs the compiled ASL on aws-local-stepfunctions and adds what that engine lacks — the
 * `.waitForTaskToken` callback pattern (a task waits on a promise settled by SendTaskSuccess/Failure), task timeouts
 * from TimeoutSeconds/TimeoutSecondsPath without the 60 s default nor the 24.8-day overflow, Lambda service-integration
 * result shapes, and an awsJson1_0 endpoint so that `@aws-sdk/client-sfn` works unchanged.
 */
export class LocalStepFunctions {
  /**
   * Each registered machine, validated and built once: the engine's constructor checks the whole definition, which
   * is most of the cost of starting an execution if done at each StartExecution. One machine runs any number of
   * executions; what is per execution (its task handlers, its context) is handed to `run`.
   */
  private readonly machines = new Map<
    string,
    { name: string; definition: Json; machine: InstanceType<typeof StateMachine>; tasks: [string, string][] }
  >();
  private readonly executions = new Map<string, Execution>();
  readonly tokens: TaskTokenRegistry;
  private readonly endpoint = new StepFunctionsEndpoint(this);

  constructor(
    private readonly functions: Record<string, LambdaHandler>,
    /** The clock step timeouts are measured on (the runtime's development clock). */
    readonly clock: LocalClock = new LocalClock(),
    private readonly region = 'local',
    private readonly account = '000000000000',
  ) {
    this.tokens = new TaskTokenRegistry(clock);
  }

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
    const prepared = prepare(definition);
    const machine = new StateMachine(prepared as never, { validationOptions: { checkArn: false, checkPaths: false } });
    const tasks = [...taskStates(prepared)].map(
      ([stateName, state]) => [stateName, String(state.Resource)] as [string, string],
    );
    this.machines.set(this.machineArn(name), { name, definition, machine, tasks });
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
    // Stopped before it began (StopExecution right after the start): it never runs.
    afterReply(() => {
      if (execution.status === 'RUNNING') this.run(execution, machine, parsedInput);
    });
    return execution;
  }

  private run(
    execution: Execution,
    { machine, tasks }: { machine: InstanceType<typeof StateMachine>; tasks: [string, string][] },
    input: unknown,
  ) {
    const overrides: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, resource] of tasks) {
      overrides[stateName] = (taskInput) => this.invokeTask(execution, stateName, resource, taskInput as Json);
    }
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
      const payload = await meter.invoke(name, () => callLambda(handler, name, parameters.Payload));
      return resource === 'arn:aws:states:::lambda:invoke'
        ? { Payload: payload, StatusCode: 200, ExecutedVersion: '$LATEST' }
        : payload;
    }
    const { token, settled } = this.tokens.issue(execution.executionArn, stateName, timeoutSeconds);
    try {
      await meter.invoke(name, () => handler(replaceToken(parameters.Payload, token), lambdaContext(name)));
    } catch (error) {
      this.tokens.settle(token)?.reject(asTaskError(error));
    }
    return settled;
  }

  stop(executionArn: string, error?: string, cause?: string) {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (execution.status !== 'RUNNING') return execution;
    execution.status = 'ABORTED';
    execution.stopDate = Date.now();
    if (error) execution.error = error;
    if (cause) execution.cause = cause;
    this.tokens.dropExecution(executionArn);
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

  /** Serves the Step Functions API for `@aws-sdk/client-sfn` (StartExecution, SendTaskSuccess, …). */
  listen(port = 0): Promise<string> {
    return this.endpoint.listen(port);
  }

  async close() {
    this.stopAll();
    this.clock.close();
    await this.endpoint.close();
  }
}
