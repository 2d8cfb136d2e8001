import { clock, dossiers } from '../composition';
import { notFound } from '../domain/errors';
import { closeParallel } from '../domain/lifecycle/routing';
import { stepHandler } from '../observability';
import { retryOnStaleVersion } from '../use-cases/retry-on-stale-version';

export interface CloseParallelEvent {
  dossierCode: string;
  step: { id: string; name: string; next: string };
}

/**
 * Every branch of a parallel step answered or lapsed: the dossier moves to the next step, and the history records
 * which agencies answered late. Idempotent (a replay finds the dossier already moved on).
 */
export const handler = /* @__PURE__ */ stepHandler((event: CloseParallelEvent) => {
  return retryOnStaleVersion(async () => {
    const dossier = await dossiers.getDossier(event.dossierCode);
    if (!dossier) throw notFound('dossier', event.dossierCode);
    const closed = closeParallel(dossier, event.step, clock.now());
    if (!closed) return { next: event.step.next, late: [] as string[] };
    await dossiers.recordEvent(dossier.version, closed.dossier, closed.event);
    return { next: event.step.next, late: closed.late };
  });
});
