import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { ExecutionInput, ExecutionStatus, ExecutionSummary, WorkflowEngine } from '../domain/ports';
import { sfn } from './clients/sfn';
import { signCursor, verifyCursor } from './cursor';
import { env, requireConfiguration } from './environment';

/** State machines are named `<prefix><flow id>`, one per flow: the prefix comes from the stack. */
export function stateMachineArn(flowId: string) {
  return `${env('STATE_MACHINE_ARN_PREFIX')}${flowId}`;
}

/**
 * What Step Functions accepts as an execution name: 1–80 characters, no white space, brackets, wildcards, control
 * characters or any of "#%\^|~`$&,;:/. Dossier codes qualify as they are.
 */
export const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

/** A token that was used, timed out or never existed: the step is no longer waiting for it. */
const isStale = (error: unknown) =>
  error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken;

/** AWS Step Functions (Standard): one state machine per flow, one execution per dossier. */
export class StepFunctionsEngine implements WorkflowEngine {
  constructor() {
    requireConfiguration('STATE_MACHINE_ARN_PREFIX');
  }

  /**
   * The execution name is the dossier code, so a retried request cannot start a second one: ExecutionAlreadyExists
   * means the first attempt got through.
   */
  async start(input: ExecutionInput): Promise<void> {
    try {
      await sfn().send(
        new StartExecutionCommand({
          stateMachineArn: stateMachineArn(input.flowId),
          name: input.dossierCode,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }

  async sendDecision(token: string, output: unknown): Promise<boolean> {
    try {
      await sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      if (isStale(error)) return false;
      throw error;
    }
  }

  async sendFailure(token: string, error: string, cause: string): Promise<boolean> {
    try {
      await sfn().send(new SendTaskFailureCommand({ taskToken: token, error, cause }));
      return true;
    } catch (err) {
      if (isStale(err)) return false;
      throw err;
    }
  }

  /** One page of a flow's executions, newest first, optionally by status; the cursor wraps Step Functions' token. */
  async listExecutions(flowId: string, options: { status?: ExecutionStatus; limit: number; cursor?: string }) {
    const binding = JSON.stringify(['executions', flowId, options.status ?? '', options.limit]);
    const nextToken = verifyCursor(options.cursor, binding)?.t;
    const page = await sfn().send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn(flowId),
        maxResults: options.limit,
        ...(options.status ? { statusFilter: options.status } : {}),
        ...(typeof nextToken === 'string' ? { nextToken } : {}),
      }),
    );
    return {
      items: (page.executions ?? []).map(
        (e): ExecutionSummary => ({
          name: e.name ?? '',
          flowId,
          status: e.status ?? 'UNKNOWN',
          startDate: iso(e.startDate),
          stopDate: iso(e.stopDate),
        }),
      ),
      nextCursor: signCursor(page.nextToken ? { t: page.nextToken } : undefined, binding),
    };
  }

  async describeExecution(flowId: string, name: string): Promise<ExecutionSummary | undefined> {
    const executionArn = `${stateMachineArn(flowId).replace(':stateMachine:', ':execution:')}:${name}`;
    try {
      const e = await sfn().send(new DescribeExecutionCommand({ executionArn }));
      return { name, flowId, status: e.status ?? 'UNKNOWN', startDate: iso(e.startDate), stopDate: iso(e.stopDate) };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  }
}
