import { tasks, workflows } from '../composition';
import { DOSSIER_CLOSED } from '../domain/dossier';
import { AppError, notFound } from '../domain/errors';
import { stepHandler } from '../observability';
import { decisionOutput } from '../use-cases/decide-task';

export interface AwaitDecisionEvent {
  taskToken: string;
  dossierCode: string;
  taskId: string;
}

/**
 * `.waitForTaskToken` step: stores the token on the task so that an officer's decision can resume the flow. When
 * the decision was recorded before the token arrived (a re-driven or re-opened step), it is delivered at once.
 */
export const handler = /* @__PURE__ */ stepHandler(async (event: AwaitDecisionEvent) => {
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
      const saved = task.state === 'APPLIED' ? task : await tasks.attachToken(task, event.taskToken);
      if (saved.state !== 'OPEN') await workflows.sendDecision(event.taskToken, decisionOutput(saved));
      return { taskId: saved.id, state: saved.state };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'STALE_VERSION')) throw error;
    }
  }
  throw new Error(`could not attach the token of task ${event.taskId}: it kept changing`);
});
