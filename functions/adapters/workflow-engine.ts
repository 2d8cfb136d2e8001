import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type ExecutionStatus,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { awsClients, env } from './aws-clients';
import { signCursor, verifyCursor } from './cursor';

export interface ExecutionInput {
  dossierCode: string;
  flowId: string;
  startStepId: string;
  stepHours: Record<string, number>;
}

/** State machines are named `<prefix><flow id>`, one per flow: the prefix comes from the stack. */
export function stateMachineArn(flowId: string) {
  return `${env('STATE_MACHINE_ARN_PREFIX')}${flowId}`;
}

/**
 * Starts the dossier's execution. The execution name is the dossier code, so a retried request cannot start a
 * second one: ExecutionAlreadyExists means the first attempt got through.
 */
export async function startExecution(input: ExecutionInput): Promise<void> {
  try {
    await awsClients().sfn.send(
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

/**
 * What Step Functions accepts as an execution name: 1–80 characters, no white space, brackets, wildcards, control
 * characters or any of "#%\\^|~`$&,;:/. Dossier codes qualify as they are.
 */
export const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;

/** Hands a decision to the waiting step. False when the token is no longer valid (already used or timed out). */
export async function sendDecision(token: string, output: unknown): Promise<boolean> {
  try {
    await awsClients().sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken)
      return false;
    throw error;
  }
}

/** What operators see of an execution: its name (the dossier code), flow, status and times; never its data. */
export interface ExecutionSummary {
  name: string;
  flowId: string;
  status: string;
  startDate: string | null;
  stopDate: string | null;
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

/** One page of a flow's executions, newest first, optionally by status; the cursor wraps Step Functions' token. */
export async function listExecutions(
  flowId: string,
  options: { status?: ExecutionStatus; limit: number; cursor?: string },
) {
  const binding = JSON.stringify(['executions', flowId, options.status ?? '', options.limit]);
  const nextToken = verifyCursor(options.cursor, binding)?.t;
  const page = await awsClients().sfn.send(
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

/** The execution of a dossier (named after its code), or undefined when there is none. */
export async function describeExecution(flowId: string, name: string): Promise<ExecutionSummary | undefined> {
  const executionArn = `${stateMachineArn(flowId).replace(':stateMachine:', ':execution:')}:${name}`;
  try {
    const e = await awsClients().sfn.send(new DescribeExecutionCommand({ executionArn }));
    return { name, flowId, status: e.status ?? 'UNKNOWN', startDate: iso(e.startDate), stopDate: iso(e.stopDate) };
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
}

export async function sendFailure(token: string, error: string, cause: string): Promise<boolean> {
  try {
    await awsClients().sfn.send(new SendTaskFailureCommand({ taskToken: token, error, cause }));
    return true;
  } catch (err) {
    if (err instanceof TaskDoesNotExist || err instanceof TaskTimedOut || err instanceof InvalidToken) return false;
    throw err;
  }
}
