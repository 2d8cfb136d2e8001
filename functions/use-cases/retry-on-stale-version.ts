import { AppError } from '../domain/errors';

/**
 * Runs a read-modify-write again when another writer moved the dossier first (STALE_VERSION): the branches of a
 * parallel step open and apply at the same time, and a step may open just as an applicant withdraws. Any other
 * error, or too many lost races, goes to the caller (the state machine retries or fails the step).
 */
export async function retryOnStaleVersion<T>(attempt: () => Promise<T>, times = 8): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'STALE_VERSION') || n >= times) throw error;
    }
  }
}
