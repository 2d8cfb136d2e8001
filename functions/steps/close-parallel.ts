import { clock, dossiers } from '../composition';
import { AppError, notFound } from '../domain/errors';
import { closeParallel } from '../domain/lifecycle';

export interface CloseParallelEvent {
  dossierCode: string;
  step: { id: string; name: string; next: string };
}

/**
 * Every branch of a parallel step answered or lapsed: the dossier moves to the next step, and the history records
 * which agencies answered late. Idempotent (a replay finds the dossier already moved on).
 */
export async function handler(event: CloseParallelEvent) {
  for (let attempt = 0; ; attempt++) {
    const dossier = await dossiers.getDossier(event.dossierCode);
    if (!dossier) throw notFound('dossier', event.dossierCode);
    const closed = closeParallel(dossier, event.step, clock.now());
    if (!closed) return { next: event.step.next, late: [] as string[] };
    try {
      await dossiers.recordEvent(dossier.version, closed.dossier, closed.event);
      return { next: event.step.next, late: closed.late };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'STALE_VERSION') || attempt >= 8) throw error;
    }
  }
}
