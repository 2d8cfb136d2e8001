import { clock, dossiers, tasks } from '../composition';
import { notFound } from '../domain/errors';
import { foldAnswers } from '../domain/lifecycle/answers';
import { closeParallel } from '../domain/lifecycle/routing';
import { stepHandler } from '../observability';
import { retryOnStaleVersion } from '../use-cases/retry-on-stale-version';

export interface CloseParallelEvent {
  dossierCode: string;
  step: { id: string; name: string; next: string };
}

/**
 * Every branch of a parallel step answered or lapsed: the dossier takes in the answers its branches settled on their
 * tasks and moves to the next step, and the history records each answer and which agencies answered late.
 * Idempotent (a replay finds the dossier already moved on).
 */
export const handler = /* @__PURE__ */ stepHandler((event: CloseParallelEvent) => {
  return retryOnStaleVersion(async () => {
    const [dossier, all] = await Promise.all([
      dossiers.getDossier(event.dossierCode),
      tasks.getTasks(event.dossierCode),
    ]);
    if (!dossier) throw notFound('dossier', event.dossierCode);
    // The branches answered on their own tasks: the dossier takes their answers in, then moves on.
    const answered = foldAnswers(dossier, all);
    const closed = closeParallel(answered.dossier, event.step, clock.now());
    if (!closed) return { next: event.step.next, late: [] as string[] };
    await dossiers.recordEvents(dossier.version, closed.dossier, [
      ...answered.events,
      { event: closed.event, dossier: closed.dossier },
    ]);
    return { next: event.step.next, late: closed.late };
  });
});
