import { clock, dossiers, tasks, workflows } from '../composition';
import { type Actor, DOSSIER_CLOSED, type Dossier, type HistoryEvent, type Task } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { foldAnswers } from '../domain/lifecycle/answers';
import { stopDossier as stop, withdraw } from '../domain/lifecycle/ending';
import { assertDossierVersion } from '../domain/lifecycle/history';
import { readableDossier } from './dossier-views';
import { retryOnStaleVersion } from './retry-on-stale-version';

/**
 * Rút hồ sơ — the applicant ends the dossier before its result is ready. Without a version from the client, a race
 * lost to the flow itself (a step opening as the request arrives) is retried on the new state; with one, the client
 * hears that the dossier moved (409 STALE_VERSION).
 */
export function withdrawDossier(actor: Actor, code: string, reason: string, version?: number) {
  const once = async () => {
    const dossier = await readableDossier(actor, code);
    assertDossierVersion(dossier, version);
    return closeDossier(dossier, await tasks.getTasks(code), (d, open) =>
      withdraw(d, open, actor, reason, clock.now()),
    );
  };
  return version === undefined ? retryOnStaleVersion(once) : once();
}

/** Dừng xử lý — the side decision `stop` of a leader on an open task (retried on the flow's own moves, as above). */
export function stopDossier(actor: Actor, taskId: string, reason: string | undefined) {
  return retryOnStaleVersion(async () => {
    const task = await tasks.getTask(taskId);
    if (!task) throw notFound('task', taskId);
    const dossier = await dossiers.getDossier(task.dossierCode);
    if (!dossier) throw notFound('dossier', task.dossierCode);
    const all = await tasks.getTasks(dossier.code);
    return closeDossier(dossier, all, (d, open) => stop(d, task, open, actor, reason, clock.now()));
  });
}

/**
 * Ends the dossier and its open tasks in one transaction, after taking in the answers its parallel branches settled
 * (so that the history keeps them), then tells each waiting step that its dossier is closed so the execution ends.
 * A step that has no live token learns it when it next attaches one.
 */
async function closeDossier(
  dossier: Dossier,
  tasks: Task[],
  end: (dossier: Dossier, open: Task[]) => { dossier: Dossier; event: HistoryEvent; closed: Task[] },
) {
  const answered = foldAnswers(dossier, tasks);
  const result = end(
    answered.dossier,
    tasks.filter((t) => t.state === 'OPEN' || t.state === 'DECIDED'),
  );
  await dossiers.closeDossier(dossier.version, result.dossier, result.closed, [
    ...answered.events,
    { event: result.event, dossier: result.dossier },
  ]);
  for (const task of result.closed) {
    if (task.token)
      await workflows.sendFailure(
        task.token,
        DOSSIER_CLOSED,
        `dossier ${result.event.action}: ${result.event.toStatus}`,
      );
  }
  return result.dossier;
}
