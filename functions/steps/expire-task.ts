import { clock, tasks } from '../composition';
import { AppError, notFound } from '../domain/errors';
import { recordLapse } from '../domain/lifecycle/ending';
import { stepHandler } from '../observability';

export interface ExpireTaskEvent {
  dossierCode: string;
  taskId: string;
}

/**
 * An applicant step's deadline lapsed (no supplement in time): records the step's timeout decision as the system's,
 * which apply-decision then applies like any other. If the applicant answered at the last moment, that answer stands.
 */
export const handler = /* @__PURE__ */ stepHandler(async (event: ExpireTaskEvent) => {
  const task = await tasks.getTask(event.taskId);
  if (!task) throw notFound('task', event.taskId);
  if (task.state === 'OPEN') {
    try {
      await tasks.saveDecision(task, recordLapse(task, clock.now()));
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'STALE_VERSION')) throw error;
    }
  }
  return { taskId: task.id };
});
