import { randomUUID } from 'node:crypto';
import type { LocalClock } from './clock';
import { TaskError } from './sfn-asl';
import type { Timer } from './timers';

/**
 * Runs what an API call set going (an execution's start, a task's continuation) once the call has been answered: on
 * AWS the execution goes on elsewhere, while here it shares the caller's event loop, and run at once it would hold
 * back the reply the caller waits for (a decision waits on SendTaskSuccess). The call's own effect (the execution
 * recorded, the token used) is immediate; a later identical call sees it.
 */
export function afterReply(work: () => void) {
  setTimeout(work, 1);
}

/** An error of the Step Functions API (answered as `{ __type, message }`, a 400). */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface PendingToken {
  executionArn: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  timer?: Timer;
}

/**
 * The `.waitForTaskToken` callback pattern that aws-local-stepfunctions lacks: each waiting task gets a token whose
 * promise SendTaskSuccess/Failure settles, or its timeout (TimeoutSeconds/TimeoutSecondsPath on the development
 * clock, of any length) rejects with States.Timeout.
 */
export class TaskTokenRegistry {
  private readonly tokens = new Map<string, PendingToken>();

  constructor(private readonly clock: LocalClock) {}

  /** A new token for a waiting task of an execution, and the promise its callback settles. */
  issue(executionArn: string, stateName: string, timeoutSeconds: unknown) {
    const token = `${randomUUID()}.${Buffer.from(executionArn).toString('base64url')}`;
    const settled = new Promise<unknown>((resolve, reject) => {
      const pending: PendingToken = { executionArn, resolve, reject };
      if (typeof timeoutSeconds === 'number') {
        pending.timer = this.clock.schedule(this.clock.now() + timeoutSeconds * 1000, () => {
          this.tokens.delete(token);
          reject(new TaskError('States.Timeout', `state ${stateName} timed out after ${timeoutSeconds} s`));
        });
      }
      this.tokens.set(token, pending);
    });
    // The timeout may fire (a clock jump) before anyone awaits `settled`; the engine gets the outcome when the task
    // returns it, so mark it handled now (an unhandled rejection would stop `npm start`).
    settled.catch(() => undefined);
    return { token, settled };
  }

  has(token: string) {
    return this.tokens.has(token);
  }

  /** Takes a token out of the registry (its timer cancelled); undefined when it was used or timed out. */
  settle(token: string) {
    const pending = this.tokens.get(token);
    if (!pending) return undefined;
    this.tokens.delete(token);
    pending.timer?.cancel();
    return pending;
  }

  succeed(token: string, output: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new ServiceError('InvalidOutput', 'Invalid output: not JSON');
    }
    const pending = this.settle(token);
    if (!pending) throw new ServiceError(this.tokenError(token), 'Task Timed Out or does not exist');
    afterReply(() => pending.resolve(parsed));
  }

  fail(token: string, error = 'States.TaskFailed', cause = '') {
    const pending = this.settle(token);
    if (!pending) throw new ServiceError(this.tokenError(token), 'Task Timed Out or does not exist');
    afterReply(() => pending.reject(new TaskError(error, cause)));
  }

  /** Forgets every token of a stopped execution. */
  dropExecution(executionArn: string) {
    for (const [token, pending] of this.tokens) if (pending.executionArn === executionArn) this.settle(token);
  }

  private tokenError(token: string) {
    return token.includes('.') ? 'TaskDoesNotExist' : 'InvalidToken';
  }
}
