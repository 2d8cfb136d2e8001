import { clock, tasks, workflows } from '../composition';
import { DOSSIER_CLOSED } from '../domain/dossier';
import { AppError, notFound } from '../domain/errors';
import { flowOutput } from '../domain/lifecycle/routing';
import { stepHandler } from '../observability';
import { settleDecision } from '../use-cases/settle-decision';

export interface AwaitDecisionEvent {
  taskToken: string;
  dossierCode: string;
  taskId: string;
}

/**
 * `.waitForTaskToken` step: stores the token on the task so that a decision can resume the flow. When the decision
 * was settled before the token arrived (the step re-entered after a timeout, a decision that came while the token
 * was on its way), the route it took is delivered at once; a decision an older version recorded but did not apply
 * is settled first.
 */
export const handler = /* @__PURE__ */ stepHandler(async (event: AwaitDecisionEvent) => {
  // A branch already answered in this run of its parallel step opened no task (open-task): nothing to wait for.
  if (!event.taskId) {
    await workflows.sendDecision(event.taskToken, { next: '', taskId: '', timeoutSeconds: 0 });
    return { taskId: '', state: 'SKIPPED' };
  }
  // The usual case, in one write: the task is open and waits for its token.
  const attached = await tasks.attachTokenIfOpen(event.taskId, event.taskToken);
  if (attached) return { taskId: attached.id, state: attached.state };
  for (let attempt = 0; attempt < 5; attempt++) {
    const task = await tasks.getTask(event.taskId);
    if (!task) throw notFound('task', event.taskId);
    try {
      if (task.state === 'CLOSED') {
        await workflows.sendFailure(
          event.taskToken,
          DOSSIER_CLOSED,
          `dossier ${task.dossierCode} ended while the step waited`,
        );
        return { taskId: task.id, state: task.state };
      }
      if (task.state === 'DECIDED' && task.decided) {
        const settled = await settleDecision(task, task.decided);
        await workflows.sendDecision(event.taskToken, settled.output);
        return { taskId: task.id, state: 'APPLIED' };
      }
      if (task.state === 'APPLIED') {
        await workflows.sendDecision(event.taskToken, flowOutput(task, clock.now()));
        return { taskId: task.id, state: task.state };
      }
      const saved = await tasks.attachToken(task, event.taskToken);
      return { taskId: saved.id, state: saved.state };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'STALE_VERSION')) throw error;
    }
  }
  throw new Error(`could not attach the token of task ${event.taskId}: it kept changing`);
});
