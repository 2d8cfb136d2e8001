import { clock, tasks } from '../composition';
import { DossierClosedError } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { recordLapse } from '../domain/lifecycle/ending';
import { flowOutput } from '../domain/lifecycle/routing';
import { stepHandler } from '../observability';
import { retryOnStaleVersion } from '../use-cases/retry-on-stale-version';
import { settleDecision } from '../use-cases/settle-decision';

export interface ExpireTaskEvent {
  dossierCode: string;
  taskId: string;
}

/**
 * An applicant's, external system's or branch's deadline lapsed: the step's timeout decision is settled as the
 * system's (applied, the next step opened) and the route returned to the state machine, which routes on it like on
 * any decision. If the applicant answered at the last moment, that answer stands and its route is returned.
 */
export const handler = /* @__PURE__ */ stepHandler((event: ExpireTaskEvent) => {
  return retryOnStaleVersion(async () => {
    const task = await tasks.getTask(event.taskId);
    if (!task) throw notFound('task', event.taskId);
    if (task.state === 'APPLIED') return flowOutput(task, clock.now());
    if (task.state === 'CLOSED') throw new DossierClosedError(task.dossierCode);
    const decided = task.state === 'DECIDED' && task.decided ? task.decided : recordLapse(task, clock.now());
    // The waiting state timed out: its token is dead, and the route goes back as this step's result.
    return (await settleDecision(task, decided)).output;
  });
});
